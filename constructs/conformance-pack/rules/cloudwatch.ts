import { ManagedRuleDefinition, RuleTrigger } from './definition';

/** AWS Config managed rules for Amazon CloudWatch. */
export const CLOUDWATCH_RULES: ManagedRuleDefinition[] = [
  { identifier: 'CLOUDWATCH_ALARM_ACTION_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::CloudWatch::Alarm'], parameters: { alarmActionRequired: { type: 'Boolean', required: true }, insufficientDataActionRequired: { type: 'Boolean', required: true }, okActionRequired: { type: 'Boolean', required: true } }, nagRuleIds: ['NIST.800.53.R5-CloudWatchAlarmAction', 'HIPAA.Security-CloudWatchAlarmAction'] },
  { identifier: 'CLOUDWATCH_ALARM_ACTION_ENABLED_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::CloudWatch::Alarm'] },
  { identifier: 'CLOUDWATCH_ALARM_RESOURCE_CHECK', trigger: RuleTrigger.PERIODIC, parameters: { metricName: { type: 'String', required: true }, resourceType: { type: 'String', required: true } } },
  { identifier: 'CLOUDWATCH_ALARM_SETTINGS_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::CloudWatch::Alarm'], parameters: { metricName: { type: 'String', required: true } } },
  { identifier: 'CLOUDWATCH_LOG_GROUP_ENCRYPTED', trigger: RuleTrigger.PERIODIC, nagRuleIds: ['NIST.800.53.R5-CloudWatchLogGroupEncrypted', 'HIPAA.Security-CloudWatchLogGroupEncrypted', 'PCI.DSS.321-CloudWatchLogGroupEncrypted'] },
  { identifier: 'CW_LOGGROUP_RETENTION_PERIOD_CHECK', trigger: RuleTrigger.PERIODIC, resourceTypes: ['AWS::Logs::LogGroup'], parameters: { MinRetentionTime: { type: 'Int' }, LogGroupNames: { type: 'CSV' } }, nagRuleIds: ['NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod', 'HIPAA.Security-CloudWatchLogGroupRetentionPeriod', 'PCI.DSS.321-CloudWatchLogGroupRetentionPeriod', 'Serverless-CloudWatchLogGroupRetentionPeriod'] },
];
