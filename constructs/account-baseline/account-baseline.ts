import { Annotations, Aws, CfnOutput, CfnResource, CfnRule, Duration, Fn, Names, NestedStack, Stack } from 'aws-cdk-lib';
import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as controltower from 'aws-cdk-lib/aws-controltower';
import * as events from 'aws-cdk-lib/aws-events';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  checkCount, checkEach, checkNotificationShape, checkOneOf, checkPattern, checkRange, checkRegions, checkUnique, DeadLetteredTarget,
  checkEmailAddresses, DeadLetterQueues, eventDeadLetterQueue, fail, IMonitoring, isUnresolved, Limits, NotificationOptions, rejectRemovedProps,
  resolveNotifications, RuleTopicTarget,
} from '../core';
import { AccessAnalyzerMode, BaselineRoleOptions, BaselineStackSetOptions, GuardDutyMode, RegionConcurrency, SecurityHubMode } from './baseline-stack-set-options';
import { Control, ControlBehavior, ControlParameterType } from './controls/control';
import { synthesizeBaselineTemplate } from './private/baseline-template';
import { chainInLanes, chainSequentially, LaneOperation, planStackWaves } from './private/ordering';
import { ALWAYS_EXEMPT_PRINCIPALS, PolicyDocumentJson, protectionsPolicy, regionDenyPolicy } from './private/service-control-policies';
import { ServiceControlPolicyOptions } from './service-control-policy-options';

/** Where the baseline is deployed from. */
export enum DeploymentAccount {
  /** The organization's management account: controls, baselines, StackSet, SCPs and lifecycle events. */
  MANAGEMENT = 'MANAGEMENT',
  /**
   * A delegated administrator for StackSets (and Organizations policies). Control Tower controls,
   * baselines and lifecycle events belong to the management account, so they are refused here.
   */
  DELEGATED_ADMIN = 'DELEGATED_ADMIN',
}

/** Where the Control Tower controls of the OUs live. */
export enum ControlPlacement {
  /**
   * In this stack, beside the baselines, ordered resource by resource (the shortest critical path).
   * A stack holds at most 500 resources: when controls x OUs outgrow it, synth fails with advice.
   */
  THIS_STACK = 'THIS_STACK',
  /**
   * One nested stack per OU holding that OU's controls, so adding a control or an OU never moves an
   * existing one to another stack (a moved EnabledControl would be created in its new stack while
   * the old one still holds it, and fail). Up to 490 controls per OU. Moving from THIS_STACK to
   * here moves every control: remove the controls in one deployment and add them back in the next.
   */
  NESTED_STACK_PER_OU = 'NESTED_STACK_PER_OU',
}

/** A control to enable on every target OU. */
export interface EnabledControlOptions {
  /** The control, from `ControlCatalogue` or `Control.fromArn`. */
  readonly control: Control;
  /**
   * Parameter values by name; only parameters the control declares are accepted.
   * @default - none
   */
  readonly parameters?: { [name: string]: any };
}

/** A Control Tower baseline to enable on every target OU. */
export interface EnabledBaselineOptions {
  /** ARN of the baseline, e.g. `arn:aws:controltower:<home region>::baseline/<id>` (from `ListBaselines`). */
  readonly baselineIdentifier: string;
  /** The baseline version to enable, e.g. `4.0`. No default: Gantry pins no version. */
  readonly baselineVersion: string;
  /**
   * Parameters of the baseline by key, e.g. `IdentityCenterEnabledBaselineArn`.
   * @default - none
   */
  readonly parameters?: { [key: string]: string };
}

/** Properties of an {@link AccountBaseline}. */
export interface AccountBaselineProps {
  /**
   * Version of the Control Tower landing zone the baseline is written for, e.g. `3.3`. Required and
   * never defaulted, so a library upgrade cannot carry a stale pin; it is recorded in the StackSet
   * description and a stack output.
   */
  readonly landingZoneVersion: string;

  /**
   * Target organizational units, each an OU id (`ou-xxxx-xxxxxxxx`, needs `organizationId`) or an OU
   * ARN (`arn:aws:organizations::<management account>:ou/o-.../ou-...`). Accounts are never listed:
   * everything reaches the accounts of these OUs, now and later.
   */
  readonly organizationalUnits: string[];

  /**
   * The organization id (`o-...`), used to build OU ARNs from OU ids.
   * @default - required only when OUs are given by id
   */
  readonly organizationId?: string;

  /**
   * The management account id, used to build OU ARNs from OU ids.
   * @default - the account of the stack (deployment from the management account)
   */
  readonly managementAccountId?: string;

  /**
   * Regions the baseline governs: the StackSet deploys there and the region deny allows only these.
   * Each must be a region code AWS lists (a typo such as `eu-wset-1` would otherwise deny the real
   * region to every account), and, deployed from the management account, the list must include the
   * home region (the stack's region, where Control Tower runs).
   */
  readonly governedRegions: string[];

  /**
   * Where the stack is deployed from.
   * @default DeploymentAccount.MANAGEMENT
   */
  readonly deployFrom?: DeploymentAccount;

  /**
   * Control Tower controls enabled on every OU, ordered so that at most `controlLanes` control
   * operations (of them at most `proactiveControlLanes` proactive) are in progress at once.
   * @default - none
   */
  readonly controls?: EnabledControlOptions[];

  /**
   * Control Tower baselines enabled on every OU. Enabling a baseline registers its OU, and Control
   * Tower runs OU operations one at a time, so every baseline waits for the previous one; a control
   * on an OU waits for that OU's baselines.
   * @default - none
   */
  readonly baselines?: EnabledBaselineOptions[];

