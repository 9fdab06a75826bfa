import { RemovalPolicy, Stack, Stage, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct, IConstruct } from 'constructs';
import { allowCloudWatchLogsToUseKey } from './secure-defaults';
import { Limits } from '../limits/limits';
import { stackSingleton } from '../validation/singleton';
import { fail } from '../validation/validate';

/** What a shared key protects. A stack has at most one shared key per class. */
export enum KeyDataClass {
  /** CloudWatch Logs log groups (the key admits CloudWatch Logs of the stack's Region for this account's log groups). */
  LOGS = 'logs',
  /** SNS topics and SQS queues (notifications, dead letters); services that publish are admitted as constructs join. */
  MESSAGES = 'messages',
  /** S3 buckets and repositories (pipeline artifacts, AWS Config history, package assets). */
  ARTIFACTS = 'artifacts',
}

/** Fixed id of the per-stack singleton holding the shared keys. */
const SHARED_KEYS_ID = 'GantryKeys';

/** Key stacks registered with `SharedKeys.useKeyStack`, by the scope (App, Stage, ...) they serve. */
const KEY_STACKS = new WeakMap<IConstruct, Stack[]>();

/** Whether two stacks are in one account and Region (env-agnostic stacks match only each other). */
function sameEnvironment(a: Stack, b: Stack): boolean {
  return a.account === b.account && a.region === b.region;
}

/** Whether two stacks are in one Stage (assembly): CDK lets stacks refer to each other only there. */
function sameStage(a: IConstruct, b: IConstruct): boolean {
  const stageOf = (c: IConstruct) => (Stage.isStage(c) ? c : Stage.of(c));
  return stageOf(a) === stageOf(b);
}

const KEY_IDS: Record<KeyDataClass, string> = {
  [KeyDataClass.LOGS]: 'Logs',
  [KeyDataClass.MESSAGES]: 'Messages',
  [KeyDataClass.ARTIFACTS]: 'Artifacts',
};

/**
 * The customer-managed keys the Gantry constructs of one stack share, one per data class (logs,
 * messages, artifacts), each created on first use with yearly rotation and retained on stack
 * deletion (or a key of yours per class, `useKey`). A construct given its own `encryptionKey` uses
 * that key instead; the shared key is the default only when no key is given, so two constructs
 * given different keys each keep their own.
 *
 * The key policies admit only what uses them: the logs key lets CloudWatch Logs of the stack's
 * Region encrypt this account's log groups (condition on the log-group ARN in the encryption
 * context); services that publish to topics or send dead letters are added, each once, as the
 * constructs that need them join (`allowServicesToUseKey`).
 *
 * Cost: one key per class in use, rather than one per resource (a customer-managed key costs
 * `MONTHLY_KEY_COST_USD` a month).
 */
export class SharedKeys extends Construct {
  /** Monthly price of one customer-managed key in USD (AWS KMS pricing; rotations add up to $2 more per key). */
  public static readonly MONTHLY_KEY_COST_USD: number = Limits.kms.monthlyKeyCostUsd;

  /** The shared keys of the stack `scope` belongs to (created on first call). */
  public static of(scope: IConstruct): SharedKeys {
    return stackSingleton(scope, SHARED_KEYS_ID, 'SharedKeys', (c): c is SharedKeys => c instanceof SharedKeys, (stack, id) => new SharedKeys(stack, id));
  }

