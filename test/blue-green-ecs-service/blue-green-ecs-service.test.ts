import { readFileSync } from 'fs';
import { join } from 'path';
import { CfnParameter, Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { service, setup } from './helpers';
import { ApprovalTimeoutAction, BlueGreenEcsService, IDeploymentAlarmSource, ObservabilityDashboard, TrafficShift } from '../../constructs';
import { Limits } from '../../constructs/core';

const ecsService = (t: Template) => Object.values(t.findResources('AWS::ECS::Service'))[0].Properties;
const byLogicalPrefix = (t: Template, type: string, prefix: string) =>
  Object.entries(t.findResources(type)).filter(([id]) => id.startsWith(prefix)).map(([, r]) => r.Properties);

describe('traffic shift', () => {
  test('all at once by default: BLUE_GREEN with a 10-minute bake time, circuit breaker with rollback', () => {
    const s = setup();
    service(s);
    const config = ecsService(Template.fromStack(s.stack));
    expect(config.DeploymentController).toEqual({ Type: 'ECS' });
    expect(config.DeploymentConfiguration).toMatchObject({
      Strategy: 'BLUE_GREEN',
      BakeTimeInMinutes: 10,
      DeploymentCircuitBreaker: { Enable: true, Rollback: true },
    });
    expect(config.DeploymentConfiguration.CanaryConfiguration).toBeUndefined();
    expect(config.DeploymentConfiguration.LinearConfiguration).toBeUndefined();
  });

  test('canary: percent and canary bake time', () => {
    const s = setup();
    service(s, { trafficShift: TrafficShift.canary({ percent: 12.5, bakeTime: Duration.minutes(7) }), bakeTime: Duration.minutes(3) });
    expect(ecsService(Template.fromStack(s.stack)).DeploymentConfiguration).toMatchObject({
      Strategy: 'CANARY', BakeTimeInMinutes: 3, CanaryConfiguration: { CanaryPercent: 12.5, CanaryBakeTimeInMinutes: 7 },
    });
  });

  test('linear: step percent and step bake time', () => {
    const s = setup();
    service(s, { trafficShift: TrafficShift.linear({ stepPercent: 25, stepBakeTime: Duration.minutes(2) }) });
    expect(ecsService(Template.fromStack(s.stack)).DeploymentConfiguration).toMatchObject({
      Strategy: 'LINEAR', LinearConfiguration: { StepPercent: 25, StepBakeTimeInMinutes: 2 },
    });
  });
});

describe('load balancing', () => {
  test('two target groups of one shape (port, protocol, IP targets, health check), the service on the first, the second as alternate', () => {
    const s = setup();
    service(s, { healthCheck: { path: '/health', interval: Duration.seconds(10) } });
    const t = Template.fromStack(s.stack);
    const groups = Object.values(t.findResources('AWS::ElasticLoadBalancingV2::TargetGroup')).map((r) => r.Properties);
    expect(groups).toHaveLength(2);
    for (const group of groups) {
      expect(group).toMatchObject({ Port: 80, Protocol: 'HTTP', TargetType: 'ip', HealthCheckPath: '/health', HealthCheckIntervalSeconds: 10 });
    }
    expect(ecsService(t).LoadBalancers).toEqual([{
      ContainerName: 'web',
      ContainerPort: 80,
      TargetGroupArn: { Ref: expect.stringMatching(/^WebBlueTargetGroup/) },
      AdvancedConfiguration: {
        AlternateTargetGroupArn: { Ref: expect.stringMatching(/^WebGreenTargetGroup/) },
        ProductionListenerRule: { Ref: expect.stringMatching(/^WebProductionRule/) },
        TestListenerRule: { Ref: expect.stringMatching(/^WebTestRule/) },
        RoleArn: { 'Fn::GetAtt': [expect.stringMatching(/^WebInfrastructureRole/), 'Arn'] },
      },
    }]);
  });

  test('created production (80) and test (8080) listeners forward only; both rules forward 100/0 to the two target groups', () => {
    const s = setup();
    service(s);
    const t = Template.fromStack(s.stack);
    const listeners = Object.values(t.findResources('AWS::ElasticLoadBalancingV2::Listener')).map((r) => r.Properties);
    expect(listeners.map((l) => l.Port).sort()).toEqual([80, 8080]);
    for (const listener of listeners) expect(listener.DefaultActions.map((a: any) => a.Type)).toEqual(['forward']);
    const rules = Object.values(t.findResources('AWS::ElasticLoadBalancingV2::ListenerRule')).map((r) => r.Properties);
    expect(rules).toHaveLength(2);
    for (const rule of rules) {
      expect(rule).toMatchObject({
        Priority: 1,
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
        Actions: [{
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: { Ref: expect.stringMatching(/^WebBlueTargetGroup/) }, Weight: 100 },
              { TargetGroupArn: { Ref: expect.stringMatching(/^WebGreenTargetGroup/) }, Weight: 0 },
            ],
          },
        }],
      });
    }
  });

  test('a given production listener gets the rule; testTraffic false (and no smoke test) creates no test listener', () => {
    const s = setup();
    const listener = s.loadBalancer.addListener('Existing', {
      port: 443, protocol: elbv2.ApplicationProtocol.HTTP, defaultAction: elbv2.ListenerAction.fixedResponse(404),
    });
    const web = service(s, { productionListener: listener, testTraffic: false, smokeTest: { enabled: false }, listenerRulePriority: 7 });
    const t = Template.fromStack(s.stack);
    t.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', { Priority: 7, ListenerArn: { Ref: Match.stringLikeRegexp('^AlbExisting') } });
    expect(web.testListener).toBeUndefined();
    expect(ecsService(t).LoadBalancers[0].AdvancedConfiguration.TestListenerRule).toBeUndefined();
  });
});

