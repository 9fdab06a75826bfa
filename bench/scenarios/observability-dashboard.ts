import { App, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { MonitoringFacade, SnsAlarmActionStrategy } from 'cdk-monitoring-constructs';
import { ObservabilityDashboard } from '../../constructs';
import { BenchScenario } from '../scenario';

/**
 * The workload: N Lambda functions (of another stack, imported by name), each with an
 * error-rate and a p99 latency alarm notifying an encrypted SNS topic, on a dashboard. The anchor
 * is cdk-monitoring-constructs 10.2.0 doing the same work; the hand-wired row is the same work
 * with plain aws-cdk-lib L2s in one stack.
 */
const env = { account: '111111111111', region: 'eu-west-1' };
const SIZES = [10, 100, 300, 600];

function functions(stack: Stack, n: number): lambda.IFunction[] {
  return Array.from({ length: n }, (_, i) => lambda.Function.fromFunctionName(stack, `Fn${i}`, `service-fn-${i}`));
}

function gantry(n: number): BenchScenario {
  return {
    name: `ObservabilityDashboard: ${n} Lambda functions (2 alarms each, SNS action)`,
    build: (app: App) => {
      const stack = new Stack(app, `BenchObservability${n}`, { env });
      const dashboard = new ObservabilityDashboard(stack, 'Dashboard');
      for (const fn of functions(stack, n)) dashboard.monitor(fn);
      return [stack];
    },
  };
}

/**
 * Hand-wired L2 equivalent: one dashboard with the same golden-signal graphs and alarm status,
 * the same two alarms per function. One stack and one dashboard, no limit handling (the
 * resource check is off so the row shows what it would produce past 500 resources).
 */
function handWired(n: number): BenchScenario {
  return {
    name: `anchor: hand-wired L2 dashboard + alarms, ${n} functions (one stack, no limit handling)`,
    build: (app: App) => {
      // CDK refuses stacks over 500 resources at synth; the check is turned off so the row can
      // show what one stack would hold (past 500 resources it is not deployable).
      app.node.setContext('@aws-cdk/core:stackResourceLimit', 0);
      const stack = new Stack(app, `BenchObservabilityL2${n}`, { env });
      const key = new kms.Key(stack, 'TopicKey', { enableKeyRotation: true });
      const topic = new sns.Topic(stack, 'Alarms', { masterKey: key, enforceSSL: true });
      const dashboard = new cloudwatch.Dashboard(stack, 'Dashboard');
      for (const fn of functions(stack, n)) {
        const invocations = fn.metricInvocations({ period: Duration.minutes(5) });
        const errors = fn.metricErrors({ period: Duration.minutes(5) });
        const errorRate = new cloudwatch.MathExpression({ expression: 'IF(requests > 0, 100 * errors / requests, 0)', usingMetrics: { errors, requests: invocations } });
        const p99 = fn.metricDuration({ statistic: 'p99' });
        const rateAlarm = errorRate.createAlarm(stack, `${fn.node.id}ErrorRate`, { threshold: 5, evaluationPeriods: 3 });
        const latencyAlarm = p99.createAlarm(stack, `${fn.node.id}Latency`, { threshold: 3000, evaluationPeriods: 3 });
        rateAlarm.addAlarmAction(new actions.SnsAction(topic));
        latencyAlarm.addAlarmAction(new actions.SnsAction(topic));
        dashboard.addWidgets(
          new cloudwatch.TextWidget({ markdown: `### ${fn.node.id}`, width: 24, height: 2 }),
          new cloudwatch.GraphWidget({ title: 'Traffic', left: [invocations], width: 6 }),
          new cloudwatch.GraphWidget({ title: 'Errors', left: [errors, errorRate], width: 6 }),
          new cloudwatch.GraphWidget({ title: 'Latency', left: ['p50', 'p90', 'p99'].map((statistic) => fn.metricDuration({ statistic })), width: 6 }),
          new cloudwatch.GraphWidget({ title: 'Saturation', left: [fn.metric('ConcurrentExecutions', { statistic: 'Maximum' }), fn.metricThrottles()], width: 6 }),
          new cloudwatch.AlarmStatusWidget({ alarms: [rateAlarm, latencyAlarm], width: 24 }),
        );
      }
      return [stack];
    },
  };
}

/** The anchor: cdk-monitoring-constructs' facade, a fault-rate and a p99 latency alarm per function. */
function monitoringConstructs(n: number): BenchScenario {
  return {
    name: `anchor: cdk-monitoring-constructs 10.2.0, ${n} functions (fault rate + p99 alarms, SNS action)`,
    build: (app: App) => {
      const stack = new Stack(app, `BenchMonitoringConstructs${n}`, { env });
      const key = new kms.Key(stack, 'TopicKey', { enableKeyRotation: true });
      const topic = new sns.Topic(stack, 'Alarms', { masterKey: key, enforceSSL: true });
      const facade = new MonitoringFacade(stack, 'Monitoring', {
        alarmFactoryDefaults: { alarmNamePrefix: 'bench', actionsEnabled: true, action: new SnsAlarmActionStrategy({ onAlarmTopic: topic }) },
      });
      for (const fn of functions(stack, n)) {
        facade.monitorLambdaFunction({
          lambdaFunction: fn,
          alarmFriendlyName: fn.node.id,
          addFaultRateAlarm: { Critical: { maxErrorRate: 5 } },
          addLatencyP99Alarm: { Critical: { maxLatency: Duration.seconds(3) } },
        });
      }
      return [stack];
    },
  };
}

const scenarios: BenchScenario[] = [...SIZES.map(gantry), ...SIZES.map(monitoringConstructs), ...SIZES.map(handWired)];

export default scenarios;
