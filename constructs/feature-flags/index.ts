export * from './feature-flags';
export * from './flag';
export * from './rollout';
