import { CfnMapping, CfnOutput, Duration, Lazy, Names, Stack, Stage, Token } from 'aws-cdk-lib';
import * as appconfig from 'aws-cdk-lib/aws-appconfig';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import {
  checkCount, checkRange, fail, IDeploymentAlarmSource, IMonitoring, IPipelineStep, isUnresolved, Limits, ManagedPolicyRole,
  NotificationOptions, rejectRemovedProps, resolveNotifications, secureLogGroup, suppressNagFindings,
} from '../core';
import { FeatureFlag } from './flag';
import { createDeployerRole, FlagDeployerRole, FlagDeployStep, FlagIdOutputs, FlagRolloutTarget } from './private/deploy-step';
import { EnvironmentRollout } from './private/environment-rollout';
import { EXTENSION_LAYERS } from './private/extension-layers';
import { canonicalJson, renderFlags, validateFlags } from './private/render';
import { FlagRollout } from './rollout';

const AppConfig = Limits.appConfig;

/** One AppConfig environment the flags roll out to, with what rolls a rollout back. */
export interface FlagEnvironmentProps {
  /** Name of the environment (1-64 characters), unique within the FeatureFlags, e.g. `Dev`, `Prod`. */
  readonly name: string;

  /**
   * Description of the environment.
   * @default - none
   */
  readonly description?: string;

  /**
   * How a new flag version rolls out here. Predefined strategies are used by id; custom settings
   * share one strategy per distinct setting in the stack.
   * @default FlagRollout.CANARY_10_PERCENT_20_MINUTES
   */
  readonly rollout?: FlagRollout;

  /**
   * What the flags change (for example a `BlueGreenLambda` or `BlueGreenEcsService`): its
   * deployment alarms become the environment's monitors, so a rollout rolls back when the service
   * it changes degrades. An environment holds at most 5 monitors in all.
   * @default - none
   */
  readonly alarmSources?: IDeploymentAlarmSource[];

  /**
   * Further alarms that roll a rollout back.
   * @default - none
   */
  readonly alarms?: cloudwatch.IAlarm[];
}

/** Properties of {@link FeatureFlags}. */
export interface FeatureFlagsProps {
  /**
   * Name of the AppConfig application.
   * @default - generated from the construct path
   */
  readonly applicationName?: string;

  /**
   * Name of the `AWS.AppConfig.FeatureFlags` configuration profile.
   * @default 'feature-flags'
   */
  readonly profileName?: string;

  /**
   * The flags, hosted by AppConfig and rendered deterministically (keys sorted at every depth), so
   * a new hosted version is created only when a flag changed. Give either `flags` or `source`.
   * @default - `source` must be given
   */
  readonly flags?: FeatureFlag[];

  /**
   * Flags kept elsewhere (an S3 object, an SSM document or a String parameter, or a CodePipeline
   * source) instead of hosted `flags`. Flags are not secrets: Secrets Manager and SecureString
   * parameters are refused. Such a profile is not deployed by CloudFormation; use `deployStep`.
   * @default - hosted `flags`
   */
  readonly source?: appconfig.ConfigurationSource;

  /** The environments, in promotion order (e.g. Dev, then Prod). */
  readonly environments: FlagEnvironmentProps[];

  /**
   * Deploy the hosted flags to every environment with CloudFormation, one environment after
   * another in the order given (CloudFormation starts Prod's deployment after Dev's has finished),
   * and never two deployments to one environment at once.
   * @default true
   */
  readonly deployWithStack?: boolean;

  /**
   * Where deployment started, completed and rolled back events are sent (through AWS AppConfig's
   * SNS extension, whose role may publish to the topic and use its key). Replaces
   * `deploymentEvents` and `eventsTopic` of 0.x (rejected with a pointer here).
   * @default - notifications on, to the stack's shared Gantry notification topic, no subscriber
   */
  readonly notifications?: NotificationOptions;

  /**
   * Where to show the flag deployments (the events topic: one message per started, completed or
   * rolled-back deployment) and the environments' own rollback alarms (`alarms`; alarm sources
   * register theirs themselves).
   * @default - not registered
   */
  readonly monitoring?: IMonitoring;
}

