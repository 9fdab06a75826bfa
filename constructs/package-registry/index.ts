export * from './package-registry';
