import { ManagedRuleDefinition, RuleTrigger } from './definition';

/** AWS Config managed rules for AWS Backup, EFS and FSx. */
export const BACKUP_AND_STORAGE_RULES: ManagedRuleDefinition[] = [
  { identifier: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::Backup::BackupPlan'] },
  { identifier: 'BACKUP_RECOVERY_POINT_ENCRYPTED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::Backup::RecoveryPoint'] },
  { identifier: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::Backup::BackupVault'] },
  { identifier: 'EFS_ACCESS_POINT_ENFORCE_USER_IDENTITY', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::EFS::AccessPoint'] },
  { identifier: 'EFS_ENCRYPTED_CHECK', trigger: RuleTrigger.PERIODIC, nagRuleIds: ['NIST.800.53.R5-EFSEncrypted', 'HIPAA.Security-EFSEncrypted', 'PCI.DSS.321-EFSEncrypted', 'AwsSolutions-EFS1'] },
  { identifier: 'EFS_IN_BACKUP_PLAN', trigger: RuleTrigger.PERIODIC, nagRuleIds: ['NIST.800.53.R5-EFSInBackupPlan', 'HIPAA.Security-EFSInBackupPlan'] },
  { identifier: 'EFS_RESOURCES_PROTECTED_BY_BACKUP_PLAN', trigger: RuleTrigger.PERIODIC, resourceTypes: ['AWS::EFS::FileSystem'] },
  { identifier: 'FSX_RESOURCES_PROTECTED_BY_BACKUP_PLAN', trigger: RuleTrigger.PERIODIC, resourceTypes: ['AWS::FSx::FileSystem'] },
];