/** Options of the pipeline step that rolls the flags out. */
export interface FlagDeployStepOptions {
  /**
   * Name of the step (and its action).
   * @default 'DeployFlags-<environment>'
   */
  readonly stepName?: string;

  /**
   * Path of the flag document inside the artifact (write it with `FeatureFlags.render(flags)`).
   * @default 'feature-flags.json'
   */
  readonly configurationPath?: string;

  /**
   * Read the document from the build output instead of the source artifact.
   * @default false
   */
  readonly fromBuildOutput?: boolean;

  /**
   * Account of the pipeline that runs the step, when it is not the flags' account (a pipeline in
   * a tools account rolling flags out in production). The flags' stack then gets a role the
   * pipeline account may assume, named `<stack name>-<environment>-flags-<region>` (so the
   * pipeline names it without an import), that may only start, get and stop deployments of this
   * profile to this environment with its strategy, and read the pipeline's artifacts.
   * @default - the pipeline runs in the flags' account and deploys with its own role
   */
  readonly pipelineAccount?: string;
}

/** Options of the AppConfig Agent sidecar. */
export interface FlagAgentContainerOptions {
  /**
   * Name of the sidecar container.
   * @default 'appconfig-agent'
   */
  readonly containerName?: string;

  /**
   * Image of the agent.
   * @default public.ecr.aws/aws-appconfig/aws-appconfig-agent:2.x
   */
  readonly image?: ecs.ContainerImage;

  /**
   * Memory reserved for the agent, in MiB.
   * @default 64
   */
  readonly memoryReservationMiB?: number;
}

const DEFAULT_ROLLOUT = FlagRollout.CANARY_10_PERCENT_20_MINUTES;

interface EnvironmentState {
  readonly props: FlagEnvironmentProps;
  readonly environment: appconfig.Environment;
  readonly strategy: appconfig.IDeploymentStrategy;
  readonly alarms: cloudwatch.IAlarm[];
}

/**
 * Feature flags in AWS AppConfig, separated from code deployment: an application, one
 * environment per entry and one `AWS.AppConfig.FeatureFlags` profile with typed flags. Each
 * environment is monitored by the alarms of what the flags change (any `IDeploymentAlarmSource`,
 * such as a `BlueGreenLambda`), so AppConfig rolls a flag rollout back when that service degrades.
 * Rollouts use AWS's predefined strategies where they match; deployments are chained so an
 * environment never has two at once; `deployStep` places a rollout in any pipeline, and
 * `attachToFunction` / `attachToTaskDefinition` wire the AppConfig Agent with exactly the read grants.
 */
export class FeatureFlags extends Construct {
  /** Version of the AppConfig Lambda extension in Gantry's layer table. */
  public static readonly EXTENSION_VERSION = EXTENSION_LAYERS.version;
  /** Date Gantry's layer table was last checked against AWS's page (YYYY-MM-DD). */
  public static readonly EXTENSION_TABLE_CHECKED_ON = EXTENSION_LAYERS.checkedOn;

  /** The flag document AppConfig hosts for these flags (deterministic JSON), e.g. to commit it for `deployStep`. */
  public static render(flags: FeatureFlag[]): string {
    return canonicalJson(renderFlags(flags));
  }

  /** The AppConfig application. */
  public readonly application: appconfig.Application;
  /** The feature-flag configuration profile. */
  public readonly configuration: appconfig.IConfiguration;
  /** Id of the configuration profile. */
  public readonly configurationProfileId: string;
  /** ARN of the configuration profile. */
  public readonly configurationProfileArn: string;
  /** The hosted flag document, when `flags` are given. */
  public readonly content?: string;
  /** The role AppConfig assumes to read the environments' alarms (describe only), when there are monitors. */
  public readonly alarmRole?: iam.IRole;
  /** Topic of deployment events, when enabled. */
  public readonly eventsTopic?: sns.ITopic;

  /** Name of the application. */
  public readonly applicationName: string;
  /** Name of the configuration profile. */
  public readonly profileName: string;

