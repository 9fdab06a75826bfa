import { RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct, IConstruct } from 'constructs';
import { Limits } from './limits';
import { allowCloudWatchLogsToUseKey } from './secure-defaults';
import { stackSingleton } from './singleton';
import { fail } from './validate';

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
    if (!key) {
      const stack = Stack.of(this);
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
