import { EventEmitter } from 'node:events';
import * as http from 'node:http';
import * as https from 'node:https';
import { Readable } from 'node:stream';
import { configOf, EcsHookEvent, handler } from '../../constructs/blue-green-ecs-service/ecs-smoke-test.lambda';

// request of node:http and node:https replaced by mocks (the rest of the modules is real).
jest.mock('node:https', () => ({ ...jest.requireActual('node:https'), request: jest.fn() }));
jest.mock('node:http', () => ({ ...jest.requireActual('node:http'), request: jest.fn() }));

const config = {
  service: 'App/Web',
  url: 'http://internal-alb.eu-west-1.elb.amazonaws.com:8080/health',
  expectedStatus: 200,
  maxAttempts: 3,
  retryDelaySeconds: 15,
  requestTimeoutMs: 5000,
};
const revision = 'arn:aws:ecs:eu-west-1:111111111111:service-revision/cluster/web/1111';
const event = (hookDetails: object | undefined = config, rev = revision): EcsHookEvent => ({
  executionDetails: { serviceArn: 'arn:aws:ecs:eu-west-1:111111111111:service/cluster/web', targetServiceRevisionArn: rev, lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT' },
  hookDetails: hookDetails as any,
});

let fetchMock: jest.SpyInstance;
let logs: any[];
beforeEach(() => {
  fetchMock = jest.spyOn(globalThis, 'fetch');
  logs = [];
  jest.spyOn(console, 'log').mockImplementation((line: string) => { logs.push(JSON.parse(line)); });
});
afterEach(() => jest.restoreAllMocks());

const answer = (status: number, body = '') => fetchMock.mockResolvedValueOnce(new Response(body, { status }));

test('SUCCEEDED when the test listener answers the expected status; one GET to the configured URL with a timeout', async () => {
  answer(200);
  await expect(handler(event())).resolves.toEqual({ hookStatus: 'SUCCEEDED', reason: 'the new revision answered 200' });
  expect(fetchMock).toHaveBeenCalledTimes(1);
  const [url, init] = fetchMock.mock.calls[0];
  expect(url).toBe(config.url);
  expect(init).toMatchObject({ method: 'GET', redirect: 'manual' });
  expect(init.signal).toBeInstanceOf(AbortSignal);
  expect(logs).toEqual([expect.objectContaining({ level: 'INFO', message: 'smoke test succeeded', service: 'App/Web', revision, attempt: 1, stage: 'POST_TEST_TRAFFIC_SHIFT' })]);
});

test('IN_PROGRESS with callBackDelay and the attempt count while the new tasks warm up, then FAILED after maxAttempts', async () => {
  answer(503);
  const first = await handler(event());
  expect(first).toMatchObject({ hookStatus: 'IN_PROGRESS', callBackDelay: 15, hookDetails: { ...config, attempt: 1, revision }, reason: 'expected status 200, got 503' });
  // ECS passes the returned hookDetails back on the next invocation.
  answer(502);
  const second = await handler(event(first.hookDetails));
  expect(second).toMatchObject({ hookStatus: 'IN_PROGRESS', hookDetails: { attempt: 2 } });
  answer(500);
  const third = await handler(event(second.hookDetails));
  expect(third).toEqual({ hookStatus: 'FAILED', reason: 'expected status 200, got 500 (after 3 attempt(s))' });
  expect(third.hookDetails).toBeUndefined();
  expect(logs.map((l) => l.level)).toEqual(['INFO', 'INFO', 'ERROR']);
});

test('a warm-up that recovers succeeds on a later attempt', async () => {
  answer(503);
  const first = await handler(event());
  answer(200);
  await expect(handler(event(first.hookDetails))).resolves.toMatchObject({ hookStatus: 'SUCCEEDED' });
});

test('network errors and timeouts count as a failed attempt, never an exception', async () => {
  fetchMock.mockRejectedValueOnce(new Error('connect ECONNREFUSED'));
  await expect(handler(event())).resolves.toMatchObject({ hookStatus: 'IN_PROGRESS', reason: 'request failed: connect ECONNREFUSED' });
  fetchMock.mockRejectedValueOnce(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  await expect(handler(event({ ...config, maxAttempts: 1 }))).resolves.toMatchObject({ hookStatus: 'FAILED', reason: expect.stringMatching(/^request failed: The operation was aborted due to timeout/) });
});

test('the body must contain the expected text when configured', async () => {
  answer(200, '<h1>Welcome to nginx!</h1>');
  await expect(handler(event({ ...config, expectedBodyContains: 'nginx' }))).resolves.toMatchObject({ hookStatus: 'SUCCEEDED' });
  answer(200, 'maintenance');
  await expect(handler(event({ ...config, expectedBodyContains: 'nginx', maxAttempts: 1 })))
    .resolves.toMatchObject({ hookStatus: 'FAILED', reason: 'the body does not contain "nginx" (after 1 attempt(s))' });
});

test('idempotent: progress carried over from another revision (a rollback, a later deployment) starts afresh', async () => {
  answer(503);
  const stale = { ...config, attempt: 2, revision: 'arn:aws:ecs:eu-west-1:111111111111:service-revision/cluster/web/0000' };
  await expect(handler(event(stale))).resolves.toMatchObject({ hookStatus: 'IN_PROGRESS', hookDetails: { attempt: 1, revision } });
  // The same invocation again gives the same answer: the check has no side effects.
  answer(503);
  await expect(handler(event(stale))).resolves.toMatchObject({ hookStatus: 'IN_PROGRESS', hookDetails: { attempt: 1, revision } });
});

test('an unconfigured or malformed call fails at once (rolls back) instead of leaving the deployment waiting', async () => {
  await expect(handler({ ...event(), hookDetails: undefined })).resolves.toMatchObject({ hookStatus: 'FAILED' });
  await expect(handler(event({ ...config, url: 'ftp://x' }))).resolves.toMatchObject({ hookStatus: 'FAILED' });
  await expect(handler({} as any)).resolves.toMatchObject({ hookStatus: 'FAILED' });
  expect(fetchMock).not.toHaveBeenCalled();
  expect(logs.every((l) => l.level === 'ERROR')).toBe(true);
});

test('configOf reads numbers given as strings (hookDetails is JSON) and rejects non-positive ones', () => {
  expect(configOf({ ...config, maxAttempts: '4' as any })).toMatchObject({ maxAttempts: 4 });
  expect(configOf({ ...config, retryDelaySeconds: 0 })).toBeUndefined();
  expect(configOf({ ...config, expectedStatus: 'x' as any })).toBeUndefined();
});

test('a payload with the execution details at the top level is read too', async () => {
  answer(200);
  const flat = { serviceArn: 'arn:aws:ecs:eu-west-1:111111111111:service/c/web', targetServiceRevisionArn: revision, hookDetails: config } as EcsHookEvent;
  await expect(handler(flat)).resolves.toMatchObject({ hookStatus: 'SUCCEEDED' });
  expect(logs[0]).toMatchObject({ revision });
});

describe('with a host name (HTTPS listeners): node:https with SNI and Host, certificate verified', () => {
  const tlsConfig = { ...config, url: 'https://internal-alb.eu-west-1.elb.amazonaws.com:8443/health', hostName: 'web.example.com' };
  let requests: Array<{ options: https.RequestOptions; ended: boolean }>;
  const httpsMock = https.request as unknown as jest.Mock;
  const httpMock = http.request as unknown as jest.Mock;

  /** A request that answers `status` and `body` once ended, or fails with `error` (as a TLS name mismatch does). */
  const fakeRequest = (answerWith: { status?: number; body?: string; error?: Error }) => (options: any, callback: (res: any) => void) => {
    const request = new EventEmitter() as EventEmitter & { end: () => void };
    const entry = { options, ended: false };
    requests.push(entry);
    request.end = () => {
      entry.ended = true;
      setImmediate(() => {
        if (answerWith.error) {
          request.emit('error', answerWith.error);
          return;
        }
        const response = Readable.from([Buffer.from(answerWith.body ?? '')]) as Readable & { statusCode?: number };
        response.statusCode = answerWith.status;
        callback(response);
      });
    };
    return request;
  };

  beforeEach(() => {
    requests = [];
    httpsMock.mockReset();
    httpMock.mockReset();
  });

  test('connects to the load balancer, sends the host name as SNI and Host header (with the port), keeps verification on', async () => {
    httpsMock.mockImplementationOnce(fakeRequest({ status: 200, body: '<h1>Welcome to nginx!</h1>' }) as any);
    await expect(handler(event({ ...tlsConfig, expectedBodyContains: 'nginx' }))).resolves.toEqual({ hookStatus: 'SUCCEEDED', reason: 'the new revision answered 200' });
    expect(requests).toHaveLength(1);
    const { options, ended } = requests[0];
    expect(ended).toBe(true);
    expect(options).toMatchObject({
      method: 'GET',
      hostname: 'internal-alb.eu-west-1.elb.amazonaws.com',
      port: 8443,
      path: '/health',
      servername: 'web.example.com',
      headers: { host: 'web.example.com:8443' },
      rejectUnauthorized: true,
    });
    expect(options.signal).toBeInstanceOf(AbortSignal);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(httpMock).not.toHaveBeenCalled();
  });

  test('a certificate that does not match the host name is a failed attempt (never accepted), and the host name carries over', async () => {
    const mismatch = Object.assign(new Error("Hostname/IP does not match certificate's altnames: Host: web.example.com. is not in the cert's altnames: DNS:other.example.com"), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    httpsMock.mockImplementationOnce(fakeRequest({ error: mismatch }) as any);
    const first = await handler(event(tlsConfig));
    expect(first).toMatchObject({ hookStatus: 'IN_PROGRESS', reason: expect.stringMatching(/^request failed: Hostname\/IP does not match certificate's altnames/) });
    expect(first.hookDetails).toMatchObject({ hostName: 'web.example.com', attempt: 1 });
    httpsMock.mockImplementationOnce(fakeRequest({ status: 503 }) as any);
    await expect(handler(event({ ...first.hookDetails!, maxAttempts: 2 }))).resolves.toEqual({ hookStatus: 'FAILED', reason: 'expected status 200, got 503 (after 2 attempt(s))' });
    expect(requests[1].options).toMatchObject({ servername: 'web.example.com' });
  });

  test('over plain HTTP the host name is the Host header only (no TLS options); the default port is left out of Host', async () => {
    httpMock.mockImplementationOnce(fakeRequest({ status: 200 }) as any);
    await expect(handler(event({ ...config, url: 'http://internal-alb.eu-west-1.elb.amazonaws.com/health?x=1', hostName: 'web.example.com' })))
      .resolves.toMatchObject({ hookStatus: 'SUCCEEDED' });
    expect(requests[0].options).toMatchObject({ path: '/health?x=1', headers: { host: 'web.example.com' } });
    expect(requests[0].options.servername).toBeUndefined();
    expect(httpsMock).not.toHaveBeenCalled();
  });

  test('configOf keeps a host name, drops an empty or non-string one', () => {
    expect(configOf(tlsConfig)).toMatchObject({ hostName: 'web.example.com' });
    expect(configOf({ ...tlsConfig, hostName: '' })).not.toHaveProperty('hostName');
    expect(configOf({ ...tlsConfig, hostName: 7 as any })).not.toHaveProperty('hostName');
  });
});
