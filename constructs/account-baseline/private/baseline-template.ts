import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Aws, BootstraplessSynthesizer, CfnCondition, CfnParameter, CfnResource, Duration, Fn, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as events from 'aws-cdk-lib/aws-events';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { allowDeadLetterSenders, allowServicesToUseKey, DeadLetteredTarget, RuleTopicTarget, secureDeadLetterQueue, secureTopic, SharedKeys, suppressNagFindings } from '../../core';
import { AccessAnalyzerMode, BaselineRoleOptions, BaselineStackSetOptions, GuardDutyMode, SecurityHubMode, SecurityHubStandard } from '../baseline-stack-set-options';

/** IAM actions that change policies (CIS AWS Foundations 4.4). */
export const IAM_POLICY_CHANGE_EVENTS = [
  'AttachGroupPolicy', 'AttachRolePolicy', 'AttachUserPolicy',
  'CreatePolicy', 'CreatePolicyVersion',
  'DeleteGroupPolicy', 'DeletePolicy', 'DeletePolicyVersion', 'DeleteRolePolicy', 'DeleteUserPolicy',
  'DetachGroupPolicy', 'DetachRolePolicy', 'DetachUserPolicy',
  'PutGroupPolicy', 'PutRolePolicy', 'PutUserPolicy',
  'SetDefaultPolicyVersion',
];

/** CloudTrail configuration changes (CIS AWS Foundations 4.5). */
export const CLOUDTRAIL_CHANGE_EVENTS = ['CreateTrail', 'DeleteTrail', 'PutEventSelectors', 'StartLogging', 'StopLogging', 'UpdateTrail'];

/** A value of the outer stack the StackSet passes in as a parameter, because it is a token there. */
export interface StackSetParameterValue {
  readonly parameterKey: string;
  readonly parameterValue: string;
}

/** The baseline options with their defaults applied and the governed regions known. */
export interface ResolvedBaselineOptions extends BaselineStackSetOptions {
  readonly globalResourcesRegion: string;
}

/**
 * The stack every member account receives through the StackSet, built in its own in-memory app:
 * no assets (the bootstrapless synthesizer refuses them), no bootstrap version check, nothing that
 * needs the deploying account. Values that are tokens in the outer stack become parameters of this
 * template, filled by the StackSet.
 */
export class BaselineTemplateStack extends Stack {
  /** Values the StackSet must pass as parameters, in a stable order. */
  public readonly parameterValues: StackSetParameterValue[] = [];
  /** The security-notification topic. */
  public readonly topic: sns.Topic;
  /** The topic's key. */
  public readonly topicKey: kms.IKey;
  private deadLetters?: sqs.Queue;
  private globalResourcesRegionCondition?: CfnCondition;

  constructor(scope: App, id: string, private readonly options: ResolvedBaselineOptions) {
    super(scope, id, {
      synthesizer: new BootstraplessSynthesizer(),
      description: 'Gantry AccountBaseline: security baseline of a member account, deployed by a service-managed StackSet',
    });

    const { topic, key } = secureTopic(this, 'SecurityNotifications', {
      topicProps: { displayName: 'Account security notifications' },
    });
    this.topic = topic;
    this.topicKey = key;
    (options.notifications?.emailAddresses ?? []).forEach((email, index) => {
      topic.addSubscription(new subscriptions.EmailSubscription(this.text(`NotificationEmail${index + 1}`, email), {
        deadLetterQueue: this.subscriptionDeadLetters(),
      }));
    });

    if ((options.guardDutyMode ?? GuardDutyMode.ORGANIZATION_AUTO_ENABLE) === GuardDutyMode.CREATE_DETECTOR) {
      keepOnRemoval(new guardduty.CfnDetector(this, 'GuardDutyDetector', { enable: true, findingPublishingFrequency: 'FIFTEEN_MINUTES' }));
    }
    if ((options.securityHubMode ?? SecurityHubMode.CENTRAL_CONFIGURATION) === SecurityHubMode.ACCOUNT_HUB) {
      this.addSecurityHub(options.securityHubStandards ?? [SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES_V1_0_0]);
    }
    if ((options.accessAnalyzerMode ?? AccessAnalyzerMode.ORGANIZATION_ANALYZER) === AccessAnalyzerMode.ACCOUNT_ANALYZER) {
      keepOnRemoval(new accessanalyzer.CfnAnalyzer(this, 'AccessAnalyzer', { type: 'ACCOUNT' }));
    }
    this.addAlertRules();
    if (options.budget) this.addBudget(options.budget.monthlyLimitUsd, options.budget.alertThresholdPercent ?? 80);
    if (options.auditRole) this.addRole('AuditRole', options.auditRole, 'GantryAudit', false, 'SecurityAudit');
    if (options.breakGlassRole) {
      const roleName = this.addRole('BreakGlassRole', options.breakGlassRole, 'GantryBreakGlass', true, 'AdministratorAccess');
      if (options.breakGlassAlerts ?? true) this.addBreakGlassAlert(roleName);
    }
  }

