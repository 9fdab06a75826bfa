import { ServiceControlPolicyOptions } from './service-control-policy-options';

/**
 * Service control policy documents of the baseline. SCPs never apply to the management account
 * (Organizations User Guide, "Service control policies"), so they protect member accounts only.
 */

/** Roles Control Tower and service-managed StackSets act through in member accounts. */
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
 * Global services whose requests are not bound to a governed region, left alone by the region deny
 * (their endpoints live in us-east-1 or are global). Source: Control Tower Controls Reference,
 * "Deny access to AWS based on the requested AWS Region" (the services the Region deny SCP exempts).
 */
export const GLOBAL_SERVICE_ACTIONS = [
  'account:*',
  'aws-portal:*',
  'billing:*',
  'budgets:*',
  'ce:*',
  'cloudfront:*',
  'cur:*',
  'globalaccelerator:*',
  'health:*',
  'iam:*',
  'networkmanager:*',
  'organizations:*',
  'pricing:*',
  'route53:*',
  'route53domains:*',
  'shield:*',
  'sso:*',
  'sts:*',
  'support:*',
  'tag:*',
  'trustedadvisor:*',
  'waf:*',
  'wellarchitected:*',
];

/** A policy document as Organizations stores it. */
export interface PolicyDocumentJson {
  readonly Version: string;
  readonly Statement: object[];
}

function exemption(principals: readonly string[]): object {
  return { ArnNotLike: { 'aws:PrincipalArn': [...principals] } };
}

/** The protections policy: deny leaving the organization and deny disabling security services. */
export function protectionsPolicy(options: ServiceControlPolicyOptions, principals: readonly string[]): PolicyDocumentJson | undefined {
  const statements: object[] = [];
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
  return statements.length > 0 ? { Version: '2012-10-17', Statement: statements } : undefined;
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
      NotAction: [...GLOBAL_SERVICE_ACTIONS, ...(options.regionDenyExemptActions ?? [])],
      Resource: '*',
      Condition: {
        StringNotEquals: { 'aws:RequestedRegion': [...governedRegions] },
        ...exemption(principals),
      },
    }],
  };
}
