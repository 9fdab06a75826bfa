import { Stack } from 'aws-cdk-lib';
import { checkRange, Limits } from '../../core';
import { InstanceCpuStressOptions } from '../fault-options';
import { ssmSendCommand } from './ssm-send-command';
import { checkPercent, compact, FaultDefinition, requireDuration, str } from '../private/fault-definition';

/** The AWSFIS-Run-CPU-Stress document of this stack's Region. */
function cpuStressDocument(scope: import('constructs').IConstruct): string {
  const stack = Stack.of(scope);
  return `arn:${stack.partition}:ssm:${stack.region}::document/${Limits.fis.cpuStressDocument}`;
}

/**
 * aws:ssm:send-command with the pre-configured AWSFIS-Run-CPU-Stress document on the target
 * instances (parameters DurationSeconds, LoadPercent, CPU, InstallDependencies).
 */
export const ssmCpuStress: FaultDefinition<InstanceCpuStressOptions> = {
  actionId: 'aws:ssm:send-command',
  resourceType: 'aws:ec2:instance',
  targetKey: 'Instances',
  validate: ({ scope, prop, options }) => {
    requireDuration(scope, `${prop}.duration`, options.duration);
    checkPercent(scope, `${prop}.loadPercent`, options.loadPercent, 0);
    checkRange(scope, `${prop}.cpu`, options.cpu, 0, 1024, { integer: true });
  },
  parameters: (ctx) => ssmSendCommand.parameters({ ...ctx, options: asSendCommand(ctx.scope, ctx.options) }),
  permissions: (ctx) => ssmSendCommand.permissions({ ...ctx, options: asSendCommand(ctx.scope, ctx.options) }),
};

function asSendCommand(scope: import('constructs').IConstruct, options: InstanceCpuStressOptions) {
  return {
    documentArn: cpuStressDocument(scope),
    duration: options.duration,
    documentParameters: compact({
      DurationSeconds: str(options.duration.toSeconds()),
      LoadPercent: str(options.loadPercent),
      CPU: str(options.cpu),
      InstallDependencies: options.installDependencies === undefined ? undefined : (options.installDependencies ? 'True' : 'False'),
    }),
  };
}
