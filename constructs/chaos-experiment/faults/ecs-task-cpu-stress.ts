import { checkRange, Limits } from '../../core';
import { TaskCpuStressOptions } from '../fault-options';
import { ecsSsmStatements } from './ecs-task-network-latency';
import { checkPercent, compact, FaultDefinition, requireDuration, str } from '../private/fault-definition';

/**
 * aws:ecs:task-cpu-stress: CPU stress in the target tasks with the AWSFIS-Run-CPU-Stress document,
 * run by an SSM agent sidecar that registers each task as a managed instance.
 */
export const ecsTaskCpuStress: FaultDefinition<TaskCpuStressOptions> = {
  actionId: 'aws:ecs:task-cpu-stress',
  resourceType: 'aws:ecs:task',
  targetKey: 'Tasks',
  validate: ({ scope, prop, options }) => {
    requireDuration(scope, `${prop}.duration`, options.duration);
    checkPercent(scope, `${prop}.percent`, options.percent, 0);
    checkRange(scope, `${prop}.workers`, options.workers, 0, 1024, { integer: true });
  },
  parameters: ({ options }) => compact({
    duration: options.duration.toIsoString(),
    percent: str(options.percent),
    workers: str(options.workers),
    installDependencies: str(options.installDependencies),
  }),
  permissions: ({ scope, target }) => ecsSsmStatements(scope, target?.ecsCluster, [Limits.fis.ecsDocuments.cpuStress], []),
};
