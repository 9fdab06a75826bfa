// Shared internals. Only the monitoring contract is public (re-exported from constructs/index.ts).
export * from './errors';
export * from './events';
export * from './limits';
export * from './monitoring';
export * from './pipeline-step';
export * from './nag';
export * from './secure-defaults';
export * from './validate';
export * from './managed-policy-role';
export * from './handler-function';
export * from './nag-wildcards';
export * from './ownership';
export * from './regions';
export * from './singleton';
export * from './monitoring-rules';
export * from './artifact-grants';
