import { IConstruct } from 'constructs';
import { fail, Limits } from '../../core';

/** One node of the action graph: a name, the names it starts after, its duration in seconds (0 when instant). */
export interface ActionNode {
  readonly name: string;
  readonly startAfter: readonly string[];
  readonly seconds: number;
}

/**
 * Checks the `startAfter` graph: every name is an action of the template, no action waits for
 * itself through a cycle, at most `maxParallelActions` actions start together at the beginning,
 * and the longest chain of actions fits the experiment duration quota.
 */
export function checkActionGraph(scope: IConstruct, prop: string, nodes: readonly ActionNode[]): void {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  nodes.forEach((node, i) => node.startAfter.forEach((before, j) => {
    if (!byName.has(before)) {
      fail(scope, `${prop}[${i}].startAfter[${j}]`, before, `the name of another action of this experiment (one of ${[...byName.keys()].map((k) => JSON.stringify(k)).join(', ')})`);
    }
  }));

  const finish = new Map<string, number>();
  const visiting: string[] = [];
  const longest = (node: ActionNode): number => {
    const known = finish.get(node.name);
    if (known !== undefined) return known;
    if (visiting.includes(node.name)) {
      const cycle = [...visiting.slice(visiting.indexOf(node.name)), node.name].join(' -> ');
      fail(scope, `${prop}[${nodes.indexOf(node)}].startAfter`, cycle, 'actions that do not wait for themselves (startAfter must not form a cycle)');
    }
    visiting.push(node.name);
    const start = Math.max(0, ...node.startAfter.map((b) => longest(byName.get(b)!)));
    visiting.pop();
    finish.set(node.name, start + node.seconds);
    return start + node.seconds;
  };
  const total = Math.max(0, ...nodes.map(longest));

  const roots = nodes.filter((n) => n.startAfter.length === 0);
  if (roots.length > Limits.fis.maxParallelActions) {
    fail(scope, prop, nodes, `at most ${Limits.fis.maxParallelActions} actions starting together (parallel actions per experiment); chain the others with startAfter`);
  }
  const maxSeconds = Limits.fis.maxExperimentDurationHours * 3600;
  if (total > maxSeconds) {
    fail(scope, prop, `${total} seconds`, `an experiment of at most ${Limits.fis.maxExperimentDurationHours} hours along its longest startAfter chain`);
  }
}