describe('roles', () => {
  test('the infrastructure role is trusted by ecs.amazonaws.com and has only the AWS managed policy for load balancers', () => {
    const s = setup();
    service(s);
    const [role] = byLogicalPrefix(Template.fromStack(s.stack), 'AWS::IAM::Role', 'WebInfrastructureRole');
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ecs.amazonaws.com' } }]);
    expect(role.ManagedPolicyArns).toEqual([{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers']] }]);
    expect(role.Policies).toBeUndefined();
    // No inline policy is attached to it either.
    expect(Object.values(Template.fromStack(s.stack).findResources('AWS::IAM::Policy'))).toHaveLength(0);
  });

  test('the hook role may invoke the smoke-test hook only, in a customer-managed policy', () => {
    const s = setup();
    service(s);
    const t = Template.fromStack(s.stack);
    const [role] = byLogicalPrefix(t, 'AWS::IAM::Role', 'WebHookRole');
    expect(role.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ Service: 'ecs.amazonaws.com' });
    const [policy] = byLogicalPrefix(t, 'AWS::IAM::ManagedPolicy', 'WebHookRole');
    expect(policy.PolicyDocument.Statement).toEqual([{
      Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^GantryBlueGreenEcsSharedSmokeTest/), 'Arn'] },
    }]);
  });

  test('the smoke-test hook has logs, X-Ray and VPC network-interface permissions only, and egress to the test listener only', () => {
    const s = setup();
    service(s);
    const t = Template.fromStack(s.stack);
    const [policy] = byLogicalPrefix(t, 'AWS::IAM::ManagedPolicy', 'GantryBlueGreenEcsSharedSmokeTestRole');
    const actions = policy.PolicyDocument.Statement.flatMap((st: any) => [].concat(st.Action)).sort();
    expect(actions).toEqual([
      'ec2:AssignPrivateIpAddresses', 'ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:UnassignPrivateIpAddresses',
      'logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments',
    ]);
    const [group] = byLogicalPrefix(t, 'AWS::EC2::SecurityGroup', 'GantryBlueGreenEcsSharedSmokeTestSecurityGroup');
    expect(group.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '255.255.255.255/32', IpProtocol: 'icmp' })]);
    t.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      FromPort: 8080, ToPort: 8080, GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('SmokeTestSecurityGroup'), 'GroupId'] },
    });
    t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('SmokeTestSecurityGroup'), 'GroupId'] },
    });
  });

  test('grantContinue: ContinueServiceDeployment and DescribeServiceDeployments on this service\'s deployments only', () => {
    const s = setup();
    const web = service(s);
    const approver = new iam.Role(s.stack, 'Approver', { assumedBy: new iam.AccountRootPrincipal() });
    web.grantContinue(approver);
    const [policy] = byLogicalPrefix(Template.fromStack(s.stack), 'AWS::IAM::Policy', 'ApproverDefaultPolicy');
    const statements = policy.PolicyDocument.Statement;
    expect(statements).toContainEqual(expect.objectContaining({ Action: 'ecs:ListServiceDeployments', Resource: { Ref: expect.stringMatching(/^WebService/) } }));
    const cont = statements.find((st: any) => Array.isArray(st.Action) && st.Action.includes('ecs:ContinueServiceDeployment'));
    expect(cont.Action).toEqual(['ecs:ContinueServiceDeployment', 'ecs:DescribeServiceDeployments']);
    const resource = JSON.stringify(cont.Resource);
    expect(resource).toContain(':ecs:eu-west-1:111111111111:service-deployment/');
    expect(resource).toMatch(/"Ref":"ClusterEB0386A7"\},"\/",\{"Fn::GetAtt":\["WebService\w+","Name"\]\},"\/\*"/);
  });
});

