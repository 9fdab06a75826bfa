import { ArnFormat, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, IConstruct } from 'constructs';
import { sharedDeadLetterQueue } from './dead-letters';
import { addResourceStatementOnce, allowServicesToUseKey, secureTopic, serviceKeyStatement, topicPublisherKeyGrant, TopicPublisher } from './secure-defaults';
import type { NotificationOptions } from '../contracts/notification-options';
import { shortHash } from '../validation/short-hash';
import { stackSingleton } from '../validation/singleton';
import { checkEach, checkUnique, fail, isUnresolved } from '../validation/validate';

/** An e-mail address as SNS's `email` protocol takes it: something@domain.tld, no spaces. */
export const EMAIL_ADDRESS_PATTERN = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const EMAIL_ALLOWED = 'e-mail addresses (name@domain.tld, no spaces)';

/** Fixed id of the per-stack singleton holding the shared notification topic. */
const NOTIFICATIONS_ID = 'GantryNotifications';

/**
 * The notification topic every Gantry construct of a stack shares by default, created on first
 * use and encrypted with the stack's messages key, and the e-mail subscriptions of that stack's
 * constructs (to this topic or to topics they were given), each address once per topic.
 */
export class NotificationTopic extends Construct {
  /** The singleton of the stack `scope` belongs to. */
  public static of(scope: IConstruct): NotificationTopic {
    return stackSingleton(scope, NOTIFICATIONS_ID, 'Notifications', (c): c is NotificationTopic => c instanceof NotificationTopic,
      (stack, id) => new NotificationTopic(stack, id));
  }

  private _topic?: sns.Topic;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  /** The stack's shared topic (CloudWatch alarms and EventBridge rules of this account may publish). */
  public get topic(): sns.Topic {
    if (!this._topic) {
      const stack = Stack.of(this);
      this._topic = secureTopic(this, 'Topic', { topicProps: { displayName: `Gantry notifications of ${stack.stackName}`.slice(0, 100) } }).topic;
    }
    return this._topic;
  }

  /** Subscribes an address to a topic once (by topic and address). */
  public subscribe(topic: sns.ITopic, address: string): void {
    const id = `Email${shortHash(`${topic.node.path}|${address}`)}`;
    if (this.node.tryFindChild(id)) return;
    new sns.Subscription(this, id, {
      topic,
      protocol: sns.SubscriptionProtocol.EMAIL,
      endpoint: address,
      deadLetterQueue: this.deadLetters,
    });
  }

  /**
   * Notifications SNS could not deliver to a subscriber, kept 14 days: the stack's shared
   * dead-letter queue (the subscription adds the queue-policy statement for its topic).
   */
  private get deadLetters(): sqs.Queue {
    return sharedDeadLetterQueue(this, { senderServices: ['sns.amazonaws.com'] });
  }
}


/**
 * The topic a construct notifies, from its `NotificationOptions` (`prop` names them in errors):
 * undefined when disabled; the given topic or the stack's shared one; the addresses subscribed; the
 * publishing services admitted on the topic's key and (for alarms) on its policy.
 */
export function resolveNotifications(
  owner: IConstruct, prop: string, options: NotificationOptions | undefined, publishers: TopicPublisher[],
): sns.ITopic | undefined {
  checkNotificationShape(owner, prop, options);
  if (options?.enabled === false) {
    if (options.topic) fail(owner, `${prop}.topic`, options.topic.node.path, `no topic when ${prop}.enabled is false`);
    if (options.emailAddresses && options.emailAddresses.length > 0) {
      fail(owner, `${prop}.emailAddresses`, options.emailAddresses, `no addresses when ${prop}.enabled is false`);
    }
    return undefined;
  }
  checkEmailAddresses(owner, `${prop}.emailAddresses`, options?.emailAddresses);
  const topic = options?.topic ?? NotificationTopic.of(owner).topic;
  admitTopicPublishers(owner, `${prop}.topic`, topic, publishers);
  subscribeEmailAddresses(owner, topic, options?.emailAddresses);
  return topic;
}

/**
 * E-mail addresses to subscribe to a topic (`prop` names them in errors): each an address SNS's
 * `email` protocol takes, none twice. Tokens pass.
 */
export function checkEmailAddresses(owner: IConstruct, prop: string, addresses: readonly string[] | undefined): void {
  checkEach(owner, prop, addresses, EMAIL_ADDRESS_PATTERN, EMAIL_ALLOWED);
  checkUnique(owner, prop, addresses);
}

/**
 * Subscribes checked addresses to a topic through the owner's stack's `NotificationTopic`: each
 * address once per topic, whichever constructs of the stack give it, with the shared dead-letter queue.
 */
