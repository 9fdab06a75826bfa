import { Stack } from 'aws-cdk-lib';
import { checkPattern } from '../../core';
import { SendCommandOptions } from '../fault-options';
import { allow, allowUnscoped, arnOf, compact, FaultDefinition, requireDuration, scopedTo } from '../private/fault-definition';

/** aws:ssm:send-command: runs an SSM document (e.g. an AWSFIS-Run-* document) on the target instances. */
export const ssmSendCommand: FaultDefinition<SendCommandOptions> = {
  actionId: 'aws:ssm:send-command',
  resourceType: 'aws:ec2:instance',
  targetKey: 'Instances',
  validate: ({ scope, prop, options }) => {
    requireDuration(scope, `${prop}.duration`, options.duration);
    checkPattern(scope, `${prop}.documentArn`, options.documentArn, /arn:aws[a-z-]*:ssm:[a-z0-9-]*:\d{0,12}:document\/[A-Za-z0-9_.-]{3,128}/,
      'an SSM document ARN, e.g. arn:aws:ssm:eu-west-1::document/AWSFIS-Run-CPU-Stress');
  },
  parameters: ({ scope, options }) => compact({
    documentArn: options.documentArn,
    documentVersion: options.documentVersion,
    documentParameters: options.documentParameters ? Stack.of(scope).toJsonString(options.documentParameters) : undefined,
    duration: options.duration.toIsoString(),
  }),
  permissions: ({ scope, target, options }) => {
    // SendCommand evaluates instance tags as ssm:resourceTag/<key>.
    const instances = scopedTo(scope, target, arnOf(scope, 'ec2', 'instance/*'), 'ssm:resourceTag/');
    return [
      allow('SendDocument', ['ssm:SendCommand'], [options.documentArn]),
      allow('SendToTargetInstances', ['ssm:SendCommand'], instances.resources, instances.conditions),
      allowUnscoped('TrackCommands', ['ssm:ListCommands', 'ssm:CancelCommand']),
    ];
  },
};
