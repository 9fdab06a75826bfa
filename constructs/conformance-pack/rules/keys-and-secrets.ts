import { ManagedRuleDefinition, RuleTrigger } from './definition';

/** AWS Config managed rules for AWS KMS, ACM and Secrets Manager. */
export const KEYS_AND_SECRETS_RULES: ManagedRuleDefinition[] = [
  { identifier: 'ACM_CERTIFICATE_EXPIRATION_CHECK', trigger: RuleTrigger.HYBRID, resourceTypes: ['AWS::ACM::Certificate'], parameters: { daysToExpiration: { type: 'Int' } } },
  { identifier: 'ACM_CERTIFICATE_RSA_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ACM::Certificate'] },
  { identifier: 'ACM_PCA_ROOT_CA_DISABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ACMPCA::CertificateAuthority'] },
  { identifier: 'CMK_BACKING_KEY_ROTATION_ENABLED', trigger: RuleTrigger.PERIODIC, nagRuleIds: ['NIST.800.53.R5-KMSBackingKeyRotationEnabled', 'PCI.DSS.321-KMSBackingKeyRotationEnabled', 'AwsSolutions-KMS5'] },
  { identifier: 'KMS_CMK_NOT_SCHEDULED_FOR_DELETION', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::KMS::Key'] },
  { identifier: 'SECRETSMANAGER_ROTATION_ENABLED_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::SecretsManager::Secret'], parameters: { maximumAllowedRotationFrequency: { type: 'Int' }, maximumAllowedRotationFrequencyInHours: { type: 'Int' } }, nagRuleIds: ['NIST.800.53.R5-SecretsManagerRotationEnabled', 'HIPAA.Security-SecretsManagerRotationEnabled'] },
  { identifier: 'SECRETSMANAGER_SCHEDULED_ROTATION_SUCCESS_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::SecretsManager::Secret'] },
  { identifier: 'SECRETSMANAGER_SECRET_PERIODIC_ROTATION', trigger: RuleTrigger.PERIODIC, resourceTypes: ['AWS::SecretsManager::Secret'], parameters: { maxDaysSinceRotation: { type: 'Int' } } },
  { identifier: 'SECRETSMANAGER_SECRET_UNUSED', trigger: RuleTrigger.PERIODIC, resourceTypes: ['AWS::SecretsManager::Secret'], parameters: { unusedForDays: { type: 'Int' } } },
  { identifier: 'SECRETSMANAGER_USING_CMK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::SecretsManager::Secret'], nagRuleIds: ['NIST.800.53.R5-SecretsManagerUsingKMSKey', 'HIPAA.Security-SecretsManagerUsingKMSKey', 'PCI.DSS.321-SecretsManagerUsingKMSKey'] },
];
