export * from './types';
export * from './targets';
export * from './constants';
export * from './grid';
export { normalCdf, erf } from './normalCdf';
