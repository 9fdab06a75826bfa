import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { FisClient, GetExperimentCommand, StartExperimentCommand } from '@aws-sdk/client-fis';
import { mockClient } from 'aws-sdk-client-mock';
import { handler, run, RunnerEvent, TEMPLATE_TAG } from '../../constructs/chaos-experiment/experiment-runner.lambda';

// The registry here serves @aws-sdk/client-fis 3.523 only, whose smithy types predate aws-sdk-client-mock's:
// the mock works at run time, the types are loosened.
const fis: any = mockClient(FisClient as any);
const cloudwatch = mockClient(CloudWatchClient);

const BASE: RunnerEvent = {
  action: 'start',
  templateId: 'EXT123abc',
  experimentName: 'GantryChaos/Latency',
  alarmNames: ['svc-errors', 'svc-latency'],
  recoveryTimeoutSeconds: 300,
};
const T0 = Date.UTC(2026, 11, 1, 21, 0, 0);

beforeEach(() => {
  fis.reset();
  cloudwatch.reset();
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

function experimentIn(status: string, reason?: string) {
  fis.on(GetExperimentCommand, { id: 'EXP42' }).resolves({ experiment: { id: 'EXP42', experimentTemplateId: 'EXT123abc', state: { status: status as any, reason } } });
}

function alarms(states: Record<string, string>) {
  cloudwatch.on(DescribeAlarmsCommand).resolves({
    MetricAlarms: Object.entries(states).map(([AlarmName, StateValue]) => ({ AlarmName, StateValue: StateValue as any })),
  });
}

/** Runs the step as its state machine does: start, poll until terminal, verify until decided. */
async function runStep(clock: { now: number }, stepMs = 30_000) {
  const now = () => clock.now;
  let result = await run({ ...BASE, action: 'start', clientToken: 'exec-1' }, now);
  while (result.outcome === 'RUNNING') {
    clock.now += stepMs;
    result = await run({ ...BASE, action: 'poll', experimentId: result.experimentId }, now);
  }
  while (result.outcome === 'COMPLETED' || result.outcome === 'RECOVERING') {
    clock.now += stepMs;
    result = await run({ ...BASE, action: 'verify', experimentId: result.experimentId, recoveryDeadline: result.recoveryDeadline }, now);
  }
  return result;
}

test('start: starts an experiment of the template, idempotently, tagged with the template', async () => {
  fis.on(StartExperimentCommand).resolves({ experiment: { id: 'EXP42', state: { status: 'initiating' } } });
  const result = await handler({ ...BASE, action: 'start', clientToken: 'exec-1' });
  expect(result).toMatchObject({ outcome: 'RUNNING', experimentId: 'EXP42', state: 'initiating' });
  expect(fis.commandCalls(StartExperimentCommand)[0].args[0].input).toEqual({
    experimentTemplateId: 'EXT123abc', clientToken: 'exec-1', tags: { [TEMPLATE_TAG]: 'EXT123abc' },
  });
});

test('completed and recovered: polls until completed, then passes once the alarms are OK', async () => {
  fis.on(StartExperimentCommand).resolves({ experiment: { id: 'EXP42', state: { status: 'pending' } } });
  fis.on(GetExperimentCommand).resolvesOnce({ experiment: { id: 'EXP42', state: { status: 'running' } } })
    .resolves({ experiment: { id: 'EXP42', state: { status: 'completed', reason: 'Experiment completed.' } } });
  cloudwatch.on(DescribeAlarmsCommand)
    .resolvesOnce({ MetricAlarms: [{ AlarmName: 'svc-errors', StateValue: 'ALARM' }, { AlarmName: 'svc-latency', StateValue: 'OK' }] })
    .resolves({ MetricAlarms: [{ AlarmName: 'svc-errors', StateValue: 'OK' }, { AlarmName: 'svc-latency', StateValue: 'OK' }] });

  const result = await runStep({ now: T0 });

  expect(result.outcome).toBe('RECOVERED');
  expect(result.message).toBe('Chaos experiment EXP42 of GantryChaos/Latency (template EXT123abc) completed and 2 alarm(s) are OK');
  expect(fis.commandCalls(GetExperimentCommand)).toHaveLength(2);
  expect(cloudwatch.commandCalls(DescribeAlarmsCommand)).toHaveLength(2);
  expect(cloudwatch.commandCalls(DescribeAlarmsCommand)[0].args[0].input.AlarmNames).toEqual(['svc-errors', 'svc-latency']);
});

test('stopped by alarm: fails naming the experiment, its final state and the reason', async () => {
  fis.on(StartExperimentCommand).resolves({ experiment: { id: 'EXP42', state: { status: 'pending' } } });
  experimentIn('stopped', 'Experiment stopped by stop condition arn:aws:cloudwatch:eu-west-1:111111111111:alarm:svc-errors');

  const result = await runStep({ now: T0 });

  expect(result).toMatchObject({ outcome: 'FAILED', state: 'stopped', error: 'ChaosExperimentStopped' });
  expect(result.message).toBe('Chaos experiment EXP42 of GantryChaos/Latency (template EXT123abc) ended stopped: '
    + 'Experiment stopped by stop condition arn:aws:cloudwatch:eu-west-1:111111111111:alarm:svc-errors');
  expect(cloudwatch.commandCalls(DescribeAlarmsCommand)).toHaveLength(0);
});

test('failed: fails with the experiment state and reason', async () => {
  fis.on(StartExperimentCommand).resolves({ experiment: { id: 'EXP42', state: { status: 'pending' } } });
  experimentIn('failed', 'Target resolution returned empty set');
  const result = await runStep({ now: T0 });
  expect(result).toMatchObject({ outcome: 'FAILED', state: 'failed', error: 'ChaosExperimentFailed' });
  expect(result.message).toContain('EXP42');
  expect(result.message).toContain('ended failed: Target resolution returned empty set');
});

test('cancelled: fails too', async () => {
  fis.on(StartExperimentCommand).resolves({ experiment: { id: 'EXP42', state: { status: 'pending' } } });
  experimentIn('cancelled');
  const result = await runStep({ now: T0 });
  expect(result).toMatchObject({ outcome: 'FAILED', state: 'cancelled', error: 'ChaosExperimentCancelled' });
  expect(result.message).toBe('Chaos experiment EXP42 of GantryChaos/Latency (template EXT123abc) ended cancelled');
});

test('not recovered in time: keeps waiting until the deadline, then fails naming the alarms still not OK', async () => {
  fis.on(StartExperimentCommand).resolves({ experiment: { id: 'EXP42', state: { status: 'pending' } } });
  experimentIn('completed');
  alarms({ 'svc-errors': 'ALARM', 'svc-latency': 'OK' });
  const clock = { now: T0 };

  const result = await runStep(clock, 60_000);

  expect(result).toMatchObject({ outcome: 'FAILED', state: 'completed', error: 'ChaosExperimentNotRecovered', pendingAlarms: ['svc-errors'] });
  expect(result.message).toBe('Chaos experiment EXP42 of GantryChaos/Latency (template EXT123abc) completed but did not recover within 300 seconds: svc-errors (ALARM)');
  // 300 s of recovery window at one check a minute: five checks while waiting, the sixth after the deadline fails.
  expect(cloudwatch.commandCalls(DescribeAlarmsCommand)).toHaveLength(5);
});

test('an alarm that does not exist never counts as recovered', async () => {
  alarms({ 'svc-latency': 'OK' });
  const result = await run({ ...BASE, action: 'verify', experimentId: 'EXP42', recoveryDeadline: T0 - 1 }, () => T0);
  expect(result.outcome).toBe('FAILED');
  expect(result.message).toContain('svc-errors (not found)');
});

test('insufficient data is not OK: still recovering before the deadline', async () => {
  alarms({ 'svc-errors': 'INSUFFICIENT_DATA', 'svc-latency': 'OK' });
  const result = await run({ ...BASE, action: 'verify', experimentId: 'EXP42', recoveryDeadline: T0 + 1000 }, () => T0);
  expect(result).toMatchObject({ outcome: 'RECOVERING', pendingAlarms: ['svc-errors'] });
});

test('a bad event is an error, not a silent pass', async () => {
  await expect(handler({} as any)).rejects.toThrow('Expected an event with action and templateId');
  await expect(handler({ ...BASE, action: 'explode' as any })).rejects.toThrow("Unknown action 'explode'");
  await expect(handler({ ...BASE, action: 'poll' })).rejects.toThrow('Expected experimentId in the event');
});
