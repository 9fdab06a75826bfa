export * from './conformance-pack';
export * from './pack-template';
export * from './remediation';
export * from './rule';
export * from './rule-sets';