  /**
   * Makes every stack under `scope` (an App, a Stage, or any construct holding stacks) that is in
   * the account and Region of `keyStack` use the keys of `keyStack`: one key per data class for all
   * of them, made in `keyStack` when a construct first needs the class, instead of one per stack
   * and class. The stacks then refer to the keys across stacks (CDK exports them from `keyStack`
   * and deploys it first). A stack in another account or Region, a stack given its own key with
   * `useKey`, a stack in a nested Stage (stacks cannot refer to each other across Stages; register a
   * key stack of that Stage on it), and a construct given an `encryptionKey` are not affected. Register before the
   * constructs of the stacks are made. Several key stacks (one per account and Region) may serve
   * one scope; a second key stack for the same account and Region fails.
   *
   * For an app of eight stacks in one account and Region this is three keys (logs, messages,
   * artifacts) instead of up to three per stack.
   */
  public static useKeyStack(scope: IConstruct, keyStack: Stack): void {
    const registered = KEY_STACKS.get(scope) ?? [];
    if (registered.includes(keyStack)) return;
    if (!sameStage(scope, keyStack)) {
      fail(scope, 'SharedKeys.useKeyStack', keyStack.node.path,
        `a key stack in the Stage of ${scope.node.path || 'the app'} (CDK lets stacks refer to each other only within one Stage; make a key stack inside it)`);
    }
    const clash = registered.find((other) => sameEnvironment(other, keyStack));
    if (clash) {
      fail(scope, 'SharedKeys.useKeyStack', keyStack.node.path,
        `one key stack per account and Region under ${scope.node.path || 'the app'} `
        + `(${clash.node.path} already serves account ${keyStack.account}, Region ${keyStack.region})`);
    }
    KEY_STACKS.set(scope, [...registered, keyStack]);
  }

  /** The key stack serving `stack` (`useKeyStack` on one of its scopes), if any; never the stack itself. */
  private static keyStackOf(stack: Stack): Stack | undefined {
    for (const scope of [...stack.node.scopes].reverse()) {
      const serves = (candidate: Stack) => candidate !== stack && sameEnvironment(candidate, stack) && sameStage(candidate, stack);
      const match = KEY_STACKS.get(scope)?.find(serves);
      if (match) return match;
    }
    return undefined;
  }

  private readonly keys = new Map<KeyDataClass, kms.Key>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  /** The stack's key for log groups. */
  public get logsKey(): kms.Key {
    return this.keyFor(KeyDataClass.LOGS);
  }

  /** The stack's key for topics and queues. */
  public get messagesKey(): kms.Key {
    return this.keyFor(KeyDataClass.MESSAGES);
  }

  /** The stack's key for buckets and package assets. */
  public get artifactsKey(): kms.Key {
    return this.keyFor(KeyDataClass.ARTIFACTS);
  }

  /**
   * Makes the stack use a key of yours for a data class, for example one key per class in a key
   * stack of the same account and Region shared by every stack of an app (the constructs then
   * refer to it across stacks). Call it before any construct of the stack uses the class. The key
   * gets the statements the services need as constructs join (CloudWatch Logs for the logs class).
   */
  public useKey(dataClass: KeyDataClass, key: kms.Key): void {
    const existing = this.keys.get(dataClass);
    if (existing === key) return;
    const stack = Stack.of(this);
    if (existing) {
      fail(this, `useKey(${dataClass})`, key.node.path,
        `a key set before any construct of stack ${stack.node.path} uses the ${dataClass} class (${existing.node.path} is already in use): call useKey first`);
    }
    const keyStack = Stack.of(key);
    for (const [what, here, there] of [['account', stack.account, keyStack.account], ['Region', stack.region, keyStack.region]] as const) {
      if (Token.isUnresolved(here) || Token.isUnresolved(there) || here === there) continue;
      fail(this, `useKey(${dataClass})`, key.node.path, `a key in the ${what} of stack ${stack.node.path} (${here}, not ${there})`);
    }
    if (dataClass === KeyDataClass.LOGS) allowCloudWatchLogsToUseKey(key);
    this.keys.set(dataClass, key);
  }

  /** The stack's key of a data class, created with rotation on first use. */
  public keyFor(dataClass: KeyDataClass): kms.Key {
    let key = this.keys.get(dataClass);
    const stack = Stack.of(this);
    const keyStack = key ? undefined : SharedKeys.keyStackOf(stack);
    if (!key && keyStack) {
      key = SharedKeys.of(keyStack).keyFor(dataClass);
      this.keys.set(dataClass, key);
    } else if (!key) {
      key = new kms.Key(this, KEY_IDS[dataClass], {
        description: `Gantry shared key for ${dataClass} of stack ${stack.node.path}`,
        enableKeyRotation: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      if (dataClass === KeyDataClass.LOGS) allowCloudWatchLogsToUseKey(key);
      this.keys.set(dataClass, key);
    }
    return key;
  }

  /** How many shared keys the stack has so far. */
  public get keyCount(): number {
    return this.keys.size;
  }
}
