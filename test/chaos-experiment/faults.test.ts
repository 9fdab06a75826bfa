import { readFileSync } from 'fs';
import { Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { actionsOf, experimentTemplate, fixture, roleStatements } from './helpers';
import { ChaosExperiment, ChaosTarget, ConnectivityScope, Fault, TargetSelection } from '../../constructs';
import { ActionCatalogue, OUTPUT } from '../../scripts/refresh-fis-actions';

const CATALOGUE = new Map((JSON.parse(readFileSync(OUTPUT, 'utf8')) as ActionCatalogue).actions.map((a) => [a.id, a]));

type Fixture = ReturnType<typeof fixture>;

interface Case {
  readonly fault: (f: Fixture) => Fault;
  readonly actionId: string;
  readonly targetKey?: string;
  readonly resourceType?: string;
  readonly parameters: Record<string, unknown>;
  /** Exactly the IAM actions the experiment role gets for this fault (besides log delivery). */
  readonly iam: string[];
}

const instance = (f: Fixture) => new ec2.Instance(f.stack, 'Box', {
  vpc: f.vpc,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  instanceType: new ec2.InstanceType('t3.micro'),
  machineImage: ec2.MachineImage.latestAmazonLinux2023(),
});

const CASES: Record<string, Case> = {
  'stop instances, restarted': {
    fault: (f) => Fault.stopInstances(ChaosTarget.instances([instance(f)]), {
      startInstancesAfter: Duration.minutes(3), completeIfInstancesTerminated: true, volumeKeys: [new kms.Key(f.stack, 'VolumeKey')],
    }),
    actionId: 'aws:ec2:stop-instances',
    targetKey: 'Instances',
    resourceType: 'aws:ec2:instance',
    parameters: { startInstancesAfterDuration: 'PT3M', completeIfInstancesTerminated: 'true' },
    iam: ['ec2:StopInstances', 'ec2:StartInstances', 'ec2:DescribeInstances', 'kms:CreateGrant'],
  },
  'stop instances, left stopped': {
    fault: () => Fault.stopInstances(ChaosTarget.fromTags({ resourceType: 'aws:ec2:instance', tags: { app: 'shop' }, selection: TargetSelection.count(1) })),
    actionId: 'aws:ec2:stop-instances',
    targetKey: 'Instances',
    resourceType: 'aws:ec2:instance',
    parameters: {},
    iam: ['ec2:StopInstances'],
  },
  'terminate instances': {
    fault: (f) => Fault.terminateInstances(ChaosTarget.instances([instance(f)])),
    actionId: 'aws:ec2:terminate-instances',
    targetKey: 'Instances',
    resourceType: 'aws:ec2:instance',
    parameters: {},
    iam: ['ec2:TerminateInstances', 'ec2:DescribeInstances'],
  },
  'reboot instances': {
    fault: (f) => Fault.rebootInstances(ChaosTarget.instances([instance(f)])),
    actionId: 'aws:ec2:reboot-instances',
    targetKey: 'Instances',
    resourceType: 'aws:ec2:instance',
    parameters: {},
    iam: ['ec2:RebootInstances', 'ec2:DescribeInstances'],
  },
  'auto scaling insufficient capacity': {
    fault: () => Fault.autoScalingInsufficientCapacity(ChaosTarget.fromTags({ resourceType: 'aws:ec2:autoscaling-group', tags: { chaos: 'ice' } }),
      { duration: Duration.minutes(10), availabilityZones: ['eu-west-1a', 'eu-west-1b'], percentage: 50 }),
    actionId: 'aws:ec2:asg-insufficient-instance-capacity-error',
    targetKey: 'AutoScalingGroups',
    resourceType: 'aws:ec2:autoscaling-group',
    parameters: { duration: 'PT10M', availabilityZoneIdentifiers: 'eu-west-1a,eu-west-1b', percentage: '50' },
    iam: ['ec2:InjectApiError', 'autoscaling:DescribeAutoScalingGroups'],
  },
  'stop ECS tasks': {
    fault: (f) => Fault.stopTasks(ChaosTarget.ecsServiceTasks(f.service, TargetSelection.count(1))),
    actionId: 'aws:ecs:stop-task',
    targetKey: 'Tasks',
    resourceType: 'aws:ecs:task',
    parameters: {},
    iam: ['ecs:DescribeTasks', 'ecs:StopTask', 'ecs:ListTasks', 'tag:GetResources'],
  },
  'ECS task CPU stress': {
    fault: (f) => Fault.taskCpuStress(ChaosTarget.ecsServiceTasks(f.service),
      { duration: Duration.minutes(5), percent: 80, workers: 2, installDependencies: false }),
    actionId: 'aws:ecs:task-cpu-stress',
    targetKey: 'Tasks',
    resourceType: 'aws:ecs:task',
    parameters: { duration: 'PT5M', percent: '80', workers: '2', installDependencies: 'false' },
    iam: ['ecs:DescribeTasks', 'ssm:SendCommand', 'ssm:ListCommands', 'ssm:CancelCommand'],
  },
  'ECS task network latency': {
    fault: (f) => Fault.taskNetworkLatency(ChaosTarget.ecsServiceTasks(f.service, TargetSelection.percent(50)), {
      duration: Duration.minutes(5), delay: Duration.millis(300), jitter: Duration.millis(20), flowsPercent: 50, sources: ['DYNAMODB', 'S3'],
    }),
    actionId: 'aws:ecs:task-network-latency',
    targetKey: 'Tasks',
    resourceType: 'aws:ecs:task',
    parameters: { duration: 'PT5M', delayMilliseconds: '300', jitterMilliseconds: '20', flowsPercent: '50', sources: 'DYNAMODB,S3', useEcsFaultInjectionEndpoints: 'true' },
    iam: ['ecs:DescribeTasks', 'ssm:SendCommand', 'ssm:ListCommands', 'ssm:CancelCommand', 'ecs:DescribeContainerInstances', 'ec2:DescribeInstances', 'ec2:DescribeSubnets'],
  },
  'ECS task packet loss': {
    fault: (f) => Fault.taskNetworkPacketLoss(ChaosTarget.ecsServiceTasks(f.service), { duration: Duration.minutes(2), lossPercent: 10 }),
    actionId: 'aws:ecs:task-network-packet-loss',
    targetKey: 'Tasks',
    resourceType: 'aws:ecs:task',
    parameters: { duration: 'PT2M', lossPercent: '10', useEcsFaultInjectionEndpoints: 'true' },
    iam: ['ecs:DescribeTasks', 'ssm:SendCommand', 'ssm:ListCommands', 'ssm:CancelCommand', 'ecs:DescribeContainerInstances', 'ec2:DescribeInstances', 'ec2:DescribeSubnets'],
  },
  'Lambda invocation delay': {
    fault: (f) => Fault.lambdaInvocationDelay(ChaosTarget.lambdaFunction(f.fn),
      { duration: Duration.minutes(5), invocationPercentage: 25, startupDelay: Duration.seconds(3) }),
    actionId: 'aws:lambda:invocation-add-delay',
    targetKey: 'Functions',
    resourceType: 'aws:lambda:function',
    parameters: { duration: 'PT5M', invocationPercentage: '25', startupDelayMilliseconds: '3000' },
    iam: ['lambda:GetFunction', 'tag:GetResources', 's3:PutObject', 's3:DeleteObject'],
  },
  'Lambda invocation error': {
    fault: (f) => Fault.lambdaInvocationError(ChaosTarget.lambdaFunction(f.fn), { duration: Duration.minutes(1), preventExecution: true }),
    actionId: 'aws:lambda:invocation-error',
    targetKey: 'Functions',
    resourceType: 'aws:lambda:function',
    parameters: { duration: 'PT1M', preventExecution: 'true' },
    iam: ['lambda:GetFunction', 'tag:GetResources', 's3:PutObject', 's3:DeleteObject'],
  },
  'RDS cluster failover': {
    fault: (f) => Fault.failoverDbCluster(ChaosTarget.fromArns('aws:rds:cluster', [Stack.of(f.stack).formatArn({ service: 'rds', resource: 'cluster', resourceName: 'orders', arnFormat: 1 as any })])),
    actionId: 'aws:rds:failover-db-cluster',
    targetKey: 'Clusters',
    resourceType: 'aws:rds:cluster',
    parameters: {},
    iam: ['rds:FailoverDBCluster', 'rds:DescribeDBClusters', 'tag:GetResources'],
  },
  'network disrupt connectivity': {
    fault: (f) => Fault.disruptConnectivity(ChaosTarget.subnets(f.vpc.isolatedSubnets),
      { duration: Duration.minutes(2), scope: ConnectivityScope.AVAILABILITY_ZONE }),
    actionId: 'aws:network:disrupt-connectivity',
    targetKey: 'Subnets',
    resourceType: 'aws:ec2:subnet',
    parameters: { duration: 'PT2M', scope: 'availability-zone' },
    iam: ['ec2:CreateNetworkAcl', 'ec2:CreateTags', 'ec2:CreateNetworkAclEntry', 'ec2:DeleteNetworkAcl', 'ec2:ReplaceNetworkAclAssociation',
      'ec2:DescribeManagedPrefixLists', 'ec2:DescribeNetworkAcls', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs', 'ec2:GetManagedPrefixListEntries'],
  },
  'SSM send-command': {
    fault: () => Fault.sendCommand(ChaosTarget.fromTags({ resourceType: 'aws:ec2:instance', tags: { app: 'shop' } }), {
      documentArn: 'arn:aws:ssm:eu-west-1::document/AWSFIS-Run-Memory-Stress', documentParameters: { DurationSeconds: '60' }, duration: Duration.minutes(2),
    }),
    actionId: 'aws:ssm:send-command',
    targetKey: 'Instances',
    resourceType: 'aws:ec2:instance',
    parameters: { documentArn: 'arn:aws:ssm:eu-west-1::document/AWSFIS-Run-Memory-Stress', documentParameters: '{"DurationSeconds":"60"}', duration: 'PT2M' },
    iam: ['ssm:SendCommand', 'ssm:ListCommands', 'ssm:CancelCommand'],
  },
  'instance CPU stress (AWSFIS-Run-CPU-Stress)': {
    fault: () => Fault.instanceCpuStress(ChaosTarget.fromTags({ resourceType: 'aws:ec2:instance', tags: { app: 'shop' } }), { duration: Duration.minutes(3), loadPercent: 90 }),
    actionId: 'aws:ssm:send-command',
    targetKey: 'Instances',
    resourceType: 'aws:ec2:instance',
    parameters: {
      documentArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ssm:eu-west-1::document/AWSFIS-Run-CPU-Stress']] },
      documentParameters: '{"DurationSeconds":"180","LoadPercent":"90"}',
      duration: 'PT3M',
    },
    iam: ['ssm:SendCommand', 'ssm:ListCommands', 'ssm:CancelCommand'],
  },
  'wait': {
    fault: () => Fault.wait(Duration.minutes(2)),
    actionId: 'aws:fis:wait',
    parameters: { duration: 'PT2M' },
    iam: [],
  },
};

const LOG_DELIVERY = ['logs:CreateLogDelivery', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'];

describe.each(Object.entries(CASES))('%s', (_name, c) => {
  const f = fixture({ ecsFaultInjection: true });
  const experiment = new ChaosExperiment(f.stack, 'Experiment', { description: 'fault', actions: [{ name: 'Inject', fault: c.fault(f) }], stopConditions: [f.alarm] });
  const template = experimentTemplate(f.stack);

  test('renders the action with its parameters and target', () => {
    const action = template.Actions.Inject;
    expect(action.ActionId).toBe(c.actionId);
    expect(action.Parameters).toEqual(c.parameters);
    if (c.targetKey) {
      expect(action.Targets).toEqual({ [c.targetKey]: 'InjectTarget' });
      expect(template.Targets.InjectTarget.ResourceType).toBe(c.resourceType);
    } else {
      expect(action.Targets).toBeUndefined();
      expect(template.Targets).toEqual({});
    }
    expect(experiment.role).toBeDefined();
  });

  test('its parameters and IAM actions are those the FIS actions reference documents for the action', () => {
    const documented = CATALOGUE.get(c.actionId)!;
    const rendered = Object.keys(template.Actions.Inject.Parameters ?? {});
    expect(rendered.filter((p) => !(p in documented.parameters))).toEqual([]);
    const required = Object.entries(documented.parameters).filter(([, p]) => p.required).map(([name]) => name);
    // documentParameters is "Conditional" (required by the document), prefixListIdentifier only with scope prefix-list.
    expect(required.filter((p) => !rendered.includes(p) && p !== 'prefixListIdentifier')).toEqual([]);
    expect(c.iam.filter((a) => !documented.permissions!.includes(a))).toEqual([]);
  });

  test('the role gets exactly the fault\'s IAM actions, none with a wildcard', () => {
    const statements = roleStatements(f.stack, /^ExperimentExperimentRole/);
    const granted = statements.flatMap(actionsOf);
    expect(new Set(granted)).toEqual(new Set([...c.iam, ...LOG_DELIVERY]));
    expect(granted.filter((a) => a.includes('*'))).toEqual([]);
    expect(statements.every((s) => s.Effect === 'Allow')).toBe(true);
  });
});
