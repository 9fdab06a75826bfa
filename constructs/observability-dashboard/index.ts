export * from './custom-metrics';
export * from './observability-dashboard';
export * from './slo';
export * from './types';
