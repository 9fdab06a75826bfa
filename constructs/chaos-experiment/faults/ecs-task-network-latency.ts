import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { checkCount, Limits } from '../../core';
import { TaskNetworkLatencyOptions } from '../fault-options';
import { allow, allowUnscoped, arnOf, checkPercent, compact, FaultDefinition, requireDuration, str } from '../private/fault-definition';

/** aws:ecs:task-network-latency: latency and jitter on egress traffic of the target tasks. */
export const ecsTaskNetworkLatency: FaultDefinition<TaskNetworkLatencyOptions> = {
  actionId: 'aws:ecs:task-network-latency',
  resourceType: 'aws:ecs:task',
  targetKey: 'Tasks',
  validate: ({ scope, prop, options, target }) => {
    requireDuration(scope, `${prop}.duration`, options.duration);
    checkPercent(scope, `${prop}.flowsPercent`, options.flowsPercent);
    checkCount(scope, `${prop}.sources`, options.sources, 1, 100);
    if (options.useEcsFaultInjectionEndpoints ?? true) target?.prerequisites?.ecsFaultInjection?.(scope, `${prop}.target`);
  },
  parameters: ({ options }) => compact({
    duration: options.duration.toIsoString(),
    delayMilliseconds: str(options.delay?.toMilliseconds()),
    jitterMilliseconds: str(options.jitter?.toMilliseconds()),
    flowsPercent: str(options.flowsPercent),
    sources: options.sources?.join(','),
    useEcsFaultInjectionEndpoints: str(options.useEcsFaultInjectionEndpoints ?? true),
  }),
  permissions: ({ scope, target, options }) => ecsSsmStatements(scope, target?.ecsCluster,
    [Limits.fis.ecsDocuments.networkLatency[(options.useEcsFaultInjectionEndpoints ?? true) ? 'endpoints' : 'sidecar']],
    ['ecs:DescribeContainerInstances', 'ec2:DescribeInstances', 'ec2:DescribeSubnets']),
};

/**
 * The statements of the SSM-based ECS task faults: DescribeTasks on the target's tasks, SendCommand
 * of the named AWS FIS documents to the tasks registered as SSM managed instances, and the
 * Describe/List calls that have no resource-level permissions.
 */
export function ecsSsmStatements(scope: IConstruct, cluster: { arn: string; name: string } | undefined, documents: string[], describes: string[]) {
  const stack = Stack.of(scope);
  const documentArns = documents.map((d) => `arn:${stack.partition}:ssm:${stack.region}::document/${d}`);
  return [
    allow('DescribeTargetTasks', ['ecs:DescribeTasks'], [arnOf(scope, 'ecs', `task/${cluster?.name ?? '*'}/*`)]),
    allow('SendFaultDocument', ['ssm:SendCommand'], [...documentArns, arnOf(scope, 'ssm', 'managed-instance/*')]),
    allowUnscoped('TrackCommands', ['ssm:ListCommands', 'ssm:CancelCommand', ...describes]),
  ];
}
