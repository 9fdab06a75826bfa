import { ManagedRuleDefinition, RuleTrigger } from './definition';

/** AWS Config managed rules for Amazon RDS and Aurora. */
export const RDS_RULES: ManagedRuleDefinition[] = [
  { identifier: 'AURORA_RESOURCES_PROTECTED_BY_BACKUP_PLAN', trigger: RuleTrigger.PERIODIC, resourceTypes: ['AWS::RDS::DBCluster'] },
  { identifier: 'DB_INSTANCE_BACKUP_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::RDS::DBInstance'], parameters: { backupRetentionPeriod: { type: 'Int' }, preferredBackupWindow: { type: 'String' }, checkReadReplicas: { type: 'Boolean' } }, nagRuleIds: ['NIST.800.53.R5-RDSInstanceBackupEnabled', 'HIPAA.Security-RDSInstanceBackupEnabled', 'AwsSolutions-RDS13'] },
  { identifier: 'RDS_AUTOMATIC_MINOR_VERSION_UPGRADE_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::RDS::DBInstance'], nagRuleIds: ['HIPAA.Security-RDSAutomaticMinorVersionUpgradeEnabled', 'PCI.DSS.321-RDSAutomaticMinorVersionUpgradeEnabled'] },
  { identifier: 'RDS_CLUSTER_DELETION_PROTECTION_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::RDS::DBCluster'] },
  { identifier: 'RDS_CLUSTER_MULTI_AZ_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::RDS::DBCluster'] },
  { identifier: 'RDS_ENHANCED_MONITORING_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::RDS::DBInstance'], nagRuleIds: ['NIST.800.53.R5-RDSEnhancedMonitoringEnabled', 'HIPAA.Security-RDSEnhancedMonitoringEnabled'] },
  { identifier: 'RDS_IN_BACKUP_PLAN', trigger: RuleTrigger.PERIODIC, resourceTypes: ['AWS::RDS::DBInstance'], nagRuleIds: ['NIST.800.53.R5-RDSInBackupPlan', 'HIPAA.Security-RDSInBackupPlan'] },
  { identifier: 'RDS_INSTANCE_DEFAULT_ADMIN_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::RDS::DBInstance'] },
  { identifier: 'RDS_INSTANCE_DELETION_PROTECTION_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::RDS::DBInstance'], nagRuleIds: ['NIST.800.53.R5-RDSInstanceDeletionProtectionEnabled', 'HIPAA.Security-RDSInstanceDeletionProtectionEnabled', 'AwsSolutions-RDS10'] },
  { identifier: 'RDS_INSTANCE_PUBLIC_ACCESS_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::RDS::DBInstance'], nagRuleIds: ['NIST.800.53.R5-RDSInstancePublicAccess', 'HIPAA.Security-RDSInstancePublicAccess', 'PCI.DSS.321-RDSInstancePublicAccess'] },
  { identifier: 'RDS_LOGGING_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::RDS::DBInstance'], nagRuleIds: ['NIST.800.53.R5-RDSLoggingEnabled', 'HIPAA.Security-RDSLoggingEnabled', 'PCI.DSS.321-RDSLoggingEnabled'] },
  { identifier: 'RDS_MULTI_AZ_SUPPORT', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::RDS::DBInstance'], nagRuleIds: ['NIST.800.53.R5-RDSMultiAZSupport', 'HIPAA.Security-RDSMultiAZSupport', 'AwsSolutions-RDS3'] },
  { identifier: 'RDS_SNAPSHOT_ENCRYPTED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::RDS::DBClusterSnapshot', 'AWS::RDS::DBSnapshot'] },
  { identifier: 'RDS_SNAPSHOTS_PUBLIC_PROHIBITED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::RDS::DBClusterSnapshot', 'AWS::RDS::DBSnapshot'] },
  { identifier: 'RDS_STORAGE_ENCRYPTED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::RDS::DBInstance'], nagRuleIds: ['NIST.800.53.R5-RDSStorageEncrypted', 'HIPAA.Security-RDSStorageEncrypted', 'PCI.DSS.321-RDSStorageEncrypted', 'AwsSolutions-RDS2'] },
];
