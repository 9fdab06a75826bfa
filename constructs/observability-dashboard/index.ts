export * from './custom-metrics';
export * from './delivery-events';
export * from './observability-dashboard';
export * from './slo';
export * from './types';
