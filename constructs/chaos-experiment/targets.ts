import { Stack, Token } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import { IConstruct } from 'constructs';
import { checkCount, checkOneOf, checkRange, fail, isUnresolved, Limits } from '../core';
import { FisLambdaExtension } from './lambda-extension';
import { ResolvedTarget } from './private/fault-definition';

/** Which of the identified resources an action acts on. */
export class TargetSelection {
  /** Every identified resource. */
  public static all(): TargetSelection {
    return new TargetSelection('ALL');
  }

  /** This many identified resources, chosen at random (COUNT(n)). */
  public static count(count: number): TargetSelection {
    return new TargetSelection(`COUNT(${count})`, count, 'count');
  }

  /** This percentage (1-100) of the identified resources, chosen at random and rounded down (PERCENT(n)). */
  public static percent(percent: number): TargetSelection {
    return new TargetSelection(`PERCENT(${percent})`, percent, 'percent');
  }

  private constructor(
    /** The selection mode as FIS renders it, e.g. `COUNT(1)`. */
    public readonly mode: string,
    private readonly value?: number,
    private readonly kind?: 'count' | 'percent',
  ) {}

  /**
   * @internal How many resources the action acts on when that is known at synth: n of COUNT(n),
   * or the share of a known number of resources; undefined otherwise (tokens, ALL of tags).
   */
  public _resourceCount(known: number | undefined): number | undefined {
    if (this.value !== undefined && Token.isUnresolved(this.value)) return undefined;
    if (this.kind === 'count') return this.value;
    if (known === undefined) return undefined;
    return this.kind === 'percent' ? Math.floor((known * this.value!) / 100) : known;
  }

  /** @internal */
  public _validate(scope: IConstruct, prop: string): void {
    if (this.kind === 'count') checkRange(scope, prop, this.value, 1, Number.MAX_SAFE_INTEGER, { integer: true, unit: 'resources (COUNT)' });
    if (this.kind === 'percent') checkRange(scope, prop, this.value, Limits.fis.minPercent, Limits.fis.maxPercent, { integer: true, unit: 'percent (PERCENT)' });
  }
}

/** A filter on the attributes FIS reads when it resolves a target (e.g. `State.Name` = running). */
export interface ChaosTargetFilter {
  /** Attribute path in the resource's Describe output, in Pascal case, e.g. `Placement.AvailabilityZone`. */
  readonly path: string;
  /** Values, any of which matches. */
  readonly values: string[];
}

/** Options of `ChaosTarget.fromTags`. */
export interface TagTargetOptions {
  /** FIS resource type, e.g. `aws:ec2:instance` or `aws:ec2:autoscaling-group`. */
  readonly resourceType: string;
  /** Tags all of which a resource must carry (1-50). */
  readonly tags: Record<string, string>;
  /**
   * Attribute filters, all of which must match.
   * @default - none
   */
  readonly filters?: ChaosTargetFilter[];
  /**
   * Which of the identified resources the action acts on.
   * @default TargetSelection.all()
   */
  readonly selection?: TargetSelection;
}

/** Options of `ChaosTarget.lambdaFunction`. */
export interface LambdaTargetOptions {
  /**
   * Version or alias whose invocations are affected.
   * @default - the alias's name for an alias; otherwise every invocation of the function
   */
  readonly qualifier?: string;
  /**
   * S3 location FIS writes the fault configuration to (`arn:aws:s3:::bucket/prefix/`, the value of the
   * function's AWS_FIS_CONFIGURATION_LOCATION): needed for a function this app does not create, whose
   * extension cannot be checked here.
   * @default - the location `FisLambdaExtension.attach` configured on the function
   */
  readonly configurationLocation?: string;
}

/**
 * The resources an action acts on, built from CDK objects (instances, the tasks of an ECS service,
 * a Lambda function or alias, an Aurora cluster, subnets) or found by tags and filters. The
 * experiment role is scoped to the same resources.
 */
export class ChaosTarget {
  /** The instances of an Auto Scaling group (by its `aws:autoscaling:groupName` tag), running ones only. */
  public static autoScalingGroupInstances(group: autoscaling.IAutoScalingGroup, selection?: TargetSelection): ChaosTarget {
    return ChaosTarget.fromTags({
      resourceType: 'aws:ec2:instance',
      tags: { 'aws:autoscaling:groupName': group.autoScalingGroupName },
      filters: [{ path: 'State.Name', values: ['running'] }],
      selection,
    });
  }

  /** Given EC2 instances (1-5). */
  public static instances(instances: ec2.IInstance[], selection?: TargetSelection): ChaosTarget {
    return new ChaosTarget('instances', (scope) => ({
      resourceType: 'aws:ec2:instance',
      resourceArns: instances.map((i) => Stack.of(scope).formatArn({ service: 'ec2', resource: 'instance', resourceName: i.instanceId })),
      selectionMode: (selection ?? TargetSelection.all()).mode,
    }), selection);
  }

  /** The running tasks of an ECS service (target parameters cluster and service). */
  public static ecsServiceTasks(service: ecs.BaseService, selection?: TargetSelection): ChaosTarget {
    return new ChaosTarget('ecsServiceTasks', () => ({
      resourceType: 'aws:ecs:task',
      parameters: { cluster: service.cluster.clusterName, service: service.serviceName },
      selectionMode: (selection ?? TargetSelection.all()).mode,
      ecsCluster: { arn: service.cluster.clusterArn, name: service.cluster.clusterName },
      prerequisites: {
        ecsFaultInjection: (scope, prop) => {
          const definition = service.taskDefinition.node.defaultChild as ecs.CfnTaskDefinition;
          const enabled = definition.enableFaultInjection;
          if (Token.isUnresolved(enabled) || enabled === true) return;
          fail(scope, prop, service.node.path,
            'an ECS service whose task definition sets enableFaultInjection: true (hint: new ecs.FargateTaskDefinition(this, \'Task\', { enableFaultInjection: true }); the ECS agent\'s fault injection endpoints accept only such tasks), or useEcsFaultInjectionEndpoints: false');
        },
      },
    }), selection);
  }