export function subscribeEmailAddresses(owner: IConstruct, topic: sns.ITopic, addresses: readonly string[] | undefined): void {
  for (const address of addresses ?? []) NotificationTopic.of(owner).subscribe(topic, address);
}

/** Fails clearly for a value of a removed shape (a JavaScript user can still pass one). */
export function checkNotificationShape(owner: IConstruct, prop: string, options: unknown): void {
  if (options === undefined) return;
  if (typeof options === 'boolean') {
    fail(owner, prop, options, `a NotificationOptions object: the boolean form was removed in 0.x, write ${prop}: { enabled: ${options} }`);
  }
  if (typeof options !== 'object' || options === null) fail(owner, prop, options, 'a NotificationOptions object ({ enabled, topic, emailAddresses })');
  rejectRemovedProps(owner, options as object, { emails: 'emailAddresses', notifyEmails: 'emailAddresses' }, `${prop}.`);
}

/**
 * Fails for props removed in 0.x that a JavaScript caller may still pass, naming the replacement.
 * `removed` maps each old prop to the new one.
 */
export function rejectRemovedProps(owner: IConstruct, props: object, removed: Record<string, string>, prefix = ''): void {
  for (const [old, replacement] of Object.entries(removed)) {
    const value = (props as Record<string, unknown>)[old];
    if (value !== undefined) {
      fail(owner, `${prefix}${old}`, value, `no '${prefix}${old}': it was removed in 0.x, use '${prefix}${replacement}'`);
    }
  }
}

/**
 * Lets the services publish to a topic given to or created by Gantry: the topic must be in the
 * owner's account and Region; its key, when Gantry can see it (a `kms.Key` of the app), gets the
 * statement each service needs; an imported key fails synth with that statement; CloudWatch alarms
 * of this account are admitted on the topic policy (which replaces SNS's default one).
 */
export function admitTopicPublishers(owner: IConstruct, prop: string, topic: sns.ITopic, publishers: TopicPublisher[]): void {
  const stack = Stack.of(owner);
  const topicEnv = topicEnvironment(topic);
  for (const [what, here, there] of [['account', stack.account, topicEnv.account], ['Region', stack.region, topicEnv.region]] as const) {
    if (isUnresolved(here) || isUnresolved(there) || here === there) continue;
    fail(owner, prop, Token.isUnresolved(topic.topicArn) ? topic.node.path : topic.topicArn,
      `a topic in the ${what} of ${owner.node.path} (${here}, not ${there}): CloudWatch alarms and EventBridge rules publish to topics of their own account and Region`);
  }
  const key = topic.masterKey;
  if (key) {
    const owned = ownedKey(key);
    for (const publisher of publishers) {
      const grant = topicPublisherKeyGrant(stack, publisher);
      if (owned) {
        allowServicesToUseKey(owned, grant);
      } else {
        const statement = serviceKeyStatement(stack.account, grant);
        fail(owner, prop, Token.isUnresolved(topic.topicArn) ? topic.node.path : topic.topicArn,
          `a topic whose key lets ${publisher} publish. The topic is encrypted with imported key ${describeKey(key)}, whose policy Gantry cannot change: `
          + `add this statement to that key's policy, or give a topic encrypted with a key of this app: ${JSON.stringify(stack.resolve(statement.toStatementJson()))}`);
      }
    }
  }
  if (publishers.includes('cloudwatch.amazonaws.com')) {
    addTopicStatement(topic, new iam.PolicyStatement({
      sid: 'AllowAlarmsOfThisAccount',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: {
        ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
        StringEquals: { 'aws:SourceAccount': stack.account },
      },
    }));
  }
}

/** Adds a statement to a topic's policy once per statement id (a no-op for imported topics). */
function addTopicStatement(topic: sns.ITopic, statement: iam.PolicyStatement): void {
  addResourceStatementOnce(topic, statement.sid!, () => statement);
}

function topicEnvironment(topic: sns.ITopic): { account: string; region: string } {
  if (!Token.isUnresolved(topic.topicArn)) {
    const parts = topic.topicArn.split(':');
    return { account: parts[4] ?? '', region: parts[3] ?? '' };
  }
  return { account: topic.env.account, region: topic.env.region };
}

function ownedKey(key: kms.IKey): kms.Key | undefined {
  if (key instanceof kms.Key) return key;
  if (key instanceof kms.Alias && key.aliasTargetKey instanceof kms.Key) return key.aliasTargetKey;
  return undefined;
}

function describeKey(key: kms.IKey): string {
  return Token.isUnresolved(key.keyArn) ? key.node.path : key.keyArn;
}
