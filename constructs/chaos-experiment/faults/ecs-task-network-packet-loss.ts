import { checkCount, Limits } from '../../core';
import { TaskPacketLossOptions } from '../fault-options';
import { ecsSsmStatements } from './ecs-task-network-latency';
import { checkPercent, compact, FaultDefinition, requireDuration, str } from '../private/fault-definition';

/** aws:ecs:task-network-packet-loss: packet loss on egress traffic of the target tasks. */
export const ecsTaskNetworkPacketLoss: FaultDefinition<TaskPacketLossOptions> = {
  actionId: 'aws:ecs:task-network-packet-loss',
  resourceType: 'aws:ecs:task',
  targetKey: 'Tasks',
  validate: ({ scope, prop, options, target }) => {
    requireDuration(scope, `${prop}.duration`, options.duration);
    checkPercent(scope, `${prop}.lossPercent`, options.lossPercent);
    checkPercent(scope, `${prop}.flowsPercent`, options.flowsPercent);
    checkCount(scope, `${prop}.sources`, options.sources, 1, 100);
    if (options.useEcsFaultInjectionEndpoints ?? true) target?.prerequisites?.ecsFaultInjection?.(scope, `${prop}.target`);
  },
  parameters: ({ options }) => compact({
    duration: options.duration.toIsoString(),
    lossPercent: str(options.lossPercent),
    flowsPercent: str(options.flowsPercent),
    sources: options.sources?.join(','),
    useEcsFaultInjectionEndpoints: str(options.useEcsFaultInjectionEndpoints ?? true),
  }),
  permissions: ({ scope, target, options }) => ecsSsmStatements(scope, target?.ecsCluster,
    [Limits.fis.ecsDocuments.packetLoss[(options.useEcsFaultInjectionEndpoints ?? true) ? 'endpoints' : 'sidecar']],
    ['ecs:DescribeContainerInstances', 'ec2:DescribeInstances', 'ec2:DescribeSubnets']),
};
