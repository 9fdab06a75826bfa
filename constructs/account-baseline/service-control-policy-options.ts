/** Options of the baseline's service control policies. Each statement can be switched off. */
export interface ServiceControlPolicyOptions {
  /**
   * Deny `organizations:LeaveOrganization`, so an account cannot leave the organization and its guardrails.
   * @default true
   */
  readonly denyLeavingOrganization?: boolean;

  /**
   * Deny stopping or deleting AWS Config, CloudTrail, GuardDuty, Security Hub and IAM Access
   * Analyzer (recorders, trails, detectors, hubs, analyzers and their administrator links).
   * @default true
   */
  readonly denyDisablingSecurityServices?: boolean;

  /**
   * Deny requests to regional services outside the governed regions (`aws:RequestedRegion`).
   * Global services (IAM, Organizations, STS, Route 53, CloudFront, billing and support) stay allowed.
   * @default true
   */
  readonly denyUngovernedRegions?: boolean;

  /**
   * IAM principal ARNs (wildcards allowed, e.g. `arn:aws:iam::*:role/PlatformAdmin`) the policies do
   * not apply to. Control Tower's `AWSControlTowerExecution` role and the service-managed StackSet
   * execution roles (`stacksets-exec-*`) are always exempt, so Control Tower and the baseline
   * StackSet keep working.
   * @default - only the Control Tower and StackSet roles
   */
  readonly exemptPrincipalArns?: string[];

  /**
   * Further global service actions (e.g. `waf:*`) the region deny leaves alone.
   * @default - none beyond the built-in global services
   */
  readonly regionDenyExemptActions?: string[];
}
