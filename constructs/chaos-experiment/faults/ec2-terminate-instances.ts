import { allow, allowUnscoped, arnOf, FaultDefinition, scopedTo } from '../private/fault-definition';

/** aws:ec2:terminate-instances: TerminateInstances on the target instances. */
export const ec2TerminateInstances: FaultDefinition<{}> = {
  actionId: 'aws:ec2:terminate-instances',
  resourceType: 'aws:ec2:instance',
  targetKey: 'Instances',
  validate: () => undefined,
  parameters: () => ({}),
  permissions: ({ scope, target }) => {
    const { resources, conditions } = scopedTo(scope, target, arnOf(scope, 'ec2', 'instance/*'));
    return [
      allow('TerminateInstances', ['ec2:TerminateInstances'], resources, conditions),
      allowUnscoped('DescribeInstances', ['ec2:DescribeInstances']),
    ];
  },
};
