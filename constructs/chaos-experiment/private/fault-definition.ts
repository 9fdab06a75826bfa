import { Duration, Stack, Token, Tokenization } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { checkRange, fail, isUnresolved, Limits } from '../../core';

/**
 * What a target resolves to: the FIS target it renders and what the experiment role may be scoped
 * to. Internal: built by ChaosTarget, read by the faults.
 */
export interface ResolvedTarget {
  readonly resourceType: string;
  readonly resourceArns?: string[];
  readonly resourceTags?: Record<string, string>;
  readonly filters?: Array<{ path: string; values: string[] }>;
  readonly parameters?: Record<string, string>;
  readonly selectionMode: string;
  /** ECS cluster ARN and name, for tasks of a service. */
  readonly ecsCluster?: { arn: string; name: string };
  /** The S3 location (`arn:...:s3:::bucket/prefix/`) FIS writes Lambda fault configuration to. */
  readonly lambdaConfigurationLocation?: string;
  /** KMS key of that location's bucket, when it is encrypted with one. */
  readonly lambdaConfigurationKeyArn?: string;
  /**
   * How many resources the action acts on, when known at synth (COUNT(n), or a share of listed
   * ARNs), with the prop and value to name in an error.
   */
  readonly resourceCount?: { readonly count: number; readonly prop: string; readonly value: string };
  /** Checks the construct must pass before the fault can run (ECS fault injection, Lambda extension). */
  readonly prerequisites?: TargetPrerequisites;
}

/** Prerequisites a target can check, each with a hint naming the fix. */
export interface TargetPrerequisites {
  /** Throws when the ECS service's task definition does not set enableFaultInjection. */
  ecsFaultInjection?(scope: IConstruct, prop: string): void;
}

/** Everything a fault definition needs to render and scope one action. */
export interface FaultContext<O> {
  readonly scope: IConstruct;
  /** Prop path for error messages, e.g. `actions[0].fault`. */
  readonly prop: string;
  readonly options: O;
  readonly target?: ResolvedTarget;
}

/**
 * One fault of the catalogue (one file in faults/): the FIS action it renders, the resource type it
 * acts on, how its parameters are checked and rendered, and the IAM the experiment role needs for it.
 * The registry in faults/index.ts composes them; `Fault` picks one by action id.
 */
export interface FaultDefinition<O = any> {
  /** FIS action id, e.g. `aws:ec2:stop-instances`. */
  readonly actionId: string;
  /** Resource type of the action's target; undefined for actions without a target (aws:fis:wait). */
  readonly resourceType?: string;
  /** Key of the target in the action's `targets` map, e.g. `Instances`. */
  readonly targetKey?: string;
  /** Synth-time checks of the options (durations, percentages ...). */
  validate(ctx: FaultContext<O>): void;
  /** The action's `parameters`, all strings. */
  parameters(ctx: FaultContext<O>): Record<string, string>;
  /** The least statements the experiment role needs for this action on this target (exact actions). */
  permissions(ctx: FaultContext<O>): iam.PolicyStatement[];
}

/** An ISO 8601 duration within FIS bounds, e.g. PT5M. Tokens pass unchecked. */
export function checkDuration(
  scope: IConstruct, prop: string, value: Duration | undefined, minSeconds: number = Limits.fis.minActionDurationSeconds,
): void {
  if (value === undefined || value.isUnresolved()) return;
  const max = Limits.fis.maxActionDurationHours * 3600;
  const seconds = value.toSeconds();
  if (seconds < minSeconds || seconds > max) {
    fail(scope, prop, value.toIsoString(), `an ISO 8601 duration from ${minSeconds} seconds to ${Limits.fis.maxActionDurationHours} hours (e.g. PT5M)`);
  }
}

/** A required duration. */
export function requireDuration(scope: IConstruct, prop: string, value: Duration | undefined, minSeconds?: number): void {
  if (value === undefined) fail(scope, prop, undefined, 'a duration (rendered as ISO 8601, e.g. Duration.minutes(5) is PT5M)');
  checkDuration(scope, prop, value, minSeconds ?? Limits.fis.minActionDurationSeconds);
}

/** A percentage as FIS accepts it (1-100, whole numbers). */
export function checkPercent(scope: IConstruct, prop: string, value: number | undefined, min: number = Limits.fis.minPercent): void {
  checkRange(scope, prop, value, min, Limits.fis.maxPercent, { integer: true, unit: 'percent' });
}

