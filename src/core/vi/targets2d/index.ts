export * from './types';
export * from './targets';
export * from './grid';
export { normalCdf, erf } from './normalCdf';
