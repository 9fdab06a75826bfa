import { NestedStack, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/** Control Tower operations: the resource types that count against the 10-operation limit. */
const OPERATION_TYPES = new Set(['AWS::ControlTower::EnabledControl', 'AWS::ControlTower::EnabledBaseline']);

/** One Control Tower operation and what it waits for, read from synthesized templates. */
export interface OperationNode {
  readonly key: string;
  /** Operations (keys) this one waits for directly, within its template. */
  readonly dependsOn: string[];
  /** Index of the template group: all operations of group g wait for every operation of the groups it depends on. */
  readonly group: number;
}

export interface OperationsGraph {
  readonly nodes: OperationNode[];
  /** For each group, the groups it waits for (from the parent's DependsOn between nested stacks). */
  readonly groupDependsOn: number[][];
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
      });
    }
  });
  const groupDependsOn = groups.map((g) => {
    if (!g.nestedLogicalId) return [];
    const deps = ([] as string[]).concat(parentTemplate.Resources[g.nestedLogicalId].DependsOn ?? []);
    return deps.filter((d) => groupOfNestedId.has(d)).map((d) => groupOfNestedId.get(d)!);
  });
  return { nodes, groupDependsOn };
}

/**
 * The most operations that could be in flight at once, bounded from the graph: within a group the
 * operations are split greedily into chains along their DependsOn edges; no set of operations that
 * can run together holds two of one chain, so the number of chains bounds what is in flight.
 * Groups that wait for one another never overlap; groups that do not are added up.
 */
export function maxInFlightBound(graph: OperationsGraph): number {
  const byGroup = new Map<number, OperationNode[]>();
  for (const node of graph.nodes) byGroup.set(node.group, [...(byGroup.get(node.group) ?? []), node]);
  const chainsPerGroup = new Map<number, number>();
  for (const [group, nodes] of byGroup) chainsPerGroup.set(group, chainCount(nodes));
  // Groups with operations that are not ordered against each other may overlap: sum over independent groups.
  const ordered = (a: number, b: number) => reaches(graph.groupDependsOn, a, b) || reaches(graph.groupDependsOn, b, a);
  const groups = [...chainsPerGroup.keys()];
  let worst = 0;
  for (const g of groups) {
    const overlapping = groups.filter((h) => h === g || !ordered(g, h));
    worst = Math.max(worst, overlapping.reduce((sum, h) => sum + chainsPerGroup.get(h)!, 0));
  }
  return worst;
}

function chainCount(nodes: OperationNode[]): number {
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

function reaches(edges: number[][], from: number, to: number): boolean {
  const stack = [...edges[from]];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const g = stack.pop()!;
    if (g === to) return true;
    if (seen.has(g)) continue;
    seen.add(g);
    stack.push(...edges[g]);
  }
  return false;
}

/**
 * Simulates a deployment: each operation starts as soon as everything it waits for has finished
 * and takes a random time; returns the most operations running at one moment.
 */
export function simulateMaxInFlight(graph: OperationsGraph, seed: number): number {
  let state = seed;
  const random = () => { state = (state * 1103515245 + 12345) % 2147483648; return state / 2147483648; };
  const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
  const finish = new Map<string, number>();
  const start = new Map<string, number>();
  const groupFinish = new Map<number, number>();
  const groupStart = (group: number): number => Math.max(0, ...graph.groupDependsOn[group].map((g) => groupEnd(g)));
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
    moments.push([start.get(node.key)!, 1]);
    moments.push([finish.get(node.key)!, -1]);
  }
  moments.sort((a, b) => a[0] - b[0] || a[1] - b[1]); // a finish before a start at the same moment
  let running = 0;
  let most = 0;
  for (const [, delta] of moments) { running += delta; most = Math.max(most, running); }
  return most;
}
