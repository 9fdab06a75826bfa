import { allow, allowUnscoped, arnOf, FaultDefinition, scopedTo } from '../private/fault-definition';

/** aws:ec2:reboot-instances: RebootInstances on the target instances. */
export const ec2RebootInstances: FaultDefinition<{}> = {
  actionId: 'aws:ec2:reboot-instances',
  resourceType: 'aws:ec2:instance',
  targetKey: 'Instances',
  validate: () => undefined,
  parameters: () => ({}),
  permissions: ({ scope, target }) => {
    const { resources, conditions } = scopedTo(scope, target, arnOf(scope, 'ec2', 'instance/*'));
    return [
      allow('RebootInstances', ['ec2:RebootInstances'], resources, conditions),
      allowUnscoped('DescribeInstances', ['ec2:DescribeInstances']),
    ];
  },
};
