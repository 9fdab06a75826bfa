import { NestedStack, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/** Control Tower operations: enabled controls (the 100 / 20 limits) and enabled baselines (OU operations, one at a time). */
const OPERATION_TYPES = new Set(['AWS::ControlTower::EnabledControl', 'AWS::ControlTower::EnabledBaseline']);

/** One Control Tower operation and what it waits for, read from synthesized templates. */
export interface OperationNode {
  readonly key: string;
  /** Operations (keys) this one waits for directly, within its template. */
  readonly dependsOn: string[];
  /** Index of the template group: all operations of group g wait for every operation of the groups it depends on. */
  readonly group: number;
  /** CloudFormation type of the operation. */
  readonly type: string;
  /** The control or baseline identifier, as JSON (tokens stay objects). */
  readonly identifier: string;
}

/** Picks some operations of a graph, e.g. only baselines. */
export type OperationFilter = (node: OperationNode) => boolean;

/** Enabled baselines (OU operations). */
export const BASELINES: OperationFilter = (n) => n.type === 'AWS::ControlTower::EnabledBaseline';
/** Enabled controls. */
export const CONTROLS: OperationFilter = (n) => n.type === 'AWS::ControlTower::EnabledControl';

export interface OperationsGraph {
  readonly nodes: OperationNode[];
  /** For each group, the groups it waits for (from the parent's DependsOn between nested stacks). */
  readonly groupDependsOn: number[][];
  /** For each group, the operations of the parent (group 0) its nested stack waits for. */
  readonly groupWaitsForNodes: string[][];
}

/**
 * Reads the Control Tower operations and their DependsOn from a stack and its nested stacks. A
 * nested stack's operations wait for every nested stack its AWS::CloudFormation::Stack resource
 * depends on (CloudFormation starts a nested stack only when its dependencies are complete).
 */
export function operationsGraph(stack: Stack): OperationsGraph {
  const nested = stack.node.findAll().filter((c): c is NestedStack => NestedStack.isNestedStack(c) && c.nestedStackParent === stack);
  const parentTemplate = Template.fromStack(stack).toJSON();
  const groups: Array<{ template: any; nestedLogicalId?: string }> = [{ template: parentTemplate }];
  for (const n of nested) {
    groups.push({ template: Template.fromStack(n).toJSON(), nestedLogicalId: stack.resolve(n.nestedStackResource!.logicalId) });
  }
  const groupOfNestedId = new Map(groups.map((g, i) => [g.nestedLogicalId, i] as const));
  const nodes: OperationNode[] = [];
  groups.forEach((g, group) => {
    for (const [logicalId, resource] of Object.entries<any>(g.template.Resources ?? {})) {
      if (!OPERATION_TYPES.has(resource.Type)) continue;
      const deps = ([] as string[]).concat(resource.DependsOn ?? []);
      nodes.push({
        key: `${group}/${logicalId}`,
        group,
        dependsOn: deps.filter((d) => OPERATION_TYPES.has(g.template.Resources[d]?.Type)).map((d) => `${group}/${d}`),
        type: resource.Type,
        identifier: JSON.stringify(resource.Properties.ControlIdentifier ?? resource.Properties.BaselineIdentifier),
      });
    }
  });
  const groupDependsOn = groups.map((g) => {
    if (!g.nestedLogicalId) return [];
    const deps = ([] as string[]).concat(parentTemplate.Resources[g.nestedLogicalId].DependsOn ?? []);
    return deps.filter((d) => groupOfNestedId.has(d)).map((d) => groupOfNestedId.get(d)!);
  });
  const groupWaitsForNodes = groups.map((g) => {
    if (!g.nestedLogicalId) return [];
    const deps = ([] as string[]).concat(parentTemplate.Resources[g.nestedLogicalId].DependsOn ?? []);
    return deps.filter((d) => OPERATION_TYPES.has(parentTemplate.Resources[d]?.Type)).map((d) => `0/${d}`);
  });
  return { nodes, groupDependsOn, groupWaitsForNodes };
}

/**
 * The longest chain of operations that wait for one another (the critical path, counted in
 * operations): a nested stack's operations start after every operation of the stacks and parent
 * operations its stack waits for.
 */
export function criticalPath(graph: OperationsGraph): number {
  const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
  const depth = new Map<string, number>();
  const groupDepth = new Map<number, number>();
  const groupEnd = (group: number): number => {
    if (!groupDepth.has(group)) {
      groupDepth.set(group, Math.max(groupStart(group), ...graph.nodes.filter((n) => n.group === group).map((n) => nodeDepth(n))));
    }
    return groupDepth.get(group)!;
  };
  const groupStart = (group: number): number => Math.max(0,
    ...(graph.groupDependsOn[group] ?? []).map((g) => groupEnd(g)),
    ...(graph.groupWaitsForNodes[group] ?? []).map((k) => nodeDepth(byKey.get(k)!)));
  const nodeDepth = (node: OperationNode): number => {
    if (!depth.has(node.key)) {
      depth.set(node.key, 1 + Math.max(groupStart(node.group), ...node.dependsOn.map((d) => nodeDepth(byKey.get(d)!))));
    }
    return depth.get(node.key)!;
  };
  return Math.max(0, ...graph.nodes.map((n) => nodeDepth(n)));
}

/**
 * The most operations (of one type, or all) that could be in flight at once, bounded from the
 * graph: within a template the operations are split greedily into chains along their DependsOn
 * edges; no set of operations that can run together holds two of one chain, so the number of
 * chains bounds what is in flight in that template. Nested stacks are split into chains the same
 * way along the DependsOn between them: at most one stack per chain deploys at a time, so the
 * bound adds up, per chain of stacks, its largest stack's bound (and the parent's own).
 */
export function maxInFlightBound(graph: OperationsGraph, filter: OperationFilter = () => true): number {
  const byGroup = new Map<number, OperationNode[]>();
  graph.groupDependsOn.forEach((_, group) => byGroup.set(group, []));
  for (const node of graph.nodes) if (filter(node)) byGroup.get(node.group)!.push(node);
  const bound = (group: number) => chainCount(byGroup.get(group)!);
  // Chains of nested stacks (group 0, the parent, stands alone).
  const groups = [...byGroup.keys()].filter((g) => g !== 0);
  const done = new Set<number>();
  const order: number[] = [];
  const visit = (g: number) => {
    if (done.has(g)) return;
    done.add(g);
    for (const d of graph.groupDependsOn[g]) visit(d);
    order.push(g);
  };
  groups.forEach(visit);
  const chainTails = new Map<number, number>(); // tail group -> chain index
  const chainMax: number[] = [];
  for (const g of order) {
    const extend = graph.groupDependsOn[g].find((d) => chainTails.has(d));
    let chain: number;
    if (extend !== undefined) {
      chain = chainTails.get(extend)!;
      chainTails.delete(extend);
    } else {
      chain = chainMax.length;
      chainMax.push(0);
    }
    chainTails.set(g, chain);
    chainMax[chain] = Math.max(chainMax[chain], bound(g));
  }
  return bound(0) + chainMax.reduce((sum, m) => sum + m, 0);
}

function chainCount(all: OperationNode[]): number {
  // Edges to operations of another type are dropped: a looser, still valid bound.
  const keys = new Set(all.map((n) => n.key));
  const nodes = all.map((n) => ({ ...n, dependsOn: n.dependsOn.filter((d) => keys.has(d)) }));
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const order = topologicalOrder(nodes, byKey);
  const tails = new Set<string>();
  let chains = 0;
  for (const node of order) {
    const extend = node.dependsOn.find((d) => tails.has(d));
    if (extend) tails.delete(extend);
    else chains++;
    tails.add(node.key);
  }
  return chains;
}

function topologicalOrder(nodes: OperationNode[], byKey: Map<string, OperationNode>): OperationNode[] {
  const done = new Set<string>();
  const order: OperationNode[] = [];
  const visit = (node: OperationNode, path: Set<string>) => {
    if (done.has(node.key)) return;
    if (path.has(node.key)) throw new Error(`dependency cycle at ${node.key}`);
    path.add(node.key);
    for (const d of node.dependsOn) visit(byKey.get(d)!, path);
    path.delete(node.key);
    done.add(node.key);
    order.push(node);
  };
  for (const node of nodes) visit(node, new Set());
  return order;
}

/**
 * Simulates a deployment: each operation starts as soon as everything it waits for has finished
 * and takes a random time; returns the most operations running at one moment.
 */
export function simulateMaxInFlight(graph: OperationsGraph, seed: number, filter: OperationFilter = () => true): number {
  let state = seed;
  const random = () => { state = (state * 1103515245 + 12345) % 2147483648; return state / 2147483648; };
  const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
  const finish = new Map<string, number>();
  const start = new Map<string, number>();
  const groupFinish = new Map<number, number>();
  const groupStart = (group: number): number => Math.max(0, ...graph.groupDependsOn[group].map((g) => groupEnd(g)),
    ...(graph.groupWaitsForNodes[group] ?? []).map((k) => end(byKey.get(k)!)));
  const groupEnd = (group: number): number => {
    if (!groupFinish.has(group)) {
      const members = graph.nodes.filter((n) => n.group === group);
      groupFinish.set(group, Math.max(groupStart(group), ...members.map((n) => end(n))));
    }
    return groupFinish.get(group)!;
  };
  const end = (node: OperationNode): number => {
    if (!finish.has(node.key)) {
      const begin = Math.max(groupStart(node.group), ...node.dependsOn.map((d) => end(byKey.get(d)!)));
      start.set(node.key, begin);
      finish.set(node.key, begin + 1 + random() * 9);
    }
    return finish.get(node.key)!;
  };
  for (const node of graph.nodes) end(node);
  const moments: Array<[number, number]> = [];
  for (const node of graph.nodes) {
    if (!filter(node)) continue;
    moments.push([start.get(node.key)!, 1]);
    moments.push([finish.get(node.key)!, -1]);
  }
  moments.sort((a, b) => a[0] - b[0] || a[1] - b[1]); // a finish before a start at the same moment
  let running = 0;
  let most = 0;
  for (const [, delta] of moments) { running += delta; most = Math.max(most, running); }
  return most;
}
