import { CfnOutput, CfnParameter, CfnResource, NestedStack, Stack } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { Limits } from '../../core';
import { ResourcePlacement } from '../types';

const cfn = Limits.cloudFormation;
/**
 * The share of CloudFormation's limits the dashboard lets itself fill. The host stack keeps room
 * for the user's own resources; a nested stack holds only ours, so it may fill more. Estimates
 * (bytes per alarm, per widget) are upper bounds measured on synthesized templates.
 */
const HOST_BUDGET: Footprint = {
  resources: Math.floor(cfn.maxResourcesPerStack * 0.8),
  bytes: Math.floor(cfn.maxTemplateBytes * 0.6),
  parameters: Number.MAX_SAFE_INTEGER, // the host references its own resources directly
};
const NESTED_BUDGET: Footprint = {
  resources: Math.floor(cfn.maxResourcesPerStack * 0.9),
  bytes: Math.floor(cfn.maxTemplateBytes * 0.8),
  parameters: Math.floor(cfn.maxParameters * 0.9),
};
/** Upper bound of an alarm's template bytes (a metric-math alarm with an action, as written). */
export const ALARM_BYTES_ESTIMATE = 1_200;

/**
 * What a group of resources adds to a stack: resources, template bytes, and parameters (each
 * value a nested stack reads from its parent, such as the name of a monitored function that
 * lives in the parent, becomes a parameter).
 */
export interface Footprint {
  readonly resources: number;
  readonly bytes: number;
  readonly parameters: number;
}

interface Shard { readonly scope: Construct; readonly stack: Stack; used: Footprint; readonly budget: Footprint }

/**
 * Decides, in the order things are added (so the result is deterministic), which stack each
 * group of the dashboard's resources goes to: the host stack while it stays within its budget,
 * else the current nested stack, else a new one (`Shard1`, `Shard2` ...). Earlier groups never
 * move when more are added later, so their logical IDs are stable.
 */
export class StackPlacement {
  public readonly nestedStacks: NestedStack[] = [];
  private host?: Shard;
  private current?: Shard;
  private readonly shards = new Map<Construct, Shard>();

  constructor(private readonly owner: Construct, private readonly hostScope: Construct, private readonly mode: ResourcePlacement) {}

  /** A scope where a group of this footprint fits. */
  public scopeFor(footprint: Footprint): Construct {
    const host = this.host ??= this.hostShard();
    const hostFits = this.mode === ResourcePlacement.AUTO && this.nestedStacks.length === 0 && fits(host, footprint);
    if (this.mode === ResourcePlacement.SAME_STACK || hostFits) {
      return take(host, footprint);
    }
    if (!this.current || !fits(this.current, footprint)) {
      const stack = new NestedStack(this.owner, `Shard${this.nestedStacks.length + 1}`, {
        description: `Alarms and dashboards of ${this.owner.node.path} (part ${this.nestedStacks.length + 1})`,
      });
      this.nestedStacks.push(stack);
      this.current = { scope: stack, stack, used: { resources: 0, bytes: 0, parameters: 0 }, budget: NESTED_BUDGET };
      this.shards.set(stack, this.current);
    }
    return take(this.current, footprint);
  }

  /**
   * Adds to the shard of a scope returned earlier, if it still fits (pages grow section by
   * section); false when it does not, and nothing is taken.
   */
  public tryTake(scope: Construct, footprint: Footprint): boolean {
    const shard = scope === this.host?.scope ? this.host : this.shards.get(scope);
    if (!shard || (this.mode !== ResourcePlacement.SAME_STACK && !fits(shard, footprint))) return false;
    take(shard, footprint);
    return true;
  }

  /** Stacks the dashboard writes to: the host and every nested stack. */
  public stacks(): Stack[] {
    return [Stack.of(this.owner), ...this.nestedStacks];
  }

  private hostShard(): Shard {
    const stack = Stack.of(this.owner);
    // What the host already holds when the first group is placed; the synth-time check covers the rest.
    const existing = ownResources(stack);
    const used = { resources: existing.length, bytes: existing.length * ALARM_BYTES_ESTIMATE, parameters: 0 };
    return { scope: this.hostScope, stack, used, budget: HOST_BUDGET };
  }
}

function fits(shard: Shard, f: Footprint): boolean {
  const u = shard.used;
  return u.resources + f.resources <= shard.budget.resources && u.bytes + f.bytes <= shard.budget.bytes
    && u.parameters + f.parameters <= shard.budget.parameters;
}

function take(shard: Shard, f: Footprint): Construct {
  const u = shard.used;
  shard.used = { resources: u.resources + f.resources, bytes: u.bytes + f.bytes, parameters: u.parameters + f.parameters };
  return shard.scope;
}

/** CloudFormation resources that end up in this stack's own template (not in nested stacks). */
function ownResources(stack: Stack): CfnResource[] {
  return stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && Stack.of(c) === stack);
}

/** Sizes of one stack's template, measured at synth. */
export interface TemplateFigures {
  readonly stack: string;
  readonly resources: number;
  readonly parameters: number;
  readonly outputs: number;
  readonly bytes: number;
}

/** Resource, parameter and output counts and the (approximate, as written) size of a stack's template. */
export function templateFigures(stack: Stack): TemplateFigures {
  const own = (c: IConstruct) => Stack.of(c) === stack;
  const all = stack.node.findAll().filter(own);
  const resources = all.filter(CfnResource.isCfnResource);
  let bytes = 0;
  for (const resource of resources) {
    // _toCloudFormation is how the stack renders a resource into its template; the stack writes
    // it indented by one space per level, two levels deep (under Resources.<logical id>).
    const rendered = JSON.stringify(stack.resolve((resource as any)._toCloudFormation()), undefined, 1);
    bytes += rendered.length + 2 * (rendered.split('\n').length - 1);
  }
  return {
    stack: stack.node.path,
    resources: resources.length,
    parameters: all.filter((c) => c instanceof CfnParameter).length,
    outputs: all.filter((c) => c instanceof CfnOutput).length,
    bytes,
  };
}

/** Messages for every CloudFormation limit the figures break. */
export function limitViolations(f: TemplateFigures): string[] {
  const over: string[] = [];
  if (f.resources > cfn.maxResourcesPerStack) over.push(`${f.resources} resources (limit ${cfn.maxResourcesPerStack})`);
  if (f.bytes > cfn.maxTemplateBytes) over.push(`about ${f.bytes} template bytes (limit ${cfn.maxTemplateBytes})`);
  if (f.parameters > cfn.maxParameters) over.push(`${f.parameters} parameters (limit ${cfn.maxParameters})`);
  if (f.outputs > cfn.maxOutputs) over.push(`${f.outputs} outputs (limit ${cfn.maxOutputs})`);
  return over.map((o) => `stack '${f.stack}' has ${o}`);
}
