import { ServiceControlPolicyOptions } from '../service-control-policy-options';

/**
 * Service control policy documents of the baseline. SCPs never apply to the management account
 * (Organizations User Guide, "Service control policies"), so they protect member accounts only.
 */

/**
 * Roles Control Tower and service-managed StackSets act through in member accounts, the only
 * principals that may create or change an exempt principal. Sources: Control Tower Controls
 * Reference, CT.IAM.PV.1 (exempts `AWSControlTowerExecution`); CloudFormation User Guide, "Configure
 * a custom execution role template for StackSets" (service-managed StackSets create `stacksets-exec-*`
 * in each target account), checked 2026-12-01.
 */
export const ALWAYS_EXEMPT_PRINCIPALS = [
  'arn:*:iam::*:role/AWSControlTowerExecution',
  'arn:*:iam::*:role/stacksets-exec-*',
];

/** Actions that turn off the security services the baseline relies on. */
export const SECURITY_SERVICE_DISABLING_ACTIONS = [
  'access-analyzer:DeleteAnalyzer',
  'cloudtrail:DeleteTrail',
  'cloudtrail:PutEventSelectors',
  'cloudtrail:StopLogging',
  'cloudtrail:UpdateTrail',
  'config:DeleteConfigurationRecorder',
  'config:DeleteDeliveryChannel',
  'config:StopConfigurationRecorder',
  'guardduty:DeleteDetector',
  'guardduty:DisassociateFromAdministratorAccount',
  'guardduty:DisassociateFromMasterAccount',
  'securityhub:BatchDisableStandards',
  'securityhub:DisableSecurityHub',
  'securityhub:DisassociateFromAdministratorAccount',
  'securityhub:DisassociateFromMasterAccount',
];

/**
 * Actions the region deny leaves alone: global services and the global operations of regional
 * ones, exactly the NotAction list of Control Tower's own region deny. Source: Control Tower
 * Controls Reference, "Deny access to AWS based on the requested AWS Region" (GRREGIONDENY) and
 * "Region deny control applied to the OU" (CT.MULTISERVICE.PV.1), checked 2026-12-01.
 */
export const REGION_DENY_EXEMPT_ACTIONS = [
  'a4b:*', 'access-analyzer:*', 'account:*', 'acm:*', 'activate:*', 'artifact:*',
  'aws-marketplace-management:*', 'aws-marketplace:*', 'aws-portal:*', 'billing:*', 'billingconductor:*',
  'budgets:*', 'ce:*', 'chatbot:*', 'chime:*', 'cloudfront:*', 'cloudtrail:LookupEvents', 'compute-optimizer:*',
  'config:*', 'consoleapp:*', 'consolidatedbilling:*', 'cur:*', 'datapipeline:GetAccountLimits', 'devicefarm:*',
  'directconnect:*', 'ec2:DescribeRegions', 'ec2:DescribeTransitGateways', 'ec2:DescribeVpnGateways',
  'ecr-public:*', 'fms:*', 'freetier:*', 'globalaccelerator:*', 'health:*', 'iam:*', 'importexport:*',
  'invoicing:*', 'iq:*', 'kms:*', 'license-manager:ListReceivedLicenses', 'lightsail:Get*', 'mobileanalytics:*',
  'networkmanager:*', 'notifications-contacts:*', 'notifications:*', 'organizations:*', 'payments:*', 'pricing:*',
  'quicksight:DescribeAccountSubscription', 'resource-explorer-2:*', 'route53-recovery-cluster:*',
  'route53-recovery-control-config:*', 'route53-recovery-readiness:*', 'route53:*', 'route53domains:*',
  's3:CreateMultiRegionAccessPoint', 's3:DeleteMultiRegionAccessPoint', 's3:DescribeMultiRegionAccessPointOperation',
  's3:GetAccountPublicAccessBlock', 's3:GetBucketLocation', 's3:GetBucketPolicyStatus', 's3:GetBucketPublicAccessBlock',
  's3:GetMultiRegionAccessPoint', 's3:GetMultiRegionAccessPointPolicy', 's3:GetMultiRegionAccessPointPolicyStatus',
  's3:GetStorageLensConfiguration', 's3:GetStorageLensDashboard', 's3:ListAllMyBuckets', 's3:ListMultiRegionAccessPoints',
  's3:ListStorageLensConfigurations', 's3:PutAccountPublicAccessBlock', 's3:PutMultiRegionAccessPointPolicy',
  'savingsplans:*', 'shield:*', 'sso:*', 'sts:*', 'support:*', 'supportapp:*', 'supportplans:*', 'sustainability:*',
  'tag:GetResources', 'tax:*', 'trustedadvisor:*', 'vendor-insights:ListEntitledSecurityProfiles',
  'waf-regional:*', 'waf:*', 'wafv2:*',
];

