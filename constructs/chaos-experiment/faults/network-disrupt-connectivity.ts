import { fail } from '../../core';
import { ConnectivityScope, DisruptConnectivityOptions } from '../fault-options';
import { allow, allowUnscoped, arnOf, compact, FaultDefinition, requireDuration, scopedTo } from '../private/fault-definition';

const MANAGED_BY_FIS = { 'aws:ResourceTag/managedByFIS': 'true' };

/**
 * aws:network:disrupt-connectivity: FIS clones the subnet's network ACL (tagged managedByFIS=true),
 * adds deny entries, swaps the association for the duration, then restores and deletes it.
 */
export const networkDisruptConnectivity: FaultDefinition<DisruptConnectivityOptions> = {
  actionId: 'aws:network:disrupt-connectivity',
  resourceType: 'aws:ec2:subnet',
  targetKey: 'Subnets',
  validate: ({ scope, prop, options }) => {
    requireDuration(scope, `${prop}.duration`, options.duration);
    const s = options.scope ?? ConnectivityScope.ALL;
    if (s === ConnectivityScope.PREFIX_LIST && !options.prefixListId) {
      fail(scope, `${prop}.prefixListId`, undefined, 'a customer-managed prefix list (name, id or ARN) with ConnectivityScope.PREFIX_LIST');
    }
    if (s !== ConnectivityScope.PREFIX_LIST && options.prefixListId) {
      fail(scope, `${prop}.prefixListId`, options.prefixListId, 'only with ConnectivityScope.PREFIX_LIST');
    }
  },
  parameters: ({ options }) => compact({
    duration: options.duration.toIsoString(),
    scope: options.scope ?? ConnectivityScope.ALL,
    prefixListIdentifier: options.prefixListId,
  }),
  permissions: ({ scope, target }) => {
    const acls = arnOf(scope, 'ec2', 'network-acl/*');
    const subnets = scopedTo(scope, target, arnOf(scope, 'ec2', 'subnet/*'));
    const createAcl = allow('CreateFisNetworkAcl', ['ec2:CreateNetworkAcl'], [acls], { StringEquals: { 'aws:RequestTag/managedByFIS': 'true' } });
    const tagAcl = allow('TagFisNetworkAcl', ['ec2:CreateTags'], [acls], {
      StringEquals: { 'ec2:CreateAction': 'CreateNetworkAcl', 'aws:RequestTag/managedByFIS': 'true' },
    });
    return [
      createAcl,
      allow('CreateNetworkAclInVpc', ['ec2:CreateNetworkAcl'], [arnOf(scope, 'ec2', 'vpc/*')]),
      tagAcl,
      allow('EditFisNetworkAcl', ['ec2:CreateNetworkAclEntry', 'ec2:DeleteNetworkAcl'], [acls], { StringEquals: MANAGED_BY_FIS }),
      allow('SwapSubnetAssociation', ['ec2:ReplaceNetworkAclAssociation'], [...subnets.resources, acls]),
      allowUnscoped('DescribeNetwork', [
        'ec2:DescribeManagedPrefixLists', 'ec2:DescribeNetworkAcls', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs', 'ec2:GetManagedPrefixListEntries',
      ]),
    ];
  },
};
