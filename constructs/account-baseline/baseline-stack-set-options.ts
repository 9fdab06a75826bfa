import { NotificationOptions } from '../core';
/**
 * How the baseline handles Amazon GuardDuty. A CloudFormation `AWS::GuardDuty::Detector` fails to
 * create in an account and region that already has a detector (one detector per account per
 * region), so the choice is explicit.
 */
export enum GuardDutyMode {
  /**
   * The StackSet creates no detector. GuardDuty is enabled organization-wide by its delegated
   * administrator with auto-enable for all (new and existing) member accounts, the org-native route
   * that also covers accounts which already have a detector. The SCP's security-service statement
   * keeps members from turning it off.
   */
  ORGANIZATION_AUTO_ENABLE = 'ORGANIZATION_AUTO_ENABLE',
  /**
   * The StackSet creates a detector in every account and governed region. Use only for OUs whose
   * accounts have no detector yet: a stack instance fails in an account that already has one.
   */
  CREATE_DETECTOR = 'CREATE_DETECTOR',
}

/**
 * How the baseline handles AWS Security Hub. Security Hub can be enabled once per account and
 * region: an `AWS::SecurityHub::Hub` fails to create where it is already enabled, so the choice is
 * explicit.
 */
export enum SecurityHubMode {
  /**
   * The StackSet creates no hub. Security Hub is enabled in the member accounts by central
   * configuration from its delegated administrator (an organization configuration of type CENTRAL
   * and a configuration policy associated with these OUs), the organization-native route: accounts
   * that already have Security Hub are taken over with their findings and nothing fails. The SCP's
   * security-service statement keeps members from turning it off.
   */
  CENTRAL_CONFIGURATION = 'CENTRAL_CONFIGURATION',
  /**
   * The StackSet enables Security Hub with `securityHubStandards` in every account and governed
   * region. Use only for OUs whose accounts do not have Security Hub yet: a stack instance fails in
   * an account and region where it is already enabled.
   */
  ACCOUNT_HUB = 'ACCOUNT_HUB',
}

/**
 * How the baseline handles IAM Access Analyzer. An account holds one account analyzer per region
 * (a quota), so an `AWS::AccessAnalyzer::Analyzer` of type ACCOUNT fails where one exists, and the
 * baseline's SCP then denies `access-analyzer:DeleteAnalyzer`, so the member cannot clear it.
 */
export enum AccessAnalyzerMode {
  /**
   * The StackSet creates no analyzer. An organization analyzer (zone of trust: the organization)
   * in the Access Analyzer delegated administrator account covers every member account, the
   * organization-native route; member accounts' own analyzers are left as they are. Create it
   * there, or with `organizationAnalyzer` when this stack is deployed in that account.
   */
  ORGANIZATION_ANALYZER = 'ORGANIZATION_ANALYZER',
  /**
   * The StackSet creates an account analyzer in every account and governed region. Use only for
   * OUs whose accounts have none: a stack instance fails in an account and region that has one.
   */
  ACCOUNT_ANALYZER = 'ACCOUNT_ANALYZER',
}

/** A Security Hub standard, addressed in each account's region. */
export class SecurityHubStandard {
  /** AWS Foundational Security Best Practices v1.0.0. */
  public static readonly AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES_V1_0_0 = new SecurityHubStandard('standards/aws-foundational-security-best-practices/v/1.0.0');
  /** CIS AWS Foundations Benchmark v1.4.0. */
  public static readonly CIS_AWS_FOUNDATIONS_BENCHMARK_V1_4_0 = new SecurityHubStandard('standards/cis-aws-foundations-benchmark/v/1.4.0');
  /** CIS AWS Foundations Benchmark v3.0.0. */
  public static readonly CIS_AWS_FOUNDATIONS_BENCHMARK_V3_0_0 = new SecurityHubStandard('standards/cis-aws-foundations-benchmark/v/3.0.0');
  /** NIST SP 800-53 Rev. 5. */
  public static readonly NIST_800_53_V5_0_0 = new SecurityHubStandard('standards/nist-800-53/v/5.0.0');
  /** PCI DSS v3.2.1. */
  public static readonly PCI_DSS_V3_2_1 = new SecurityHubStandard('standards/pci-dss/v/3.2.1');

  /**
   * A standard by the resource part of its ARN (`standards/<name>/v/<version>`), as
   * `DescribeStandards` returns it.
   */
  public static of(resourcePath: string): SecurityHubStandard {
    return new SecurityHubStandard(resourcePath);
  }

  /** The resource part of the standard's ARN, e.g. `standards/pci-dss/v/3.2.1`. */
  public readonly resourcePath: string;

  private constructor(resourcePath: string) {
    this.resourcePath = resourcePath;
  }
}

/** How StackSet operations spread over regions. */
export enum RegionConcurrency {
  /** Deploy to all governed regions at once. */
  PARALLEL = 'PARALLEL',
  /** Deploy one region after another. */
  SEQUENTIAL = 'SEQUENTIAL',
}