  /**
   * A Lambda function or alias. The function needs the FIS Lambda extension (see
   * `FisLambdaExtension.attach`); an alias targets its function with the alias as qualifier.
   */
  public static lambdaFunction(fn: lambda.IFunction, options: LambdaTargetOptions = {}): ChaosTarget {
    return new ChaosTarget('lambdaFunction', (scope, prop) => {
      const base = fn instanceof lambda.Alias ? fn.version.lambda : fn;
      const qualifier = options.qualifier ?? (fn instanceof lambda.Alias ? fn.aliasName : undefined);
      const location = FisLambdaExtension.configurationLocationOf(base) ?? options.configurationLocation ?? missingExtension(scope, prop, base);
      return {
        resourceType: 'aws:lambda:function',
        resourceArns: [base.functionArn],
        parameters: qualifier ? { functionQualifier: qualifier } : undefined,
        selectionMode: 'ALL',
        lambdaConfigurationLocation: location,
        lambdaConfigurationKeyArn: FisLambdaExtension._configOf(base)?.bucket.encryptionKey?.keyArn,
      };
    });
  }

  /** An Aurora DB cluster (a writer failover promotes a replica). */
  public static auroraCluster(cluster: rds.IDatabaseCluster): ChaosTarget {
    return new ChaosTarget('auroraCluster', () => ({
      resourceType: 'aws:rds:cluster',
      resourceArns: [cluster.clusterArn],
      selectionMode: 'ALL',
    }));
  }

  /** Given subnets (1-5), e.g. `vpc.privateSubnets`. */
  public static subnets(subnets: ec2.ISubnet[], selection?: TargetSelection): ChaosTarget {
    return new ChaosTarget('subnets', (scope) => ({
      resourceType: 'aws:ec2:subnet',
      resourceArns: subnets.map((s) => Stack.of(scope).formatArn({ service: 'ec2', resource: 'subnet', resourceName: s.subnetId })),
      selectionMode: (selection ?? TargetSelection.all()).mode,
    }), selection);
  }

  /** Resources of a type found by tags (and filters) when the experiment starts. */
  public static fromTags(options: TagTargetOptions): ChaosTarget {
    return new ChaosTarget('fromTags', (scope, prop) => {
      checkOneOf(scope, `${prop}.resourceType`, options.resourceType, Limits.fis.resourceTypes);
      const tagCount = isUnresolved(options.tags) ? 1 : Object.keys(options.tags).length;
      if (tagCount < 1 || tagCount > Limits.fis.maxResourceTagsPerTarget) {
        fail(scope, `${prop}.tags`, options.tags, `1 to ${Limits.fis.maxResourceTagsPerTarget} tags (FIS resourceTags)`);
      }
      return {
        resourceType: options.resourceType,
        resourceTags: options.tags,
        filters: options.filters?.map((f) => ({ path: f.path, values: f.values })),
        selectionMode: (options.selection ?? TargetSelection.all()).mode,
      };
    }, options.selection);
  }

  /** Resources of a type by ARN (1-5). */
  public static fromArns(resourceType: string, resourceArns: string[], selection?: TargetSelection): ChaosTarget {
    return new ChaosTarget('fromArns', (scope, prop) => {
      checkOneOf(scope, `${prop}.resourceType`, resourceType, Limits.fis.resourceTypes);
      return { resourceType, resourceArns, selectionMode: (selection ?? TargetSelection.all()).mode };
    }, selection);
  }

  private constructor(
    /** How the target was built (for messages). */
    public readonly kind: string,
    private readonly build: (scope: IConstruct, prop: string) => ResolvedTarget,
    private readonly selection?: TargetSelection,
  ) {}

  /** @internal Resolves and checks the target in the experiment's scope. */
  public _resolve(scope: IConstruct, prop: string): ResolvedTarget {
    this.selection?._validate(scope, `${prop}.selection`);
    const resolved = this.build(scope, prop);
    checkCount(scope, `${prop}.resourceArns`, resolved.resourceArns, 1, Limits.fis.maxResourceArnsPerTarget);
    const arns = resolved.resourceArns && !Token.isUnresolved(resolved.resourceArns) ? resolved.resourceArns.length : undefined;
    const count = this.selection ? this.selection._resourceCount(arns) : arns;
    const countProp = this.selection && this.selection.mode.startsWith('COUNT(') ? `${prop}.selection` : `${prop}.resourceArns`;
    return count === undefined ? resolved : { ...resolved, resourceCount: { count, prop: countProp, value: this.selection?.mode ?? `${arns} ARNs` } };
  }
}

function missingExtension(scope: IConstruct, prop: string, fn: lambda.IFunction): never {
  const own = fn instanceof lambda.Function;
  return fail(scope, prop, fn.node.path, own
    ? 'a function with the FIS Lambda extension (hint: FisLambdaExtension.attach(fn, { bucket }) adds the layer, the wrapper and the S3 configuration location before the experiment is defined)'
    : 'a configurationLocation for a function this app does not create (the S3 location of its AWS_FIS_CONFIGURATION_LOCATION; its extension cannot be checked here)');
}
