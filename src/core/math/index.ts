export * from './logSumExp';
export * from './linalg';
export * from './linalg2';
export * from './eigen';
export * from './gaussian';
export * from './stats';