  /**
   * Most control operations this construct keeps in progress at once (1-100). Control Tower allows
   * 100 in total, from the console and every API caller together.
   * @default 80 - Control Tower's 100, less 20 for operations started elsewhere at the same time
   */
  readonly controlLanes?: number;

  /**
   * Most proactive-control operations in progress at once (1-20, at most `controlLanes`); they
   * count against their own limit of 20 as well as the 100.
   * @default 16 - Control Tower's 20, less 4 for operations started elsewhere at the same time
   */
  readonly proactiveControlLanes?: number;

  /**
   * Where the controls live: this stack, or one nested stack per OU (for more controls x OUs than
   * one stack holds). Either way adding controls never moves an existing control to another stack.
   * @default ControlPlacement.THIS_STACK
   */
  readonly controlPlacement?: ControlPlacement;

  /**
   * Deploy the baseline StackSet to every account of the OUs.
   * @default true
   */
  readonly deployStackSet?: boolean;

  /**
   * What the baseline StackSet holds and how it rolls out.
   * @default - the defaults of each option
   */
  readonly stackSet?: BaselineStackSetOptions;

  /**
   * Create an organization analyzer of IAM Access Analyzer (zone of trust: the organization) in
   * this stack's account and region, for `AccessAnalyzerMode.ORGANIZATION_ANALYZER`. Only the
   * management account or the Access Analyzer delegated administrator can: deploy there.
   * @default false
   */
  readonly organizationAnalyzer?: boolean;

  /**
   * Attach the baseline service control policies to the OUs.
   * @default true
   */
  readonly attachServiceControlPolicies?: boolean;

  /**
   * Which SCP statements are attached and who is exempt.
   * @default - every statement on, only Control Tower and StackSet roles exempt
   */
  readonly serviceControlPolicies?: ServiceControlPolicyOptions;

  /**
   * Targets of Control Tower `CreateManagedAccount` and `UpdateManagedAccount` lifecycle events,
   * for account-specific follow-up (beside the notification topic of `notifications`, on the same rule).
   * @default - no targets but the notification topic
   */
  readonly lifecycleTargets?: events.IRuleTarget[];

  /**
   * Where Control Tower's `CreateManagedAccount` and `UpdateManagedAccount` lifecycle events are
   * notified (the event as EventBridge delivers it: account, OU, state), through the one
   * notification shape of every Gantry construct: a topic of your own, addresses to subscribe, or
   * `{ enabled: false }`. Only the lifecycle rule may publish (`aws:SourceArn`). Control Tower emits
   * these events in the management account, so with `deployFrom: DELEGATED_ADMIN` the default is
   * off and turning them on fails synth.
   * @default - notifications on, to the stack's shared Gantry notification topic, no subscriber (off with DELEGATED_ADMIN)
   */
  readonly notifications?: NotificationOptions;

  /**
   * Dead-letter queue for lifecycle events the targets (and the notification topic) fail to take. A queue given is used as is.
   * @default - the stack's shared dead-letter queue (`SecureDefaults.sharedDeadLetterQueue`) when there is a lifecycle rule
   */
  readonly deadLetterQueue?: sqs.IQueue;

  /**
   * Monitoring to register the lifecycle rule's dead-letter queue and its alarm with.
   * @default - not monitored
   */
  readonly monitoring?: IMonitoring;
}

/** The lifecycle events Control Tower emits when it creates or updates an enrolled account. Source: Control Tower User Guide, "Lifecycle events". */
const LIFECYCLE_EVENT_NAMES = ['CreateManagedAccount', 'UpdateManagedAccount'];