/**
 * What changes a role's trust or permissions, or creates or deletes it: the actions Control Tower's
 * own role-protection controls deny. Source: Control Tower Controls Reference, "[CT.IAM.PV.1]
 * Disallow modification of an AWS IAM role that AWS Control Tower utilizes ..." (checked 2026-12-01).
 */
export const ROLE_CHANGE_ACTIONS = [
  'iam:AttachRolePolicy', 'iam:CreateRole', 'iam:DeleteRole', 'iam:DeleteRolePermissionsBoundary', 'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy', 'iam:PutRolePermissionsBoundary', 'iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy', 'iam:UpdateRole',
];

/** The same for an IAM user: its policies, groups, credentials and name. */
export const USER_CHANGE_ACTIONS = [
  'iam:AddUserToGroup', 'iam:AttachUserPolicy', 'iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:CreateUser',
  'iam:DeleteUser', 'iam:DeleteUserPermissionsBoundary', 'iam:DeleteUserPolicy', 'iam:DetachUserPolicy',
  'iam:PutUserPermissionsBoundary', 'iam:PutUserPolicy', 'iam:UpdateLoginProfile', 'iam:UpdateUser',
];

/** A policy document as Organizations stores it. */
export interface PolicyDocumentJson {
  readonly Version: string;
  readonly Statement: object[];
}

function exemption(principals: readonly string[]): object {
  return { ArnNotLike: { 'aws:PrincipalArn': [...principals] } };
}

/**
 * The protections policy: deny leaving the organization, deny disabling security services, and
 * deny creating or changing any exempt principal (else an account administrator could rewrite an
 * exempt role's trust policy, or create a role of an exempt name, assume it and bypass every
 * statement). Only the StackSet and Control Tower roles may manage exempt principals.
 */
export function protectionsPolicy(options: ServiceControlPolicyOptions, principals: readonly string[]): PolicyDocumentJson | undefined {
  const statements: object[] = [];
  const anyStatement = (options.denyLeavingOrganization ?? true) || (options.denyDisablingSecurityServices ?? true)
    || (options.denyUngovernedRegions ?? true);
  if (!anyStatement) return undefined;
  const roles = principals.filter((arn) => /:role\//.test(arn));
  const users = principals.filter((arn) => /:user\//.test(arn));

  if (options.denyLeavingOrganization ?? true) {
    statements.push({
      Sid: 'DenyLeavingOrganization',
      Effect: 'Deny',
      Action: ['organizations:LeaveOrganization'],
      Resource: '*',
      Condition: exemption(principals),
    });
  }
  if (options.denyDisablingSecurityServices ?? true) {
    statements.push({
      Sid: 'DenyDisablingSecurityServices',
      Effect: 'Deny',
      Action: SECURITY_SERVICE_DISABLING_ACTIONS,
      Resource: '*',
      Condition: exemption(principals),
    });
  }
  const managers = exemption(ALWAYS_EXEMPT_PRINCIPALS);
  statements.push({ Sid: 'DenyChangingExemptRoles', Effect: 'Deny', Action: ROLE_CHANGE_ACTIONS, Resource: roles, Condition: managers });
  if (users.length > 0) {
    statements.push({ Sid: 'DenyChangingExemptUsers', Effect: 'Deny', Action: USER_CHANGE_ACTIONS, Resource: users, Condition: managers });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** The region deny policy: no regional service outside the governed regions. */
export function regionDenyPolicy(
  options: ServiceControlPolicyOptions, principals: readonly string[], governedRegions: readonly string[],
): PolicyDocumentJson | undefined {
  if (!(options.denyUngovernedRegions ?? true)) return undefined;
  return {
    Version: '2012-10-17',
    Statement: [{
      Sid: 'DenyUngovernedRegions',
      Effect: 'Deny',
      NotAction: [...REGION_DENY_EXEMPT_ACTIONS, ...(options.regionDenyExemptActions ?? [])],
      Resource: '*',
      Condition: {
        StringNotEquals: { 'aws:RequestedRegion': [...governedRegions] },
        ...exemption(principals),
      },
    }],
  };
}
