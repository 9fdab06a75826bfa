import { CodeDeployClient, GetDeploymentCommand, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { CONFIG_ENV_PREFIX, handler, subsetMismatch, targetOf } from '../../constructs/blue-green-lambda/smoke-test.lambda';

const codedeploy = mockClient(CodeDeployClient);
const lambda = mockClient(LambdaClient);

const EVENT = { DeploymentId: 'd-ABC123', LifecycleEventHookExecutionId: 'hook-exec-1' };
const APPSPEC = JSON.stringify({
  version: 0.0,
  Resources: [{ Api: { Type: 'AWS::Lambda::Function', Properties: { Name: 'orders-fn', Alias: 'live', CurrentVersion: '3', TargetVersion: '4' } } }],
});
const encode = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const context = (remainingMs = 300_000) => ({ getRemainingTimeInMillis: () => remainingMs });

function configure(config: Record<string, unknown>) {
  process.env[`${CONFIG_ENV_PREFIX}ORDERS`] = JSON.stringify({ deploymentGroup: 'orders-group', payload: { ping: true }, timeoutMs: 5_000, ...config });
}

/** The exact report sent to CodeDeploy: there must be one and only one. */
function reported() {
  const calls = codedeploy.commandCalls(PutLifecycleEventHookExecutionStatusCommand);
  expect(calls).toHaveLength(1);
  return calls[0].args[0].input;
}

beforeEach(() => {
  codedeploy.reset();
  lambda.reset();
  for (const name of Object.keys(process.env)) if (name.startsWith(CONFIG_ENV_PREFIX)) delete process.env[name];
  process.env[`${CONFIG_ENV_PREFIX}OTHER`] = JSON.stringify({ deploymentGroup: 'other-group', payload: {}, timeoutMs: 1_000 });
  codedeploy.on(GetDeploymentCommand).resolves({
    deploymentInfo: { deploymentId: EVENT.DeploymentId, deploymentGroupName: 'orders-group', applicationName: 'app', revision: { revisionType: 'AppSpecContent', appSpecContent: { content: APPSPEC } } },
  });
  codedeploy.on(PutLifecycleEventHookExecutionStatusCommand).resolves({ lifecycleEventHookExecutionId: EVENT.LifecycleEventHookExecutionId });
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});

afterEach(() => jest.restoreAllMocks());

test('success: invokes the version under deployment with the payload and reports Succeeded', async () => {
  configure({ expectedStatusCode: 200, expectedResponse: { body: { ok: true } } });
  lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: encode({ statusCode: 200, body: { ok: true, extra: 1 } }) as any });

  const result = await handler(EVENT, context());

  expect(result.status).toBe('Succeeded');
  expect(reported()).toEqual({ deploymentId: 'd-ABC123', lifecycleEventHookExecutionId: 'hook-exec-1', status: 'Succeeded' });
  const invoke = lambda.commandCalls(InvokeCommand);
  expect(invoke).toHaveLength(1);
  expect(invoke[0].args[0].input).toMatchObject({ FunctionName: 'orders-fn', Qualifier: '4', InvocationType: 'RequestResponse' });
  expect(JSON.parse(new TextDecoder().decode(invoke[0].args[0].input.Payload as Uint8Array))).toEqual({ ping: true });
  expect(codedeploy.commandCalls(GetDeploymentCommand)[0].args[0].input).toEqual({ deploymentId: 'd-ABC123' });
});

test('function error: reports Failed', async () => {
  configure({});
  lambda.on(InvokeCommand).resolves({ StatusCode: 200, FunctionError: 'Unhandled', Payload: encode({ errorMessage: 'boom' }) as any });

  const result = await handler(EVENT, context());

  expect(result).toEqual({ status: 'Failed', reason: expect.stringContaining('function error (Unhandled)') });
  expect(reported()).toEqual({ deploymentId: 'd-ABC123', lifecycleEventHookExecutionId: 'hook-exec-1', status: 'Failed' });
});

test('payload mismatch: a missing or different field reports Failed', async () => {
  configure({ expectedResponse: { body: { ok: true } } });
  lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: encode({ statusCode: 200, body: { ok: false } }) as any });

  const result = await handler(EVENT, context());

  expect(result).toEqual({ status: 'Failed', reason: expect.stringContaining('$.body.ok') });
  expect(reported()).toEqual({ deploymentId: 'd-ABC123', lifecycleEventHookExecutionId: 'hook-exec-1', status: 'Failed' });
});

test('status code mismatch reports Failed', async () => {
  configure({ expectedStatusCode: 200 });
  lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: encode({ statusCode: 503 }) as any });

  expect((await handler(EVENT, context())).reason).toMatch(/expected statusCode 200, got 503/);
  expect(reported().status).toBe('Failed');
});

