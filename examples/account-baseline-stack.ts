import { Stack, StackProps } from 'aws-cdk-lib';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { AccountBaseline, ControlCatalogue, GuardDutyMode, SecurityHubStandard } from '../constructs';
import { secureTopic } from '../constructs/core';

export interface AccountBaselineStackProps extends StackProps {
  /** Control Tower landing zone version (no default: read it from Landing zone settings). */
  readonly landingZoneVersion: string;
  /** The organization id (o-...). */
  readonly organizationId: string;
  /** Target OU ids. */
  readonly organizationalUnitIds: string[];
  /** Governed regions. */
  readonly governedRegions: string[];
  /** Where security notifications of member accounts go. */
  readonly securityEmail: string;
  /** Principals allowed to assume the audit role in member accounts. */
  readonly auditPrincipalArns: string[];
  /** Principals allowed to assume the break-glass role in member accounts. */
  readonly breakGlassPrincipalArns: string[];
}

/**
 * Governance stack (baseline part): a Control Tower account baseline for the workload OUs,
 * deployed from the management account.
 */
export class AccountBaselineStack extends Stack {
  public readonly baseline: AccountBaseline;
  public readonly accountEventsTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: AccountBaselineStackProps) {
    super(scope, id, props);
    this.accountEventsTopic = secureTopic(this, 'ManagedAccountEvents').topic;
    this.baseline = new AccountBaseline(this, 'Baseline', {
      landingZoneVersion: props.landingZoneVersion,
      organizationId: props.organizationId,
      organizationalUnits: props.organizationalUnitIds,
      governedRegions: props.governedRegions,
      controls: [
        { control: ControlCatalogue.RESTRICT_ROOT_USER_ACCESS_KEYS },
        { control: ControlCatalogue.RESTRICT_ROOT_USER, parameters: { ExemptAssumeRoot: true } },
        { control: ControlCatalogue.ROOT_ACCOUNT_MFA_ENABLED },
        { control: ControlCatalogue.ENCRYPTED_VOLUMES },
        { control: ControlCatalogue.RDS_STORAGE_ENCRYPTED },
        { control: ControlCatalogue.RDS_INSTANCE_PUBLIC_ACCESS_CHECK },
        { control: ControlCatalogue.RESTRICTED_SSH },
        { control: ControlCatalogue.S3_BUCKET_PUBLIC_READ_PROHIBITED },
        { control: ControlCatalogue.S3_BUCKET_PUBLIC_WRITE_PROHIBITED },
      ],
      stackSet: {
        guardDutyMode: GuardDutyMode.ORGANIZATION_AUTO_ENABLE,
        securityHubStandards: [
          SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES_V1_0_0,
          SecurityHubStandard.CIS_AWS_FOUNDATIONS_BENCHMARK_V3_0_0,
        ],
        notificationEmails: [props.securityEmail],
        budget: { monthlyLimitUsd: 500, alertThresholdPercent: 80 },
        auditRole: { trustedPrincipalArns: props.auditPrincipalArns },
        breakGlassRole: { trustedPrincipalArns: props.breakGlassPrincipalArns },
      },
      serviceControlPolicies: {
        exemptPrincipalArns: ['arn:aws:iam::*:role/GantryBreakGlass'],
      },
      lifecycleTargets: [new targets.SnsTopic(this.accountEventsTopic)],
    });
  }
}
