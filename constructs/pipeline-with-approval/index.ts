export * from './pipeline-with-approval';
export * from './sources';
export * from './types';
