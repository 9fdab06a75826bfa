// The public surface of @gantry/cdk.
export * from './core/monitoring';
export * from './core/pipeline-step';
export * from './core/notification-options';
export * from './core/shared-keys';
export * from './core/secure-resources';
export * from './core/rule-topic-target';
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
export { ManagedPolicyRole } from './core/managed-policy-role';
export { GantryErrors } from './core/errors';
