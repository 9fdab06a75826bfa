import { fail } from '../../core';
import { StopInstancesOptions } from '../fault-options';
import { allow, allowUnscoped, arnOf, checkDuration, compact, FaultDefinition, scopedTo, str } from '../private/fault-definition';

/** aws:ec2:stop-instances: StopInstances on the target instances, optionally started again. */
export const ec2StopInstances: FaultDefinition<StopInstancesOptions> = {
  actionId: 'aws:ec2:stop-instances',
  resourceType: 'aws:ec2:instance',
  targetKey: 'Instances',
  validate: ({ scope, prop, options }) => {
    checkDuration(scope, `${prop}.startInstancesAfter`, options.startInstancesAfter);
    if (options.completeIfInstancesTerminated && !options.startInstancesAfter) {
      fail(scope, `${prop}.completeIfInstancesTerminated`, true, 'only with startInstancesAfter (FIS restarts the instances before it can find them terminated)');
    }
  },
  parameters: ({ options }) => compact({
    startInstancesAfterDuration: options.startInstancesAfter?.toIsoString(),
    completeIfInstancesTerminated: str(options.completeIfInstancesTerminated),
  }),
  permissions: ({ scope, options, target }) => {
    const { resources, conditions } = scopedTo(scope, target, arnOf(scope, 'ec2', 'instance/*'));
    const statements = [allow('StopInstances', [
      'ec2:StopInstances', ...(options.startInstancesAfter ? ['ec2:StartInstances'] : []),
    ], resources, conditions)];
    if (options.completeIfInstancesTerminated) statements.push(allowUnscoped('DescribeInstances', ['ec2:DescribeInstances']));
    const keys = options.volumeKeys ?? [];
    if (keys.length > 0 && options.startInstancesAfter) {
      statements.push(allow('CreateGrantForEncryptedVolumes', ['kms:CreateGrant'], keys.map((k) => k.keyArn), {
        Bool: { 'kms:GrantIsForAWSResource': 'true' },
      }));
    }
    return statements;
  },
};