/** Renders a number or boolean parameter; FIS parameters are strings. */
export function str(value: number | boolean | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Token.isUnresolved(value)) return Tokenization.stringifyNumber(value);
  return String(value);
}

/** Drops undefined values from a parameter map. */
export function compact(params: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export function arnOf(scope: IConstruct, service: string, resource: string, options: { region?: string; account?: string } = {}): string {
  const stack = Stack.of(scope);
  return `arn:${stack.partition}:${service}:${options.region ?? stack.region}:${options.account ?? stack.account}:${resource}`;
}

/**
 * Resources and conditions for an action on the target's resources: its ARNs when it names them,
 * else every resource of that kind in this account and Region, narrowed by the target's tags
 * (`aws:ResourceTag`), which the EC2, RDS and ECS APIs evaluate.
 */
export function scopedTo(
  _scope: IConstruct, target: ResolvedTarget | undefined, resourcePattern: string, tagConditionPrefix = 'aws:ResourceTag/',
): { resources: string[]; conditions?: Record<string, any> } {
  if (target?.resourceArns && target.resourceArns.length > 0) return { resources: target.resourceArns };
  const tags = target?.resourceTags ?? {};
  const conditions = Object.keys(tags).length > 0
    ? { StringEquals: Object.fromEntries(Object.entries(tags).map(([k, v]) => [`${tagConditionPrefix}${k}`, v])) }
    : undefined;
  return { resources: [resourcePattern], conditions };
}

/** One statement: exact actions on the given resources. */
export function allow(sid: string, actions: string[], resources: string[], conditions?: Record<string, any>): iam.PolicyStatement {
  return new iam.PolicyStatement({ sid, actions, resources, conditions });
}

/** Statement for actions that have no resource-level permissions (Describe/List, tag:GetResources). */
export function allowUnscoped(sid: string, actions: string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({ sid, actions, resources: ['*'] });
}

/** Requires the target's resource type for the fault. */
export function checkTargetType(ctx: FaultContext<unknown>, def: FaultDefinition): void {
  if (!def.resourceType) return;
  if (!ctx.target) fail(ctx.scope, `${ctx.prop}.target`, undefined, `a target of resource type ${def.resourceType} for ${def.actionId}`);
  if (!isUnresolved(ctx.target.resourceType) && ctx.target.resourceType !== def.resourceType) {
    fail(ctx.scope, `${ctx.prop}.target`, ctx.target.resourceType, `a target of resource type ${def.resourceType}: ${def.actionId} acts on ${def.resourceType}`);
  }
}

/**
 * A fault of FIS's that takes no parameters and calls one EC2 action on the target instances
 * (`aws:ec2:<name>-instances`), scoped to them, plus the unscoped DescribeInstances FIS needs.
 */
export function ec2InstancesFault(name: string, ec2Action: string): FaultDefinition<{}> {
  return {
    actionId: `aws:ec2:${name}-instances`,
    resourceType: 'aws:ec2:instance',
    targetKey: 'Instances',
    validate: () => undefined,
    parameters: () => ({}),
    permissions: ({ scope, target }) => {
      const { resources, conditions } = scopedTo(scope, target, arnOf(scope, 'ec2', 'instance/*'));
      return [allow(ec2Action, [`ec2:${ec2Action}`], resources, conditions), allowUnscoped('DescribeInstances', ['ec2:DescribeInstances'])];
    },
  };
}

/**
 * Fails when an action would act on more resources than its FIS quota allows (Limits.fis.actionTargetQuotas,
 * or the raised value the experiment was given). Unknown counts (tags with ALL, tokens) pass.
 */
export function checkTargetQuota(
  scope: IConstruct, actionId: string, target: ResolvedTarget | undefined, raised: Readonly<Record<string, number>> = {},
): void {
  const quota = Limits.fis.actionTargetQuotas[actionId];
  if (!quota || !target?.resourceCount) return;
  const limit = raised[actionId] ?? quota.value;
  const { count, prop, value } = target.resourceCount;
  if (count <= limit) return;
  const source = raised[actionId] !== undefined ? 'as raised by targetQuotas' : `the default of FIS quota "Target ${quota.resources} for ${actionId}" (${quota.quotaCode})`;
  fail(scope, prop, value, `at most ${limit} resources for ${actionId} (${source}; the quota is adjustable: raise it in Service Quotas and pass the new value in targetQuotas)`);
}
