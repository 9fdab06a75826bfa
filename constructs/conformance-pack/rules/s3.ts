import { ManagedRuleDefinition, RuleTrigger } from './definition';

/** AWS Config managed rules for Amazon S3. */
export const S3_RULES: ManagedRuleDefinition[] = [
  { identifier: 'S3_ACCESS_POINT_PUBLIC_ACCESS_BLOCKS', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::S3::AccessPoint'] },
  { identifier: 'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS', trigger: RuleTrigger.HYBRID, resourceTypes: ['AWS::S3::AccountPublicAccessBlock'] },
  { identifier: 'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC', trigger: RuleTrigger.PERIODIC, parameters: { BlockPublicAcls: { type: 'Boolean' }, BlockPublicPolicy: { type: 'Boolean' }, IgnorePublicAcls: { type: 'Boolean' }, RestrictPublicBuckets: { type: 'Boolean' } } },
  { identifier: 'S3_BUCKET_ACL_PROHIBITED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::S3::Bucket'] },
  { identifier: 'S3_BUCKET_BLACKLISTED_ACTIONS_PROHIBITED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::S3::Bucket'], parameters: { blacklistedActionPattern: { type: 'CSV', required: true } } },
  { identifier: 'S3_BUCKET_DEFAULT_LOCK_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::S3::Bucket'] },
  { identifier: 'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED', trigger: RuleTrigger.HYBRID, resourceTypes: ['AWS::S3::Bucket'], nagRuleIds: ['NIST.800.53.R5-S3BucketLevelPublicAccessProhibited', 'HIPAA.Security-S3BucketLevelPublicAccessProhibited', 'PCI.DSS.321-S3BucketLevelPublicAccessProhibited', 'AwsSolutions-S2'] },
  { identifier: 'S3_BUCKET_LOGGING_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::S3::Bucket'], parameters: { targetBucket: { type: 'String' }, targetPrefix: { type: 'String' } }, nagRuleIds: ['NIST.800.53.R5-S3BucketLoggingEnabled', 'HIPAA.Security-S3BucketLoggingEnabled', 'PCI.DSS.321-S3BucketLoggingEnabled', 'AwsSolutions-S1'] },
  { identifier: 'S3_BUCKET_MFA_DELETE_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::S3::Bucket'] },
  { identifier: 'S3_BUCKET_POLICY_GRANTEE_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::S3::Bucket'] },
  { identifier: 'S3_BUCKET_POLICY_NOT_MORE_PERMISSIVE', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::S3::Bucket'], parameters: { controlPolicy: { type: 'String', required: true } } },
  { identifier: 'S3_BUCKET_PUBLIC_READ_PROHIBITED', trigger: RuleTrigger.HYBRID, resourceTypes: ['AWS::S3::Bucket'], nagRuleIds: ['NIST.800.53.R5-S3BucketPublicReadProhibited', 'HIPAA.Security-S3BucketPublicReadProhibited', 'PCI.DSS.321-S3BucketPublicReadProhibited'] },
  { identifier: 'S3_BUCKET_PUBLIC_WRITE_PROHIBITED', trigger: RuleTrigger.HYBRID, resourceTypes: ['AWS::S3::Bucket'], nagRuleIds: ['NIST.800.53.R5-S3BucketPublicWriteProhibited', 'HIPAA.Security-S3BucketPublicWriteProhibited', 'PCI.DSS.321-S3BucketPublicWriteProhibited'] },
  { identifier: 'S3_BUCKET_REPLICATION_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::S3::Bucket'], nagRuleIds: ['NIST.800.53.R5-S3BucketReplicationEnabled', 'HIPAA.Security-S3BucketReplicationEnabled', 'PCI.DSS.321-S3BucketReplicationEnabled'] },
  { identifier: 'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::S3::Bucket'] },
  { identifier: 'S3_BUCKET_SSL_REQUESTS_ONLY', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::S3::Bucket'], nagRuleIds: ['NIST.800.53.R5-S3BucketSSLRequestsOnly', 'HIPAA.Security-S3BucketSSLRequestsOnly', 'PCI.DSS.321-S3BucketSSLRequestsOnly', 'AwsSolutions-S10'] },
  { identifier: 'S3_BUCKET_VERSIONING_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::S3::Bucket'], parameters: { isMfaDeleteEnabled: { type: 'Boolean' } }, nagRuleIds: ['NIST.800.53.R5-S3BucketVersioningEnabled', 'HIPAA.Security-S3BucketVersioningEnabled', 'PCI.DSS.321-S3BucketVersioningEnabled'] },
  { identifier: 'S3_DEFAULT_ENCRYPTION_KMS', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::S3::Bucket'], nagRuleIds: ['NIST.800.53.R5-S3DefaultEncryptionKMS', 'HIPAA.Security-S3DefaultEncryptionKMS', 'PCI.DSS.321-S3DefaultEncryptionKMS'] },
  { identifier: 'S3_EVENT_NOTIFICATIONS_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::S3::Bucket'] },
  { identifier: 'S3_RESOURCES_PROTECTED_BY_BACKUP_PLAN', trigger: RuleTrigger.PERIODIC, resourceTypes: ['AWS::S3::Bucket'] },
  { identifier: 'S3_VERSION_LIFECYCLE_POLICY_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::S3::Bucket'] },
];
