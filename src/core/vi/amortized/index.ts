export * from './models';
export * from './elbo';
export * from './encoder';
export * from './closedForm';
export * from './study';
