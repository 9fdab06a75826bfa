export * from './pipeline-with-approval';
export * from './cdk-stage';
export * from './steps';
export * from './sources';
export * from './types';
