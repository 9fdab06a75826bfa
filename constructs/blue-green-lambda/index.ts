export * from './blue-green-lambda';
export * from './deployment-config';
export * from './version-alarm-thresholds';
