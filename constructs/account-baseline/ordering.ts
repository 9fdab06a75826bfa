import { CfnResource } from 'aws-cdk-lib';

/**
 * Orders Control Tower operations so that at most `lanes` run at once.
 *
 * The operations are dealt round-robin into `lanes` chains: operation i depends on operation
 * i - lanes. Every operation then lies on one of `lanes` totally ordered chains, so no set of
 * operations that CloudFormation could run together (an antichain of the dependency graph) can be
 * larger than `lanes`, whatever each operation's duration. The order is the caller's, so the
 * result is deterministic.
 */
export function chainInLanes(operations: readonly CfnResource[], lanes: number): void {
  if (!Number.isInteger(lanes) || lanes < 1) throw new Error(`lanes must be a positive whole number, got ${lanes}`);
  for (let i = lanes; i < operations.length; i++) {
    operations[i].addDependency(operations[i - lanes]);
  }
}

/** Splits a list into consecutive chunks of at most `size` items, keeping the order. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`chunk size must be a positive whole number, got ${size}`);
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
