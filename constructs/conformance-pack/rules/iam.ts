import { ManagedRuleDefinition, RuleTrigger } from './definition';

/** AWS Config managed rules for IAM and the root user. */
export const IAM_RULES: ManagedRuleDefinition[] = [
  { identifier: 'ACCESS_KEYS_ROTATED', trigger: RuleTrigger.PERIODIC, parameters: { maxAccessKeyAge: { type: 'Int' } } },
  { identifier: 'IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::IAM::Policy'], parameters: { blockedActionsPatterns: { type: 'CSV' } } },
  { identifier: 'IAM_GROUP_HAS_USERS_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::IAM::Group'], nagRuleIds: ['HIPAA.Security-IAMGroupHasUsers', 'PCI.DSS.321-IAMGroupHasUsers'] },
  { identifier: 'IAM_INLINE_POLICY_BLOCKED_KMS_ACTIONS', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::IAM::Group', 'AWS::IAM::Role', 'AWS::IAM::User'], parameters: { blockedActionsPatterns: { type: 'CSV' } } },
  { identifier: 'IAM_NO_INLINE_POLICY_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::IAM::Group', 'AWS::IAM::Role', 'AWS::IAM::User'], nagRuleIds: ['NIST.800.53.R5-IAMNoInlinePolicy', 'HIPAA.Security-IAMNoInlinePolicy', 'PCI.DSS.321-IAMNoInlinePolicy'] },
  { identifier: 'IAM_PASSWORD_POLICY', trigger: RuleTrigger.PERIODIC, parameters: { MaxPasswordAge: { type: 'Int' }, MinimumPasswordLength: { type: 'Int' }, PasswordReusePrevention: { type: 'Int' }, RequireLowercaseCharacters: { type: 'Boolean' }, RequireNumbers: { type: 'Boolean' }, RequireSymbols: { type: 'Boolean' }, RequireUppercaseCharacters: { type: 'Boolean' } } },
  { identifier: 'IAM_POLICY_IN_USE', trigger: RuleTrigger.PERIODIC, parameters: { policyARN: { type: 'String', required: true } } },
  { identifier: 'IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::IAM::Policy'], nagRuleIds: ['NIST.800.53.R5-IAMPolicyNoStatementsWithAdminAccess', 'HIPAA.Security-IAMPolicyNoStatementsWithAdminAccess', 'PCI.DSS.321-IAMPolicyNoStatementsWithAdminAccess'] },
  { identifier: 'IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::IAM::Policy'], nagRuleIds: ['NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess', 'HIPAA.Security-IAMPolicyNoStatementsWithFullAccess', 'PCI.DSS.321-IAMPolicyNoStatementsWithFullAccess'] },
  { identifier: 'IAM_ROOT_ACCESS_KEY_CHECK', trigger: RuleTrigger.PERIODIC },
  { identifier: 'IAM_USER_GROUP_MEMBERSHIP_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::IAM::User'], nagRuleIds: ['NIST.800.53.R5-IAMUserGroupMembership', 'HIPAA.Security-IAMUserGroupMembership', 'PCI.DSS.321-IAMUserGroupMembership'] },
  { identifier: 'IAM_USER_MFA_ENABLED', trigger: RuleTrigger.PERIODIC },
  { identifier: 'IAM_USER_NO_POLICIES_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::IAM::User'], nagRuleIds: ['NIST.800.53.R5-IAMUserNoPolicies', 'HIPAA.Security-IAMUserNoPolicies', 'PCI.DSS.321-IAMUserNoPolicies'] },
  { identifier: 'IAM_USER_UNUSED_CREDENTIALS_CHECK', trigger: RuleTrigger.PERIODIC, parameters: { maxCredentialUsageAge: { type: 'Int' } } },
  { identifier: 'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS', trigger: RuleTrigger.PERIODIC },
  { identifier: 'ROOT_ACCOUNT_HARDWARE_MFA_ENABLED', trigger: RuleTrigger.PERIODIC },
  { identifier: 'ROOT_ACCOUNT_MFA_ENABLED', trigger: RuleTrigger.PERIODIC },
];