test('a response that is not JSON fails a JSON expectation', async () => {
  configure({ expectedResponse: { ok: true } });
  lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: encode('plain text') as any });

  expect((await handler(EVENT, context())).reason).toMatch(/not JSON/);
  expect(reported().status).toBe('Failed');
});

test('invoke throwing: reports Failed instead of leaving the deployment waiting', async () => {
  configure({});
  lambda.on(InvokeCommand).rejects(new Error('AccessDeniedException: not authorized'));

  const result = await handler(EVENT, context());

  expect(result).toEqual({ status: 'Failed', reason: 'AccessDeniedException: not authorized' });
  expect(reported()).toEqual({ deploymentId: 'd-ABC123', lifecycleEventHookExecutionId: 'hook-exec-1', status: 'Failed' });
});

test('timeout: a version that never answers is reported Failed within the configured time', async () => {
  configure({ timeoutMs: 50 });
  lambda.on(InvokeCommand).callsFake(() => new Promise(() => undefined));

  const started = Date.now();
  const result = await handler(EVENT, context());

  expect(Date.now() - started).toBeLessThan(5_000);
  expect(result).toEqual({ status: 'Failed', reason: 'the new version did not answer within 50 ms' });
  expect(reported()).toEqual({ deploymentId: 'd-ABC123', lifecycleEventHookExecutionId: 'hook-exec-1', status: 'Failed' });
});

test('the hook never outlives its own Lambda timeout: the budget is the remaining time less a margin', async () => {
  configure({ timeoutMs: 60_000 });
  lambda.on(InvokeCommand).callsFake(() => new Promise(() => undefined));

  const result = await handler(EVENT, context(10_050)); // 10 s margin leaves 1 s (the floor)

  expect(result.reason).toBe('the new version did not answer within 1000 ms');
  expect(reported().status).toBe('Failed');
});

test('GetDeployment failing or no configured test: reports Failed', async () => {
  codedeploy.on(GetDeploymentCommand).rejects(new Error('DeploymentDoesNotExistException'));
  expect((await handler(EVENT, context())).status).toBe('Failed');
  expect(reported().status).toBe('Failed');

  codedeploy.reset();
  codedeploy.on(GetDeploymentCommand).resolves({ deploymentInfo: { deploymentGroupName: 'unknown-group', revision: { appSpecContent: { content: APPSPEC } } } });
  const result = await handler(EVENT, context());
  expect(result.reason).toMatch(/no smoke test is configured for deployment group "unknown-group"/);
  expect(reported().status).toBe('Failed');
  expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
});

test('an event without the ids cannot be reported and throws', async () => {
  await expect(handler({} as any, context())).rejects.toThrow(/DeploymentId and LifecycleEventHookExecutionId/);
  expect(codedeploy.commandCalls(PutLifecycleEventHookExecutionStatusCommand)).toHaveLength(0);
});

test('logs structured JSON with the deployment and hook execution ids', async () => {
  configure({});
  lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: encode({}) as any });
  await handler(EVENT, context());
  const lines = (console.log as jest.Mock).mock.calls.map((c) => JSON.parse(c[0]));
  expect(lines[lines.length - 1]).toMatchObject({ level: 'INFO', message: 'smoke test succeeded', deploymentId: 'd-ABC123', lifecycleEventHookExecutionId: 'hook-exec-1' });
});

describe('targetOf', () => {
  test('reads the function and target version from a JSON AppSpec', () => {
    expect(targetOf(APPSPEC)).toEqual({ functionName: 'orders-fn', version: '4' });
  });
  test('reads them from a YAML AppSpec', () => {
    const yaml = 'version: 0.0\nResources:\n  - Api:\n      Type: AWS::Lambda::Function\n      Properties:\n        Name: "orders-fn"\n        Alias: live\n        CurrentVersion: 3\n        TargetVersion: 4\n';
    expect(targetOf(yaml)).toEqual({ functionName: 'orders-fn', version: '4' });
  });
  test('refuses an AppSpec without a target', () => {
    expect(() => targetOf(undefined)).toThrow(/no AppSpec/);
    expect(() => targetOf('{"Resources":[]}')).toThrow(/no function and target version/);
  });
});

describe('subsetMismatch', () => {
  test('matches nested subsets and arrays by index', () => {
    expect(subsetMismatch({ a: { b: [1, { c: 'x' }] } }, { a: { b: [1, { c: 'x', d: 2 }, 3] }, e: 1 }, '$')).toBeUndefined();
    expect(subsetMismatch({ a: [1, 2] }, { a: [1, 3] }, '$')).toBe('$.a[1]');
    expect(subsetMismatch({ a: {} }, { a: [] }, '$')).toBe('$.a');
    expect(subsetMismatch({ a: null }, { a: 0 }, '$')).toBe('$.a');
  });
});
