import { checkCount } from '../../core';
import { InsufficientCapacityOptions } from '../fault-options';
import { allowUnscoped, arnOf, checkPercent, compact, FaultDefinition, requireDuration, str } from '../private/fault-definition';

/**
 * aws:ec2:asg-insufficient-instance-capacity-error: launches of the target Auto Scaling groups
 * (launch templates only) fail with InsufficientInstanceCapacity in the given zones.
 */
export const asgInsufficientCapacity: FaultDefinition<InsufficientCapacityOptions> = {
  actionId: 'aws:ec2:asg-insufficient-instance-capacity-error',
  resourceType: 'aws:ec2:autoscaling-group',
  targetKey: 'AutoScalingGroups',
  validate: ({ scope, prop, options }) => {
    requireDuration(scope, `${prop}.duration`, options.duration);
    checkCount(scope, `${prop}.availabilityZones`, options.availabilityZones, 1, 100);
    checkPercent(scope, `${prop}.percentage`, options.percentage);
  },
  parameters: ({ options }) => compact({
    duration: options.duration.toIsoString(),
    availabilityZoneIdentifiers: options.availabilityZones.join(','),
    percentage: str(options.percentage),
  }),
  permissions: ({ scope, target }) => {
    // ec2:InjectApiError has no resource ARN; the FIS condition keys pin it to this action and to
    // Auto Scaling groups (the target's own ARNs when it names them).
    const groups = target?.resourceArns?.length ? target.resourceArns : [arnOf(scope, 'autoscaling', 'autoScalingGroup:*:autoScalingGroupName/*')];
    const inject = allowUnscoped('InjectInsufficientCapacity', ['ec2:InjectApiError']);
    inject.addCondition('StringEquals', { 'ec2:FisActionId': 'aws:ec2:asg-insufficient-instance-capacity-error' });
    inject.addCondition('ForAllValues:ArnLike', { 'ec2:FisTargetArns': groups });
    return [inject, allowUnscoped('DescribeAutoScalingGroups', ['autoscaling:DescribeAutoScalingGroups'])];
  },
};
