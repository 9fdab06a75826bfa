import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { IConstruct } from 'constructs';
import { hasString, metric, Monitor, MonitorContext, percentiles } from '../private/monitor';

function stateMachineMetrics(machine: sfn.IStateMachine, ctx: MonitorContext) {
  const dims = { StateMachineArn: machine.stateMachineArn };
  const m = (name: string, label: string) => metric(ctx, 'AWS/States', name, dims, 'Sum', label);
  const failed = m('ExecutionsFailed', 'Failed');
  const timedOut = m('ExecutionsTimedOut', 'Timed out');
  const aborted = m('ExecutionsAborted', 'Aborted');
  return {
    started: m('ExecutionsStarted', 'Started'),
    succeeded: m('ExecutionsSucceeded', 'Succeeded'),
    failed,
    timedOut,
    aborted,
    unsuccessful: new cloudwatch.MathExpression({
      expression: 'FILL(f, 0) + FILL(t, 0) + FILL(a, 0)',
      usingMetrics: { f: failed, t: timedOut, a: aborted },
      label: 'Failed, timed out or aborted',
      period: ctx.period,
    }),
    throttled: m('ExecutionThrottled', 'Throttled'),
    executionTime: percentiles(ctx, 'AWS/States', 'ExecutionTime', dims),
  };
}
type StateMachineMetrics = ReturnType<typeof stateMachineMetrics>;

/** A Step Functions state machine: executions by outcome, execution time, throttling. */
export const stepFunctionsMonitor: Monitor<sfn.IStateMachine, StateMachineMetrics> = {
  kind: 'Step Functions state machine',
  accepts: 'aws-stepfunctions StateMachine / IStateMachine',
  supports: (r: IConstruct) => r instanceof sfn.StateMachine || hasString(r, 'stateMachineArn'),
  metrics: (machine, ctx) => stateMachineMetrics(machine, ctx),
  signals: (m) => ({
    traffic: [m.started, m.succeeded],
    errors: [m.failed, m.timedOut, m.aborted],
    latency: m.executionTime,
    saturation: [m.throttled],
  }),
  alarms: (m) => [
    { id: 'FailedExecutions', description: 'Executions that failed, timed out or were aborted', metric: m.unsuccessful, comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, critical: 0, evaluationPeriods: 1 },
  ],
};
