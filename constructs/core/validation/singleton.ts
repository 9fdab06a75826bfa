import { Stack } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';

/**
 * The construct with a fixed `id` directly under `scope`'s stack, created by `create` on first use,
 * so every construct of a stack shares one (a smoke-test hook, a topic, a dead-letter queue).
 * Fails clearly when the id is taken by a construct of another kind.
 */
export function stackSingleton<T extends Construct>(
  scope: IConstruct, id: string, owner: string, isOne: (c: IConstruct) => c is T, create: (stack: Stack, id: string) => T,
): T {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild(id);
  if (existing && isOne(existing)) return existing;
  if (existing) throw new Error(`[${owner}] the id '${id}' in stack ${stack.node.path} is taken by another construct`);
  return create(stack, id);
}
