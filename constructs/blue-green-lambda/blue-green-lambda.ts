import { ArnFormat, Aws, CfnResource, Duration, Lazy, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import {
  checkCount, checkPattern, checkRange, dependOnGrantsOnly, fail, IDeploymentAlarmSource, IMonitoring, Limits, ManagedPolicyRole, secureLogGroup,
  markUserConfigured, monitorDeadLetterQueue, NotificationOptions, resolveNotifications, suppressNagFindings, LambdaAlarmRules,
  lambdaLatencyThresholdMs,
} from '../core';
import { BlueGreenDeploymentConfig } from './deployment-config';
import { BlueGreenShared } from './private/shared';
import { aliasGateAlarms, createVersionAlarms, VERSION_ALARM_NAME_SUFFIXES, versionDimensions, VersionScope } from './private/version-alarms';
import { VersionAlarmThresholds } from './version-alarm-thresholds';
import { DeploymentGateAlarm } from '../core/contracts/monitoring';

/** The built-in smoke test: what to send to the new version and what it must answer. */
export interface SmokeTestProps {
  /**
   * The event sent to the version under deployment (serialised as JSON).
   * @default {}
   */
  readonly payload?: { [key: string]: any };

  /**
   * The `statusCode` field the response must carry (for example 200 for an API Gateway proxy
   * handler).
   * @default - not checked
   */
  readonly expectedStatusCode?: number;

  /**
   * JSON the response must contain: every key given here must be present with an equal value
   * (objects are matched as subsets, arrays element by element).
   * @default - not checked
   */
  readonly expectedResponse?: { [key: string]: any };

  /**
   * How long the new version may take to answer; whole seconds, 1 second to 4 minutes (the hook
   * keeps time to report to CodeDeploy).
   * @default Duration.seconds(30)
   */
  readonly timeout?: Duration;
}

/** Properties of a {@link BlueGreenLambda}. */
export interface BlueGreenLambdaProps {
  /**
   * An existing function to deploy blue/green. A `lambda.Function` brings its own version
   * strategy (`currentVersion`); any other function needs `version`.
   * @default - a function is created from `functionProps`
   */
  readonly function?: lambda.IFunction;

  /**
   * Properties of the function to create. Secure defaults fill what is not set: active X-Ray
   * tracing, a KMS-encrypted log group with one year of retention, and an execution role that may
   * write only to that log group.
   * @default - `function` must be given
   */
  readonly functionProps?: lambda.FunctionProps;

  /**
   * The version the alias points to, for a given function that is not a `lambda.Function` (for
   * example one imported by ARN). It must belong to `function`.
   * @default - the function's `currentVersion`
   */
  readonly version?: lambda.IVersion;

  /**
   * Name of the alias that CodeDeploy shifts: 1-128 letters, digits, `-` and `_`, not only digits.
   * @default 'live'
   */
  readonly aliasName?: string;

  /**
   * Provisioned concurrency on the alias (a whole number, at least 1).
   * @default - none
   */
  readonly provisionedConcurrentExecutions?: number;

  /**
   * The CodeDeploy application of the deployment group.
   * @default - one application shared by every BlueGreenLambda of the stack
   */
  readonly application?: codedeploy.ILambdaApplication;

  /**
   * How traffic moves to the new version.
   * @default BlueGreenDeploymentConfig.CANARY_10PERCENT_5MINUTES
   */
  readonly deploymentConfig?: BlueGreenDeploymentConfig;

  /**
   * Create the default alarms on the version under deployment: error rate, throttles and p99
   * duration, with the alias and executed-version dimensions.
   * @default true
   */
  readonly versionAlarms?: boolean;

  /**
   * Thresholds of the default version alarms.
   * @default - see VersionAlarmThresholds
   */
  readonly alarmThresholds?: VersionAlarmThresholds;

  /**
   * Names the default version alarms `<prefix>-NewVersionErrorRate`, `<prefix>-NewVersionThrottles`
   * and `<prefix>-NewVersionDurationP99`, so another stack (a pipeline gating on them) can find them
   * by name without a CloudFormation export. `Aws.STACK_NAME` keeps copies of one template apart.
   * @default - `<stack name>-<unique construct name>` (the stack name rendered as `AWS::StackName`), so a pipeline stage gates on them by name
   */
  readonly alarmNamePrefix?: string;

  /**
   * Further alarms that stop and roll back a deployment. A deployment group holds at most 10
   * alarms in all (default ones included).
   * @default - none
   */
  readonly alarms?: cloudwatch.IAlarm[];

  /**
   * A function CodeDeploy runs before traffic shifts (`BeforeAllowTraffic`). It is granted
   * `codedeploy:PutLifecycleEventHookExecutionStatus` on this deployment group only. Cannot be
   * combined with `smokeTest`, which is itself the pre-traffic hook.
   * @default - none
   */
  readonly preTrafficHook?: lambda.IFunction;

  /**
   * A function CodeDeploy runs after traffic has shifted (`AfterAllowTraffic`), granted
   * `codedeploy:PutLifecycleEventHookExecutionStatus` on this deployment group only.
   * @default - none
   */
  readonly postTrafficHook?: lambda.IFunction;

  /**
   * Run the built-in smoke test as the pre-traffic hook: it invokes the version under deployment
   * with the payload and reports Failed (rolling back) unless the answer is as expected. The hook
   * function is shared by every BlueGreenLambda of the stack.
   * @default - no smoke test
   */
  readonly smokeTest?: SmokeTestProps;

  /**
   * Where failed and stopped deployments (which CodeDeploy rolls back) and the version alarms are
   * notified (the version alarms only without `monitoring`, which routes them to its own topic). A given topic encrypted with a key of the app gets the statements CloudWatch and
   * EventBridge need; `{ enabled: false }` sends none (for example when a dashboard's topic gets
   * the alarms). The boolean form of 0.x is rejected.
   * @default - notifications on, to the stack's shared Gantry notification topic, no subscriber
   */
  readonly notifications?: NotificationOptions;

  /**
   * Key of the log group created for the function (with `functionProps` and no `logGroup`); it must
   * admit CloudWatch Logs of the stack's Region. Constructs given different keys each use their
   * own; the stack's shared keys are used only where no key is given.
   * @default - the stack's shared logs key (`SharedKeys`)
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Where to register the alias (with the deployment alarms, read at synth) and the deployment
   * group, one call each (for example an ObservabilityDashboard).
   * @default - not registered
   */
  readonly monitoring?: IMonitoring;
}

const DEFAULT_ALIAS = 'live';
const DEFAULT_SMOKE_TEST_TIMEOUT = Duration.seconds(30);
/** A smoke test must answer in time for the shared hook (timeout 5 minutes) to report. */
const MAX_SMOKE_TEST_TIMEOUT_SECONDS = 240;

/**
 * Blue/green deployment of a Lambda function through CodeDeploy: a published version behind an
 * alias (`live`), a deployment group that shifts traffic canary, linear or all at once, rolls back
 * on failure, on stop and on alarm, and by default alarms on the new version only, so a broken
 * old version never blocks the deployment of its fix.
 *
 * Versions come from `currentVersion`: a new version is published exactly when the code or a
 * version-locked setting changes, so a configuration-only change cannot fail with "version
 * already exists"; versions are retained on replacement so CodeDeploy can roll back to them.
 */
export class BlueGreenLambda extends Construct implements IDeploymentAlarmSource {
  /**
   * Names the default version alarms get with `alarmNamePrefix` (error rate, throttles, p99
   * duration), for a stack that gates on them by name.
   */
  public static versionAlarmNames(alarmNamePrefix: string): string[] {
    return [VERSION_ALARM_NAME_SUFFIXES.errorRate, VERSION_ALARM_NAME_SUFFIXES.throttles, VERSION_ALARM_NAME_SUFFIXES.duration]
      .map((suffix) => `${alarmNamePrefix}-${suffix}`);
  }

  /** The deployed function. */
  public readonly function: lambda.IFunction;
  /** The version the alias points to. */
  public readonly version: lambda.IVersion;
  /** The alias CodeDeploy shifts. */
  public readonly alias: lambda.Alias;
  /** The CodeDeploy application. */
  public readonly application: codedeploy.ILambdaApplication;
  /** The deployment group. */
  public readonly deploymentGroup: codedeploy.LambdaDeploymentGroup;
  /** Name of the deployment group (fixed at synth time, unique in the app). */
  public readonly deploymentGroupName: string;
  /** ARN of the deployment group. */
  public readonly deploymentGroupArn: string;
  /** The service role CodeDeploy uses for this deployment group (its grants land in one customer-managed policy). */
  public readonly deploymentRole: iam.Role;
  /** The deployment configuration. */
  public readonly deploymentConfig: codedeploy.ILambdaDeploymentConfig;
  /** Error-rate alarm of the new version, when version alarms are on. */
  public readonly errorRateAlarm?: cloudwatch.Alarm;
  /** Throttles alarm of the new version, when version alarms are on. */
  public readonly throttlesAlarm?: cloudwatch.Alarm;
  /** p99 duration alarm of the new version, when version alarms are on. */
  public readonly durationAlarm?: cloudwatch.Alarm;
  /** The shared smoke-test hook function, when a smoke test is configured. */
  public readonly smokeTestFunction?: lambda.IFunction;
  /** The shared topic of deployment failures and alarms, when notifications are on. */
  public readonly notificationTopic?: sns.ITopic;
  /** The shared rule on failed and stopped deployments, when notifications are on. */
  public readonly notificationRule?: events.IRule;

  /**
   * The default alarms described on the alias, for a pipeline in another account to re-create
   * (see `IDeploymentAlarmSource`); empty without version alarms (always set). The function's name is the one
   * given (`functionProps.functionName`); a generated name is not known at synth, so a pipeline
   * that needs these fails synth asking for one.
   */
  public readonly deploymentGateAlarms?: DeploymentGateAlarm[];

  private readonly alarmList: cloudwatch.IAlarm[] = [];
  private readonly versionScope: VersionScope;
  private describeAlarms?: iam.PolicyStatement;
  private readonly title: string;

  constructor(scope: Construct, id: string, props: BlueGreenLambdaProps) {
    super(scope, id);
    const aliasName = props.aliasName ?? DEFAULT_ALIAS;
    const config = props.deploymentConfig ?? BlueGreenDeploymentConfig.CANARY_10PERCENT_5MINUTES;
    this.validate(props, aliasName, config);
    const shared = BlueGreenShared.of(this);

    this.function = props.function ?? this.createFunction(props.functionProps!, props.encryptionKey);
    this.version = props.version ?? this.currentVersionOf(this.function);
    this.alias = new lambda.Alias(this, 'Alias', {
      aliasName,
      version: this.version,
      provisionedConcurrentExecutions: props.provisionedConcurrentExecutions,
      description: `Blue/green alias of ${this.node.path}, shifted by CodeDeploy`,
    });
    this.title = `Blue/green ${this.node.path}`;
    this.versionScope = { functionName: this.function.functionName, aliasName, version: this.version.version };

    this.application = props.application ?? shared.application;
    this.deploymentConfig = config._bind((key, routing) => key !== undefined
      ? shared.deploymentConfig(key, routing)
      : new codedeploy.LambdaDeploymentConfig(this, 'DeploymentConfig', { trafficRouting: routing }));
    this.deploymentGroupName = Names.uniqueResourceName(this, { maxLength: 100, separator: '-' });
    // Built from names known before deploy, so hooks (and the shared smoke-test hook's policy)
    // refer to the group without depending on it.
    this.deploymentGroupArn = Stack.of(this).formatArn({
      service: 'codedeploy',
      resource: 'deploymentgroup',
      resourceName: `${this.application.applicationName}/${this.deploymentGroupName}`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });

    // Least privilege instead of the AWSCodeDeployRoleForLambdaLimited managed policy: this alias
    // only, these alarms only, these hooks only, in one customer-managed policy.
    const deploymentRole = new ManagedPolicyRole(this, 'DeploymentRole', {
      assumedBy: new iam.ServicePrincipal('codedeploy.amazonaws.com'),
      description: `CodeDeploy service role of blue/green deployment group ${this.deploymentGroupName}`,
    });
    this.deploymentRole = deploymentRole;
    deploymentRole.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'ShiftAlias',
      actions: ['lambda:GetAlias', 'lambda:UpdateAlias', 'lambda:GetProvisionedConcurrencyConfig'],
      // The alias ARN spelled out rather than the alias's Ref: the alias depends on this policy.
      resources: [this.function.functionArn, `${this.function.functionArn}:${aliasName}`],
    }));
    // Every deployment (an alias update) needs the permissions in place.
    this.alias.node.addDependency(deploymentRole.grantsPolicy!);

    this.deploymentGroup = new codedeploy.LambdaDeploymentGroup(this, 'DeploymentGroup', {
      application: this.application,
      alias: this.alias,
      deploymentGroupName: this.deploymentGroupName,
      deploymentConfig: this.deploymentConfig,
      // The L2 would attach AWSCodeDeployRoleForLambdaLimited: it gets a view of the role that
      // ignores policy changes; this construct manages the role's permissions above.
      role: this.deploymentRole.withoutPolicyUpdates(),
    });

    // Hooks: set on the alias's update policy here rather than through the L2, which would grant
    // the hooks on a role view that ignores grants.
    let preTrafficHook = props.preTrafficHook;
    if (props.smokeTest) {
      const timeout = props.smokeTest.timeout ?? DEFAULT_SMOKE_TEST_TIMEOUT;
      const hook = shared.registerSmokeTest(this, {
        deploymentGroup: this.deploymentGroupName,
        payload: props.smokeTest.payload ?? {},
        expectedStatusCode: props.smokeTest.expectedStatusCode,
        expectedResponse: props.smokeTest.expectedResponse,
        timeoutMs: timeout.toMilliseconds(),
      }, this.deploymentGroupArn, this.function.functionArn);
      this.smokeTestFunction = hook;
      preTrafficHook = hook;
    }
    const hooks = [preTrafficHook, props.postTrafficHook].filter((h): h is lambda.IFunction => h !== undefined);
    // User hooks may report on this group only (the smoke-test hook gets it in its shared policy).
    for (const hook of [props.preTrafficHook, props.postTrafficHook]) {
      if (!hook) continue;
      iam.Grant.addToPrincipal({ grantee: hook, actions: ['codedeploy:PutLifecycleEventHookExecutionStatus'], resourceArns: [this.deploymentGroupArn] });
    }
    if (hooks.length > 0) {
      this.deploymentRole.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: 'RunLifecycleHooks',
        actions: ['lambda:InvokeFunction'],
        resources: hooks.map((h) => h.functionArn),
      }));
    }
    const cfnGroup = this.deploymentGroup.node.defaultChild as codedeploy.CfnDeploymentGroup;
    (this.alias.node.defaultChild as lambda.CfnAlias).cfnOptions.updatePolicy = {
      codeDeployLambdaAliasUpdate: {
        applicationName: this.application.applicationName,
        deploymentGroupName: cfnGroup.ref,
        beforeAllowTrafficHook: preTrafficHook?.functionName,
        afterAllowTrafficHook: props.postTrafficHook?.functionName,
      },
    };

    // Alarms and rollback are rendered from this construct's list on every synth, so an alarm
    // removed from the code is removed from the group (an absent AlarmConfiguration would keep
    // the old alarms in CodeDeploy).
    cfnGroup.alarmConfiguration = Lazy.any({
      produce: () => ({
        enabled: this.alarmList.length > 0,
        alarms: this.alarmList.length > 0 ? this.alarmList.map((a) => ({ name: a.alarmName })) : undefined,
        ignorePollAlarmFailure: false,
      }),
    });
    cfnGroup.autoRollbackConfiguration = Lazy.any({
      produce: () => ({
        enabled: true,
        events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST', ...(this.alarmList.length > 0 ? ['DEPLOYMENT_STOP_ON_ALARM'] : [])],
      }),
    });

    const topic = resolveNotifications(this, 'notifications', props.notifications, ['events.amazonaws.com', 'cloudwatch.amazonaws.com']);
    if (topic) {
      const notifications = shared.notifyFailures(this.application.applicationName, topic);
      this.notificationTopic = notifications.topic;
      this.notificationRule = notifications.rule;
    }
    if (props.versionAlarms ?? true) {
      const fn = this.function;
      const t = props.alarmThresholds ?? {};
      const thresholds = {
        errorRatePercent: t.errorRatePercent ?? LambdaAlarmRules.deploymentErrorRatePercent,
        throttles: t.throttles ?? 5,
        // The core rule: a share of the function's timeout (of Lambda's default when not known here).
        p99DurationMs: t.p99DurationMs ?? lambdaLatencyThresholdMs(fn),
        evaluationPeriods: t.evaluationPeriods ?? 1,
      };
      const versionScope = this.versionScope;
      // Named by default, so a pipeline deploying this stack gates on them by name (no export).
      const namePrefix = props.alarmNamePrefix ?? `${Aws.STACK_NAME}-${pathInStack(this)}`;
      const alarms = createVersionAlarms(this, versionScope, thresholds, namePrefix);
      // Within its stack a function's name renders as a reference; the name given is on the L1.
      const cfn = fn.node.defaultChild;
      const givenName = cfn instanceof lambda.CfnFunction && cfn.functionName !== undefined ? cfn.functionName : fn.functionName;
      this.deploymentGateAlarms = aliasGateAlarms(givenName, aliasName, thresholds);
      this.errorRateAlarm = alarms.errorRateAlarm;
      this.throttlesAlarm = alarms.throttlesAlarm;
      this.durationAlarm = alarms.durationAlarm;
      for (const alarm of [alarms.errorRateAlarm, alarms.throttlesAlarm, alarms.durationAlarm]) {
        // With a monitoring, it routes the alarms (its topic): a second action would page twice.
        if (this.notificationTopic && !props.monitoring) alarm.addAlarmAction(new cwActions.SnsAction(this.notificationTopic));
        this.addAlarm(alarm);
      }
    }
    this.deploymentGateAlarms ??= [];
    for (const alarm of props.alarms ?? []) this.addAlarm(alarm);

    // One call per resource: the alias with its deployment alarms (read at synth, so alarms added
    // later show too; they replace the dashboard's default alias alarms), and the deployment group.
    const self = this;
    props.monitoring?.monitor(this.alias, { title: this.title, alarmSource: { get alarms() { return self.deploymentAlarms; } } });
    props.monitoring?.monitor(this.deploymentGroup);
    // The stack's shared dead-letter queue (failure notifications, smoke-test invocations), once per monitoring.
    if (props.monitoring && (props.smokeTest || this.notificationTopic)) monitorDeadLetterQueue(props.monitoring, shared.deadLetterQueue);
  }

  /**
   * Invocations through the live alias (whatever version it runs).
   * @default - sum over 5 minutes
   */
  public metricInvocations(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.alias.metricInvocations(props);
  }

  /**
   * Failed invocations through the live alias.
   * @default - sum over 5 minutes
   */
  public metricErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.alias.metricErrors(props);
  }

  /**
   * Duration of invocations through the live alias.
   * @default - average over 5 minutes
   */
  public metricDuration(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.alias.metricDuration(props);
  }

  /**
   * Invocations of the new version (the one this deployment publishes) through the alias, with the
   * `ExecutedVersion` dimension the version alarms use.
   * @default - sum over 1 minute
   */
  public metricNewVersionInvocations(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.newVersionMetric('Invocations', 'Sum', props);
  }

  /**
   * Failed invocations of the new version through the alias.
   * @default - sum over 1 minute
   */
  public metricNewVersionErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.newVersionMetric('Errors', 'Sum', props);
  }

  /**
   * Duration of the new version's invocations through the alias.
   * @default - p99 over 1 minute
   */
  public metricNewVersionDuration(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.newVersionMetric('Duration', 'p99', props);
  }

  /** Alarms that stop and roll back a deployment of this function (default and added ones). */
  public get deploymentAlarms(): cloudwatch.IAlarm[] {
    return [...this.alarmList];
  }

  /**
   * Add an alarm that stops and rolls back a deployment. Removing the call removes the alarm from
   * the deployment group on the next deploy. Pass composite alarms as `CompositeAlarm` objects:
   * CodeDeploy can read them only with `cloudwatch:DescribeAlarms` on `*`, which is then granted.
   */
  public addAlarm(alarm: cloudwatch.IAlarm): void {
    if (this.alarmList.includes(alarm)) return;
    if (this.alarmList.length >= Limits.codeDeploy.maxAlarmsPerDeploymentGroup) {
      fail(this, 'alarms', alarm.alarmName, `at most ${Limits.codeDeploy.maxAlarmsPerDeploymentGroup} alarms per deployment group, default version alarms included`);
    }
    this.alarmList.push(alarm);
    if (!this.describeAlarms) {
      // CodeDeploy polls the group's alarms by name; the role may read these alarms only.
      this.describeAlarms = new iam.PolicyStatement({ sid: 'PollDeploymentAlarms', actions: ['cloudwatch:DescribeAlarms'] });
      this.deploymentRole.addToPrincipalPolicy(this.describeAlarms);
    }
    if (alarm instanceof cloudwatch.CompositeAlarm) {
      this.allowDescribingCompositeAlarms();
    } else {
      this.describeAlarms.addResources(alarm.alarmArn);
    }
  }

  private newVersionMetric(metricName: string, statistic: string, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({
      statistic,
      period: Duration.minutes(1),
      ...props,
      namespace: 'AWS/Lambda',
      metricName,
      dimensionsMap: { ...versionDimensions(this.versionScope), ...props.dimensionsMap },
    });
  }

  /**
   * CloudWatch returns composite alarms only to a DescribeAlarms permission scoped to `*`
   * (DescribeAlarms API reference), so a composite alarm widens the statement once.
   */
  private allowDescribingCompositeAlarms(): void {
    if (this.describeAlarms!.resources.includes('*')) return;
    this.describeAlarms!.addResources('*');
    suppressNagFindings((this.deploymentRole as ManagedPolicyRole).grantsPolicy!, [{
      id: 'AwsSolutions-IAM5',
      reason: 'CloudWatch returns composite alarms only to a DescribeAlarms permission scoped to * (DescribeAlarms API reference); the action only reads alarm state.',
      appliesTo: ['Resource::*'],
    }]);
  }

  private createFunction(functionProps: lambda.FunctionProps, encryptionKey?: kms.IKey): lambda.Function {
    const logGroup = functionProps.logGroup ?? secureLogGroup(this, 'LogGroup', { encryptionKey }).logGroup;
    let role = functionProps.role;
    if (!role) {
      // No AWSLambdaBasicExecutionRole: the function may write to its own log group only.
      role = new ManagedPolicyRole(this, 'FunctionRole', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `Execution role of ${this.node.path}`,
      });
      iam.Grant.addToPrincipal({
        grantee: role,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resourceArns: [logGroup.logGroupRef.logGroupArn],
      });
    }
    const tracing = functionProps.tracing ?? lambda.Tracing.ACTIVE;
    const fn = new lambda.Function(this, 'Function', {
      ...functionProps,
      tracing,
      logGroup,
      role,
      currentVersionOptions: { ...functionProps.currentVersionOptions, removalPolicy: RemovalPolicy.RETAIN },
    });
    // The function's configuration (memory, VPC, dead-letter queue, concurrency, runtime) is the user's.
    markUserConfigured(fn.node.defaultChild!, 'functionProps');
    if (role instanceof ManagedPolicyRole) dependOnGrantsOnly(fn.node.defaultChild as CfnResource, role);
    if (role instanceof ManagedPolicyRole && tracing !== lambda.Tracing.DISABLED) {
      suppressNagFindings(role.grantsPolicy!, [{
        id: 'AwsSolutions-IAM5',
        reason: 'X-Ray PutTraceSegments and PutTelemetryRecords have no resource-level permissions (Service Authorization Reference).',
        appliesTo: ['Resource::*'],
      }]);
    }
    return fn;
  }

  private currentVersionOf(fn: lambda.IFunction): lambda.IVersion {
    // validate() made sure this is a lambda.Function.
    const version = (fn as lambda.Function).currentVersion;
    // Keep replaced versions: CodeDeploy rolls back to the previous one, which must still exist.
    version.applyRemovalPolicy(RemovalPolicy.RETAIN);
    return version;
  }

  private validate(props: BlueGreenLambdaProps, aliasName: string, config: BlueGreenDeploymentConfig): void {
    if (props.function && props.functionProps) {
      fail(this, 'functionProps', 'functionProps', 'either function or functionProps, not both');
    }
    if (!props.function && !props.functionProps) {
      fail(this, 'function', undefined, 'a function to deploy, or functionProps to create one');
    }
    if (props.version && props.functionProps) {
      fail(this, 'version', props.version.node.path, 'no version with functionProps: the created function publishes its own (currentVersion)');
    }
    if (props.function && !props.version && !(props.function instanceof lambda.Function)) {
      fail(this, 'version', undefined,
        'a version (lambda.IVersion) for a function that is not a lambda.Function: it has no version strategy (currentVersion) of its own');
    }
    if (props.function && props.version && props.version.lambda !== props.function
      && props.version.lambda.functionArn !== props.function.functionArn) {
      fail(this, 'version', props.version.node.path, `a version of the given function ${props.function.node.path}`);
    }
    checkPattern(this, 'aliasName', aliasName, Limits.lambda.aliasNamePattern,
      '1-128 letters, digits, "-" and "_", not only digits');
    checkRange(this, 'provisionedConcurrentExecutions', props.provisionedConcurrentExecutions, 1, Number.MAX_SAFE_INTEGER, { integer: true });
    config._validate(this, 'deploymentConfig');

    const t = props.alarmThresholds ?? {};
    checkRange(this, 'alarmThresholds.errorRatePercent', t.errorRatePercent, 0, 100, { unit: 'percent' });
    checkRange(this, 'alarmThresholds.throttles', t.throttles, 1, Number.MAX_SAFE_INTEGER, { integer: true, unit: 'throttled invocations' });
    checkRange(this, 'alarmThresholds.p99DurationMs', t.p99DurationMs, 1, Limits.lambda.maxTimeoutSeconds * 1000, { unit: 'milliseconds' });
    checkRange(this, 'alarmThresholds.evaluationPeriods', t.evaluationPeriods, 1, 60, { integer: true, unit: 'one-minute periods' });
    // Alarm names are 1-255 characters; the longest suffix is 22 plus the hyphen.
    checkPattern(this, 'alarmNamePrefix', props.alarmNamePrefix, /[^\s].{0,230}/,
      '1-231 characters, not starting with a space (alarm names are at most 255 characters with the suffix)');
    if (props.alarmNamePrefix !== undefined && props.versionAlarms === false) {
      fail(this, 'alarmNamePrefix', props.alarmNamePrefix, 'no alarmNamePrefix when versionAlarms is false (it names the version alarms)');
    }
    const defaultAlarms = (props.versionAlarms ?? true) ? 3 : 0;
    checkCount(this, 'alarms', props.alarms, 0, Limits.codeDeploy.maxAlarmsPerDeploymentGroup - defaultAlarms);

    const deployed = props.function;
    for (const [prop, hook] of [['preTrafficHook', props.preTrafficHook], ['postTrafficHook', props.postTrafficHook]] as const) {
      if (hook && deployed && (hook === deployed || hook.functionArn === deployed.functionArn)) {
        fail(this, prop, hook.node.path, 'a function other than the deployed one (a function cannot validate its own deployment)');
      }
    }
    if (props.smokeTest && props.preTrafficHook) {
      fail(this, 'preTrafficHook', props.preTrafficHook.node.path, 'no preTrafficHook with smokeTest: the smoke test is the pre-traffic hook (use postTrafficHook, or run the check in your own hook)');
    }
    if (props.smokeTest) {
      const timeout = props.smokeTest.timeout;
      if (timeout && !timeout.isUnresolved()) {
        checkRange(this, 'smokeTest.timeout', timeout.toSeconds({ integral: false }), 1, MAX_SMOKE_TEST_TIMEOUT_SECONDS, { integer: true, unit: 'seconds' });
      }
      checkRange(this, 'smokeTest.expectedStatusCode', props.smokeTest.expectedStatusCode, 100, 599, { integer: true });
    }
  }
}

/** The construct's path below its stack, joined by `-` (unique in the stack); hashed past 80 characters. */
function pathInStack(scope: Construct): string {
  const scopes = scope.node.scopes;
  const relative = scopes.slice(scopes.indexOf(Stack.of(scope)) + 1).map((c) => c.node.id).join('-');
  return relative.length <= 80 ? relative : Names.uniqueResourceName(scope, { maxLength: 80, separator: '-' });
}
