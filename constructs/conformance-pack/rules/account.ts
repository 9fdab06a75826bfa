import { ManagedRuleDefinition, RuleTrigger } from './definition';

/** AWS Config managed rules for account-wide settings and tagging. */
export const ACCOUNT_RULES: ManagedRuleDefinition[] = [
  { identifier: 'ACCOUNT_PART_OF_ORGANIZATIONS', trigger: RuleTrigger.PERIODIC },
  { identifier: 'AWS_CONFIG_PROCESS_CHECK', trigger: RuleTrigger.PERIODIC },
  { identifier: 'BEANSTALK_ENHANCED_HEALTH_REPORTING_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ElasticBeanstalk::Environment'], nagRuleIds: ['NIST.800.53.R5-ElasticBeanstalkEnhancedHealthReportingEnabled', 'HIPAA.Security-ElasticBeanstalkEnhancedHealthReportingEnabled'] },
  { identifier: 'ELASTIC_BEANSTALK_LOGS_TO_CLOUDWATCH', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ElasticBeanstalk::Environment'] },
  { identifier: 'ELASTIC_BEANSTALK_MANAGED_UPDATES_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ElasticBeanstalk::Environment'], nagRuleIds: ['NIST.800.53.R5-ElasticBeanstalkManagedUpdatesEnabled', 'HIPAA.Security-ElasticBeanstalkManagedUpdatesEnabled', 'AwsSolutions-EB3'] },
  { identifier: 'GUARDDUTY_ENABLED_CENTRALIZED', trigger: RuleTrigger.PERIODIC },
  { identifier: 'GUARDDUTY_NON_ARCHIVED_FINDINGS', trigger: RuleTrigger.PERIODIC, parameters: { daysHighSev: { type: 'Int' }, daysLowSev: { type: 'Int' }, daysMediumSev: { type: 'Int' } } },
  { identifier: 'MACIE_AUTO_SENSITIVE_DATA_DISCOVERY_CHECK', trigger: RuleTrigger.PERIODIC },
  { identifier: 'MACIE_STATUS_CHECK', trigger: RuleTrigger.PERIODIC },
  { identifier: 'REQUIRED_TAGS', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::EC2::Volume'], parameters: { tag1Key: { type: 'String', required: true }, tag1Value: { type: 'CSV' }, tag2Key: { type: 'String' }, tag2Value: { type: 'CSV' }, tag3Key: { type: 'String' }, tag3Value: { type: 'CSV' }, tag4Key: { type: 'String' }, tag4Value: { type: 'CSV' }, tag5Key: { type: 'String' }, tag5Value: { type: 'CSV' }, tag6Key: { type: 'String' }, tag6Value: { type: 'CSV' } } },
  { identifier: 'SECURITY_ACCOUNT_INFORMATION_PROVIDED', trigger: RuleTrigger.PERIODIC, resourceTypes: ['AWS::::Account'] },
  { identifier: 'SECURITYHUB_ENABLED', trigger: RuleTrigger.PERIODIC },
  { identifier: 'SERVICE_CATALOG_SHARED_WITHIN_ORGANIZATION', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ServiceCatalog::Portfolio'] },
  { identifier: 'SSM_DOCUMENT_NOT_PUBLIC', trigger: RuleTrigger.PERIODIC },
  { identifier: 'TRANSFER_FAMILY_SERVER_NO_FTP', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::Transfer::Server'] },
];
