// Built-in smoke-test hook of BlueGreenEcsService: one function per stack, shared by every service
// there, placed in the services' VPC. Amazon ECS invokes it at a lifecycle stage (after test
// traffic shifted, by default) with the service's check in hookDetails; it calls the test listener
// and answers SUCCEEDED, FAILED, or IN_PROGRESS while the new tasks warm up. Retries are bounded
// (maxAttempts), so a deployment never waits on it; checks are counted per target revision and
// have no side effects, so a re-invocation (on rollback, or of a later deployment) is safe.
import * as http from 'node:http';
import * as https from 'node:https';
import { EcsSmokeTestConfig, EcsSmokeTestState } from './private/smoke-test-config';

/** The most of a body read for `expectedBodyContains` (a smoke-test page is small). */
const MAX_BODY_BYTES = 1024 * 1024;

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
  const { status, body } = config.hostName !== undefined ? await requestAs(config, config.hostName) : await fetchUrl(config);
  if (status !== config.expectedStatus) return `expected status ${config.expectedStatus}, got ${status}`;
  if (config.expectedBodyContains !== undefined && !body.includes(config.expectedBodyContains)) {
    return `the body does not contain ${JSON.stringify(config.expectedBodyContains)}`;
  }
  return undefined;
}

/** GET the URL as it is (the load balancer's DNS name). */
async function fetchUrl(config: EcsSmokeTestConfig): Promise<{ status: number; body: string }> {
  const response = await fetch(config.url, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(config.requestTimeoutMs) });
  const body = config.expectedBodyContains !== undefined ? await response.text() : '';
  return { status: response.status, body };
}

/**
 * GET the URL's address (the load balancer) as `hostName`: over HTTPS the name is the TLS SNI and
 * the certificate is verified against it (Node's default check, never turned off); it is the Host
 * header either way (with the port when it is not the scheme's default). Redirects are not followed.
 */
function requestAs(config: EcsSmokeTestConfig, hostName: string): Promise<{ status: number; body: string }> {
  const url = new URL(config.url);
  const secure = url.protocol === 'https:';
  const host = url.port !== '' ? `${hostName}:${url.port}` : hostName;
  const options: https.RequestOptions = {
    method: 'GET',
    hostname: url.hostname,
    port: url.port !== '' ? Number(url.port) : undefined,
    path: `${url.pathname}${url.search}`,
    headers: { host },
    signal: AbortSignal.timeout(config.requestTimeoutMs),
    ...(secure ? { servername: hostName, rejectUnauthorized: true } : {}),
  };
  return new Promise((resolve, reject) => {
    const request = (secure ? https.request : http.request)(options, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        if (size < MAX_BODY_BYTES) chunks.push(chunk);
        size += chunk.length;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
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
    ...(typeof details.hostName === 'string' && details.hostName !== '' ? { hostName: details.hostName } : {}),
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
