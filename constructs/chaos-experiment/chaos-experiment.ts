import { Duration, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as fis from 'aws-cdk-lib/aws-fis';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import {
  checkCount, checkOneOf, checkPattern, checkRange, checkUnique, DeadLetteredTarget, eventDeadLetterQueue, fail, IDeploymentAlarmSource, IMonitoring,
  flattenReference, Limits, ManagedPolicyRole, monitorDeadLetterQueue, NotificationOptions, rejectRemovedProps, resolveNotifications, RuleTopicTarget,
  secureBucket, secureLogGroup, suppressExpectedWildcards,
} from '../core';
import { Fault } from './fault';
import { ChaosPipelineStep, ChaosPipelineStepOptions } from './pipeline-step';
import { ActionNode, checkActionGraph } from './private/action-graph';
import { checkTargetQuota, checkTargetType, ResolvedTarget } from './private/fault-definition';
import { ChaosExperimentReport } from './report';
import { ChaosTarget } from './targets';

/** One action of an experiment: a fault, optionally after other actions. */
export interface ChaosAction {
  /** Name of the action, unique in the experiment (up to 64 characters, no spaces). */
  readonly name: string;
  /** The fault the action injects. */
  readonly fault: Fault;
  /**
   * Names of actions that must complete before this one starts.
   * @default - starts when the experiment starts
   */
  readonly startAfter?: string[];
  /**
   * Description of the action.
   * @default - none
   */
  readonly description?: string;
}

/** Props of `ChaosExperiment`. */
export interface ChaosExperimentProps {
  /** What the experiment tests (up to 512 characters), shown in the FIS console and the step's messages. */
  readonly description: string;
  /** The actions (1-20). */
  readonly actions: ChaosAction[];
  /**
   * Alarms that stop the experiment when they fire (with `alarmSources`, at most 5).
   * @default - none
   */
  readonly stopConditions?: cloudwatch.IAlarm[];
  /**
   * Constructs whose deployment alarms stop the experiment (a BlueGreenLambda, a gate), read at synth.
   * @default - none
   */
  readonly alarmSources?: IDeploymentAlarmSource[];
  /**
   * Runs the experiment without any stop condition: the reason why that is safe (at least 20 characters).
   * @default - at least one stop condition is required
   */
  readonly noStopConditionReason?: string;
  /**
   * The targets are production resources. Defaults to the `gantry:production` context value of this
   * construct's scope (set it on a production `Stage` with `stage.node.setContext('gantry:production', true)`).
   * @default - the `gantry:production` context, else false
   */
  readonly production?: boolean;
  /**
   * Allow the experiment on production targets (chaos runs before production first).
   * @default false
   */
  readonly allowInProduction?: boolean;
  /**
   * Attach the broad AWS managed FIS policies (AWSFaultInjectionSimulator*Access) for the services
   * used instead of the derived least-privilege statements. Opt-in only.
   * @default false
   */
  readonly useManagedPolicies?: boolean;
  /**
   * Retention of the experiment log group.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Where the experiment's state changes (FIS events) are notified. Replaces `notificationTopic` of
   * 0.x (rejected with a pointer here).
   * @default - notifications on, to the stack's shared Gantry notification topic, no subscriber
   */
  readonly notifications?: NotificationOptions;
  /**
   * Key of the experiment's log group and of the state-change dead letters. Constructs given
   * different keys each use their own; the stack's shared keys are used only where no key is given.
   * @default - the stack's shared keys (`SharedKeys`): logs and messages
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * Where the experiment's log group, stop-condition alarms and state-change events (the
   * notification topic's messages) are shown.
   * @default - not shown on a dashboard
   */
  readonly monitoring?: IMonitoring;
  /**
   * An experiment report after each experiment: a PDF in S3 with graphs of the given dashboards.
   * @default - no report
   */
  readonly report?: ChaosExperimentReport;
  /**
   * FIS per-action target quotas raised for this account (Service Quotas, fis), by action id, e.g.
   * `{ 'aws:ec2:stop-instances': 20 }`. A COUNT(n) selection, or a target of known size, over the
   * quota of its action fails synth.
   * @default - the default quotas (Limits.fis.actionTargetQuotas)
   */
  readonly targetQuotas?: { [actionId: string]: number };
  /**
   * Game-day schedule that starts the experiment (EventBridge Scheduler).
   * @default - no schedule
   */
  readonly gameDaySchedule?: scheduler.ScheduleExpression;
  /**
   * Whether the game-day schedule is enabled.
   * @default false
   */
  readonly gameDayScheduleEnabled?: boolean;
}

/** Managed policies per action family, for `useManagedPolicies` (FIS actions reference, "AWS managed policy"). */
const MANAGED_POLICIES: Array<[RegExp, string]> = [
  [/^aws:ec2:(stop|terminate|reboot)-instances$|^aws:ssm:send-command$/, Limits.fis.managedPolicies.ec2],
  [/^aws:ecs:(stop-task|drain-container-instances)$/, Limits.fis.managedPolicies.ecs],
  [/^aws:network:/, Limits.fis.managedPolicies.network],
  [/^aws:rds:/, Limits.fis.managedPolicies.rds],
];

/**
 * An AWS FIS experiment template built from typed faults and targets, stopped by the service's
 * alarms, run by a least-privilege role derived from its faults, logging to an encrypted log group
 * and announcing its state changes on an encrypted topic. `pipelineStep()` runs it in a pipeline.
 */
export class ChaosExperiment extends Construct {
  /** The experiment template. */
  public readonly template: fis.CfnExperimentTemplate;
  /** Id of the template (`EXT...`). */
  public readonly templateId: string;
  /** ARN of the template. */
  public readonly templateArn: string;
  /** The role FIS assumes to inject the faults. */
  public readonly role: iam.Role;
  /** The experiment log group. */
  public readonly logGroup: logs.LogGroup;
  /** Topic of the experiment's state changes, when notifications are on. */
  public readonly notificationTopic?: sns.ITopic;
  /** The description. */
  public readonly description: string;
  /** Bucket of the experiment reports, when the experiment has a report. */
  public readonly reportBucket?: s3.IBucket;
  private readonly stopAlarms: cloudwatch.IAlarm[];
  /** The report objects the role may write, and whether it renders dashboard graphs (for the acknowledgements). */
  private reportObjects?: string;
  private reportGraphs = false;
  private readonly alarmSources: IDeploymentAlarmSource[];

  constructor(scope: Construct, id: string, props: ChaosExperimentProps) {
    super(scope, id);
    this.validateProps(props);
    this.description = props.description;
    this.stopAlarms = [...(props.stopConditions ?? [])];
    this.alarmSources = [...(props.alarmSources ?? [])];
    const stack = Stack.of(this);

    this.role = new ManagedPolicyRole(this, 'ExperimentRole', {
      description: `Assumed by AWS FIS to run the experiment ${this.node.path}`,
      // Confused-deputy protection: only FIS experiments of this account.
      assumedBy: new iam.ServicePrincipal('fis.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:fis:${stack.region}:${stack.account}:experiment/*` },
        },
      }),
    });

    const { targets: fisTargets, actions: fisActions } = this.renderActions(props);

    this.logGroup = secureLogGroup(this, 'Logs', { retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR, encryptionKey: props.encryptionKey }).logGroup;
    this.grantLogDelivery();
    let reportConfiguration: fis.CfnExperimentTemplate.ExperimentTemplateExperimentReportConfigurationProperty | undefined;
    if (props.report) {
      this.reportBucket = props.report.bucket ?? secureBucket(this, 'Reports').bucket;
      reportConfiguration = this.renderReport(props.report, this.reportBucket);
    }

    this.template = new fis.CfnExperimentTemplate(this, 'Template', {
      description: props.description,
      roleArn: this.role.roleArn,
      targets: fisTargets,
      actions: fisActions,
      stopConditions: Lazy.any({ produce: () => this.renderStopConditions() }) as any,
      logConfiguration: {
        cloudWatchLogsConfiguration: { LogGroupArn: this.logGroup.logGroupArn },
        logSchemaVersion: Limits.fis.logSchemaVersion,
      },
      experimentReportConfiguration: reportConfiguration,
      tags: { Name: this.node.path.slice(0, 256) },
    });
    // FIS checks the role's permissions when the template is created.
    const grants = (this.role as ManagedPolicyRole).grantsPolicy;
    if (grants) this.template.node.addDependency(grants);
    this.templateId = this.template.attrId;
    this.templateArn = stack.formatArn({ service: 'fis', resource: 'experiment-template', resourceName: this.templateId });

    this.notificationTopic = resolveNotifications(this, 'notifications', props.notifications, ['events.amazonaws.com']);
    if (this.notificationTopic) {
      new events.Rule(this, 'StateChangeRule', {
        description: `State changes of the FIS experiments of ${this.node.path}`,
        eventPattern: {
          source: [Limits.fis.eventSource],
          detailType: [Limits.fis.eventDetailType],
          detail: { 'experiment-template-id': [this.templateId] },
        },
        // Only this rule may publish (aws:SourceArn); a given topic's key gets EventBridge's statement. Dead letters
        // to the stack's shared queue (for the experiment's key when given).
        targets: [new DeadLetteredTarget(new RuleTopicTarget(this.notificationTopic), eventDeadLetterQueue(this, props.encryptionKey))],
      });
    }

    if (props.gameDaySchedule) this.addGameDaySchedule(props.gameDaySchedule, props.gameDayScheduleEnabled ?? false);
    if (props.monitoring) {
      props.monitoring.monitor(this.logGroup, { title: `Chaos experiment ${this.node.path}` });
      // The stop conditions are the user's alarms on the target, not on a resource of this construct.
      props.monitoring.addAlarms(`Chaos stop conditions (${this.node.path})`, this.stopConditionAlarms);
      // One message per FIS state change (pending, running, completed, stopped, failed ...).
      if (this.notificationTopic) props.monitoring.monitor(this.notificationTopic, { title: `Chaos experiment state changes (${this.node.path})` });
      // The stack's shared dead-letter queue (state changes EventBridge could not deliver), once per monitoring.
      if (this.notificationTopic) monitorDeadLetterQueue(props.monitoring, eventDeadLetterQueue(this, props.encryptionKey));
    }

    this.node.addValidation({ validate: () => this.validateStopConditions(props) });
    this.acknowledgeWildcards();
  }

  /** The alarms that stop the experiment: the given ones and the sources' deployment alarms (read now). */
  public get stopConditionAlarms(): cloudwatch.IAlarm[] {
    const all = [...this.stopAlarms, ...this.alarmSources.flatMap((s) => s.deploymentAlarms)];
    const seen = new Set<string>();
    return all.filter((a) => {
      const key = Token.isUnresolved(a.alarmArn) ? Stack.of(this).resolve(a.alarmArn) : a.alarmArn;
      const k = JSON.stringify(key);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }

  /** Adds an alarm that stops the experiment. */
  public addStopCondition(alarm: cloudwatch.IAlarm): void {
    this.stopAlarms.push(alarm);
  }

  /**
   * A pipeline step that runs the experiment: a state machine starts it, polls it to a terminal
   * state, then checks that the alarms are back to OK within the recovery timeout; the stage fails
   * with a message naming the experiment and its final state otherwise.
   */
  public pipelineStep(options: ChaosPipelineStepOptions = {}): ChaosPipelineStep {
    return new ChaosPipelineStep(this, `Step${options.stepName ?? 'Chaos'}`, { experiment: this, ...options });
  }

  private validateProps(props: ChaosExperimentProps): void {
    rejectRemovedProps(this, props, { notificationTopic: 'notifications.topic' });
    if (!props.description) fail(this, 'description', props.description, `a description of 1 to ${Limits.fis.maxDescriptionLength} characters`);
    if (!Token.isUnresolved(props.description) && props.description.length > Limits.fis.maxDescriptionLength) {
      fail(this, 'description', props.description, `at most ${Limits.fis.maxDescriptionLength} characters`);
    }
    checkCount(this, 'actions', props.actions, 1, Limits.fis.maxActionsPerTemplate);
    props.actions.forEach((a, i) => checkPattern(this, `actions[${i}].name`, a.name, Limits.fis.namePattern, 'a name of 1 to 64 characters without spaces'));
    checkUnique(this, 'actions[].name', props.actions.map((a) => a.name));
    const production = props.production ?? this.node.tryGetContext('gantry:production') === true;
    if (production && !props.allowInProduction) {
      fail(this, 'allowInProduction', props.allowInProduction,
        'true to run chaos on production targets (this scope is marked production by the production prop or the gantry:production context); run the experiment in a pre-production stage first');
    }
    for (const [actionId, value] of Object.entries(props.targetQuotas ?? {})) {
      checkOneOf(this, 'targetQuotas', actionId, Object.keys(Limits.fis.actionTargetQuotas));
      checkRange(this, `targetQuotas['${actionId}']`, value, Limits.fis.actionTargetQuotas[actionId].value, Number.MAX_SAFE_INTEGER, { integer: true, unit: 'resources (a raised quota, at least the default)' });
    }
    if (props.noStopConditionReason !== undefined && props.noStopConditionReason.trim().length < 20) {
      fail(this, 'noStopConditionReason', props.noStopConditionReason, 'a reason of at least 20 characters why running without a stop condition is safe');
    }
  }

  private renderActions(props: ChaosExperimentProps) {
    const targetNames = new Map<ChaosTarget, { name: string; resolved: ResolvedTarget }>();
    const fisTargets: Record<string, fis.CfnExperimentTemplate.ExperimentTemplateTargetProperty> = {};
    const fisActions: Record<string, fis.CfnExperimentTemplate.ExperimentTemplateActionProperty> = {};
    const nodes: ActionNode[] = [];
    const managed = new Set<string>();

    props.actions.forEach((action, i) => {
      const prop = `actions[${i}].fault`;
      const def = action.fault._definition;
      const target = action.fault._target;
      let resolved: ResolvedTarget | undefined;
      let targetName: string | undefined;
      if (target) {
        let entry = targetNames.get(target);
        if (!entry) {
          entry = { name: `${action.name}Target`.slice(0, 64), resolved: target._resolve(this, `${prop}.target`) };
          targetNames.set(target, entry);
          fisTargets[entry.name] = renderTarget(entry.resolved);
        }
        resolved = entry.resolved;
        targetName = entry.name;
      }
      const ctx = { scope: this, prop, options: action.fault._options, target: resolved };
      checkTargetType(ctx, def);
      checkTargetQuota(this, def.actionId, resolved, props.targetQuotas);
      def.validate(ctx);

      const policy = props.useManagedPolicies ? MANAGED_POLICIES.find(([re]) => re.test(def.actionId))?.[1] : undefined;
      if (policy) managed.add(policy);
      else for (const statement of def.permissions(ctx)) this.role.addToPrincipalPolicy(statement);

      fisActions[action.name] = {
        actionId: def.actionId,
        description: action.description,
        parameters: def.parameters(ctx),
        startAfter: action.startAfter,
        targets: def.targetKey && targetName ? { [def.targetKey]: targetName } : undefined,
      };
      nodes.push({ name: action.name, startAfter: action.startAfter ?? [], seconds: durationOf(action.fault._options) });
    });
    checkActionGraph(this, 'actions', nodes);
    for (const name of managed) this.role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(name));
    return { targets: fisTargets, actions: fisActions };
  }

  private renderStopConditions(): fis.CfnExperimentTemplate.ExperimentTemplateStopConditionProperty[] {
    const alarms = this.stopConditionAlarms;
    if (alarms.length === 0) return [{ source: 'none' }];
    return alarms.map((a) => ({ source: 'aws:cloudwatch:alarm', value: a.alarmArn }));
  }

  private validateStopConditions(props: ChaosExperimentProps): string[] {
    const count = this.stopConditionAlarms.length;
    if (count === 0 && props.noStopConditionReason === undefined) {
      return [`[ChaosExperiment at '${this.node.path}'] invalid 'stopConditions': got none; allowed: 1 to ${Limits.fis.maxStopConditionsPerTemplate} alarms (stopConditions or alarmSources), or noStopConditionReason to waive them explicitly`];
    }
    if (count > Limits.fis.maxStopConditionsPerTemplate) {
      return [`[ChaosExperiment at '${this.node.path}'] invalid 'stopConditions': got ${count} alarms; allowed: at most ${Limits.fis.maxStopConditionsPerTemplate} stop conditions per experiment template (stopConditions and alarmSources together)`];
    }
    if (count > 0 && props.noStopConditionReason !== undefined) {
      return [`[ChaosExperiment at '${this.node.path}'] invalid 'noStopConditionReason': got ${JSON.stringify(props.noStopConditionReason)}; allowed: only without stop conditions`];
    }
    return [];
  }

  /**
   * The report configuration, and the role's grants to write it (Limits.fis.report*): the report
   * objects under the prefix, the dashboards' definitions and their widget images, the bucket's key.
   */
  private renderReport(
    report: ChaosExperimentReport, bucket: s3.IBucket,
  ): fis.CfnExperimentTemplate.ExperimentTemplateExperimentReportConfigurationProperty {
    const prefix = report.prefix ?? 'fis-reports';
    checkPattern(this, 'report.prefix', prefix, new RegExp(`^(?!/)\\S{1,${Limits.fis.maxReportPrefixLength}}(?<!/)$`),
      `1 to ${Limits.fis.maxReportPrefixLength} characters without spaces and without a leading or trailing slash`);
    const durations = { preExperimentDuration: report.preExperimentDuration, postExperimentDuration: report.postExperimentDuration };
    for (const [name, duration] of Object.entries(durations)) {
      if (!duration || duration.isUnresolved()) continue;
      const iso = duration.toIsoString();
      if (duration.toMilliseconds() <= 0 || iso.length > Limits.fis.maxReportDurationLength) {
        fail(this, `report.${name}`, iso, `a positive duration whose ISO 8601 form has at most ${Limits.fis.maxReportDurationLength} characters (e.g. Duration.minutes(20), PT20M)`);
      }
    }
    const dashboards = report.dashboards ?? [];
    checkUnique(this, 'report.dashboards', dashboards.map((d) => d.node.path));

    this.reportObjects = bucket.arnForObjects(`${prefix}/*`);
    this.reportGraphs = dashboards.length > 0;
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'WriteExperimentReports',
      actions: [...Limits.fis.reportObjectActions],
      resources: [this.reportObjects],
    }));
    if (bucket.encryptionKey) {
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: 'EncryptExperimentReports',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [bucket.encryptionKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` } },
      }));
    }
    if (dashboards.length > 0) {
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: 'ReadReportDashboards',
        actions: [...Limits.fis.reportDashboardActions],
        resources: dashboards.map((d) => d.dashboardArn),
      }));
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: 'RenderReportGraphs',
        actions: [...Limits.fis.reportWidgetActions],
        resources: ['*'],
      }));
    }
    return {
      outputs: { experimentReportS3Configuration: { bucketName: bucket.bucketName, prefix } },
      dataSources: dashboards.length > 0 ? { cloudWatchDashboards: dashboards.map((d) => ({ dashboardIdentifier: d.dashboardArn })) } : undefined,
      preExperimentDuration: report.preExperimentDuration?.toIsoString(),
      postExperimentDuration: report.postExperimentDuration?.toIsoString(),
    };
  }

  /**
   * FIS delivers experiment logs as vended logs: it needs these CloudWatch Logs calls. They stay
   * account- and Region-wide on purpose: AWS asks for a `*` wildcard in the Resource of
   * logs:DescribeLogGroups, logs:DescribeResourcePolicies and logs:PutResourcePolicy "instead of
   * specifying only a single log group name" (Amazon CloudWatch Logs User Guide, "Logs sent to
   * CloudWatch Logs", user permissions, the page the FIS User Guide's "Experiment logging"
   * permissions section points to; read 2026-12-02), and logs:CreateLogDelivery has no resource
   * type there (its example grants it on "*").
   */
  private grantLogDelivery(): void {
    const stack = Stack.of(this);
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'CreateExperimentLogDelivery',
      actions: ['logs:CreateLogDelivery'],
      resources: ['*'],
    }));
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'AllowLogDeliveryToLogGroup',
      actions: ['logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'],
      resources: [`arn:${stack.partition}:logs:${stack.region}:${stack.account}:*`],
    }));
  }

  private addGameDaySchedule(schedule: scheduler.ScheduleExpression, enabled: boolean): void {
    const role = new ManagedPolicyRole(this, 'GameDayRole', {
      description: `Starts the FIS experiment ${this.node.path} on its game-day schedule`,
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } } }),
    });
    new scheduler.Schedule(this, 'GameDay', {
      description: `Game day: starts ${this.node.path}`,
      schedule,
      enabled,
      target: new schedulerTargets.Universal({
        service: 'fis',
        action: 'startExperiment',
        role,
        input: scheduler.ScheduleTargetInput.fromObject({ ExperimentTemplateId: this.templateId, ClientToken: '<aws.scheduler.execution-id>' }),
        policyStatements: [new iam.PolicyStatement({
          actions: ['fis:StartExperiment'],
          resources: [this.templateArn, Stack.of(this).formatArn({ service: 'fis', resource: 'experiment', resourceName: '*' })],
        })],
        retryAttempts: 0,
      }),
    });
  }

  private acknowledgeWildcards(): void {
    suppressExpectedWildcards(this.role as ManagedPolicyRole, [
      ...(this.reportObjects ? [{
        finding: `Resource::${flattenReference(Stack.of(this).resolve(this.reportObjects))}`,
        reason: 'The experiment reports under the report prefix: FIS writes new objects per experiment.',
      }] : []),
      {
        finding: 'Resource::*',
        reason: `Only actions without resource-level permissions (Describe*/List*, tag:GetResources, logs:CreateLogDelivery, ${this.reportGraphs ? 'cloudwatch:GetMetricWidgetImage for the report graphs, ' : ''}ec2:InjectApiError under its FIS condition keys) use "*".`,
      },
      {
        // arn:<partition>:<service>:<region>:<account>:<kind>/* (or task/<cluster>/*, cluster:*, logs ...:*)
        finding: /^Resource::arn:<AWS::Partition>:(ec2|ecs|ssm|rds|logs):[^:*]+:[^:*]+:(([a-z-]+\/(\*|[^*/]+\/\*))|cluster:\*|\*)$/,
        reason: 'Resources FIS selects or creates at experiment start (instances, tasks, managed instances, network ACLs), of one kind in this account and Region, narrowed by the target\'s tags or cluster where FIS allows; logs: the vended-log delivery to the experiment log group.',
      },
      {
        finding: /^Resource::<[A-Za-z0-9]+\.Arn>\/[^*]*\*$|^Resource::arn:[^*]*:s3:::[^*]+\/[^*]*\*$/,
        reason: 'Objects of the FIS Lambda extension\'s configuration folder: FIS writes one per experiment.',
      },
    ]);
  }
}

function renderTarget(t: ResolvedTarget): fis.CfnExperimentTemplate.ExperimentTemplateTargetProperty {
  return {
    resourceType: t.resourceType,
    resourceArns: t.resourceArns,
    resourceTags: t.resourceTags,
    filters: t.filters,
    parameters: t.parameters,
    selectionMode: t.selectionMode,
  };
}

/** The time an action keeps running, for the experiment duration check. */
function durationOf(options: any): number {
  const d: Duration | undefined = options?.duration ?? options?.startInstancesAfter;
  return d && !d.isUnresolved() ? d.toSeconds() : 0;
}
