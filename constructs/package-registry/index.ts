export * from './package-registry';
export * from './package-format';
export * from './package-namespace';
export * from './registry-package';
