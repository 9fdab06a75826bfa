import * as path from 'path';
import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import {
  AccessAnalyzerMode, AccountBaseline, ConformancePack, ControlCatalogue, GuardDutyMode, PackRule, PackTemplate, Remediation, RemediationParameter,
  RuleSet, SecureDefaults, SecurityHubMode,
} from '../constructs';

/** The AWS sample pack copied into the repository (see examples/conformance-packs/SOURCE.md). */
export const LAMBDA_SECURITY_PACK = path.join(__dirname, 'conformance-packs', 'Security-Best-Practices-for-Lambda.yaml');

export interface GovernanceStackProps extends StackProps {
  /** Control Tower landing zone version (no default: read it from the Landing zone settings). */
  readonly landingZoneVersion: string;
  /** The organization id (`o-...`). */
  readonly organizationId: string;
  /** The OUs the baseline governs (their accounts, now and later). */
  readonly organizationalUnitIds: string[];
  /** Regions Control Tower governs. */
  readonly governedRegions: string[];
  /** Where security notifications of member accounts go. */
  readonly securityEmail: string;
  /** Principals allowed to assume the audit role in member accounts. */
  readonly auditPrincipalArns: string[];
  /** Principals allowed to assume the break-glass role in member accounts. */
  readonly breakGlassPrincipalArns: string[];
}

/**
 * Governance stack, deployed from the Control Tower management account (or a delegated
 * administrator of Config, CloudFormation StackSets and Control Tower):
 *
 * - conformance packs for this account: `devops-guardrails` (the DevOps best-practices rule set,
 *   with automatic KMS encryption of non-compliant S3 buckets by `AWS-EnableS3BucketEncryption`,
 *   plus typed, custom Lambda and Guard rules, a delivery bucket, NON_COMPLIANT notifications and
 *   an organization aggregator) and `lambda-security` (the AWS sample pack, loaded from file);
 *   Control Tower already runs the Config recorder here, so the packs skip it;
 * - the account baseline of two OUs: Control Tower controls, a service-managed StackSet (alerts,
 *   budget, audit and break-glass roles; GuardDuty, Security Hub and Access Analyzer are left to
 *   their organization-native routes), SCPs that also protect the exempt break-glass role, and
 *   lifecycle events of new accounts.
 */
export class GovernanceStack extends Stack {
  public readonly guardrails: ConformancePack;
  public readonly lambdaSecurity: ConformancePack;
  public readonly baseline: AccountBaseline;
  public readonly accountEventsTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: GovernanceStackProps) {
    super(scope, id, props);

    const encryptBuckets = Remediation.ssmDocument('AWS-EnableS3BucketEncryption', {
      parameters: { BucketName: RemediationParameter.resourceId(), SSEAlgorithm: RemediationParameter.staticValue('aws:kms') },
      automatic: true,
      maximumAutomaticAttempts: 3,
      retryAttemptSeconds: 60,
    });
    this.guardrails = new ConformancePack(this, 'DevOpsGuardrails', {
      packName: 'devops-guardrails',
      controlTowerManaged: true,
      createDeliveryBucket: true,
      organizationAggregator: true,
      // To the stack's shared notification topic.
      notifications: { emailAddresses: [props.securityEmail] },
      ruleSets: [RuleSet.devOpsBestPractices()
        // The reference service runs outside a VPC by design (see the service stack).
        .withoutRules('LambdaInsideVpc')
        .replacing(PackRule.managed('S3_DEFAULT_ENCRYPTION_KMS', { remediation: encryptBuckets }))],
      rules: [
        PackRule.managed('S3_BUCKET_VERSIONING_ENABLED', {
          remediation: Remediation.ssmDocument('AWS-ConfigureS3BucketVersioning', {
            parameters: { BucketName: RemediationParameter.resourceId(), VersioningState: RemediationParameter.staticValue('Enabled') },
            automatic: true,
            maximumAutomaticAttempts: 3,
            retryAttemptSeconds: 300,
          }),
        }),
        PackRule.managed('REQUIRED_TAGS', {
          ruleName: 'WorkloadsTaggedWithOwner',
          inputParameters: { tag1Key: 'owner' },
          resourceTypes: ['AWS::Lambda::Function', 'AWS::DynamoDB::Table', 'AWS::S3::Bucket'],
        }),
        PackRule.customLambda('TablesBilledOnDemand', {
          description: 'DynamoDB tables use on-demand capacity (checked by Gantry\'s pre-bundled evaluator)',
          resourceTypes: ['AWS::DynamoDB::Table'],
          propertyPath: 'configuration.billingModeSummary.billingMode',
          expectedValue: 'PAY_PER_REQUEST',
        }),
        PackRule.guard('LambdaFunctionsHaveDeadLetterQueue', 'rule lambda_dlq { configuration.deadLetterConfig.targetArn !empty }', {
          resourceTypes: ['AWS::Lambda::Function'],
        }),
      ],
    });

    this.lambdaSecurity = new ConformancePack(this, 'LambdaSecurity', {
      packName: 'lambda-security',
      controlTowerManaged: true,
      notifications: { enabled: false }, // the guardrails pack's rule already sends every NON_COMPLIANT change
      template: PackTemplate.fromFile(LAMBDA_SECURITY_PACK),
      templateParameters: { LambdaFunctionSettingsCheckParamRuntime: 'nodejs24.x,nodejs22.x,python3.13,python3.12' },
    });

    // A topic of its own, apart from NON_COMPLIANT evaluations: the account-vending follow-up subscribes here.
    this.accountEventsTopic = SecureDefaults.topic(this, 'ManagedAccountEvents');
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
        // Organization-native routes: nothing fails in accounts that already have these services.
        guardDutyMode: GuardDutyMode.ORGANIZATION_AUTO_ENABLE,
        securityHubMode: SecurityHubMode.CENTRAL_CONFIGURATION,
        accessAnalyzerMode: AccessAnalyzerMode.ORGANIZATION_ANALYZER,
        notifications: { emailAddresses: [props.securityEmail] },
        budget: { monthlyLimitUsd: 500, alertThresholdPercent: 80 },
        auditRole: { trustedPrincipalArns: props.auditPrincipalArns },
        breakGlassRole: { trustedPrincipalArns: props.breakGlassPrincipalArns },
      },
      // Exempt from the SCPs, and so protected by them: only the StackSet may create or change it.
      serviceControlPolicies: {
        exemptPrincipalArns: ['arn:aws:iam::*:role/GantryBreakGlass'],
      },
      // Lifecycle events of new and updated accounts; only this construct's lifecycle rule may publish
      // to the topic (aws:SourceArn), not any rule of any account.
      notifications: { topic: this.accountEventsTopic, emailAddresses: [props.securityEmail] },
    });

    new CfnOutput(this, 'NonCompliantTopicArn', {
      value: this.guardrails.notificationTopic!.topicArn,
      description: 'Subscribe to receive NON_COMPLIANT evaluations',
    });
    new CfnOutput(this, 'ShiftLeftNagRules', {
      value: this.guardrails.nagRuleIds().join(' '),
      description: 'cdk-nag rules that catch controls of the guardrails pack at synth',
    });
    new CfnOutput(this, 'AccountEventsTopicArn', {
      value: this.accountEventsTopic.topicArn,
      description: 'Control Tower CreateManagedAccount / UpdateManagedAccount events (subscribe the account-vending follow-up here)',
    });
  }
}