  private readonly states = new Map<string, EnvironmentState>();
  private readonly rollouts = new Map<string, EnvironmentRollout>();
  private readonly deployers = new Map<string, FlagDeployerRole>();
  private describeAlarms?: iam.PolicyStatement;
  private describeAllAlarms = false;

  constructor(scope: Construct, id: string, props: FeatureFlagsProps) {
    super(scope, id);
    this.validate(props);

    this.applicationName = props.applicationName ?? Names.uniqueResourceName(this, { maxLength: 64, separator: '-' });
    this.application = new appconfig.Application(this, 'Application', { applicationName: this.applicationName });

    const strategies = props.environments.map((e) => this.strategyFor(e.rollout ?? DEFAULT_ROLLOUT, e.name));
    props.environments.forEach((envProps, i) => {
      const environment = new appconfig.Environment(this, `Environment${envProps.name}`, {
        application: this.application,
        environmentName: envProps.name,
        description: envProps.description,
      });
      const state: EnvironmentState = { props: envProps, environment, strategy: strategies[i], alarms: [] };
      this.states.set(envProps.name, state);
      // Rendered late, so alarms added with addMonitors() still count.
      (environment.node.defaultChild as appconfig.CfnEnvironment).monitors = Lazy.any({
        produce: () => state.alarms.length === 0 ? undefined : state.alarms.map((alarm) => ({
          alarmArn: alarm.alarmArn,
          alarmRoleArn: this.alarmRole!.roleArn,
        })),
      });
    });

    const profileName = props.profileName ?? 'feature-flags';
    this.profileName = profileName;
    if (props.flags) {
      this.content = FeatureFlags.render(props.flags);
      const hosted = new appconfig.HostedConfiguration(this, 'Flags', {
        application: this.application,
        name: profileName,
        type: appconfig.ConfigurationType.FEATURE_FLAGS, // Limits.appConfig.featureFlagsProfileType
        content: appconfig.ConfigurationContent.fromInlineJson(this.content),
        deploymentStrategy: strategies[0],
        description: 'Feature flags (AWS.AppConfig.FeatureFlags), rendered by Gantry FeatureFlags',
      });
      this.configuration = hosted;
      this.configurationProfileId = hosted.configurationProfileId;
      this.configurationProfileArn = hosted.configurationProfileArn;
    } else {
      const sourced = new appconfig.SourcedConfiguration(this, 'Flags', {
        application: this.application,
        name: profileName,
        type: appconfig.ConfigurationType.FEATURE_FLAGS,
        location: props.source!,
        deploymentStrategy: strategies[0],
      });
      this.configuration = sourced;
      this.configurationProfileId = sourced.configurationProfileId;
      this.configurationProfileArn = sourced.configurationProfileArn;
    }

    const hasAlarms = props.environments.some((e) => (e.alarmSources ?? []).length + (e.alarms ?? []).length > 0);
    if (hasAlarms) {
      this.alarmRole = new ManagedPolicyRole(this, 'AlarmRole', {
        assumedBy: new iam.ServicePrincipal('appconfig.amazonaws.com'),
        description: `Lets AWS AppConfig read the rollback alarms of ${this.node.path} (describe only)`,
      });
    }
    for (const envProps of props.environments) {
      const alarms = [...(envProps.alarmSources ?? []).flatMap((s) => s.deploymentAlarms), ...(envProps.alarms ?? [])];
      if (alarms.length > 0) this.addMonitors(envProps.name, ...alarms);
      if (props.monitoring && (envProps.alarms ?? []).length > 0) {
        props.monitoring.addAlarms(`${this.node.path} ${envProps.name} flag rollback`, envProps.alarms!);
      }
    }

    if (props.flags && props.deployWithStack !== false) this.chainInitialDeployments(props.environments);
    const eventsTopic = resolveNotifications(this, 'notifications', props.notifications, []);
    if (eventsTopic) {
      this.eventsTopic = this.sendDeploymentEvents(eventsTopic);
      // One message per deployment event: the topic's published count is the rollout timeline.
      props.monitoring?.monitor(this.eventsTopic, { title: `${this.node.path} flag deployment events` });
    }
  }

  /** Names of the environments, in promotion order. */
  public get environmentNames(): string[] {
    return [...this.states.keys()];
  }

