export * from './types';
export * from './meanField';
export * from './fullRank';
export * from './couplingFlow';
export * from './elbo';
export * from './createFamily';
export * from './ensureGradients';