const OU_ARN_PATTERN = new RegExp(`^arn:aws(?:-[a-z]+)*:organizations::\\d{12}:ou/(${Limits.organizations.organizationIdPattern.source})/(${Limits.organizations.organizationalUnitIdPattern.source})$`);
const BASELINE_ARN_PATTERN = /arn:aws(?:-[a-z]+)*:controltower:[a-z0-9-]+::baseline\/[0-9A-Za-z]+/;
const PRINCIPAL_ARN_PATTERN = /arn:aws(?:-[a-z]+)*:iam::(\d{12}|\*):(root|role\/[\w+=,.@\/*-]+|user\/[\w+=,.@\/*-]+)/;
const TRUSTED_PRINCIPAL_PATTERN = /arn:aws(?:-[a-z]+)*:iam::\d{12}:(root|role\/[\w+=,.@\/-]+|user\/[\w+=,.@\/-]+)/;
const ROLE_NAME_PATTERN = /[\w+=,.@-]{1,64}/;
/** Headroom left for control operations started elsewhere: 80% of each documented limit. */
const DEFAULT_CONTROL_LANES = Math.floor(Limits.controlTower.maxConcurrentControlOperations * 0.8);
const DEFAULT_PROACTIVE_CONTROL_LANES = Math.floor(Limits.controlTower.maxConcurrentProactiveControlOperations * 0.8);
/** Controls per OU in a nested stack: a stack holds at most 500 resources. */
const MAX_CONTROLS_PER_NESTED_STACK = Limits.cloudFormation.maxResourcesPerStack - 10;
/** Where EventBridge receives events of global services (IAM, console sign-in). Source: EventBridge User Guide, "Events from AWS services". */
const GLOBAL_EVENTS_REGION = 'us-east-1';

/** One target OU: its id, ARN and the label its resources' ids are built from. */
interface TargetOu {
  readonly id: string;
  readonly arn: string;
  /** The OU id, or its position when the id is a token (a token would make ids unstable). */
  readonly label: string;
}

/**
 * A Control Tower account baseline for organizational units. Enables Control Tower controls and
 * baselines on the OUs (ordered within Control Tower's documented concurrency limits, optionally
 * across nested stacks when they outgrow one stack), distributes a security baseline to every
 * account of the OUs with a service-managed StackSet (auto-deployment on), attaches service control
 * policies, and routes Control Tower lifecycle events to a target.
 *
 * Accounts are never enumerated: the template is the same for 1 or 1,000 accounts.
 */
export class AccountBaseline extends Construct {
  /** The landing zone version the baseline is written for. */
  public readonly landingZoneVersion: string;
  /** The enabled controls, in operation order. */
  public readonly enabledControls: controltower.CfnEnabledControl[] = [];
  /** The enabled baselines, in operation order. */
  public readonly enabledBaselines: controltower.CfnEnabledBaseline[] = [];
  /** Nested stacks holding the controls, one per OU, with ControlPlacement.NESTED_STACK_PER_OU (in OU order). */
  public readonly controlStacks: NestedStack[] = [];
  /** The baseline StackSet, unless turned off. */
  public readonly stackSet?: cloudformation.CfnStackSet;
  /** The member-account template the StackSet deploys (its TemplateBody, JSON text), unless turned off. */
  public readonly stackSetTemplateBody?: string;
  /** The SCP denying leaving the organization and disabling security services, when any of those statements is on. */
  public readonly protectionsPolicy?: organizations.CfnPolicy;
  /** The organization analyzer, when `organizationAnalyzer` is on. */
  public readonly organizationAnalyzer?: accessanalyzer.CfnAnalyzer;
  /** The SCP denying ungoverned regions, when on. */
  public readonly regionDenyPolicy?: organizations.CfnPolicy;
  /** The rule on Control Tower lifecycle events, when targets were given or notifications are on. */
  public readonly lifecycleRule?: events.Rule;
  /** Topic the lifecycle events are notified to, when notifications are on. */
  public readonly notificationTopic?: sns.ITopic;
  /** Dead-letter queue of the lifecycle rule's targets, when there is a rule: the one given, or the stack's shared dead-letter queue. */
  public readonly deadLetterQueue?: sqs.IQueue;
  /**
   * Alarm on lifecycle events that reached the dead-letter queue, when monitoring was given: for
   * the stack's shared queue, its one depth alarm (every dead letter of the stack counts, not only
   * lifecycle events).
   */
  public readonly deadLetterAlarm?: cloudwatch.Alarm;

  private readonly organizationalUnits: TargetOu[];
  private readonly organizationalUnitsToken?: string[];

  constructor(scope: Construct, id: string, props: AccountBaselineProps) {
    super(scope, id);
    this.validate(props);
    this.landingZoneVersion = props.landingZoneVersion;
    // A list token (e.g. a CommaDelimitedList parameter) is passed through whole: it holds OU ids.
    this.organizationalUnitsToken = isUnresolved(props.organizationalUnits) ? props.organizationalUnits : undefined;
    this.organizationalUnits = this.organizationalUnitsToken ? [] : props.organizationalUnits.map((ou, index) => this.targetOu(ou, index, props));

    this.addControlsAndBaselines(props);

    if (props.deployStackSet ?? true) {
      this.warnWhereGlobalEventsArrive(props);
      const { stackSet, templateBody } = this.addStackSet(props);
      this.stackSet = stackSet;
      this.stackSetTemplateBody = templateBody;
    }

    if (props.organizationAnalyzer) {
      this.organizationAnalyzer = new accessanalyzer.CfnAnalyzer(this, 'OrganizationAnalyzer', { type: 'ORGANIZATION' });
    }

    if (props.attachServiceControlPolicies ?? true) {
      const options = props.serviceControlPolicies ?? {};
      const principals = [...ALWAYS_EXEMPT_PRINCIPALS, ...(options.exemptPrincipalArns ?? [])];
      this.protectionsPolicy = this.addPolicy('ProtectionsPolicy', this.uniqueName('protections'),
        'Deny leaving the organization, disabling Config, CloudTrail, GuardDuty, Security Hub and Access Analyzer, and changing exempt principals',
        protectionsPolicy(options, principals));
      this.regionDenyPolicy = this.addPolicy('RegionDenyPolicy', this.uniqueName('region-deny'),
        `Deny regional services outside ${props.governedRegions.join(', ')}`,
        regionDenyPolicy(options, principals, props.governedRegions));
    }

    // Lifecycle events are emitted in the management account only (validated above).
    const fromManagementAccount = (props.deployFrom ?? DeploymentAccount.MANAGEMENT) === DeploymentAccount.MANAGEMENT;
    const notify = fromManagementAccount ? resolveNotifications(this, 'notifications', props.notifications, ['events.amazonaws.com']) : undefined;
    this.notificationTopic = notify;
    const lifecycleTargets = [...props.lifecycleTargets ?? [], ...(notify ? [new RuleTopicTarget(notify)] : [])];
    if (lifecycleTargets.length > 0) {
      const queue = props.deadLetterQueue ?? eventDeadLetterQueue(this);
      this.deadLetterQueue = queue;
      this.lifecycleRule = new events.Rule(this, 'LifecycleRule', {
        description: 'Control Tower created or updated a managed account',
        eventPattern: {
          source: ['aws.controltower'],
          detailType: ['AWS Service Event via CloudTrail'],
          detail: { eventName: LIFECYCLE_EVENT_NAMES },
        },
        targets: lifecycleTargets.map((target) => new DeadLetteredTarget(target, queue)),
      });
      if (props.monitoring && DeadLetterQueues.isShared(queue)) {
        // The stack's shared queue: one section and one depth alarm however many constructs use it.
        this.deadLetterAlarm = DeadLetterQueues.of(this).monitor(props.monitoring, queue);
      } else if (props.monitoring) {
        this.deadLetterAlarm = new cloudwatch.Alarm(this, 'LifecycleDeadLetterAlarm', {
          alarmDescription: 'Control Tower lifecycle events could not be delivered to their target (see the dead-letter queue)',
          metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        });
        // One section per baseline (titled by construct path): the queue with its own alarm.
        props.monitoring.monitor(queue, { alarms: [this.deadLetterAlarm] });
      }
    }

    new CfnOutput(this, 'LandingZoneVersion', {
      description: 'Control Tower landing zone version this baseline is written for',
      value: props.landingZoneVersion,
    });
    this.requireHomeRegionAtDeploy(props);
    this.node.addValidation({ validate: () => this.checkStackSize() });
  }

  /** In an environment-agnostic stack the home region is known only at deploy: a template rule refuses it there, before any resource. */
  private requireHomeRegionAtDeploy(props: AccountBaselineProps): void {
    if ((props.deployFrom ?? DeploymentAccount.MANAGEMENT) !== DeploymentAccount.MANAGEMENT) return;
    if (!isUnresolved(Stack.of(this).region) || isUnresolved(props.governedRegions)) return;
    new CfnRule(this, 'HomeRegionIsGoverned', {
      assertions: [{
        assert: Fn.conditionContains(props.governedRegions, Aws.REGION),
        assertDescription: `The stack's region (the Control Tower home region) must be one of the governed regions: ${props.governedRegions.join(', ')}`,
      }],
    });
  }

  private addControlsAndBaselines(props: AccountBaselineProps): void {
    const controls = props.controls ?? [];
    const baselines = props.baselines ?? [];
    if (controls.length === 0 && baselines.length === 0) return;
    const lanes = props.controlLanes ?? DEFAULT_CONTROL_LANES;
    const proactiveLanes = Math.min(lanes, props.proactiveControlLanes ?? DEFAULT_PROACTIVE_CONTROL_LANES);
    // Baselines always live in this stack, whatever the placement, so switching placement never moves them.
    const scope = new Construct(this, 'Controls');

    // OU operations run one at a time: every baseline of every OU on one chain, in the props' order.
    const lastBaselineOfOu = new Map<TargetOu, controltower.CfnEnabledBaseline>();
    for (const ou of this.organizationalUnits) {
      baselines.forEach((spec, index) => {
        // Named by the baseline's id and the OU, not by position, so reordering replaces nothing.
        const baselineLabel = isUnresolved(spec.baselineIdentifier) ? String(index + 1) : spec.baselineIdentifier.split(/[/:]/).pop();
        const resource = new controltower.CfnEnabledBaseline(scope, `Baseline-${baselineLabel}-${ou.label}`, {
          baselineIdentifier: spec.baselineIdentifier,
          baselineVersion: spec.baselineVersion,
          targetIdentifier: ou.arn,
          parameters: spec.parameters ? Object.keys(spec.parameters).map((key) => ({ key, value: spec.parameters![key] })) : undefined,
        });
        this.enabledBaselines.push(resource);
        lastBaselineOfOu.set(ou, resource);
      });
    }
    chainSequentially(this.enabledBaselines);

    const enable = (into: Construct, ou: TargetOu): LaneOperation[] => controls.map((spec) => {
      const resource = new controltower.CfnEnabledControl(into, `${spec.control.name}-${ou.label}`, {
        controlIdentifier: spec.control.identifier,
        targetIdentifier: ou.arn,
        parameters: spec.parameters ? Object.keys(spec.parameters).map((key) => ({ key, value: spec.parameters![key] })) : undefined,
      });
      this.enabledControls.push(resource);
      return { resource, proactive: spec.control.behavior === ControlBehavior.PROACTIVE };
    });

    if ((props.controlPlacement ?? ControlPlacement.THIS_STACK) === ControlPlacement.THIS_STACK) {
      const operations: LaneOperation[] = [];
      for (const ou of this.organizationalUnits) {
        const ouOperations = enable(scope, ou);
        // A control on an OU waits for that OU's baseline (the chain holds the OU's earlier ones).
        const baseline = lastBaselineOfOu.get(ou);
        if (baseline) for (const operation of ouOperations) operation.resource.addDependency(baseline);
        operations.push(...ouOperations);
      }
      chainInLanes(operations, lanes, proactiveLanes);
      return;
    }

    // One nested stack per OU: a control's stack depends only on its OU, so adding controls or OUs
    // never moves an existing one. Nested stacks cannot wait on each other's resources, so the lanes
    // are split between stacks that deploy at once (waves) and lanes inside each stack.
    if (controls.length === 0) return;
    const proactive = controls.filter((c) => c.control.behavior === ControlBehavior.PROACTIVE).length;
    const plan = planStackWaves(this.organizationalUnits.length, proactive, controls.length - proactive, lanes, proactiveLanes);
    this.organizationalUnits.forEach((ou, index) => {
      const nested = new NestedStack(this, `Controls-${ou.label}`, {
        description: `Gantry AccountBaseline: Control Tower controls of ${isUnresolved(ou.id) ? `OU ${index + 1}` : ou.id}`,
      });
      const stackResource = nested.nestedStackResource!;
      const baseline = lastBaselineOfOu.get(ou);
      if (baseline) stackResource.addDependency(baseline);
      const waitFor = this.controlStacks[index - plan.waves];
      if (waitFor) stackResource.addDependency(waitFor.nestedStackResource!);
      this.controlStacks.push(nested);
      chainInLanes(enable(nested, ou), plan.lanes, plan.proactiveLanes);
    });
  }

  private addStackSet(props: AccountBaselineProps): { stackSet: cloudformation.CfnStackSet; templateBody: string } {
    const options = props.stackSet ?? {};
    const { template, parameterValues } = synthesizeBaselineTemplate({
      ...options,
      globalResourcesRegion: options.globalResourcesRegion ?? props.governedRegions[0],
    });
    const templateBody = JSON.stringify(template);
    const size = Buffer.byteLength(templateBody, 'utf-8');
    if (size > Limits.cloudFormation.maxTemplateBodyBytes) {
      fail(this, 'stackSet', `a member-account template of ${size} bytes`,
        `a template of at most ${Limits.cloudFormation.maxTemplateBodyBytes} bytes (the StackSet TemplateBody limit): switch off parts of the baseline or move them to a second construct`);
    }
    const stackSet = new cloudformation.CfnStackSet(this, 'StackSet', {
      stackSetName: options.stackSetName ?? this.uniqueName('baseline'),
      description: `Gantry account baseline for Control Tower landing zone ${props.landingZoneVersion}`,
      permissionModel: 'SERVICE_MANAGED',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: options.retainStacksOnAccountRemoval ?? false },
      callAs: (props.deployFrom ?? DeploymentAccount.MANAGEMENT) === DeploymentAccount.DELEGATED_ADMIN ? 'DELEGATED_ADMIN' : 'SELF',
      capabilities: ['CAPABILITY_NAMED_IAM'],
      managedExecution: { Active: true },
      operationPreferences: {
        maxConcurrentPercentage: options.maxConcurrentPercentage ?? 25,
        failureTolerancePercentage: options.failureTolerancePercentage ?? 10,
        regionConcurrencyType: options.regionConcurrency ?? RegionConcurrency.PARALLEL,
      },
      stackInstancesGroup: [{
        deploymentTargets: { organizationalUnitIds: this.organizationalUnitIds() },
        regions: props.governedRegions,
      }],
      parameters: parameterValues.length > 0 ? parameterValues : undefined,
      templateBody,
    });
    return { stackSet, templateBody };
  }

  /** IAM and console sign-in events are global: EventBridge receives them in us-east-1 only. */
  private warnWhereGlobalEventsArrive(props: AccountBaselineProps): void {
    const options = props.stackSet ?? {};
    const wantsGlobalEvents = (options.rootSignInAlerts ?? true) || (options.iamPolicyChangeAlerts ?? true)
      || (options.breakGlassRole !== undefined && (options.breakGlassAlerts ?? true));
    if (!wantsGlobalEvents || isUnresolved(props.governedRegions) || props.governedRegions.includes(GLOBAL_EVENTS_REGION)) return;
    Annotations.of(this).addWarningV2('@gantry/account-baseline:globalEventsRegion',
      `Root sign-in and IAM policy change events (and break-glass AssumeRole calls to the global STS endpoint) reach EventBridge in ${GLOBAL_EVENTS_REGION} only, which is not among the governed regions `
      + `(${props.governedRegions.join(', ')}): those alerts will not fire. Govern ${GLOBAL_EVENTS_REGION} or turn the alerts off.`);
  }

  private addPolicy(id: string, name: string, description: string, document: PolicyDocumentJson | undefined): organizations.CfnPolicy | undefined {
    if (!document) return undefined;
    if (!isUnresolved(document)) {
      const characters = JSON.stringify(document).length;
      if (characters > Limits.organizations.maxScpCharacters) {
        fail(this, 'serviceControlPolicies', `the ${name} policy of ${characters} characters`,
          `at most ${Limits.organizations.maxScpCharacters} characters per SCP: shorten exemptPrincipalArns (wildcards) or regionDenyExemptActions`);
      }
    }
    return new organizations.CfnPolicy(this, id, {
      name,
      description,
      type: 'SERVICE_CONTROL_POLICY',
      content: document,
      targetIds: this.organizationalUnitIds(),
    });
  }

  private organizationalUnitIds(): string[] {
    return this.organizationalUnitsToken ?? this.organizationalUnits.map((ou) => ou.id);
  }

  private targetOu(value: string, index: number, props: AccountBaselineProps): TargetOu {
    const arn = isUnresolved(value) ? null : OU_ARN_PATTERN.exec(value);
    if (arn) return { id: arn[2], arn: value, label: arn[2] };
    const management = props.managementAccountId ?? Stack.of(this).account;
    return {
      id: value,
      arn: `arn:${Aws.PARTITION}:organizations::${management}:ou/${props.organizationId}/${value}`,
      label: isUnresolved(value) ? `OU${index + 1}` : value,
    };
  }

  /** A name unique to this construct in its account (StackSet and SCP names are), starting with a letter. */
  private uniqueName(suffix: string): string {
    return `${Names.uniqueResourceName(this, { maxLength: 100, separator: '-' })}-${suffix}`.replace(/[^A-Za-z0-9-]/g, '');
  }

  private checkStackSize(): string[] {
    const stack = Stack.of(this);
    const count = stack.node.findAll().filter((c) => CfnResource.isCfnResource(c) && Stack.of(c) === stack).length;
    if (count <= Limits.cloudFormation.maxResourcesPerStack) return [];
    return [`[AccountBaseline at '${this.node.path}'] stack ${stack.stackName} has ${count} resources, over CloudFormation's ${Limits.cloudFormation.maxResourcesPerStack}: `
      + 'place the controls in nested stacks (controlPlacement: ControlPlacement.NESTED_STACK_PER_OU), or move other resources to another stack'];
  }

  private validate(props: AccountBaselineProps): void {
    const versionAllowed = 'the version of your Control Tower landing zone, e.g. "3.3" (see Landing zone settings in the Control Tower console); Gantry pins no default';
    if (props.landingZoneVersion === undefined || props.landingZoneVersion === null || props.landingZoneVersion === '') {
      fail(this, 'landingZoneVersion', props.landingZoneVersion, versionAllowed);
    }
    checkPattern(this, 'landingZoneVersion', props.landingZoneVersion, Limits.controlTower.versionPattern, versionAllowed);

    const deployFrom = props.deployFrom ?? DeploymentAccount.MANAGEMENT;
    checkOneOf(this, 'deployFrom', deployFrom, Object.values(DeploymentAccount));

    // Organizational units.
    if (!Array.isArray(props.organizationalUnits) && !isUnresolved(props.organizationalUnits)) fail(this, 'organizationalUnits', props.organizationalUnits, 'a list of OU ids or ARNs');
    const ouListIsToken = isUnresolved(props.organizationalUnits);
    if (ouListIsToken && ((props.controls ?? []).length > 0 || (props.baselines ?? []).length > 0)) {
      fail(this, 'organizationalUnits', props.organizationalUnits, 'a list of OU ids or ARNs known at synth when controls or baselines are given '
        + '(each control and baseline is one resource per OU); a list token (e.g. a CommaDelimitedList parameter of OU ids) is accepted for the StackSet and the SCPs only');
    }
    checkCount(this, 'organizationalUnits', props.organizationalUnits, 1, 1000);
    checkUnique(this, 'organizationalUnits', props.organizationalUnits);
    const ouAllowed = 'an OU id ("ou-" + 4-32 lowercase letters or digits + "-" + 8-32 lowercase letters or digits) or an OU ARN (arn:aws:organizations::<account>:ou/o-.../ou-...)';
    let byId = false;
    (ouListIsToken ? [] : props.organizationalUnits).forEach((ou, index) => {
      if (isUnresolved(ou)) { byId = true; return; }
      if (OU_ARN_PATTERN.test(ou)) return;
      if (ou.startsWith('arn:')) fail(this, `organizationalUnits[${index}]`, ou, ouAllowed);
      checkPattern(this, `organizationalUnits[${index}]`, ou, Limits.organizations.organizationalUnitIdPattern, ouAllowed);
      byId = true;
    });
    if (byId && props.organizationId === undefined) {
      fail(this, 'organizationId', undefined, 'the organization id ("o-...") when organizationalUnits are given by id (or give OU ARNs instead)');
    }
    checkPattern(this, 'organizationId', props.organizationId, Limits.organizations.organizationIdPattern, 'an AWS Organizations id: "o-" followed by 10-32 lowercase letters or digits');
    checkPattern(this, 'managementAccountId', props.managementAccountId, Limits.organizations.accountIdPattern, 'a 12-digit AWS account id');

    // Regions.
    if (props.governedRegions === undefined) fail(this, 'governedRegions', undefined, 'a list of at least one region code, e.g. ["eu-west-1"]');
    checkCount(this, 'governedRegions', props.governedRegions, 1, 50);
    checkRegions(this, 'governedRegions', props.governedRegions);
    checkUnique(this, 'governedRegions', props.governedRegions);
    // The home region (where this stack and Control Tower run) must be governed: Control Tower cannot
    // deny its home region, and the region deny would cut the member accounts off from it.
    // (From a delegated administrator the stack's region need not be Control Tower's home region.)
    const home = Stack.of(this).region;
    const fromManagement = (props.deployFrom ?? DeploymentAccount.MANAGEMENT) === DeploymentAccount.MANAGEMENT;
    const regionsKnown = !isUnresolved(props.governedRegions) && !props.governedRegions.some((r) => isUnresolved(r));
    if (fromManagement && !isUnresolved(home) && regionsKnown && !props.governedRegions.includes(home)) {
      fail(this, 'governedRegions', props.governedRegions,
        `a list that includes the home region ${home} (this stack's region, where Control Tower runs), as ${JSON.stringify([home, ...props.governedRegions])}`);
    }

    // Controls and baselines.
    const controls = props.controls ?? [];
    const baselines = props.baselines ?? [];
    if (deployFrom === DeploymentAccount.DELEGATED_ADMIN) {
      if (controls.length > 0) fail(this, 'controls', controls, 'no controls when deployFrom is DELEGATED_ADMIN: Control Tower enables controls from the management account only');
      if (baselines.length > 0) fail(this, 'baselines', baselines, 'no baselines when deployFrom is DELEGATED_ADMIN: Control Tower enables baselines from the management account only');
      if ((props.lifecycleTargets ?? []).length > 0) {
        fail(this, 'lifecycleTargets', props.lifecycleTargets, 'no lifecycle targets when deployFrom is DELEGATED_ADMIN: Control Tower emits lifecycle events in the management account');
      }
      checkNotificationShape(this, 'notifications', props.notifications);
      const n = props.notifications;
      if (n && (n.enabled === true || n.topic || (n.emailAddresses ?? []).length > 0)) {
        fail(this, 'notifications', n.topic ? { topic: n.topic.node.path, emailAddresses: n.emailAddresses } : n,
          'no lifecycle notifications when deployFrom is DELEGATED_ADMIN (leave it out or { enabled: false }): Control Tower emits lifecycle events in the management account');
      }
    }
    const seen = new Set<string>();
    controls.forEach((entry, index) => this.validateControl(entry, index, seen));
    baselines.forEach((entry, index) => {
      checkPattern(this, `baselines[${index}].baselineIdentifier`, entry.baselineIdentifier, BASELINE_ARN_PATTERN, 'a baseline ARN: arn:aws:controltower:<region>::baseline/<id>');
      if (entry.baselineVersion === undefined || entry.baselineVersion === '') fail(this, `baselines[${index}].baselineVersion`, entry.baselineVersion, 'the baseline version to enable, e.g. "4.0" (no default is pinned)');
      checkPattern(this, `baselines[${index}].baselineVersion`, entry.baselineVersion, Limits.controlTower.versionPattern, 'digits with up to two dots, e.g. "4.0"');
    });
    checkUnique(this, 'baselines', baselines.map((b) => b.baselineIdentifier));
    for (const prop of ['controlLanes', 'proactiveControlLanes'] as const) {
      if (isUnresolved(props[prop])) fail(this, prop, props[prop], 'a number known at synth: the lanes decide how the template orders the operations');
    }
    checkRange(this, 'controlLanes', props.controlLanes, 1, Limits.controlTower.maxConcurrentControlOperations, { integer: true });
    checkRange(this, 'proactiveControlLanes', props.proactiveControlLanes, 1, Limits.controlTower.maxConcurrentProactiveControlOperations, { integer: true });
    if (props.controlLanes !== undefined && props.proactiveControlLanes !== undefined && !isUnresolved(props.controlLanes)
      && !isUnresolved(props.proactiveControlLanes) && props.proactiveControlLanes > props.controlLanes) {
      fail(this, 'proactiveControlLanes', props.proactiveControlLanes, `at most controlLanes (${props.controlLanes}): proactive operations count against both limits`);
    }
    const placement = props.controlPlacement ?? ControlPlacement.THIS_STACK;
    checkOneOf(this, 'controlPlacement', placement, Object.values(ControlPlacement));
    if (placement === ControlPlacement.NESTED_STACK_PER_OU && controls.length > MAX_CONTROLS_PER_NESTED_STACK) {
      fail(this, 'controls', controls, `at most ${MAX_CONTROLS_PER_NESTED_STACK} controls with NESTED_STACK_PER_OU (each OU's nested stack holds at most ${Limits.cloudFormation.maxResourcesPerStack} resources)`);
    }

    // StackSet.
    const stackSet = props.stackSet ?? {};
    checkPattern(this, 'stackSet.stackSetName', stackSet.stackSetName, Limits.cloudFormation.namePattern, Limits.cloudFormation.nameAllowed);
    checkRange(this, 'stackSet.maxConcurrentPercentage', stackSet.maxConcurrentPercentage, Limits.stackSets.minConcurrentPercentage, Limits.stackSets.maxConcurrentPercentage, { integer: true, unit: 'percent' });
    checkRange(this, 'stackSet.failureTolerancePercentage', stackSet.failureTolerancePercentage, Limits.stackSets.minFailureTolerancePercentage, Limits.stackSets.maxFailureTolerancePercentage, { integer: true, unit: 'percent' });
    checkOneOf(this, 'stackSet.regionConcurrency', stackSet.regionConcurrency, Object.values(RegionConcurrency));
    checkOneOf(this, 'stackSet.guardDutyMode', stackSet.guardDutyMode, Object.values(GuardDutyMode));
    checkOneOf(this, 'stackSet.securityHubMode', stackSet.securityHubMode, Object.values(SecurityHubMode));
    checkOneOf(this, 'stackSet.accessAnalyzerMode', stackSet.accessAnalyzerMode, Object.values(AccessAnalyzerMode));
    const accountHub = (stackSet.securityHubMode ?? SecurityHubMode.CENTRAL_CONFIGURATION) === SecurityHubMode.ACCOUNT_HUB;
    if (stackSet.securityHubStandards !== undefined && !accountHub) {
      fail(this, 'stackSet.securityHubStandards', stackSet.securityHubStandards, 'no standards unless securityHubMode is SecurityHubMode.ACCOUNT_HUB: '
        + 'with central configuration the configuration policy of the Security Hub delegated administrator chooses them');
    }
    if (stackSet.globalResourcesRegion !== undefined && !isUnresolved(stackSet.globalResourcesRegion) && !isUnresolved(props.governedRegions)
      && !props.governedRegions.includes(stackSet.globalResourcesRegion)) {
      fail(this, 'stackSet.globalResourcesRegion', stackSet.globalResourcesRegion, `one of the governed regions (${props.governedRegions.join(', ')})`);
    }
    checkCount(this, 'stackSet.securityHubStandards', stackSet.securityHubStandards, 1, 20);
    (stackSet.securityHubStandards ?? []).forEach((standard, index) => checkPattern(this, `stackSet.securityHubStandards[${index}]`, standard.resourcePath,
      /(standards|ruleset)\/[a-z0-9-]+\/v\/\d+(\.\d+)*/, 'a standard path such as "standards/pci-dss/v/3.2.1"'));
    checkUnique(this, 'stackSet.securityHubStandards', (stackSet.securityHubStandards ?? []).map((s) => s.resourcePath));
    rejectRemovedProps(this, stackSet, { notificationEmails: 'notifications.emailAddresses' }, 'stackSet.');
    const notifications = stackSet.notifications;
    checkNotificationShape(this, 'stackSet.notifications', notifications);
    if (notifications?.topic) {
      fail(this, 'stackSet.notifications.topic', notifications.topic.node.path,
        'no topic: the StackSet creates the security topic in every member account, where the alerts are raised (subscribe with emailAddresses)');
    }
    if (notifications?.enabled === false) {
      fail(this, 'stackSet.notifications.enabled', false, 'notifications on (the alerts go to each member account\'s topic): turn off rootSignInAlerts, iamPolicyChangeAlerts, cloudTrailChangeAlerts or breakGlassAlerts instead');
    }
    checkCount(this, 'stackSet.notifications.emailAddresses', notifications?.emailAddresses, 0, 20);
    checkEmailAddresses(this, 'stackSet.notifications.emailAddresses', notifications?.emailAddresses);
    if (stackSet.budget) {
      checkRange(this, 'stackSet.budget.monthlyLimitUsd', stackSet.budget.monthlyLimitUsd, 1, 1_000_000_000, { unit: 'USD' });
      checkRange(this, 'stackSet.budget.alertThresholdPercent', stackSet.budget.alertThresholdPercent, 1, 1000, { unit: 'percent' });
    }
    this.validateRole('stackSet.auditRole', stackSet.auditRole);
    this.validateRole('stackSet.breakGlassRole', stackSet.breakGlassRole);
    if (stackSet.auditRole && stackSet.breakGlassRole && (stackSet.auditRole.roleName ?? 'GantryAudit') === (stackSet.breakGlassRole.roleName ?? 'GantryBreakGlass')) {
      fail(this, 'stackSet.breakGlassRole.roleName', stackSet.breakGlassRole.roleName, 'a name different from the audit role\'s');
    }

    // SCPs and lifecycle.
    const scp = props.serviceControlPolicies ?? {};
    checkEach(this, 'serviceControlPolicies.exemptPrincipalArns', scp.exemptPrincipalArns, PRINCIPAL_ARN_PATTERN,
      'an IAM role, user or root ARN; "*" is allowed for the account and in the name (e.g. arn:aws:iam::*:role/PlatformAdmin)');
    checkEach(this, 'serviceControlPolicies.regionDenyExemptActions', scp.regionDenyExemptActions, /[a-z0-9-]+:[A-Za-z0-9*]+/, 'an IAM action such as "waf:*"');
    checkCount(this, 'lifecycleTargets', props.lifecycleTargets, 0, Limits.eventBridge.maxTargetsPerRule);
  }

  private validateControl(entry: EnabledControlOptions, index: number, seen: Set<string>): void {
    const prop = `controls[${index}]`;
    if (!(entry?.control instanceof Control)) fail(this, `${prop}.control`, entry?.control, 'a control from ControlCatalogue or Control.fromArn');
    const control = entry.control;
    const problems = control.definitionProblems();
    if (problems.length > 0) fail(this, `${prop}.control`, control.explicitArn ?? control.name, problems.join('; '));
    const key = control.explicitArn ?? control.name;
    if (seen.has(key)) fail(this, `${prop}.control`, key, 'each control at most once (this one is repeated)');
    seen.add(key);

    const given = entry.parameters ?? {};
    if (isUnresolved(given)) return;
    const declared = control.parameters;
    for (const name of Object.keys(given)) {
      const spec = declared.find((p) => p.name === name);
      if (!spec) {
        fail(this, `${prop}.parameters.${name}`, given[name], declared.length === 0
          ? `no parameters: ${control.name} takes none`
          : `only the parameters ${control.name} takes: ${declared.map((p) => p.name).join(', ')}`);
      }
      const value = given[name];
      if (isUnresolved(value)) continue;
      if (spec.type === ControlParameterType.BOOLEAN && typeof value !== 'boolean') fail(this, `${prop}.parameters.${name}`, value, 'true or false');
      if (spec.type === ControlParameterType.STRING_LIST && (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))) {
        fail(this, `${prop}.parameters.${name}`, value, 'a list of strings');
      }
    }
    for (const spec of declared) {
      if (spec.required && !(spec.name in given)) fail(this, `${prop}.parameters.${spec.name}`, undefined, `a value: ${control.name} requires ${spec.name} (${spec.description})`);
    }
  }

  private validateRole(prop: string, role: BaselineRoleOptions | undefined): void {
    if (!role) return;
    if (role.trustedPrincipalArns === undefined) fail(this, `${prop}.trustedPrincipalArns`, undefined, 'the IAM principals allowed to assume the role');
    checkCount(this, `${prop}.trustedPrincipalArns`, role.trustedPrincipalArns, 1, 20);
    checkEach(this, `${prop}.trustedPrincipalArns`, role.trustedPrincipalArns, TRUSTED_PRINCIPAL_PATTERN,
      'an IAM role, user or account-root ARN with a 12-digit account and no wildcards (the role is trusted only by named principals)');
    checkUnique(this, `${prop}.trustedPrincipalArns`, role.trustedPrincipalArns);
    checkPattern(this, `${prop}.roleName`, role.roleName, ROLE_NAME_PATTERN, '1-64 letters, digits and +=,.@_-');
  }
}
