import { allow, allowUnscoped, arnOf, FaultDefinition } from '../private/fault-definition';

/** aws:ecs:stop-task: StopTask on the target tasks (the service replaces them). */
export const ecsStopTask: FaultDefinition<{}> = {
  actionId: 'aws:ecs:stop-task',
  resourceType: 'aws:ecs:task',
  targetKey: 'Tasks',
  validate: () => undefined,
  parameters: () => ({}),
  permissions: ({ scope, target }) => ecsTaskStatements(scope, target?.ecsCluster, ['ecs:DescribeTasks', 'ecs:StopTask'], true),
};

/**
 * Task actions scoped to the tasks of the target's cluster (every task of the account and Region
 * when the target names tasks by tags), ListTasks by its ecs:cluster condition.
 */
export function ecsTaskStatements(scope: any, cluster: { arn: string; name: string } | undefined, actions: string[], listTasks: boolean) {
  const tasks = arnOf(scope, 'ecs', `task/${cluster?.name ?? '*'}/*`);
  const statements = [allow('TargetTasks', actions, [tasks])];
  if (listTasks) {
    const list = allowUnscoped('ListTasks', ['ecs:ListTasks']);
    if (cluster) list.addCondition('ArnEquals', { 'ecs:cluster': cluster.arn });
    statements.push(list);
  }
  statements.push(allowUnscoped('ResolveTargetsByTag', ['tag:GetResources']));
  return statements;
}