  /** An alert on every AssumeRole of the break-glass role, in every region (not only where the role is created). */
  private addBreakGlassAlert(roleName: string): void {
    const rule = new events.Rule(this, 'BreakGlassAssumedRule', {
      description: 'The break-glass role was assumed',
      eventPattern: {
        source: ['aws.sts'],
        detailType: ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['sts.amazonaws.com'],
          eventName: ['AssumeRole'],
          requestParameters: { roleArn: [`arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/${roleName}`] },
        },
      },
      targets: [new DeadLetteredTarget(new RuleTopicTarget(this.topic), this.eventDeadLetters())],
    });
    // CloudTrail files AssumeRole as a read-only management event, which an ENABLED rule does not
    // receive. Source: EventBridge User Guide, "Receiving read-only management events from AWS services".
    (rule.node.defaultChild as events.CfnRule).state = 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
  }

  /** Condition true in the region that holds account-global resources (created on first use). */
  public get isGlobalResourcesRegion(): CfnCondition {
    if (!this.globalResourcesRegionCondition) {
      this.globalResourcesRegionCondition = new CfnCondition(this, 'IsGlobalResourcesRegion', {
        expression: Fn.conditionEquals(Aws.REGION, this.text('GlobalResourcesRegion', this.options.globalResourcesRegion)),
      });
    }
    return this.globalResourcesRegionCondition;
  }

  /** The template as a JSON object. */
  public toTemplate(): any {
    const assembly = (this.node.root as App).synth();
    return assembly.getStackByName(this.stackName).template;
  }

  /** A string for the template: the value itself, or a parameter when it is a token of the outer stack. */
  private text(key: string, value: string): string {
    if (!Token.isUnresolved(value)) return value;
    const parameter = new CfnParameter(this, key, { type: 'String', description: `${key}, passed in by the StackSet` });
    this.parameterValues.push({ parameterKey: key, parameterValue: value });
    return parameter.valueAsString;
  }

  /** A number for the template: the value itself, or a parameter when it is a token of the outer stack. */
  private number(key: string, value: number): number {
    if (!Token.isUnresolved(value)) return value;
    const parameter = new CfnParameter(this, key, { type: 'Number', description: `${key}, passed in by the StackSet` });
    this.parameterValues.push({ parameterKey: key, parameterValue: Token.asString(value) });
    return parameter.valueAsNumber;
  }

  private addSecurityHub(standards: SecurityHubStandard[]): void {
    const hub = keepOnRemoval(new securityhub.CfnHub(this, 'SecurityHub', {
      enableDefaultStandards: false,
      controlFindingGenerator: 'SECURITY_CONTROL',
      autoEnableControls: true,
    }));
    standards.forEach((standard) => {
      const id = `SecurityHubStandard${standard.resourcePath.replace(/[^A-Za-z0-9]/g, '')}`;
      const resource = keepOnRemoval(new securityhub.CfnStandard(this, id, {
        standardsArn: `arn:${Aws.PARTITION}:securityhub:${Aws.REGION}::${standard.resourcePath}`,
      }));
      resource.addDependency(hub);
    });
  }

  /** Dead-letter queue of the alert rules' targets and the topic's subscriptions (created on first use). */
  public get deadLetterQueue(): sqs.Queue | undefined {
    return this.deadLetters;
  }

  private eventDeadLetters(): sqs.Queue {
    // The template's one queue keeps its logical id (`DeadLetterQueue`): a StackSet update would
    // otherwise replace it in every member account, and the member stack has no other queue to share.
    if (!this.deadLetters) {
      const key = SharedKeys.of(this).messagesKey;
      allowDeadLetterSenders(key, ['events.amazonaws.com']);
      this.deadLetters = secureDeadLetterQueue(this, 'DeadLetterQueue', key,
        'This queue is itself the dead-letter queue of EventBridge targets; a DLQ of a DLQ adds nothing.', true);
    }
    return this.deadLetters;
  }

  private subscriptionDeadLetters(): sqs.Queue {
    const queue = this.eventDeadLetters();
    allowDeadLetterSenders(queue.encryptionMasterKey!, ['sns.amazonaws.com']);
    return queue;
  }

  private addAlertRules(): void {
    const rules: Array<{ id: string; description: string; pattern: events.EventPattern }> = [];
    if (this.options.rootSignInAlerts ?? true) {
      rules.push({
        id: 'RootSignInRule',
        description: 'The root user signed in to the console',
        pattern: { detailType: ['AWS Console Sign In via CloudTrail'], detail: { userIdentity: { type: ['Root'] } } },
      });
    }
    if (this.options.iamPolicyChangeAlerts ?? true) {
      rules.push({
        id: 'IamPolicyChangeRule',
        description: 'An IAM policy was created, changed, attached or detached',
        pattern: { source: ['aws.iam'], detailType: ['AWS API Call via CloudTrail'], detail: { eventSource: ['iam.amazonaws.com'], eventName: IAM_POLICY_CHANGE_EVENTS } },
      });
    }
    if (this.options.cloudTrailChangeAlerts ?? true) {
      rules.push({
        id: 'CloudTrailChangeRule',
        description: 'A CloudTrail trail was created, changed, stopped or deleted',
        pattern: { source: ['aws.cloudtrail'], detailType: ['AWS API Call via CloudTrail'], detail: { eventSource: ['cloudtrail.amazonaws.com'], eventName: CLOUDTRAIL_CHANGE_EVENTS } },
      });
    }
    if (rules.length === 0) return;
    const queue = this.eventDeadLetters();
    for (const rule of rules) {
      new events.Rule(this, rule.id, {
        description: rule.description,
        eventPattern: rule.pattern,
        targets: [new DeadLetteredTarget(new RuleTopicTarget(this.topic), queue)],
      });
    }
  }

  private addBudget(monthlyLimitUsd: number, thresholdPercent: number): void {
    // AWS Budgets publishes to the encrypted topic: it needs the topic policy and the key.
    this.topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowBudgetsToPublish',
      principals: [new iam.ServicePrincipal('budgets.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }));
    if (this.topicKey instanceof kms.Key) {
      allowServicesToUseKey(this.topicKey, { sid: 'AllowBudgetsToUseTopicKey', services: ['budgets.amazonaws.com'] });
    }
    const budget = new budgets.CfnBudget(this, 'MonthlyCostBudget', {
      budget: {
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: this.number('BudgetMonthlyLimitUsd', monthlyLimitUsd), unit: 'USD' },
      },
      notificationsWithSubscribers: [{
        notification: {
          notificationType: 'ACTUAL',
          comparisonOperator: 'GREATER_THAN',
          threshold: thresholdPercent,
          thresholdType: 'PERCENTAGE',
        },
        subscribers: [{ subscriptionType: 'SNS', address: this.topic.topicArn }],
      }],
    });
    budget.cfnOptions.condition = this.isGlobalResourcesRegion;
  }

  /** Adds a baseline role and returns its name (a parameter when it is a token of the outer stack). */
  private addRole(id: string, options: BaselineRoleOptions, defaultName: string, defaultMfa: boolean, managedPolicy: string): string {
    const requireMfa = options.requireMfa ?? defaultMfa;
    const principals = options.trustedPrincipalArns.map((arn, index) => new iam.ArnPrincipal(this.text(`${id}TrustedPrincipal${index + 1}`, arn)));
    const assumedBy = requireMfa
      ? new iam.PrincipalWithConditions(new iam.CompositePrincipal(...principals), { Bool: { 'aws:MultiFactorAuthPresent': 'true' } })
      : new iam.CompositePrincipal(...principals);
    const roleName = this.text(`${id}Name`, options.roleName ?? defaultName);
    const role = new iam.Role(this, id, {
      roleName,
      description: `Gantry account baseline ${defaultName === 'GantryAudit' ? 'read-only audit' : 'break-glass administrator'} role, trusted only by named principals`,
      assumedBy,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(managedPolicy)],
      maxSessionDuration: Duration.hours(1),
    });
    (role.node.defaultChild as CfnResource).cfnOptions.condition = this.isGlobalResourcesRegion;
    suppressNagFindings(role, [{
      id: 'AwsSolutions-IAM4',
      reason: `The AWS managed ${managedPolicy} policy is the point of this role: AWS keeps it current as services add actions.`,
      appliesTo: [`Policy::arn:<AWS::Partition>:iam::aws:policy/${managedPolicy}`],
    }]);
    return roleName;
  }
}

/**
 * A security service the StackSet enabled stays enabled when it leaves the template (a switch to
 * the organization-native mode, a stack instance removed): deleting a hub, detector or analyzer
 * would turn the service off in the account until the organization route takes over.
 */
function keepOnRemoval<T extends CfnResource>(resource: T): T {
  resource.applyRemovalPolicy(RemovalPolicy.RETAIN);
  return resource;
}

/** Builds the member-account template in a fresh in-memory app and returns it with its parameter values. */
export function synthesizeBaselineTemplate(
  options: ResolvedBaselineOptions,
): { template: any; parameterValues: StackSetParameterValue[]; stack: BaselineTemplateStack } {
  // A private outdir: under the CDK CLI an App would otherwise write into the user's cdk.out (CDK_OUTDIR).
  const outdir = mkdtempSync(join(tmpdir(), 'gantry-baseline-'));
  try {
    const app = new App({ analyticsReporting: false, outdir });
    const stack = new BaselineTemplateStack(app, 'GantryAccountBaseline', options);
    return { template: stack.toTemplate(), parameterValues: stack.parameterValues, stack };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
