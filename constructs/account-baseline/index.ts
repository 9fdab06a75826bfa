export * from './account-baseline';
export * from './baseline-stack-set-options';
export * from './controls/catalogue';
export * from './controls/control';
export * from './service-control-policy-options';