/** A monthly cost budget per member account, alerting the security topic. */
export interface BudgetOptions {
  /** Monthly cost limit in USD. */
  readonly monthlyLimitUsd: number;
  /**
   * Alert when actual cost passes this percentage of the limit (1-1000).
   * @default 80
   */
  readonly alertThresholdPercent?: number;
}

/** A baseline IAM role in every member account, trusted only by named principals. */
export interface BaselineRoleOptions {
  /**
   * IAM principals (role or user ARNs, or `arn:aws:iam::<account>:root`) allowed to assume the
   * role. Nobody else can.
   */
  readonly trustedPrincipalArns: string[];
  /**
   * Name of the role, the same in every account so people can find it.
   * @default 'GantryAudit' for the audit role, 'GantryBreakGlass' for the break-glass role
   */
  readonly roleName?: string;
  /**
   * Assuming the role requires MFA (`aws:MultiFactorAuthPresent`).
   * @default false for the audit role, true for the break-glass role
   */
  readonly requireMfa?: boolean;
}

/** What the baseline StackSet deploys to every account of the OUs, and how. */
export interface BaselineStackSetOptions {
  /**
   * Name of the StackSet: starts with a letter, then letters, digits and hyphens, up to 128.
   * @default - a name unique to this construct (stack name, path and hash) ending in `-baseline`
   */
  readonly stackSetName?: string;
  /**
   * Keep the stack's resources in an account when it leaves the OUs (auto-deployment
   * `RetainStacksOnAccountRemoval`).
   * @default false - resources are removed with the account's stack instance
   */
  readonly retainStacksOnAccountRemoval?: boolean;
  /**
   * Percentage of accounts deployed at once per region (1-100).
   * @default 25
   */
  readonly maxConcurrentPercentage?: number;
  /**
   * Percentage of accounts per region that may fail before the operation stops (0-100).
   * @default 10
   */
  readonly failureTolerancePercentage?: number;
  /**
   * Regions in parallel or one after another.
   * @default RegionConcurrency.PARALLEL
   */
  readonly regionConcurrency?: RegionConcurrency;
  /**
   * Region where account-global resources (IAM roles, budget) are created, once per account.
   * @default - the first governed region
   */
  readonly globalResourcesRegion?: string;
  /**
   * GuardDuty handling.
   * @default GuardDutyMode.ORGANIZATION_AUTO_ENABLE
   */
  readonly guardDutyMode?: GuardDutyMode;
  /**
   * Security Hub handling: central configuration from the delegated administrator (no hub in the
   * StackSet), or a hub per account and region.
   * @default SecurityHubMode.CENTRAL_CONFIGURATION
   */
  readonly securityHubMode?: SecurityHubMode;
  /**
   * Security Hub standards the StackSet enables, with `SecurityHubMode.ACCOUNT_HUB` only (with
   * central configuration, the configuration policy chooses the standards).
   * @default [SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES_V1_0_0] with ACCOUNT_HUB
   */
  readonly securityHubStandards?: SecurityHubStandard[];
  /**
   * IAM Access Analyzer handling: an organization analyzer in the delegated administrator account
   * (none in the StackSet), or an account analyzer per account and region.
   * @default AccessAnalyzerMode.ORGANIZATION_ANALYZER
   */
  readonly accessAnalyzerMode?: AccessAnalyzerMode;
  /**
   * Who receives the security notifications of each member account: `emailAddresses` are
   * subscribed to the encrypted topic the StackSet creates in every member account (each address
   * confirms once per account). A `topic` cannot be given (it would live in the deploying account,
   * and the alerts are raised in the member accounts), nor `enabled: false` (turn off the alerts
   * one by one instead). Replaces `notificationEmails` of 0.x (rejected with a pointer here).
   * @default - no subscription; subscribe other endpoints to the topic yourself
   */
  readonly notifications?: NotificationOptions;
  /**
   * Alert the topic when the root user signs in to the console. Sign-in and IAM events reach
   * EventBridge in us-east-1, so govern that region for this and the IAM alert to fire.
   * @default true
   */
  readonly rootSignInAlerts?: boolean;
  /**
   * Alert the topic on IAM policy changes (create/delete/attach/detach/put policies).
   * @default true
   */
  readonly iamPolicyChangeAlerts?: boolean;
  /**
   * Alert the topic on CloudTrail configuration changes (create/update/delete trail, start/stop logging).
   * @default true
   */
  readonly cloudTrailChangeAlerts?: boolean;
  /**
   * A monthly cost budget with an alert to the topic.
   * @default - no budget
   */
  readonly budget?: BudgetOptions;
  /**
   * A read-only audit role (AWS managed `SecurityAudit` policy).
   * @default - no audit role
   */
  readonly auditRole?: BaselineRoleOptions;
  /**
   * A break-glass administrator role (AWS managed `AdministratorAccess` policy), MFA required by default.
   * @default - no break-glass role
   */
  readonly breakGlassRole?: BaselineRoleOptions;
  /**
   * Alert the topic whenever the break-glass role is assumed (an EventBridge rule on STS
   * `AssumeRole` of the role, in every governed region: STS answers in the region of the endpoint
   * called, us-east-1 for the global one).
   * @default true when a break-glass role is given
   */
  readonly breakGlassAlerts?: boolean;
}
