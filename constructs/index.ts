// The public surface of @gantry/cdk.
export * from './core/contracts/monitoring';
export * from './core/contracts/pipeline-step';
export * from './core/contracts/notification-options';
export * from './core/secure-defaults/shared-keys';
export * from './core/secure-defaults/secure-resources';
export * from './core/secure-defaults/rule-topic-target';
export * from './package-registry';
export * from './blue-green-lambda';
export * from './pipeline-with-approval';
export * from './account-baseline';
export * from './conformance-pack';
export * from './observability-dashboard';
export * from './feature-flags';
export * from './blue-green-ecs-service';
export * from './chaos-experiment';
export * from './nag-acknowledgement';
export { ManagedPolicyRole } from './core/secure-defaults/managed-policy-role';
export { GantryErrors } from './core/contracts/errors';
