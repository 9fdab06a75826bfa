import { ManagedRuleDefinition, RuleTrigger } from './definition';

/** AWS Config managed rules for AWS CloudTrail. */
export const CLOUDTRAIL_RULES: ManagedRuleDefinition[] = [
  { identifier: 'CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED', trigger: RuleTrigger.PERIODIC, nagRuleIds: ['NIST.800.53.R5-CloudTrailCloudWatchLogsEnabled', 'HIPAA.Security-CloudTrailCloudWatchLogsEnabled', 'PCI.DSS.321-CloudTrailCloudWatchLogsEnabled'] },
  { identifier: 'CLOUD_TRAIL_ENABLED', trigger: RuleTrigger.PERIODIC, parameters: { s3BucketName: { type: 'String' }, snsTopicArn: { type: 'String' }, cloudWatchLogsLogGroupArn: { type: 'String' } } },
  { identifier: 'CLOUD_TRAIL_ENCRYPTION_ENABLED', trigger: RuleTrigger.PERIODIC, nagRuleIds: ['NIST.800.53.R5-CloudTrailEncryptionEnabled', 'HIPAA.Security-CloudTrailEncryptionEnabled', 'PCI.DSS.321-CloudTrailEncryptionEnabled'] },
  { identifier: 'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED', trigger: RuleTrigger.PERIODIC, nagRuleIds: ['NIST.800.53.R5-CloudTrailLogFileValidationEnabled', 'HIPAA.Security-CloudTrailLogFileValidationEnabled', 'PCI.DSS.321-CloudTrailLogFileValidationEnabled'] },
  { identifier: 'CLOUDTRAIL_S3_DATAEVENTS_ENABLED', trigger: RuleTrigger.PERIODIC },
  { identifier: 'CLOUDTRAIL_SECURITY_TRAIL_ENABLED', trigger: RuleTrigger.PERIODIC },
  { identifier: 'MULTI_REGION_CLOUD_TRAIL_ENABLED', trigger: RuleTrigger.PERIODIC },
];
