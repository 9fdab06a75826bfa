// The decision logic of ChaosExperiment's pipeline step. The step's state machine calls it three
// ways: `start` starts an experiment of the template (tagged so only this template's experiments
// can be read), `poll` reads the experiment until it reaches a terminal state (FIS events are best
// effort, so the step polls), and `verify` checks that the named alarms are back to OK before the
// recovery deadline. Every answer carries an `outcome` the state machine branches on and, when
// the step must fail, a message naming the experiment and its final state.
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { FisClient, GetExperimentCommand, StartExperimentCommand } from '@aws-sdk/client-fis';

import { TEMPLATE_TAG } from './private/runner-contract';

export { TEMPLATE_TAG };

const TERMINAL = new Set(['completed', 'stopped', 'failed', 'cancelled']);

export type Outcome = 'RUNNING' | 'COMPLETED' | 'RECOVERING' | 'RECOVERED' | 'FAILED';

export interface RunnerEvent {
  readonly action: 'start' | 'poll' | 'verify';
  readonly templateId: string;
  /** Shown in messages: the experiment's construct path or description. */
  readonly experimentName?: string;
  /** From `start` on: the running experiment. */
  readonly experimentId?: string;
  /** Alarms that must be OK after the experiment (verify). */
  readonly alarmNames?: string[];
  /** How long the alarms may take to return to OK after the experiment completed, in seconds. */
  readonly recoveryTimeoutSeconds?: number;
  /** Epoch milliseconds after which `verify` gives up; set by `poll` when the experiment completes. */
  readonly recoveryDeadline?: number;
  /** Idempotency token for StartExperiment (the state machine's execution name). */
  readonly clientToken?: string;
}

export interface RunnerResult {
  readonly outcome: Outcome;
  readonly experimentId?: string;
  readonly state?: string;
  readonly reason?: string;
  readonly recoveryDeadline?: number;
  /** Alarms not yet OK (verify). */
  readonly pendingAlarms?: string[];
  /** Error name and message for the state machine's Fail state. */
  readonly error?: string;
  readonly message: string;
}

const fis = new FisClient({});
const cloudwatch = new CloudWatchClient({});

export async function handler(event: RunnerEvent): Promise<RunnerResult> {
  return run(event, Date.now);
}

/** The handler with its clock given (tests move time forward). */
export async function run(event: RunnerEvent, now: () => number): Promise<RunnerResult> {
  if (!event?.templateId || !event.action) throw new Error('Expected an event with action and templateId');
  const result = event.action === 'start' ? await start(event)
    : event.action === 'poll' ? await poll(event, now)
      : event.action === 'verify' ? await verify(event, now)
        : undefined;
  if (!result) throw new Error(`Unknown action '${event.action}': expected start, poll or verify`);
  log(result.outcome === 'FAILED' ? 'ERROR' : 'INFO', result.message, { templateId: event.templateId, ...result });
  return result;
}

async function start(event: RunnerEvent): Promise<RunnerResult> {
  const response = await fis.send(new StartExperimentCommand({
    experimentTemplateId: event.templateId,
    clientToken: event.clientToken,
    tags: { [TEMPLATE_TAG]: event.templateId },
  }));
  const experimentId = response.experiment?.id;
  if (!experimentId) throw new Error(`FIS started no experiment for template ${event.templateId}`);
  const state = response.experiment?.state?.status ?? 'pending';
  return { outcome: 'RUNNING', experimentId, state, message: `Chaos experiment ${experimentId} of ${name(event)} started (${state})` };
}

async function poll(event: RunnerEvent, now: () => number): Promise<RunnerResult> {
  const experimentId = required(event.experimentId, 'experimentId');
  const { experiment } = await fis.send(new GetExperimentCommand({ id: experimentId }));
  const state = experiment?.state?.status ?? 'unknown';
  const reason = experiment?.state?.reason;
  return decide(event, experimentId, state, reason, now());
}

/**
 * What an experiment state means for the step: keep polling while active; go on to verify
 * recovery when completed; fail on stopped (a stop condition fired, or someone stopped it),
 * failed or cancelled.
 */
export function decide(event: RunnerEvent, experimentId: string, state: string, reason: string | undefined, nowMs: number): RunnerResult {
  const because = reason ? `: ${reason}` : '';
  if (!TERMINAL.has(state)) {
    return { outcome: 'RUNNING', experimentId, state, reason, message: `Chaos experiment ${experimentId} of ${name(event)} is ${state}` };
  }
  if (state === 'completed') {
    const recoveryDeadline = nowMs + (event.recoveryTimeoutSeconds ?? 600) * 1000;
    return { outcome: 'COMPLETED', experimentId, state, reason, recoveryDeadline, message: `Chaos experiment ${experimentId} of ${name(event)} completed${because}` };
  }
  return {
    outcome: 'FAILED',
    experimentId,
    state,
    reason,
    error: `ChaosExperiment${state[0].toUpperCase()}${state.slice(1)}`,
    message: `Chaos experiment ${experimentId} of ${name(event)} ended ${state}${because}`,
  };
}

async function verify(event: RunnerEvent, now: () => number): Promise<RunnerResult> {
  const experimentId = required(event.experimentId, 'experimentId');
  const alarmNames = event.alarmNames ?? [];
  const deadline = event.recoveryDeadline ?? now();
  if (alarmNames.length === 0) {
    return { outcome: 'RECOVERED', experimentId, state: 'completed', message: `Chaos experiment ${experimentId} of ${name(event)} completed; no alarms to verify` };
  }
  const states = new Map<string, string>();
  let nextToken: string | undefined;
  do {
    const page = await cloudwatch.send(new DescribeAlarmsCommand({
      AlarmNames: alarmNames, AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], NextToken: nextToken,
    }));
    for (const alarm of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]) {
      if (alarm.AlarmName) states.set(alarm.AlarmName, alarm.StateValue ?? 'UNKNOWN');
    }
    nextToken = page.NextToken;
  } while (nextToken);
  const pending = alarmNames.filter((n) => states.get(n) !== 'OK');
  if (pending.length === 0) {
    return { outcome: 'RECOVERED', experimentId, state: 'completed', message: `Chaos experiment ${experimentId} of ${name(event)} completed and ${alarmNames.length} alarm(s) are OK` };
  }
  const detail = pending.map((n) => `${n} (${states.get(n) ?? 'not found'})`).join(', ');
  if (now() < deadline) {
    return { outcome: 'RECOVERING', experimentId, state: 'completed', recoveryDeadline: deadline, pendingAlarms: pending, message: `Waiting for ${detail} to return to OK` };
  }
  return {
    outcome: 'FAILED',
    experimentId,
    state: 'completed',
    pendingAlarms: pending,
    error: 'ChaosExperimentNotRecovered',
    message: `Chaos experiment ${experimentId} of ${name(event)} completed but did not recover within ${event.recoveryTimeoutSeconds ?? 600} seconds: ${detail}`,
  };
}

function name(event: RunnerEvent): string {
  return event.experimentName ? `${event.experimentName} (template ${event.templateId})` : `template ${event.templateId}`;
}

function required(value: string | undefined, field: string): string {
  if (!value) throw new Error(`Expected ${field} in the event`);
  return value;
}

function log(level: 'INFO' | 'ERROR', message: string, data: object): void {
  // eslint-disable-next-line no-console
  console.log(JSON.stringify({ level, message, ...data }));
}
