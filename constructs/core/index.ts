// Shared internals. Public, re-exported by constructs/index.ts: the contracts (monitoring, pipeline steps, GantryErrors) and ManagedPolicyRole.
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
export * from './suggest';
