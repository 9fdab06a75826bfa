// Built-in smoke-test hook of BlueGreenLambda: one function per stack, shared by every deployment
// group there. CodeDeploy calls it as the BeforeAllowTraffic hook; it invokes the version under
// deployment with the group's configured payload, checks the answer, and always reports Succeeded
// or Failed so a deployment never waits for the one-hour hook timeout.
import { CodeDeployClient, GetDeploymentCommand, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CONFIG_ENV_PREFIX, SmokeTestConfig } from './smoke-test-config';

export { CONFIG_ENV_PREFIX };

/** The event CodeDeploy sends to a Lambda lifecycle hook. */
export interface HookEvent {
  readonly DeploymentId: string;
  readonly LifecycleEventHookExecutionId: string;
}

type Status = 'Succeeded' | 'Failed';

/** Time kept back from the Lambda timeout to report the result. */
const REPORT_MARGIN_MS = 10_000;

const codedeploy = new CodeDeployClient({});
const lambda = new LambdaClient({});

export async function handler(event: HookEvent, context?: { getRemainingTimeInMillis(): number }): Promise<{ status: Status; reason: string }> {
  const deploymentId = event?.DeploymentId;
  const lifecycleEventHookExecutionId = event?.LifecycleEventHookExecutionId;
  if (!deploymentId || !lifecycleEventHookExecutionId) {
    log('ERROR', 'not a CodeDeploy lifecycle hook event', { event });
    throw new Error('Expected a CodeDeploy lifecycle hook event with DeploymentId and LifecycleEventHookExecutionId');
  }
  const budgetMs = Math.max(1_000, (context?.getRemainingTimeInMillis() ?? 300_000) - REPORT_MARGIN_MS);

  let status: Status = 'Failed';
  let reason: string;
  try {
    reason = await runSmokeTest(deploymentId, budgetMs);
    status = 'Succeeded';
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  log(status === 'Succeeded' ? 'INFO' : 'ERROR', `smoke test ${status.toLowerCase()}`, { deploymentId, lifecycleEventHookExecutionId, reason });

  await codedeploy.send(new PutLifecycleEventHookExecutionStatusCommand({ deploymentId, lifecycleEventHookExecutionId, status }));
  return { status, reason };
}

async function runSmokeTest(deploymentId: string, budgetMs: number): Promise<string> {
  const { deploymentInfo } = await codedeploy.send(new GetDeploymentCommand({ deploymentId }));
  const group = deploymentInfo?.deploymentGroupName;
  const config = findConfig(group);
  const target = targetOf(deploymentInfo?.revision?.appSpecContent?.content ?? deploymentInfo?.revision?.string?.content);
  const timeoutMs = Math.min(config.timeoutMs, budgetMs);
  log('INFO', 'invoking the version under deployment', { deploymentId, deploymentGroup: group, ...target, timeoutMs });

  const response = await withTimeout(timeoutMs, (abortSignal) => lambda.send(new InvokeCommand({
    FunctionName: target.functionName,
    Qualifier: target.version,
    InvocationType: 'RequestResponse',
    Payload: new TextEncoder().encode(JSON.stringify(config.payload ?? {})),
  }), { abortSignal }));

  const body = response.Payload ? new TextDecoder().decode(response.Payload) : '';
  if (response.FunctionError) throw new Error(`${target.functionName}:${target.version} returned a function error (${response.FunctionError}): ${body.slice(0, 500)}`);
  if (response.StatusCode !== undefined && (response.StatusCode < 200 || response.StatusCode > 299)) {
    throw new Error(`invoke returned status ${response.StatusCode}`);
  }
  if (config.expectedStatusCode === undefined && config.expectedResponse === undefined) return 'the new version answered without error';

  let parsed: any;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error(`the response is not JSON: ${body.slice(0, 200)}`);
  }
  if (config.expectedStatusCode !== undefined && parsed?.statusCode !== config.expectedStatusCode) {
    throw new Error(`expected statusCode ${config.expectedStatusCode}, got ${JSON.stringify(parsed?.statusCode)}`);
  }
  if (config.expectedResponse !== undefined) {
    const mismatch = subsetMismatch(config.expectedResponse, parsed, '$');
    if (mismatch) throw new Error(`the response does not match the expected JSON at ${mismatch}`);
  }
  return 'the new version answered as expected';
}

function findConfig(deploymentGroup: string | undefined): SmokeTestConfig {
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith(CONFIG_ENV_PREFIX) || !value) continue;
    const config = JSON.parse(value) as SmokeTestConfig;
    if (config.deploymentGroup === deploymentGroup) return config;
  }
  throw new Error(`no smoke test is configured for deployment group ${JSON.stringify(deploymentGroup)}`);
}

/** The function and version under deployment, from the deployment's AppSpec (JSON, or YAML as CodeDeploy may store it). */
export function targetOf(appSpec: string | undefined): { functionName: string; version: string } {
  if (!appSpec) throw new Error('the deployment has no AppSpec content');
  let properties: Record<string, unknown> | undefined;
  try {
    const resources = JSON.parse(appSpec).Resources as Array<Record<string, { Properties?: Record<string, unknown> }>>;
    properties = Object.values(resources?.[0] ?? {})[0]?.Properties;
  } catch {
    const field = (key: string) => new RegExp(`${key}["']?\\s*:\\s*["']?([^"'\\s,}]+)`).exec(appSpec)?.[1];
    properties = { Name: field('Name'), TargetVersion: field('TargetVersion') };
  }
  const functionName = properties?.Name;
  const version = properties?.TargetVersion;
  if (typeof functionName !== 'string' || (typeof version !== 'string' && typeof version !== 'number')) {
    throw new Error('the AppSpec names no function and target version');
  }
  return { functionName, version: String(version) };
}

/** Where `actual` fails to contain `expected` (a JSON path), or undefined when it does. */
export function subsetMismatch(expected: unknown, actual: unknown, path: string): string | undefined {
  if (expected === null || typeof expected !== 'object') return expected === actual ? undefined : path;
  if (actual === null || typeof actual !== 'object' || Array.isArray(expected) !== Array.isArray(actual)) return path;
  for (const [key, value] of Object.entries(expected)) {
    const mismatch = subsetMismatch(value, (actual as Record<string, unknown>)[key], Array.isArray(expected) ? `${path}[${key}]` : `${path}.${key}`);
    if (mismatch) return mismatch;
  }
  return undefined;
}

async function withTimeout<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`the new version did not answer within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([run(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function log(level: 'INFO' | 'ERROR', message: string, fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ level, message, ...fields }));
}