  /** The AppConfig environment of this name. */
  public environment(name: string): appconfig.IEnvironment {
    return this.state(name, 'environment').environment;
  }

  /** The deployment strategy rollouts to this environment use. */
  public deploymentStrategy(environmentName: string): appconfig.IDeploymentStrategy {
    return this.state(environmentName, 'deploymentStrategy').strategy;
  }

  /**
   * The path the AppConfig Agent serves these flags at for an environment
   * (`/applications/<app>/environments/<env>/configurations/<profile>` on localhost:2772). It uses
   * names, which AppConfig accepts as identifiers, so a function that reads the flags does not
   * depend on the environment whose monitors watch that function's alarms (no dependency cycle).
   */
  public flagsPath(environmentName: string): string {
    this.state(environmentName, 'flagsPath');
    return `/applications/${this.applicationName}/environments/${environmentName}/configurations/${this.profileName}`;
  }

  /**
   * Roll a rollout to this environment back also when one of these alarms fires. The shared
   * alarm role may describe them; an environment holds at most 5 monitors.
   */
  public addMonitors(environmentName: string, ...alarms: cloudwatch.IAlarm[]): void {
    const state = this.state(environmentName, 'addMonitors');
    const all = [...state.alarms, ...alarms];
    if (all.length > AppConfig.maxMonitorsPerEnvironment) {
      fail(this, `environments[${environmentName}].alarms`, all,
        `at most ${AppConfig.maxMonitorsPerEnvironment} monitors per AppConfig environment (alarm sources' deployment alarms and alarms together)`);
    }
    const role = this.alarmRole as ManagedPolicyRole | undefined;
    if (!role) {
      fail(this, `environments[${environmentName}].alarms`, alarms, 'alarms given at construction (alarmSources or alarms), so the alarm role exists');
    }
    state.alarms.push(...alarms);
    for (const alarm of alarms) {
      if (alarm instanceof cloudwatch.CompositeAlarm) {
        this.allowDescribeAllAlarms(role);
      } else {
        this.describeAlarms ??= this.addDescribeStatement(role);
        this.describeAlarms.addResources(alarm.alarmArn);
      }
    }
  }

  /**
   * Add the AppConfig Agent Lambda extension (Gantry's layer table: the region and architecture of
   * the function, a version with multi-variant flags), the prefetch and path environment
   * variables (`FEATURE_FLAGS_PATH`), and exactly the grants to read this environment's flags.
   */
  public attachToFunction(fn: lambda.Function, environmentName: string): void {
    const path = this.flagsPath(environmentName);
    fn.addLayers(lambda.LayerVersion.fromLayerVersionArn(fn, 'AppConfigAgentExtension', this.extensionLayerArn(fn)));
    fn.addEnvironment('AWS_APPCONFIG_EXTENSION_PREFETCH_LIST', path);
    fn.addEnvironment('FEATURE_FLAGS_PATH', path);
    // A policy of its own the function does not wait for: the environment's monitors may be this
    // function's alarms, so a grant the function depends on would close a dependency cycle.
    new iam.ManagedPolicy(this, `Read${environmentName}By${Names.uniqueId(fn)}`, {
      description: `Lets ${fn.node.path} read the ${environmentName} feature flags of ${this.node.path}`,
      statements: [this.readStatement(environmentName)],
      roles: fn.role ? [fn.role] : [],
    });
  }