describe('alarms', () => {
  test('error rate and p99 latency are the worse of BOTH target groups, and roll back deployments', () => {
    const s = setup();
    service(s, { alarmThresholds: { errorRatePercent: 2, p99LatencyMs: 800, evaluationPeriods: 3 } });
    const t = Template.fromStack(s.stack);
    const [errorRate] = byLogicalPrefix(t, 'AWS::CloudWatch::Alarm', 'WebErrorRateAlarm');
    const [latency] = byLogicalPrefix(t, 'AWS::CloudWatch::Alarm', 'WebLatencyAlarm');
    expect(errorRate).toMatchObject({ Threshold: 2, EvaluationPeriods: 3, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching' });
    expect(latency).toMatchObject({ Threshold: 800, EvaluationPeriods: 3 });
    const targetGroupsOf = (alarm: any) => alarm.Metrics.filter((m: any) => m.MetricStat)
      .map((m: any) => m.MetricStat.Metric.Dimensions.find((d: any) => d.Name === 'TargetGroup').Value['Fn::GetAtt'][0]);
    for (const alarm of [errorRate, latency]) {
      const groups = new Set(targetGroupsOf(alarm));
      expect([...groups].sort()).toEqual([expect.stringMatching(/^WebBlueTargetGroup/), expect.stringMatching(/^WebGreenTargetGroup/)]);
    }
    expect(errorRate.Metrics.find((m: any) => m.ReturnData !== false).Expression).toBe('MAX([rateA, rateB])');
    expect(errorRate.Metrics.map((m: any) => m.MetricStat?.Metric.MetricName).filter(Boolean).sort())
      .toEqual(['HTTPCode_Target_5XX_Count', 'HTTPCode_Target_5XX_Count', 'RequestCount', 'RequestCount']);
    expect(latency.Metrics.find((m: any) => m.ReturnData !== false).Expression).toBe('1000 * MAX([a, b])');
    expect(latency.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Stat)).toEqual(['p99', 'p99']);
    expect(ecsService(t).DeploymentConfiguration.Alarms).toEqual({
      Enable: true,
      Rollback: true,
      AlarmNames: [{ Ref: expect.stringMatching(/^WebErrorRateAlarm/) }, { Ref: expect.stringMatching(/^WebLatencyAlarm/) }],
    });
  });

  test('one health alarm (composite of every deployment alarm) is the IDeploymentAlarmSource; alarms added later count', () => {
    const s = setup();
    const web = service(s, { alarmNamePrefix: 'shop' });
    const extra = cloudwatch.Alarm.fromAlarmName(s.stack, 'Extra', 'orders-backlog');
    web.addDeploymentAlarm(extra);
    const source: IDeploymentAlarmSource = web;
    expect(source.deploymentAlarms).toEqual([web.healthAlarm]);
    const t = Template.fromStack(s.stack);
    const [health] = byLogicalPrefix(t, 'AWS::CloudWatch::CompositeAlarm', 'WebHealthAlarm');
    expect(health.AlarmName).toBe('shop-Health');
    expect(JSON.stringify(health.AlarmRule)).toContain('WebErrorRateAlarm');
    expect(JSON.stringify(health.AlarmRule)).toContain('WebLatencyAlarm');
    expect(JSON.stringify(health.AlarmRule)).toContain('orders-backlog');
    expect(ecsService(t).DeploymentConfiguration.Alarms.AlarmNames).toEqual([
      { Ref: expect.stringMatching(/^WebErrorRateAlarm/) }, { Ref: expect.stringMatching(/^WebLatencyAlarm/) }, 'orders-backlog',
    ]);
    expect(byLogicalPrefix(t, 'AWS::CloudWatch::Alarm', 'WebErrorRateAlarm')[0].AlarmName).toBe('shop-ErrorRate');
    expect(BlueGreenEcsService.alarmNames('shop')).toEqual(['shop-ErrorRate', 'shop-LatencyP99', 'shop-Health']);
  });
});

describe('hooks', () => {
  test('the smoke test is registered after test traffic shifts, with the test listener URL and its checks in hookDetails', () => {
    const s = setup();
    service(s, { smokeTest: { path: '/health', expectedStatus: 204, expectedBodyContains: 'ok', maxAttempts: 4, retryDelay: Duration.seconds(20) } });
    const hooks = ecsService(Template.fromStack(s.stack)).DeploymentConfiguration.LifecycleHooks;
    expect(hooks).toEqual([{
      HookTargetArn: { 'Fn::GetAtt': [expect.stringMatching(/^GantryBlueGreenEcsSharedSmokeTest/), 'Arn'] },
      RoleArn: { 'Fn::GetAtt': [expect.stringMatching(/^WebHookRole/), 'Arn'] },
      LifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
      HookDetails: {
        service: 'Ecs/Web',
        url: { 'Fn::Join': ['', ['http://', { 'Fn::GetAtt': [expect.stringMatching(/^Alb/), 'DNSName'] }, ':8080/health']] },
        expectedStatus: 204,
        expectedBodyContains: 'ok',
        maxAttempts: 4,
        retryDelaySeconds: 20,
        requestTimeoutMs: 5000,
      },
    }]);
  });

  test('one smoke-test function per stack, in the VPC, shared by every service', () => {
    const s = setup();
    const a = service(s, {}, 'A');
    const b = service(s, { productionPort: 81, testPort: 8081, listenerRulePriority: 2 }, 'B');
    const t = Template.fromStack(s.stack);
    t.resourceCountIs('AWS::Lambda::Function', 1);
    expect(a.smokeTestFunction).toBe(b.smokeTestFunction);
    t.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Timeout: 60,
      TracingConfig: { Mode: 'Active' },
      VpcConfig: { SubnetIds: [{ Ref: Match.stringLikeRegexp('^VpcPrivateSubnet1') }, { Ref: Match.stringLikeRegexp('^VpcPrivateSubnet2') }] },
    });
    // No Lambda-backed custom resource.
    expect(Object.values(t.toJSON().Resources).filter((r: any) => r.Type.startsWith('Custom::') || r.Type === 'AWS::CloudFormation::CustomResource')).toHaveLength(0);
  });

  test('user hooks pass through at their stage; a pause hook is written with TargetType PAUSE and its timeout', () => {
    const s = setup();
    const fn = lambda.Function.fromFunctionArn(s.stack, 'Check', 'arn:aws:lambda:eu-west-1:111111111111:function:check');
    service(s, {
      smokeTest: { enabled: false },
      lifecycleHooks: [new ecs.DeploymentLifecycleLambdaTarget(fn, 'Check', { lifecycleStages: [ecs.DeploymentLifecycleStage.PRE_SCALE_UP] })],
      approval: {
        stage: ecs.DeploymentLifecycleStage.PRODUCTION_TRAFFIC_SHIFT, timeout: Duration.hours(2), timeoutAction: ApprovalTimeoutAction.CONTINUE,
      },
    });
    const hooks = ecsService(Template.fromStack(s.stack)).DeploymentConfiguration.LifecycleHooks;
    expect(hooks).toEqual([
      { HookTargetArn: 'arn:aws:lambda:eu-west-1:111111111111:function:check', RoleArn: expect.anything(), LifecycleStages: ['PRE_SCALE_UP'] },
      { TargetType: 'PAUSE', LifecycleStages: ['PRODUCTION_TRAFFIC_SHIFT'], TimeoutConfiguration: { TimeoutInMinutes: 120, Action: 'CONTINUE' } },
    ]);
  });

  test('aws-cdk-lib still lacks pause hooks (TargetType, TimeoutConfiguration): when this fails, use the native property instead of the override', () => {
    const dts = readFileSync(join(require.resolve('aws-cdk-lib/aws-ecs'), '..', 'lib', 'ecs.generated.d.ts'), 'utf-8');
    const hookProperty = /interface DeploymentLifecycleHookProperty \{([\s\S]*?)\n {4}\}/.exec(dts)![1];
    expect(hookProperty).toContain('readonly hookTargetArn');
    expect(hookProperty).not.toMatch(/readonly targetType/);
    expect(hookProperty).not.toMatch(/readonly timeoutConfiguration/);
  });
});

