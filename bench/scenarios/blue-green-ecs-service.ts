import { App, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BlueGreenEcsService, TrafficShift } from '../../constructs';
import { BenchScenario } from '../scenario';

const env = { account: '111111111111', region: 'eu-west-1' };
const SMOKE_TEST_HANDLER = 'assets/constructs/blue-green-ecs-service/ecs-smoke-test.lambda/index.js';

/** The same network, cluster and load balancer in every row, so rows differ only in the deployment machinery. */
function base(app: App, id: string) {
  const stack = new Stack(app, id, { env });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
  const loadBalancer = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc });
  return { stack, vpc, cluster, loadBalancer };
}

function taskDefinition(stack: Stack, id: string): ecs.FargateTaskDefinition {
  const td = new ecs.FargateTaskDefinition(stack, id);
  td.addContainer('web', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable'), portMappings: [{ containerPort: 80 }] });
  return td;
}

/** BlueGreenEcsService: 2 target groups, listeners and rules, roles, 2 alarms over both groups + health, smoke test, notifications. */
function gantry(count: number): BenchScenario {
  return {
    name: `BlueGreenEcsService (${count} service${count > 1 ? 's' : ''}, canary; smoke test, alarms over both target groups, notifications)`,
    handlerFiles: [SMOKE_TEST_HANDLER],
    build: (app: App) => {
      const { stack, cluster, loadBalancer } = base(app, `BenchEcsBlueGreen${count}`);
      for (let i = 0; i < count; i++) {
        new BlueGreenEcsService(stack, `Web${i}`, {
          cluster,
          loadBalancer,
          taskDefinition: taskDefinition(stack, `Task${i}`),
          productionPort: 80 + i,
          testPort: 9000 + i,
          listenerRulePriority: 1 + i,
          trafficShift: TrafficShift.canary({ percent: 10, bakeTime: Duration.minutes(5) }),
        });
      }
      return [stack];
    },
  };
}

/**
 * The anchor: aws-ecs's L2 wired by hand with the same features: two target groups, production
 * and test listener rules, the infrastructure role (AlternateTarget), canary, circuit breaker,
 * 5xx and p99 alarms over both target groups as deployment alarms, and a Lambda lifecycle hook
 * (an inline function per service: the L2 has no shared hook).
 */
function anchor(count: number): BenchScenario {
  return {
    name: `anchor: hand-wired aws-ecs L2 (${count} service${count > 1 ? 's' : ''}, canary; hook, alarms over both target groups)`,
    build: (app: App) => {
      const { stack, vpc, cluster, loadBalancer } = base(app, `BenchL2EcsBlueGreen${count}`);
      for (let i = 0; i < count; i++) {
        const tg = (id: string) => new elbv2.ApplicationTargetGroup(stack, `${id}${i}`, { vpc, port: 80, protocol: elbv2.ApplicationProtocol.HTTP, targetType: elbv2.TargetType.IP });
        const blue = tg('Blue');
        const green = tg('Green');
        const action = () => elbv2.ListenerAction.weightedForward([{ targetGroup: blue, weight: 100 }, { targetGroup: green, weight: 0 }]);
        const prod = loadBalancer.addListener(`Prod${i}`, { port: 80 + i, protocol: elbv2.ApplicationProtocol.HTTP, open: false, defaultAction: action() });
        const test = loadBalancer.addListener(`Test${i}`, { port: 9000 + i, protocol: elbv2.ApplicationProtocol.HTTP, open: false, defaultAction: action() });
        const prodRule = new elbv2.ApplicationListenerRule(stack, `ProdRule${i}`, { listener: prod, priority: 1, conditions: [elbv2.ListenerCondition.pathPatterns(['/*'])], action: action() });
        const testRule = new elbv2.ApplicationListenerRule(stack, `TestRule${i}`, { listener: test, priority: 1, conditions: [elbv2.ListenerCondition.pathPatterns(['/*'])], action: action() });
        const metric = (g: elbv2.ApplicationTargetGroup, name: string, statistic: string) => new cloudwatch.Metric({
          namespace: 'AWS/ApplicationELB',
          metricName: name,
          statistic,
          period: Duration.minutes(1),
          dimensionsMap: { TargetGroup: g.targetGroupFullName, LoadBalancer: loadBalancer.loadBalancerFullName },
        });
        const errors = new cloudwatch.Alarm(stack, `Errors${i}`, {
          metric: new cloudwatch.MathExpression({
            expression: 'MAX([100 * ea / ra, 100 * eb / rb])',
            usingMetrics: { ea: metric(blue, 'HTTPCode_Target_5XX_Count', 'Sum'), ra: metric(blue, 'RequestCount', 'Sum'), eb: metric(green, 'HTTPCode_Target_5XX_Count', 'Sum'), rb: metric(green, 'RequestCount', 'Sum') },
            period: Duration.minutes(1),
          }),
          threshold: 5,
          evaluationPeriods: 2,
        });
        const latency = new cloudwatch.Alarm(stack, `Latency${i}`, {
          metric: new cloudwatch.MathExpression({ expression: '1000 * MAX([a, b])', usingMetrics: { a: metric(blue, 'TargetResponseTime', 'p99'), b: metric(green, 'TargetResponseTime', 'p99') }, period: Duration.minutes(1) }),
          threshold: 1000,
          evaluationPeriods: 2,
        });
        const service = new ecs.FargateService(stack, `Service${i}`, {
          cluster,
          taskDefinition: taskDefinition(stack, `Task${i}`),
          minHealthyPercent: 100,
          deploymentStrategy: ecs.DeploymentStrategy.CANARY,
          canaryConfiguration: { stepPercent: 10, stepBakeTime: Duration.minutes(5) },
          bakeTime: Duration.minutes(10),
          circuitBreaker: { rollback: true },
          deploymentAlarms: { alarmNames: [errors.alarmName, latency.alarmName] },
        });
        service.loadBalancerTarget({
          containerName: 'web',
          containerPort: 80,
          alternateTarget: new ecs.AlternateTarget(`Alternate${i}`, {
            alternateTargetGroup: green,
            productionListener: ecs.ListenerRuleConfiguration.applicationListenerRule(prodRule),
            testListener: ecs.ListenerRuleConfiguration.applicationListenerRule(testRule),
          }),
        }).attachToApplicationTargetGroup(blue);
        const hook = new lambda.Function(stack, `Hook${i}`, {
          runtime: lambda.Runtime.NODEJS_22_X,
          handler: 'index.handler',
          vpc,
          code: lambda.Code.fromInline('exports.handler = async () => ({ hookStatus: "SUCCEEDED" });'),
        });
        service.addLifecycleHook(new ecs.DeploymentLifecycleLambdaTarget(hook, `HookTarget${i}`, { lifecycleStages: [ecs.DeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT] }));
      }
      return [stack];
    },
  };
}

const scenarios: BenchScenario[] = [gantry(1), gantry(10), anchor(1), anchor(10)];

export default scenarios;
