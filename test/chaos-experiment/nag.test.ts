import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { fixture } from './helpers';
import { ChaosExperiment, ChaosTarget, ConnectivityScope, Fault, TargetSelection } from '../../constructs';
import { formatFindings, runNag } from '../harness/nag';

// Every fault of the catalogue in one experiment with its step: the experiment role's wildcards
// are acknowledged exactly (no finding left, no suppression without a finding) under all five packs.
test('an experiment using every fault passes the five nag packs with exact acknowledgements', () => {
  const f = fixture({ ecsFaultInjection: true });
  const box = new ec2.Instance(f.stack, 'Box', {
    vpc: f.vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    requireImdsv2: true,
    instanceType: new ec2.InstanceType('t3.micro'),
    machineImage: ec2.MachineImage.latestAmazonLinux2023(),
  });
  const tagged = ChaosTarget.fromTags({ resourceType: 'aws:ec2:instance', tags: { app: 'shop' }, selection: TargetSelection.count(1) });
  const tasks = ChaosTarget.ecsServiceTasks(f.service, TargetSelection.count(1));
  const fn = ChaosTarget.lambdaFunction(f.fn);
  const minutes = (n: number) => Duration.minutes(n);
  const faults: Fault[] = [
    Fault.stopInstances(ChaosTarget.instances([box]), { startInstancesAfter: minutes(2), completeIfInstancesTerminated: true }),
    Fault.terminateInstances(tagged),
    Fault.rebootInstances(tagged),
    Fault.autoScalingInsufficientCapacity(ChaosTarget.fromTags({ resourceType: 'aws:ec2:autoscaling-group', tags: { chaos: 'ice' } }), { duration: minutes(2), availabilityZones: ['eu-west-1a'] }),
    Fault.stopTasks(tasks),
    Fault.taskCpuStress(tasks, { duration: minutes(2) }),
    Fault.taskNetworkLatency(tasks, { duration: minutes(2) }),
    Fault.taskNetworkPacketLoss(tasks, { duration: minutes(2) }),
    Fault.lambdaInvocationDelay(fn, { duration: minutes(2) }),
    Fault.lambdaInvocationError(fn, { duration: minutes(2) }),
    Fault.failoverDbCluster(ChaosTarget.fromArns('aws:rds:cluster', ['arn:aws:rds:eu-west-1:111111111111:cluster:orders'])),
    Fault.disruptConnectivity(ChaosTarget.subnets(f.vpc.isolatedSubnets), { duration: minutes(2), scope: ConnectivityScope.S3 }),
    Fault.sendCommand(tagged, { documentArn: 'arn:aws:ssm:eu-west-1::document/AWSFIS-Run-Memory-Stress', duration: minutes(2) }),
    Fault.instanceCpuStress(tagged, { duration: minutes(2) }),
    Fault.wait(minutes(1)),
  ];
  const experiment = new ChaosExperiment(f.stack, 'Everything', {
    description: 'Every fault of the catalogue, one after another',
    actions: faults.map((fault, i) => ({ name: `A${i}`, fault, startAfter: i ? [`A${i - 1}`] : undefined })),
    stopConditions: [f.alarm],
  });
  experiment.pipelineStep();

  const result = runNag(f.stack);
  const ours = <T extends { path: string }>(items: T[]) => items.filter((i) => i.path.startsWith('Chaos/Everything/'));
  const unsuppressed = ours(result.unsuppressed);
  if (unsuppressed.length > 0) throw new Error(`Unsuppressed cdk-nag findings:\n${formatFindings(unsuppressed)}`);
  const unused = ours(result.unusedSuppressions);
  if (unused.length > 0) throw new Error(`Suppressions that match no finding:\n${formatFindings(unused)}`);
  expect(ours(result.suppressed).length).toBeGreaterThan(0);
});

// The report's bucket and grants: the secure bucket needs no acknowledgement of its own beyond the
// core helper's, and the report wildcards (objects under the prefix, widget images) are acknowledged exactly.
test('an experiment with a report to its own bucket and a dashboard passes the five nag packs with exact acknowledgements', () => {
  const f = fixture();
  const dashboard = new cloudwatch.Dashboard(f.stack, 'Health', { dashboardName: 'shop-health' });
  new ChaosExperiment(f.stack, 'Reported', {
    description: 'Lambda latency with a report of the health dashboard',
    actions: [{ name: 'Slow', fault: Fault.lambdaInvocationDelay(ChaosTarget.lambdaFunction(f.fn), { duration: Duration.minutes(2) }) }],
    stopConditions: [f.alarm],
    report: { dashboards: [dashboard], preExperimentDuration: Duration.minutes(10) },
  });

  const result = runNag(f.stack);
  const ours = <T extends { path: string }>(items: T[]) => items.filter((i) => i.path.startsWith('Chaos/Reported/'));
  const unsuppressed = ours(result.unsuppressed);
  if (unsuppressed.length > 0) throw new Error(`Unsuppressed cdk-nag findings:\n${formatFindings(unsuppressed)}`);
  const unused = ours(result.unusedSuppressions);
  if (unused.length > 0) throw new Error(`Suppressions that match no finding:\n${formatFindings(unused)}`);
  const reasons = ours(result.suppressed).map((s) => s.reason);
  expect(reasons).toContainEqual(expect.stringMatching(/^\[Resource::<ReportedReports[0-9A-F]{8}\.Arn>\/fis-reports\/\*\] The experiment reports under the report prefix/));
  expect(reasons).toContainEqual(expect.stringMatching(/^\[Resource::\*\] .*cloudwatch:GetMetricWidgetImage for the report graphs/));
});