describe('notifications and monitoring', () => {
  test('failed and rolled-back deployments, and pauses, go to one encrypted topic; the pause message names the continue command', () => {
    const s = setup();
    const web = service(s, { approval: {} });
    const t = Template.fromStack(s.stack);
    t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.ecs'],
        'detail-type': ['ECS Deployment State Change'],
        'resources': [{ Ref: Match.stringLikeRegexp('^WebService') }],
        'detail': { $or: [{ eventName: ['SERVICE_DEPLOYMENT_FAILED'] }, { eventName: ['SERVICE_DEPLOYMENT_IN_PROGRESS'], reason: [{ wildcard: '*rolling back*' }] }] },
      },
      Targets: [Match.objectLike({ DeadLetterConfig: { Arn: Match.anyValue() } })],
    });
    const [approval] = byLogicalPrefix(t, 'AWS::Events::Rule', 'WebApprovalRequests');
    expect(approval.EventPattern).toMatchObject({ 'detail-type': ['ECS Hook State Change'], 'detail': { eventName: ['HOOK_AWAITING_ACTION'] } });
    const template = JSON.stringify(approval.Targets[0].InputTransformer.InputTemplate);
    expect(template).toContain('aws ecs continue-service-deployment --service-deployment-arn <detail-serviceDeploymentArn> --hook-id <detail-hookId> --action CONTINUE');
    expect(template).toContain('roll back after 4 hours');
    expect(web.notificationTopic).toBeDefined();
    const [health] = byLogicalPrefix(t, 'AWS::CloudWatch::CompositeAlarm', 'WebHealthAlarm');
    expect(health.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^GantryNotificationsTopic/) }]);
  });

  test('a given topic and addresses: rules and the health alarm notify it, the addresses subscribe to it, only the rules may publish', () => {
    const s = setup();
    const topic = new sns.Topic(s.stack, 'Team');
    service(s, { approval: {}, notifications: { topic, emailAddresses: ['web@example.com'] } });
    const t = Template.fromStack(s.stack);
    t.resourceCountIs('AWS::SNS::Topic', 1);
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'web@example.com', TopicArn: { Ref: Match.stringLikeRegexp('^Team') } });
    for (const prefix of ['WebDeploymentFailures', 'WebApprovalRequests']) {
      const [rule] = byLogicalPrefix(t, 'AWS::Events::Rule', prefix);
      expect(rule.Targets[0].Arn).toEqual({ Ref: expect.stringMatching(/^Team/) });
    }
    const [health] = byLogicalPrefix(t, 'AWS::CloudWatch::CompositeAlarm', 'WebHealthAlarm');
    expect(health.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^Team/) }]);
    const statements = Object.values<any>(t.findResources('AWS::SNS::TopicPolicy')).flatMap((p) => p.Properties.PolicyDocument.Statement);
    const fromEvents = statements.filter((st) => st.Principal?.Service === 'events.amazonaws.com');
    expect(fromEvents).toHaveLength(2);
    for (const st of fromEvents) expect(st.Condition.ArnEquals['aws:SourceArn']).toBeDefined();
  });

  test('with a monitoring, the health alarm is routed by it alone (no second action to the notification topic)', () => {
    const s = setup();
    const dashboard = new ObservabilityDashboard(s.stack, 'Dashboard');
    service(s, { monitoring: dashboard });
    const [health] = byLogicalPrefix(Template.fromStack(s.stack), 'AWS::CloudWatch::CompositeAlarm', 'WebHealthAlarm');
    expect(health.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^DashboardAlarmTopic/) }]);
  });

  test('notifications { enabled: false }: no topic and no rules', () => {
    const s = setup();
    service(s, { notifications: { enabled: false } });
    const t = Template.fromStack(s.stack);
    t.resourceCountIs('AWS::SNS::Topic', 0);
    t.resourceCountIs('AWS::Events::Rule', 0);
  });

  test('monitoring: the service and both target groups are drawn, and the deployment alarms shown', () => {
    const s = setup();
    const dashboard = new ObservabilityDashboard(s.stack, 'Dash');
    const web = service(s, { monitoring: dashboard });
    const later = new cloudwatch.Alarm(s.stack, 'Later', { metric: web.blueTargetGroup.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT), threshold: 1, evaluationPeriods: 1 });
    web.addDeploymentAlarm(later);
    const t = Template.fromStack(s.stack);
    const body = JSON.stringify(t.findResources('AWS::CloudWatch::Dashboard'));
    expect(body).toContain('ECS service');
    expect(body).toContain('ALB target group');
    expect(body).toContain('CPUUtilization');
    expect(body).toContain('TargetResponseTime');
    // One set of thresholds per resource: the service's section carries its CPU and memory
    // defaults and the deployment alarms (read at synth, so one added later counts); the target
    // groups, whose 5xx rate and latency the deployment alarms watch, get no defaults of their own.
    expect(dashboard.alarmsFor(web.service)).toEqual(expect.arrayContaining([web.errorRateAlarm, web.latencyAlarm, web.healthAlarm, later]));
    expect(dashboard.alarmsFor(web.service)).toHaveLength(2 + 4);
    expect(dashboard.alarmsFor(web.blueTargetGroup)).toEqual([]);
    const topicRef = { Ref: expect.stringMatching(/^DashAlarmTopic/) };
    const [errorRate] = byLogicalPrefix(t, 'AWS::CloudWatch::Alarm', 'WebErrorRateAlarm');
    expect(errorRate.AlarmActions).toEqual([topicRef]);
    const names = Object.values(t.findResources('AWS::CloudWatch::Alarm')).map((r: any) => r.Properties.AlarmName).filter((n) => typeof n === 'string');
    expect(names.filter((n: string) => /target-group/.test(n))).toEqual([]);
  });
});

