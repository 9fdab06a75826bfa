import { allow, allowUnscoped, arnOf, FaultDefinition, scopedTo } from '../private/fault-definition';

/** aws:rds:failover-db-cluster: FailoverDBCluster on the target Aurora (or DocumentDB) clusters. */
export const rdsFailoverDbCluster: FaultDefinition<{}> = {
  actionId: 'aws:rds:failover-db-cluster',
  resourceType: 'aws:rds:cluster',
  targetKey: 'Clusters',
  validate: () => undefined,
  parameters: () => ({}),
  permissions: ({ scope, target }) => {
    const { resources, conditions } = scopedTo(scope, target, arnOf(scope, 'rds', 'cluster:*'));
    return [
      allow('FailoverClusters', ['rds:FailoverDBCluster', 'rds:DescribeDBClusters'], resources, conditions),
      allowUnscoped('ResolveTargetsByTag', ['tag:GetResources']),
    ];
  },
};
