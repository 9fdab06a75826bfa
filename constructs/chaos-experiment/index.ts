export * from './chaos-experiment';
export * from './fault';
export * from './fault-options';
export * from './lambda-extension';
export * from './pipeline-step';
export * from './targets';
export * from './report';
