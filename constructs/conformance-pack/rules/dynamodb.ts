import { ManagedRuleDefinition, RuleTrigger } from './definition';

/** AWS Config managed rules for Amazon DynamoDB. */
export const DYNAMODB_RULES: ManagedRuleDefinition[] = [
  { identifier: 'DYNAMODB_AUTOSCALING_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::DynamoDB::Table'], nagRuleIds: ['NIST.800.53.R5-DynamoDBAutoScalingEnabled', 'HIPAA.Security-DynamoDBAutoScalingEnabled'] },
  { identifier: 'DYNAMODB_IN_BACKUP_PLAN', trigger: RuleTrigger.PERIODIC, resourceTypes: ['AWS::DynamoDB::Table'], nagRuleIds: ['NIST.800.53.R5-DynamoDBInBackupPlan', 'HIPAA.Security-DynamoDBInBackupPlan'] },
  { identifier: 'DYNAMODB_PITR_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::DynamoDB::Table'], nagRuleIds: ['NIST.800.53.R5-DynamoDBPITREnabled', 'HIPAA.Security-DynamoDBPITREnabled', 'AwsSolutions-DDB3'] },
  { identifier: 'DYNAMODB_RESOURCES_PROTECTED_BY_BACKUP_PLAN', trigger: RuleTrigger.PERIODIC, resourceTypes: ['AWS::DynamoDB::Table'] },
  { identifier: 'DYNAMODB_TABLE_ENCRYPTED_KMS', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::DynamoDB::Table'] },
  { identifier: 'DYNAMODB_THROUGHPUT_LIMIT_CHECK', trigger: RuleTrigger.PERIODIC, parameters: { accountRCUThresholdPercentage: { type: 'Int' }, accountWCUThresholdPercentage: { type: 'Int' } } },
];