  /**
   * Add the AppConfig Agent as a sidecar of the task (port 2772, prefetching this environment's
   * flags, logs to an encrypted log group), and exactly the read grants to the task role. The
   * application reads `http://localhost:2772` + `flagsPath(environment)`.
   */
  public attachToTaskDefinition(
    taskDefinition: ecs.TaskDefinition, environmentName: string, options: FlagAgentContainerOptions = {},
  ): ecs.ContainerDefinition {
    const path = this.flagsPath(environmentName);
    checkRange(this, 'attachToTaskDefinition.memoryReservationMiB', options.memoryReservationMiB, 6, 120_000, { integer: true, unit: 'MiB' });
    const { logGroup } = secureLogGroup(taskDefinition, 'AppConfigAgentLogs');
    const container = taskDefinition.addContainer('AppConfigAgent', {
      containerName: options.containerName ?? 'appconfig-agent',
      image: options.image ?? ecs.ContainerImage.fromRegistry(AppConfig.agentImage),
      essential: true,
      memoryReservationMiB: options.memoryReservationMiB ?? 64,
      portMappings: [{ containerPort: AppConfig.agentPort }],
      environment: { SERVICE_REGION: Stack.of(taskDefinition).region, PREFETCH_LIST: path },
      logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: 'appconfig-agent' }),
    });
    this.grantRead(taskDefinition.taskRole, environmentName);
    return container;
  }

  /** Grant reading this environment's flags: starting a configuration session and getting the latest configuration, on this profile only. */
  public grantRead(grantee: iam.IGrantable, environmentName: string): iam.Grant {
    const statement = this.readStatement(environmentName);
    return iam.Grant.addToPrincipal({ grantee, actions: statement.actions, resourceArns: statement.resources });
  }

  private readStatement(environmentName: string): iam.PolicyStatement {
    const env = this.state(environmentName, 'grantRead').environment;
    return new iam.PolicyStatement({
      actions: ['appconfig:StartConfigurationSession', 'appconfig:GetLatestConfiguration'],
      resources: [`${env.environmentArn}/configuration/${this.configurationProfileId}`],
    });
  }

  /**
   * Grant stopping a rollout in progress (which rolls it back): `appconfig:StopDeployment` and
   * `GetDeployment` on the deployments of the environment (every environment when omitted), and
   * `ListDeployments` to find the one in progress.
   */
  public grantEmergencyStop(grantee: iam.IGrantable, environmentName?: string): iam.Grant {
    const envs = environmentName ? [this.state(environmentName, 'grantEmergencyStop').environment] : [...this.states.values()].map((s) => s.environment);
    const list = iam.Grant.addToPrincipal({ grantee, actions: ['appconfig:ListDeployments'], resourceArns: envs.map((e) => e.environmentArn) });
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['appconfig:StopDeployment', 'appconfig:GetDeployment'],
      resourceArns: envs.map((e) => `${e.environmentArn}/deployment/*`),
    }).combine(list);
  }

  /**
   * The rollout of the flag document in a pipeline's artifact to this environment, as a step any
   * pipeline can place (CodePipeline's AppConfig deploy action, with the environment's strategy
   * and a role that may deploy only this profile to this environment).
   */
  public deployStep(environmentName: string, options: FlagDeployStepOptions = {}): IPipelineStep {
    const state = this.state(environmentName, 'deployStep');
    const stepName = options.stepName ?? `DeployFlags-${environmentName}`;
    const configurationPath = options.configurationPath ?? 'feature-flags.json';
    if (!Token.isUnresolved(stepName) && !new RegExp(`^(?:${Limits.codePipeline.namePattern.source})$`).test(stepName)) {
      fail(this, 'deployStep.stepName', stepName, '1-100 letters, digits and . @ - _ (a CodePipeline action name)');
    }
    if (!Token.isUnresolved(configurationPath) && (configurationPath.length === 0 || configurationPath.startsWith('/'))) {
      fail(this, 'deployStep.configurationPath', configurationPath, 'a path relative to the artifact root, e.g. "feature-flags.json"');
    }
    const target = {
      application: this.application,
      environment: state.environment,
      configurationProfileId: this.configurationProfileId,
      configurationProfileArn: this.configurationProfileArn,
      strategy: state.strategy,
    };
    return new FlagDeployStep({
      ...target,
      owner: this,
      stepName,
      configurationPath,
      fromBuildOutput: options.fromBuildOutput ?? false,
      outputs: this.idOutputs(environmentName),
      deployer: this.deployerRole(environmentName, target, options.pipelineAccount),
    });
  }

  /**
   * In a stack a pipeline stage deploys (a stack of a nested CDK `Stage`), the ids the deploy
   * action needs become stack outputs (no exports), once per environment: a pipeline in another
   * stack reads them as that stage's output variables, never by `Fn::ImportValue`. Made now,
   * since the stage synthesizes before the pipeline places its steps.
   */
  private idOutputs(environmentName: string): FlagIdOutputs | undefined {
    const stack = Stack.of(this);
    if (Stage.of(stack)?.parentStage === undefined) return undefined;
    const output = (id: string, value: string, description: string) => {
      const out = (this.node.tryFindChild(id) as CfnOutput | undefined) ?? new CfnOutput(this, id, { value, description });
      return stack.getLogicalId(out);
    };
    const strategyId = this.deploymentStrategy(environmentName).deploymentStrategyId;
    return {
      application: output('ApplicationIdOutput', this.application.applicationId, `AppConfig application id of ${this.node.path}`),
      environment: output(`Environment${environmentName}IdOutput`, this.environment(environmentName).environmentId, `AppConfig environment id of ${environmentName}`),
      configurationProfile: output('ProfileIdOutput', this.configurationProfileId, `AppConfig configuration profile id of ${this.node.path}`),
      deploymentStrategy: Token.isUnresolved(strategyId)
        ? output(`Strategy${environmentName}IdOutput`, strategyId, `AppConfig deployment strategy id of ${environmentName}`)
        : undefined,
    };
  }

  /** The role a pipeline in another account assumes to roll this environment out (one per environment). */
  private deployerRole(environmentName: string, target: FlagRolloutTarget, pipelineAccount?: string): FlagDeployerRole | undefined {
    if (pipelineAccount === undefined) return undefined;
    const own = Stack.of(this).account;
    if (!Token.isUnresolved(pipelineAccount) && !/^\d{12}$/.test(pipelineAccount)) {
      fail(this, 'deployStep.pipelineAccount', pipelineAccount, 'a 12-digit account id');
    }
    if (!Token.isUnresolved(own) && own === pipelineAccount) return undefined;
    if (Token.isUnresolved(own)) {
      fail(this, 'deployStep.pipelineAccount', pipelineAccount, 'a pipeline account together with a FeatureFlags stack of a concrete account (env.account), so the pipeline can name the role there');
    }
    const id = `Deployer${environmentName}`;
    const existing = this.deployers.get(id);
    if (existing) {
      if (existing.pipelineAccount !== pipelineAccount) {
        fail(this, 'deployStep.pipelineAccount', pipelineAccount, `the account already given for ${environmentName} (${existing.pipelineAccount}): one deployer role per environment`);
      }
      return existing;
    }
    const role = createDeployerRole(this, id, target, environmentName, pipelineAccount);
    this.deployers.set(id, role);
    return role;
  }

  private state(name: string, method: string): EnvironmentState {
    const state = this.states.get(name);
    if (!state) fail(this, `${method}.environmentName`, name, `one of the environments: ${this.environmentNames.map((n) => JSON.stringify(n)).join(', ')}`);
    return state;
  }

  private validate(props: FeatureFlagsProps): void {
    rejectRemovedProps(this, props, { deploymentEvents: 'notifications.enabled', eventsTopic: 'notifications.topic' });
    if ((props.flags === undefined) === (props.source === undefined)) {
      fail(this, 'flags', props.flags, 'either `flags` (hosted by AppConfig) or `source` (kept elsewhere), not both and not neither');
    }
    if (props.source) {
      if (props.source.type === appconfig.ConfigurationSourceType.SECRETS_MANAGER) {
        fail(this, 'source', props.source.locationUri, 'an S3 object, SSM document, String parameter or CodePipeline source: flags are not secrets (Secrets Manager refused)');
      }
      if (props.source.type === appconfig.ConfigurationSourceType.SSM_PARAMETER && props.source.key) {
        fail(this, 'source', props.source.locationUri, 'a String parameter: a parameter with a KMS key is a SecureString, and flags are not secrets');
      }
    }
    if (props.flags) validateFlags(this, props.flags);
    checkCount(this, 'environments', props.environments, 1, AppConfig.maxEnvironmentsPerApplication);
    const seen = new Set<string>();
    props.environments.forEach((e, i) => {
      if (isUnresolved(e.name)) fail(this, `environments[${i}].name`, e.name, 'a literal name (it names constructs and pipeline steps)');
      if (e.name.length < 1 || e.name.length > AppConfig.maxEnvironmentNameLength || e.name.includes('/')) {
        fail(this, `environments[${i}].name`, e.name, `1-${AppConfig.maxEnvironmentNameLength} characters without "/"`);
      }
      if (seen.has(e.name)) fail(this, `environments[${i}].name`, e.name, 'each environment name at most once (this one is repeated)');
      seen.add(e.name);
      const alarmCount = (e.alarmSources ?? []).reduce((n, s) => n + s.deploymentAlarms.length, 0) + (e.alarms ?? []).length;
      if (alarmCount > AppConfig.maxMonitorsPerEnvironment) {
        fail(this, `environments[${i}].alarms`, alarmCount,
          `at most ${AppConfig.maxMonitorsPerEnvironment} monitors per AppConfig environment (alarm sources' deployment alarms and alarms together)`);
      }
      this.validateRollout(`environments[${i}].rollout`, e.rollout);
    });
  }

  private validateRollout(prop: string, rollout: FlagRollout | undefined): void {
    if (!rollout || rollout.predefinedId) return;
    checkRange(this, `${prop}.growthFactor`, rollout.growthFactor, AppConfig.minGrowthFactor, AppConfig.maxGrowthFactor, { unit: 'percent' });
    checkRange(this, `${prop}.deploymentDuration`, rollout.deploymentDurationMinutes, 0, AppConfig.maxDeploymentMinutes, { integer: true, unit: 'minutes' });
    checkRange(this, `${prop}.finalBakeTime`, rollout.finalBakeTimeMinutes, 0, AppConfig.maxDeploymentMinutes, { integer: true, unit: 'minutes' });
  }

  /** A predefined strategy by id, or the stack's one custom strategy of this setting. */
  private strategyFor(rollout: FlagRollout, environmentName: string): appconfig.IDeploymentStrategy {
    if (rollout.predefinedId) {
      return appconfig.DeploymentStrategy.fromDeploymentStrategyId(this, `Strategy${environmentName}`,
        appconfig.DeploymentStrategyId.fromString(rollout.predefinedId));
    }
    const stack = Stack.of(this);
    const shared = (stack.node.tryFindChild('GantryFlagRollouts') as Construct | undefined) ?? new Construct(stack, 'GantryFlagRollouts');
    const id = rollout.settingKey.replace(/[^A-Za-z0-9]/g, '');
    const existing = shared.node.tryFindChild(id) as appconfig.DeploymentStrategy | undefined;
    if (existing) return existing;
    if (shared.node.children.length >= AppConfig.maxDeploymentStrategiesPerAccount) {
      fail(this, `environments[${environmentName}].rollout`, rollout.settingKey,
        `at most ${AppConfig.maxDeploymentStrategiesPerAccount} distinct custom rollouts per stack (the account's default quota); predefined FlagRollout constants do not count`);
    }
    const settings = {
      growthFactor: rollout.growthFactor,
      deploymentDuration: Duration.minutes(rollout.deploymentDurationMinutes),
      finalBakeTime: Duration.minutes(rollout.finalBakeTimeMinutes),
    };
    return new appconfig.DeploymentStrategy(shared, id, {
      description: `Gantry flag rollout: ${rollout.settingKey}`,
      rolloutStrategy: rollout.growthType === 'EXPONENTIAL' ? appconfig.RolloutStrategy.exponential(settings) : appconfig.RolloutStrategy.linear(settings),
    });
  }

  /**
   * Initial deployments through each environment's own deployment queue (aws-cdk-lib chains
   * deployments of one environment), and each environment's after the previous one's.
   */
  private chainInitialDeployments(environments: FlagEnvironmentProps[]): void {
    let previous: appconfig.CfnDeployment | undefined;
    for (const envProps of environments) {
      const state = this.states.get(envProps.name)!;
      const rollout = new EnvironmentRollout(this, `Rollout${envProps.name}`, this.configuration, state.strategy);
      this.rollouts.set(envProps.name, rollout);
      state.environment.addDeployment(rollout);
      const deployment = rollout.node.children.find((c): c is appconfig.CfnDeployment => c instanceof appconfig.CfnDeployment)!;
      if (previous) deployment.node.addDependency(previous);
      previous = deployment;
    }
  }

  private addDescribeStatement(role: ManagedPolicyRole): iam.PolicyStatement {
    const statement = new iam.PolicyStatement({ sid: 'DescribeRollbackAlarms', actions: ['cloudwatch:DescribeAlarms'] });
    role.addToPrincipalPolicy(statement);
    return statement;
  }

  private allowDescribeAllAlarms(role: ManagedPolicyRole): void {
    if (this.describeAllAlarms) return;
    this.describeAllAlarms = true;
    role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'DescribeCompositeRollbackAlarms', actions: ['cloudwatch:DescribeAlarms'], resources: ['*'] }));
    const reason = 'cloudwatch:DescribeAlarms returns composite alarms only when scoped to * (CloudWatch API reference, DescribeAlarms); a composite alarm is a monitor here, and the role may only describe.';
    suppressNagFindings(role.grantsPolicy!, [{ id: 'AwsSolutions-IAM5', reason, appliesTo: ['Resource::*'] }]);
  }

  private sendDeploymentEvents(topic: sns.ITopic): sns.ITopic {
    const role = new ManagedPolicyRole(this, 'DeploymentEventsRole', {
      assumedBy: new iam.ServicePrincipal('appconfig.amazonaws.com'),
      description: `Lets AWS AppConfig publish deployment events of ${this.node.path}`,
    });
    // Exactly what publishing to an encrypted topic needs (grantPublish would add kms:GenerateDataKey*).
    role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'PublishDeploymentEvents', actions: ['sns:Publish'], resources: [topic.topicArn] }));
    if (topic.masterKey) {
      role.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: 'EncryptDeploymentEvents', actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [topic.masterKey.keyArn],
      }));
    }
    const extension = new appconfig.Extension(this, 'DeploymentEventsExtension', {
      description: 'Deployment started, completed and rolled back, to SNS',
      actions: [new appconfig.Action({
        actionPoints: [
          appconfig.ActionPoint.ON_DEPLOYMENT_START, appconfig.ActionPoint.ON_DEPLOYMENT_COMPLETE, appconfig.ActionPoint.ON_DEPLOYMENT_ROLLED_BACK,
        ],
        eventDestination: new appconfig.SnsDestination(topic),
        executionRole: role,
      })],
    });
    for (const state of this.states.values()) state.environment.addExtension(extension);
    return topic;
  }

  /** The layer of the function's region and architecture (a mapping on AWS::Region when the region is a token). */
  private extensionLayerArn(fn: lambda.Function): string {
    const table = fn.architecture.name === lambda.Architecture.ARM_64.name ? EXTENSION_LAYERS.arm64 : EXTENSION_LAYERS.x86_64;
    const column = fn.architecture.name === lambda.Architecture.ARM_64.name ? 'arm64' : 'x8664';
    const region = Stack.of(fn).region;
    if (!Token.isUnresolved(region)) {
      const arn = table[region];
      if (!arn) {
        fail(this, `attachToFunction(${fn.node.path}).region`, region, `a region Gantry's AppConfig extension table lists for ${fn.architecture.name} (${Object.keys(table).join(', ')}); refresh it with npx projen refresh:appconfig-layers`);
      }
      return arn;
    }
    const stack = Stack.of(fn);
    const regions = [...new Set([...Object.keys(EXTENSION_LAYERS.x86_64), ...Object.keys(EXTENSION_LAYERS.arm64)])].sort();
    const mapping = (stack.node.tryFindChild('AppConfigExtensionLayers') as CfnMapping | undefined) ?? new CfnMapping(stack, 'AppConfigExtensionLayers', {
      mapping: Object.fromEntries(regions.map((r) => [r, {
        ...(EXTENSION_LAYERS.x86_64[r] ? { x8664: EXTENSION_LAYERS.x86_64[r] } : {}),
        ...(EXTENSION_LAYERS.arm64[r] ? { arm64: EXTENSION_LAYERS.arm64[r] } : {}),
      }])),
    });
    return mapping.findInMap(region, column);
  }
}
