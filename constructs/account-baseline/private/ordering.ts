import { CfnResource } from 'aws-cdk-lib';

/** One Control Tower control operation to place in a lane. */
export interface LaneOperation {
  readonly resource: CfnResource;
  /** Proactive-control operations count against their own, smaller limit. */
  readonly proactive: boolean;
}

/**
 * Orders control operations so that at most `lanes` run at once, and of them at most
 * `proactiveLanes` proactive ones.
 *
 * Each operation joins one of `lanes` chains (it depends on the previous operation of its chain):
 * proactive operations only the first `proactiveLanes` chains, the others any chain, each the
 * shortest so far (ties: other operations prefer the chains proactive ones cannot use). Every
 * operation lies on one totally ordered chain, so no set of operations CloudFormation could run
 * together (an antichain of the dependency graph) holds more than one per chain, whatever each
 * operation's duration. The order is the caller's, so the result is deterministic.
 *
 * Returns the longest chain: the critical path in operations.
 */
export function chainInLanes(operations: readonly LaneOperation[], lanes: number, proactiveLanes: number): number {
  if (!Number.isInteger(lanes) || lanes < 1) throw new Error(`lanes must be a positive whole number, got ${lanes}`);
  if (!Number.isInteger(proactiveLanes) || proactiveLanes < 1 || proactiveLanes > lanes) {
    throw new Error(`proactive lanes must be a whole number from 1 to ${lanes}, got ${proactiveLanes}`);
  }
  const tails: Array<CfnResource | undefined> = new Array(lanes).fill(undefined);
  const lengths: number[] = new Array(lanes).fill(0);
  // Other operations look at the lanes proactive ones cannot use first, so proactive lanes stay short.
  const otherOrder = [...range(proactiveLanes, lanes), ...range(0, proactiveLanes)];
  const proactiveOrder = range(0, proactiveLanes);
  for (const operation of operations) {
    const candidates = operation.proactive ? proactiveOrder : otherOrder;
    let lane = candidates[0];
    for (const candidate of candidates) if (lengths[candidate] < lengths[lane]) lane = candidate;
    const tail = tails[lane];
    if (tail) operation.resource.addDependency(tail);
    tails[lane] = operation.resource;
    lengths[lane]++;
  }
  return Math.max(0, ...lengths);
}

/** Chains operations one after another (for operations that run one at a time). */
export function chainSequentially(operations: readonly CfnResource[]): void {
  for (let i = 1; i < operations.length; i++) operations[i].addDependency(operations[i - 1]);
}

/** The critical path of `proactive` + `other` operations dealt into lanes as {@link chainInLanes} does. */
export function laneCriticalPath(proactive: number, other: number, lanes: number, proactiveLanes: number): number {
  if (proactive + other === 0) return 0;
  const proactivePath = proactive === 0 ? 0 : Math.ceil(proactive / proactiveLanes);
  return Math.max(proactivePath, Math.ceil((proactive + other) / lanes));
}

/** How nested stacks of one OU each share the control lanes: `waves` stacks at once, `lanes` operations each. */
export interface StackWavePlan {
  /** Nested stacks deploying at once (stack i waits for stack i - waves). */
  readonly waves: number;
  /** Control lanes within each nested stack. */
  readonly lanes: number;
  /** Proactive lanes within each nested stack. */
  readonly proactiveLanes: number;
  /** Operations on the longest chain, across the waves. */
  readonly criticalPath: number;
}

/**
 * Splits the lane budget between nested stacks that run at once and lanes inside each, for
 * `stacks` nested stacks of `proactive` + `other` operations each: `waves` x `lanes` never exceeds
 * `totalLanes` and `waves` x `proactiveLanes` never exceeds `totalProactiveLanes`, so the
 * operations in flight stay within the limits; of the splits that fit, the shortest critical path
 * wins (then the fewest operations in flight, then the fewest waves).
 */
export function planStackWaves(
  stacks: number, proactive: number, other: number, totalLanes: number, totalProactiveLanes: number,
): StackWavePlan {
  let best: StackWavePlan | undefined;
  for (let waves = 1; waves <= Math.max(1, stacks); waves++) {
    const lanes = Math.floor(totalLanes / waves);
    const proactiveLanes = Math.min(lanes, Math.floor(totalProactiveLanes / waves));
    if (lanes < 1 || (proactive > 0 && proactiveLanes < 1)) break;
    const criticalPath = Math.ceil(stacks / waves) * laneCriticalPath(proactive, other, lanes, Math.max(1, proactiveLanes));
    const candidate = { waves, lanes, proactiveLanes: Math.max(1, proactiveLanes), criticalPath };
    if (!best || criticalPath < best.criticalPath
      || (criticalPath === best.criticalPath && waves * lanes < best.waves * best.lanes)) {
      best = candidate;
    }
  }
  return best!;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}
