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
   * The actions Control Tower's own region deny leaves alone stay allowed: global services (IAM,
   * Organizations, STS, Route 53, CloudFront, billing, support ...) and global operations of regional
   * ones (ACM, KMS, Config, Access Analyzer, `ec2:DescribeRegions` ...).
   * @default true
   */
  readonly denyUngovernedRegions?: boolean;

  /**
   * IAM principal ARNs (wildcards allowed, e.g. `arn:aws:iam::*:role/PlatformAdmin`) the policies do
   * not apply to. Control Tower's `AWSControlTowerExecution` role and the service-managed StackSet
   * execution roles (`stacksets-exec-*`) are always exempt, so Control Tower and the baseline
   * StackSet keep working. Every exempt role and user is protected by the protections policy: nobody
   * but the StackSet execution roles and `AWSControlTowerExecution` may create or delete it or change
   * its trust policy, policies or permissions boundary (else an account administrator could take it
   * over and bypass every statement). So create exempt roles with the baseline StackSet (e.g.
   * `stackSet.breakGlassRole`), and create `AWSControlTowerExecution` in an account before moving it
   * into these OUs to enroll it.
   * @default - only the Control Tower and StackSet roles
   */
  readonly exemptPrincipalArns?: string[];

  /**
   * Further global service actions (e.g. `waf:*`) the region deny leaves alone.
   * @default - none beyond the built-in global services
   */
  readonly regionDenyExemptActions?: string[];
}
