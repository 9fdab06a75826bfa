// Built-in smoke-test hook of BlueGreenEcsService: one function per stack, shared by every service
// there, placed in the services' VPC. Amazon ECS invokes it at a lifecycle stage (after test
// traffic shifted, by default) with the service's check in hookDetails; it calls the test listener
// and answers SUCCEEDED, FAILED, or IN_PROGRESS while the new tasks warm up. Retries are bounded
// (maxAttempts), so a deployment never waits on it; checks are counted per target revision and
// have no side effects, so a re-invocation (on rollback, or of a later deployment) is safe.
import { EcsSmokeTestConfig, EcsSmokeTestState } from './private/smoke-test-config';

/** The payload Amazon ECS sends to a Lambda lifecycle hook (fields read by this hook). */
export interface EcsHookEvent {
  readonly executionDetails?: EcsHookExecutionDetails;
  readonly hookDetails?: Partial<EcsSmokeTestState>;
  readonly serviceArn?: string;
  readonly targetServiceRevisionArn?: string;
  readonly lifecycleStage?: string;
}

export interface EcsHookExecutionDetails {
  readonly serviceArn?: string;
  readonly targetServiceRevisionArn?: string;
  readonly lifecycleStage?: string;
}

/** What the hook answers (the ECS lifecycle hook contract). */
export interface EcsHookResult {
  readonly hookStatus: 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS';
  readonly callBackDelay?: number;
  readonly hookDetails?: EcsSmokeTestState;
  readonly reason: string;
}

export async function handler(event: EcsHookEvent): Promise<EcsHookResult> {
  const details = event?.executionDetails ?? event ?? {};
  const serviceArn = details.serviceArn;
  const revision = details.targetServiceRevisionArn;
  const stage = details.lifecycleStage;
  const config = configOf(event?.hookDetails);
  if (!config) {
    // Not a configured call: fail at once (rolls back) rather than leave the deployment waiting.
    const result: EcsHookResult = { hookStatus: 'FAILED', reason: 'the hook was invoked without a smoke-test configuration in hookDetails' };
    log('ERROR', result.reason, { serviceArn, revision, stage });
    return result;
  }

  const state = event.hookDetails as EcsSmokeTestState;
  // Count checks per revision: hookDetails carried over from another revision start afresh.
  const previous = state.revision === revision ? state.attempt ?? 0 : 0;
  const attempt = previous + 1;
  const context = { service: config.service, serviceArn, revision, stage, url: config.url, attempt, maxAttempts: config.maxAttempts };

  let problem: string | undefined;
  try {
    problem = await check(config);
  } catch (error) {
    problem = `request failed: ${messageOf(error)}`;
  }

  if (problem === undefined) {
    const result: EcsHookResult = { hookStatus: 'SUCCEEDED', reason: `the new revision answered ${config.expectedStatus}` };
    log('INFO', 'smoke test succeeded', { ...context, reason: result.reason });
    return result;
  }
  if (attempt < config.maxAttempts) {
    log('INFO', 'smoke test not passing yet, checking again', { ...context, reason: problem, callBackDelay: config.retryDelaySeconds });
    return {
      hookStatus: 'IN_PROGRESS',
      callBackDelay: config.retryDelaySeconds,
      hookDetails: { ...config, attempt, revision },
      reason: problem,
    };
  }
  log('ERROR', 'smoke test failed', { ...context, reason: problem });
  return { hookStatus: 'FAILED', reason: `${problem} (after ${attempt} attempt(s))` };
}

/** One request to the test listener: undefined when the answer is as expected, else what is wrong. */
async function check(config: EcsSmokeTestConfig): Promise<string | undefined> {
  const response = await fetch(config.url, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(config.requestTimeoutMs) });
  const body = config.expectedBodyContains !== undefined ? await response.text() : '';
  if (response.status !== config.expectedStatus) return `expected status ${config.expectedStatus}, got ${response.status}`;
  if (config.expectedBodyContains !== undefined && !body.includes(config.expectedBodyContains)) {
    return `the body does not contain ${JSON.stringify(config.expectedBodyContains)}`;
  }
  return undefined;
}

/** The configuration from hookDetails, or undefined when it is missing or malformed. */
export function configOf(details: Partial<EcsSmokeTestState> | undefined): EcsSmokeTestConfig | undefined {
  if (!details || typeof details !== 'object') return undefined;
  const number = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN);
  const expectedStatus = number(details.expectedStatus);
  const maxAttempts = number(details.maxAttempts);
  const retryDelaySeconds = number(details.retryDelaySeconds);
  const requestTimeoutMs = number(details.requestTimeoutMs);
  if (typeof details.url !== 'string' || !/^https?:\/\//.test(details.url)) return undefined;
  if (![expectedStatus, maxAttempts, retryDelaySeconds, requestTimeoutMs].every((n) => Number.isFinite(n) && n > 0)) return undefined;
  return {
    service: String(details.service ?? ''),
    url: details.url,
    expectedStatus,
    expectedBodyContains: typeof details.expectedBodyContains === 'string' ? details.expectedBodyContains : undefined,
    maxAttempts,
    retryDelaySeconds,
    requestTimeoutMs,
  };
}

/** An error's message (DOMException, as fetch's timeout throws, is not an Error in every runtime). */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : String(error);
}

function log(level: 'INFO' | 'ERROR', message: string, fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ level, message, ...fields }));
}