describe('bad input', () => {
  const build = (props: Parameters<typeof service>[1]) => () => service(setup(), props);

  test.each([
    ['canary percent out of range', { trafficShift: TrafficShift.canary({ percent: 0 }) }, /invalid 'trafficShift.percent': got 0; allowed: a number from 0.1 to 100 percent/],
    ['canary percent not a multiple of 0.1', { trafficShift: TrafficShift.canary({ percent: 10.05 }) }, /'trafficShift.percent': got 10.05; allowed: a multiple of 0.1/],
    ['linear step below 3%', { trafficShift: TrafficShift.linear({ stepPercent: 2 }) }, /'trafficShift.stepPercent': got 2; allowed: a number from 3 to 100 percent/],
    ['canary bake over 24 h', { trafficShift: TrafficShift.canary({ bakeTime: Duration.minutes(1441) }) }, /'trafficShift.bakeTime'.*whole minutes from 0 to 1440/],
    ['bake time not whole minutes', { bakeTime: Duration.seconds(90) }, /'bakeTime'.*whole minutes from 0 to 1440/],
    ['combined wait over 33 h', { trafficShift: TrafficShift.linear({ stepPercent: 10, stepBakeTime: Duration.minutes(200) }), bakeTime: Duration.minutes(300) },
      /'trafficShift': got "2100 minutes.*at most 1980 minutes \(CloudFormation rejects/],
    ['pause timeout out of range', { approval: { timeout: Duration.days(15) } }, /'approval.timeout'.*whole minutes from 1 to 20160/],
    ['bake plus pause over 36 h', { trafficShift: TrafficShift.canary({ bakeTime: Duration.hours(20) }), bakeTime: Duration.hours(12), approval: { timeout: Duration.hours(5) } },
      /'approval.timeout': got "300 minutes \(plus 1920 minutes of bake time\)"; allowed: at most 240 minutes/],
    ['a redirect default action on the listener it owns', { listenerDefaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443' }) },
      /'listenerDefaultAction': got "redirect"; allowed: forward actions only/],
    ['a fixed-response default action', { listenerDefaultAction: elbv2.ListenerAction.fixedResponse(404) }, /got "fixed-response"; allowed: forward actions only/],
    ['a CodeDeploy controller', { deploymentController: { type: ecs.DeploymentControllerType.CODE_DEPLOY } },
      /'deploymentController': got "CODE_DEPLOY"; allowed: ECS .*migrate by creating this BlueGreenEcsService as a new service/],
    ['an external controller', { deploymentController: { type: ecs.DeploymentControllerType.EXTERNAL } }, /got "EXTERNAL".*a new service/],
    ['a smoke-test path without a leading slash', { smokeTest: { path: 'health' } }, /'smokeTest.path': got "health"; allowed: a path starting with "\/"/],
    ['a smoke test without test traffic', { testTraffic: false }, /'smokeTest'.*when testTraffic is false/],
    ['the test port equal to the production port', { testPort: 80 }, /'testPort': got 80; allowed: a port other than the production port 80/],
    ['a rule priority out of range', { listenerRulePriority: 50_001 }, /'listenerRulePriority': got 50001/],
    ['retry delay out of range', { smokeTest: { retryDelay: Duration.seconds(2) } }, /'smokeTest.retryDelay'.*whole seconds from 5 to 300/],
    ['an unmapped container port', { containerPort: 8443 }, /'containerPort': got 8443; allowed: a port mapped by container 'web': 80/],
  ] as const)('%s', (_name, props, message) => {
    expect(build(props as any)).toThrow(message);
  });

  test('errors name the construct path', () => {
    expect(build({ smokeTest: { path: 'x' } })).toThrow(/^\[BlueGreenEcsService at 'Ecs\/Web'\]/);
  });

  test('non-awsvpc network mode with IP target groups', () => {
    const s = setup();
    const td = new ecs.Ec2TaskDefinition(s.stack, 'Bridge', { networkMode: ecs.NetworkMode.BRIDGE });
    td.addContainer('web', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable'), memoryLimitMiB: 256, portMappings: [{ containerPort: 80 }] });
    expect(() => service(s, { taskDefinition: td, targetType: elbv2.TargetType.IP }))
      .toThrow(/'targetType': got "ip"; allowed: INSTANCE for the 'bridge' network mode \(IP target groups need awsvpc\)/);
  });

  test('bridge network mode defaults to INSTANCE target groups on an EC2 service', () => {
    const s = setup();
    s.cluster.addCapacity('Capacity', { instanceType: new ec2.InstanceType('t3.small'), minCapacity: 1 });
    const td = new ecs.Ec2TaskDefinition(s.stack, 'Bridge', { networkMode: ecs.NetworkMode.BRIDGE });
    td.addContainer('web', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable'), memoryLimitMiB: 256, portMappings: [{ containerPort: 80 }] });
    const web = service(s, { taskDefinition: td, smokeTest: { enabled: false } });
    expect(web.service).toBeInstanceOf(ecs.Ec2Service);
    const groups = Object.values(Template.fromStack(s.stack).findResources('AWS::ElasticLoadBalancingV2::TargetGroup')).map((r) => r.Properties.TargetType);
    expect(groups).toEqual(['instance', 'instance']);
  });

  test('tokens pass unchecked', () => {
    const s = setup();
    const percent = new CfnParameter(s.stack, 'Percent', { type: 'Number' }).valueAsNumber;
    const minutes = new CfnParameter(s.stack, 'Minutes', { type: 'Number' }).valueAsNumber;
    const path = new CfnParameter(s.stack, 'Path').valueAsString;
    expect(() => service(s, {
      trafficShift: TrafficShift.canary({ percent, bakeTime: Duration.minutes(minutes) }),
      bakeTime: Duration.minutes(minutes),
      smokeTest: { path },
      approval: { timeout: Duration.minutes(minutes) },
    })).not.toThrow();
    expect(() => Template.fromStack(s.stack)).not.toThrow();
  });
});

test('snapshot', () => {
  const s = setup();
  service(s, { trafficShift: TrafficShift.canary(), approval: {} });
  const json = JSON.stringify(Template.fromStack(s.stack).toJSON()).replace(/[0-9a-f]{64}(\.zip)?/g, '<asset-hash>$1');
  expect(JSON.parse(json)).toMatchSnapshot();
});

describe('plain HTTP listeners only on an internal load balancer', () => {
  test('an internet-facing load balancer without listeners of the user fails, naming the prop', () => {
    const { stack, cluster, taskDefinition, vpc } = setup();
    const loadBalancer = new elbv2.ApplicationLoadBalancer(stack, 'PublicAlb', { vpc, internetFacing: true });
    expect(() => new BlueGreenEcsService(stack, 'Web', { cluster, taskDefinition, loadBalancer }))
      .toThrow(/invalid 'productionListener'.*HTTPS.*internet-facing load balancer.*only on an internal load balancer/);
  });

  test('on an internal load balancer the created listeners carry the acknowledgement for every cdk-nag major', () => {
    const web = service(setup());
    const acknowledged = (c: { node: { defaultChild?: any } }) => Object.keys(c.node.defaultChild!.node.metadata.find((m: any) => m.type === 'aws:cdk:acknowledged-rules')?.data ?? {});
    for (const listener of [web.productionListener, web.testListener!]) {
      expect(acknowledged(listener).map((id) => id.replace(/^annotation::/i, ''))).toEqual(expect.arrayContaining(['PCI.DSS.321-ALBHttpToHttpsRedirection', 'NIST.800.53.R5-ELBv2ACMCertificateRequired']));
    }
  });
});

describe('TLS listeners (certificates)', () => {
  const CERT_ARN = 'arn:aws:acm:eu-west-1:111111111111:certificate/11111111-2222-3333-4444-555555555555';
  const certificates = [elbv2.ListenerCertificate.fromArn(CERT_ARN)];
  const tls = { certificates, smokeTest: { hostName: 'web.example.com' } };
  const listenersByPort = (t: Template) => Object.fromEntries(Object.entries(t.findResources('AWS::ElasticLoadBalancingV2::Listener'))
    .map(([id, r]) => [r.Properties.Port, { id, ...r.Properties }]));

  test('production (443) and test (8443) listeners are HTTPS with the certificate and the recommended TLS 1.3 policy, forward only', () => {
    const s = setup();
    service(s, tls);
    const t = Template.fromStack(s.stack);
    const listeners = listenersByPort(t);
    expect(Object.keys(listeners).sort()).toEqual(['443', '80', '8443']);
    for (const port of [443, 8443]) {
      expect(listeners[port]).toMatchObject({
        Protocol: 'HTTPS',
        Certificates: [{ CertificateArn: CERT_ARN }],
        SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      });
      expect(listeners[port].DefaultActions.map((a: any) => a.Type)).toEqual(['forward']);
    }
    expect(listeners[443].id).toMatch(/^WebProductionListener/);
    expect(listeners[8443].id).toMatch(/^WebTestListener/);
  });

  test('the default policy is a member of aws-cdk-lib\'s SslPolicy, and a given policy is used', () => {
    expect(Object.values(elbv2.SslPolicy)).toContain(Limits.elb.recommendedSslPolicy);
    const s = setup();
    service(s, { ...tls, sslPolicy: elbv2.SslPolicy.FIPS_TLS13_12_RES });
    const listeners = listenersByPort(Template.fromStack(s.stack));
    expect([listeners[443].SslPolicy, listeners[8443].SslPolicy]).toEqual(['ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04', 'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04']);
  });

  test('a separate port-80 listener redirects HTTP to HTTPS on the production port (permanent), with no forward and no rules', () => {
    const s = setup();
    const web = service(s, tls);
    const t = Template.fromStack(s.stack);
    const redirect = listenersByPort(t)[80];
    expect(redirect.id).toMatch(/^WebRedirectListener/);
    expect(redirect).toMatchObject({ Protocol: 'HTTP', DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }] });
    expect(redirect.DefaultActions).toHaveLength(1);
    expect(redirect.Certificates).toBeUndefined();
    expect(web.redirectListener).toBeDefined();
    // Created after the production listener, which frees port 80 when a service moves from HTTP to HTTPS.
    const production = listenersByPort(t)[443].id;
    expect(t.findResources('AWS::ElasticLoadBalancingV2::Listener')[redirect.id].DependsOn).toContain(production);
    // The rules ECS shifts stay on the HTTPS listeners; nothing is attached to the redirect listener.
    const rules = Object.values(t.findResources('AWS::ElasticLoadBalancingV2::ListenerRule')).map((r) => r.Properties.ListenerArn.Ref);
    expect(rules.sort()).toEqual([expect.stringMatching(/^WebProductionListener/), expect.stringMatching(/^WebTestListener/)]);
    expect(ecsService(t).LoadBalancers[0].AdvancedConfiguration).toMatchObject({
      ProductionListenerRule: { Ref: expect.stringMatching(/^WebProductionRule/) },
      TestListenerRule: { Ref: expect.stringMatching(/^WebTestRule/) },
    });
    // Closed like the others: no ingress until the user allows clients.
    const intoLoadBalancer = Object.values(t.findResources('AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties)
      .filter((p) => p.GroupId['Fn::GetAtt'][0].startsWith('AlbSecurityGroup'));
    expect(intoLoadBalancer.map((p) => p.FromPort)).toEqual([8443]);
  });

  test('given ports; redirectHttp false creates no port-80 listener; the redirect targets the given production port', () => {
    const a = setup();
    service(a, { ...tls, productionPort: 9443, testPort: 9444 });
    const listeners = listenersByPort(Template.fromStack(a.stack));
    expect(Object.keys(listeners).sort()).toEqual(['80', '9443', '9444']);
    expect(listeners[80].DefaultActions[0].RedirectConfig.Port).toBe('9443');
    const b = setup();
    const web = service(b, { ...tls, redirectHttp: false });
    expect(Object.keys(listenersByPort(Template.fromStack(b.stack))).sort()).toEqual(['443', '8443']);
    expect(web.redirectListener).toBeUndefined();
  });

  test('HTTPS listeners are allowed on an internet-facing load balancer', () => {
    const s = setup();
    const loadBalancer = new elbv2.ApplicationLoadBalancer(s.stack, 'PublicAlb', { vpc: s.vpc, internetFacing: true });
    expect(() => service(s, { ...tls, loadBalancer })).not.toThrow();
  });

  test('the acknowledgements follow the listeners: none of the plain-HTTP ones, ELBv2ACMCertificateRequired on the redirect listener only', () => {
    const web = service(setup(), tls);
    const acknowledged = (c: { node: { defaultChild?: any } }) => Object.keys(c.node.defaultChild!.node.metadata.find((m: any) => m.type === 'aws:cdk:acknowledged-rules')?.data ?? {})
      .map((id) => id.replace(/^annotation::/i, ''));
    expect(acknowledged(web.productionListener)).toEqual([]);
    expect(acknowledged(web.testListener!)).toEqual([]);
    expect(acknowledged(web.redirectListener!).sort()).toEqual(['HIPAA.Security-ELBv2ACMCertificateRequired', 'NIST.800.53.R5-ELBv2ACMCertificateRequired', 'PCI.DSS.321-ELBv2ACMCertificateRequired']);
  });

  test('the smoke test calls the test listener over HTTPS as the certificate\'s host name; the hook may reach port 8443 only', () => {
    const s = setup();
    service(s, { ...tls, smokeTest: { hostName: 'web.example.com', path: '/health' } });
    const t = Template.fromStack(s.stack);
    expect(ecsService(t).DeploymentConfiguration.LifecycleHooks[0].HookDetails).toMatchObject({
      url: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [expect.stringMatching(/^Alb/), 'DNSName'] }, ':8443/health']] },
      hostName: 'web.example.com',
    });
    const egress = Object.values(t.findResources('AWS::EC2::SecurityGroupEgress')).map((r) => r.Properties)
      .filter((p) => p.GroupId['Fn::GetAtt'][0].startsWith('GantryBlueGreenEcsSharedSmokeTestSecurityGroup'));
    expect(egress).toEqual([expect.objectContaining({ FromPort: 8443, ToPort: 8443, IpProtocol: 'tcp' })]);
  });

  test('without certificates the smoke-test config carries no hostName', () => {
    const s = setup();
    service(s);
    expect(ecsService(Template.fromStack(s.stack)).DeploymentConfiguration.LifecycleHooks[0].HookDetails.hostName).toBeUndefined();
  });

  describe('bad input', () => {
    const build = (props: Parameters<typeof service>[1]) => () => service(setup(), props);
    test.each([
      ['an empty certificates list', { certificates: [], smokeTest: { hostName: 'web.example.com' } },
        /\[BlueGreenEcsService at 'Ecs\/Web'\] invalid 'certificates': got "\[\] \(an empty list\)"; allowed: at least one ACM certificate/],
      ['redirectHttp without certificates', { redirectHttp: true }, /invalid 'redirectHttp': got true; allowed: false or unset without certificates/],
      ['sslPolicy without certificates', { sslPolicy: elbv2.SslPolicy.TLS13_13 }, /invalid 'sslPolicy': got "ELBSecurityPolicy-TLS13-1-3-2021-06"; allowed: unset without certificates/],
      ['the production port on the redirect port 80', { ...tls, productionPort: 80 }, /invalid 'productionPort': got 80; allowed: a port other than 80, which the HTTP-to-HTTPS redirect listener takes/],
      ['the test port on the redirect port 80', { ...tls, testPort: 80 }, /invalid 'testPort': got 80; allowed: a port other than 80/],
      ['certificates and a smoke test without hostName', { certificates }, /invalid 'smokeTest.hostName': got undefined; allowed: the DNS name of the listener certificate/],
      ['a host name with a scheme', { ...tls, smokeTest: { hostName: 'https://web.example.com' } }, /invalid 'smokeTest.hostName': got "https:\/\/web.example.com"; allowed: a DNS name/],
    ] as const)('%s', (_name, props, message) => {
      expect(build(props as any)).toThrow(message);
    });

    test('certificates with a given listener: certificates apply to created listeners only', () => {
      const s = setup();
      const productionListener = s.loadBalancer.addListener('Existing', { port: 443, certificates, defaultAction: elbv2.ListenerAction.fixedResponse(404) });
      expect(() => service(s, { ...tls, productionListener }))
        .toThrow(/invalid 'certificates': got "1 certificate\(s\) with productionListener given"; allowed: certificates only when the construct creates/);
    });

    test('port 80 is fine with redirectHttp false; a smoke test off needs no hostName; tokens pass', () => {
      expect(build({ certificates, productionPort: 80, redirectHttp: false, smokeTest: { enabled: false } })).not.toThrow();
      const s = setup();
      const port = new CfnParameter(s.stack, 'Port', { type: 'Number' }).valueAsNumber;
      const host = new CfnParameter(s.stack, 'Host').valueAsString;
      const arn = new CfnParameter(s.stack, 'Cert').valueAsString;
      const certificate = elbv2.ListenerCertificate.fromArn(arn);
      expect(() => service(s, { certificates: [certificate], productionPort: port, smokeTest: { hostName: host } })).not.toThrow();
      const redirect = listenersByPort(Template.fromStack(s.stack))[80];
      expect(redirect.DefaultActions[0].RedirectConfig.Port).toEqual({ Ref: 'Port' });
    });
  });
});
