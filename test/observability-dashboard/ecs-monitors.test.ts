import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { alarmsByName, dashboards, graphMetrics, setup } from './helpers';

function serviceBehindAlb() {
  const { stack, dashboard } = setup();
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, clusterName: 'shop' });
  const td = new ecs.FargateTaskDefinition(stack, 'Task');
  td.addContainer('web', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable'), portMappings: [{ containerPort: 80 }] });
  const service = new ecs.FargateService(stack, 'Service', { cluster, taskDefinition: td, serviceName: 'web', minHealthyPercent: 100 });
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc });
  const group = alb.addListener('Http', { port: 80, open: false }).addTargets('Web', { port: 80, targets: [service] });
  return { stack, dashboard, service, group };
}

describe('ECS service monitor', () => {
  test('CPU and memory by cluster and service, alarming above 90% for 5 periods', () => {
    const { stack, dashboard, service } = serviceBehindAlb();
    dashboard.monitor(service, { title: 'Web' });
    const template = Template.fromStack(stack);
    const widgets = dashboards(template)['Mon-Dash'];
    expect(widgets[0]).toMatchObject({ type: 'text', properties: { markdown: '### Web\nECS service' } });
    const metrics = graphMetrics(widgets).filter((m) => m[0] === 'AWS/ECS').map((m) => [m[1], m[2], m[3], m[4], m[5]]);
    expect(metrics).toEqual(expect.arrayContaining([
      ['CPUUtilization', 'ClusterName', 'TOKEN', 'ServiceName', 'TOKEN'],
      ['MemoryUtilization', 'ClusterName', 'TOKEN', 'ServiceName', 'TOKEN'],
    ]));
    const alarms = alarmsByName(template);
    expect(alarms['Mon-Dash-Web-CpuUtilization-Critical']).toMatchObject({ Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Threshold: 90, EvaluationPeriods: 5 });
    expect(alarms['Mon-Dash-Web-MemoryUtilization-Critical']).toMatchObject({ MetricName: 'MemoryUtilization', Threshold: 90 });
    expect(dashboard.alarmsFor(service)).toHaveLength(2);
  });
});

describe('ALB target group monitor', () => {
  test('requests, 5xx, response-time percentiles and host health by target group and load balancer; 5xx-rate and unhealthy-host alarms', () => {
    const { stack, dashboard, group } = serviceBehindAlb();
    dashboard.monitor(group, { title: 'Web targets' });
    const template = Template.fromStack(stack);
    const widgets = dashboards(template)['Mon-Dash'];
    expect(widgets[0]).toMatchObject({ properties: { markdown: '### Web targets\nALB target group' } });
    const names = graphMetrics(widgets).filter((m) => m[0] === 'AWS/ApplicationELB').map((m) => m[1]);
    expect(names).toEqual(expect.arrayContaining(['RequestCount', 'HTTPCode_Target_5XX_Count', 'TargetResponseTime', 'HealthyHostCount', 'UnHealthyHostCount']));
    const alarms = alarmsByName(template);
    expect(alarms['Mon-Dash-Webtargets-ErrorRate-Critical'] ?? alarms['Mon-Dash-Web-targets-ErrorRate-Critical']).toMatchObject({
      Threshold: 5, Metrics: expect.arrayContaining([expect.objectContaining({ Expression: 'IF(requests > 0, 100 * errors / requests, 0)' })]),
    });
    const unhealthy = Object.entries(alarms).find(([name]) => name.endsWith('UnhealthyHosts-Critical'))![1];
    expect(unhealthy).toMatchObject({
      MetricName: 'UnHealthyHostCount',
      Threshold: 0,
      Dimensions: expect.arrayContaining([expect.objectContaining({ Name: 'TargetGroup' }), expect.objectContaining({ Name: 'LoadBalancer' })]),
    });
  });
});
