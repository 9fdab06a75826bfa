export * from './blue-green-ecs-service';
export * from './deployment-approval';
export * from './smoke-test-props';
export * from './traffic-shift';
