export * from './gaussHermite';
export * from './gaussianToy';
export * from './estimators';
export * from './varianceStudy';
