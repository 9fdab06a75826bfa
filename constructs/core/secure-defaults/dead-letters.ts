import { AspectPriority, Aspects, Duration, IAspect, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, IConstruct } from 'constructs';
import { secureDeadLetterQueue } from './events';
import { allowServicesToUseKey } from './secure-defaults';
import { SharedKeys } from './shared-keys';
import type { IMonitoring, MonitorOptions } from '../contracts/monitoring';
import { suppressNagFindings } from '../nag/nag';
import { shortHash } from '../validation/short-hash';
import { stackSingleton } from '../validation/singleton';

/** Fixed id of the per-stack singleton holding the shared dead-letter queues. */
const DEAD_LETTERS_ID = 'GantryDeadLetters';

/** Id of the queue encrypted with the stack's shared messages key (per other key: `Queue<hash of the key's path>`). */
const DEFAULT_QUEUE_ID = 'Queue';

/**
 * Key-policy statement ids of the services that send dead letters themselves, as the constructs
 * have always named them (a key keeps one statement per service).
 */
const SENDER_SIDS: Record<string, string> = {
  'events.amazonaws.com': 'AllowEventBridgeToSendDeadLetters',
  'sns.amazonaws.com': 'AllowSnsToSendDeadLetters',
};

/** `sns.amazonaws.com` -> `AllowSnsToSendDeadLetters`, for services without a fixed id. */
function senderSid(service: string): string {
  const known = SENDER_SIDS[service];
  if (known) return known;
  const name = service.split('.')[0].replace(/[^A-Za-z0-9]/g, '');
  return `Allow${name.charAt(0).toUpperCase()}${name.slice(1)}ToSendDeadLetters`;
}

/**
 * Lets AWS services that send dead letters themselves (an EventBridge target's or an SNS
 * subscription's dead-letter setting) use a queue's key, for this account only: one statement per
 * service and key, however many queues or constructs ask.
 */
export function allowDeadLetterSenders(key: kms.IKey, services: string[]): void {
  for (const service of services) allowServicesToUseKey(key, { sid: senderSid(service), services: [service] });
}

/** What a shared dead-letter queue is asked for. */
export interface SharedDeadLetterQueueRequest {
  /** Key of the queue: one shared queue per (stack, key). Default: the stack's shared messages key. */
  readonly encryptionKey?: kms.IKey;
  /**
   * AWS services that send dead letters themselves (an EventBridge rule target's or an SNS
   * subscription's dead-letter setting): each is let use the key, once, for this account. The
   * queue policy statement for each sender (scoped to the rule or topic by `aws:SourceArn`) is
   * added where the sender is bound (`DeadLetteredTarget`, the SNS subscription).
   */
  readonly senderServices?: string[];
}

/** One shared queue: its key, the services admitted to send, its depth alarm and the monitorings it is registered with. */
interface SharedQueue {
  readonly key: kms.IKey;
  readonly queue: sqs.Queue;
  readonly senders: Set<string>;
  alarm?: cloudwatch.Alarm;
  readonly monitoredBy: Set<IMonitoring>;
}

/**
 * The dead-letter queues the Gantry constructs of one stack share: one per key (the stack's
 * shared messages key unless a construct is given its own), each encrypted with that key, TLS
 * only, messages kept 14 days, and one depth alarm per queue for the dashboards they join. One
 * place to look for what failed to deliver in a stack, instead of one queue per producer.
 *
 * Producers: EventBridge rule targets (`DeadLetteredTarget` adds a queue-policy statement per
 * rule), SNS subscriptions (the subscription adds one per topic), Lambda functions' asynchronous
 * invocations (the function's role gets `sqs:SendMessage`, and `grantSendToEncryptedQueue` the
 * key actions SQS needs).
 */
export class DeadLetterQueues extends Construct {
  /** The singleton of the stack `scope` belongs to. */
  public static of(scope: IConstruct): DeadLetterQueues {
    return stackSingleton(scope, DEAD_LETTERS_ID, 'DeadLetterQueues', (c): c is DeadLetterQueues => c instanceof DeadLetterQueues,
      (stack, id) => new DeadLetterQueues(stack, id));
  }

  /** Whether `queue` is one of the shared queues of its stack. */
  public static isShared(queue: sqs.IQueue): boolean {
    const parent = queue.node.scope;
    return parent instanceof DeadLetterQueues && parent.queues.some((q) => q.queue === queue);
  }

  private readonly queues: SharedQueue[] = [];

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    // Before the nag packs (default priority) read the queues' acknowledgements.
    Aspects.of(this).add(new AcknowledgeUnrecognisedDeadLetterQueues(this), { priority: AspectPriority.MUTATING });
  }

  /** The stack's shared queue for a key (the shared messages key by default), created on first use. */
  public queue(request: SharedDeadLetterQueueRequest = {}): sqs.Queue {
    const key = request.encryptionKey ?? SharedKeys.of(this).messagesKey;
    let entry = this.queues.find((q) => q.key === key);
    if (!entry) {
      // (A key given is not compared with the shared messages key: asking for that key would create it.)
      const id = request.encryptionKey ? `Queue${shortHash(key.node.path)}` : DEFAULT_QUEUE_ID;
      const queue = secureDeadLetterQueue(this, id, key,
        `This queue is the shared dead-letter queue of the Gantry constructs of stack ${Stack.of(this).node.path}; a DLQ of a DLQ adds nothing.`);
      entry = { key, queue, senders: new Set(), monitoredBy: new Set() };
      this.queues.push(entry);
    }
    const senders = request.senderServices ?? [];
    for (const service of senders) entry.senders.add(service);
    allowDeadLetterSenders(key, senders);
    return entry.queue;
  }

  /**
   * Registers a shared queue with a monitoring once, however many constructs of the stack use it:
   * one section titled by the queue's path, with one alarm on the messages waiting in it.
   */
  public monitor(monitoring: IMonitoring, queue: sqs.IQueue): cloudwatch.Alarm {
    const entry = this.queues.find((q) => q.queue === queue);
    if (!entry) throw new Error(`[DeadLetterQueues] ${queue.node.path} is not a shared dead-letter queue of stack ${Stack.of(this).node.path}`);
    entry.alarm ??= new cloudwatch.Alarm(this, `${entry.queue.node.id}Depth`, {
      alarmDescription: `Messages that could not be delivered are waiting in ${entry.queue.node.path} (kept 14 days)`,
      metric: entry.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    // Once per monitoring, however many constructs of the stack register it.
    if (!entry.monitoredBy.has(monitoring)) {
      entry.monitoredBy.add(monitoring);
      monitoring.monitor(entry.queue, { title: `Dead letters ${entry.queue.node.path}`, alarms: [entry.alarm] });
    }
    return entry.alarm;
  }

  /** The shared queues so far, with the services admitted to send to each. */
  public get sharedQueues(): Array<{ queue: sqs.Queue; senders: string[] }> {
    return this.queues.map((q) => ({ queue: q.queue, senders: [...q.senders] }));
  }
}

/**
 * The stack's shared dead-letter queue for a key (see `DeadLetterQueues`), with the services that
 * send to it admitted on the key.
 */
export function sharedDeadLetterQueue(scope: IConstruct, request: SharedDeadLetterQueueRequest = {}): sqs.Queue {
  return DeadLetterQueues.of(scope).queue(request);
}

/**
 * Registers a dead-letter queue with a monitoring: a shared queue once per stack (one section, one
 * depth alarm); a queue of the user's with the options given.
 */
export function monitorDeadLetterQueue(monitoring: IMonitoring, queue: sqs.IQueue, options: MonitorOptions = {}): void {
  if (DeadLetterQueues.isShared(queue)) {
    (queue.node.scope as DeadLetterQueues).monitor(monitoring, queue);
  } else {
    monitoring.monitor(queue, options);
  }
}

/**
 * cdk-nag's AwsSolutions-SQS3 recognises a dead-letter queue only when a queue's redrive policy or
 * a Lambda function's DeadLetterConfig in the same stack names it, not an EventBridge target's or
 * an SNS subscription's dead-letter setting. Whether a function names the shared queue is known
 * only once the stack is built, so the acknowledgement is added then, and only where the finding
 * is real.
 */
class AcknowledgeUnrecognisedDeadLetterQueues implements IAspect {
  private done = false;

  constructor(private readonly owner: DeadLetterQueues) {}

  public visit(node: IConstruct): void {
    if (this.done || node !== this.owner) return;
    this.done = true;
    const stack = Stack.of(this.owner);
    const targets = new Set<string>();
    for (const c of stack.node.findAll()) {
      if (!(c instanceof lambda.CfnFunction)) continue;
      const config = stack.resolve(c.deadLetterConfig) as { targetArn?: unknown } | undefined;
      if (config?.targetArn !== undefined) targets.add(JSON.stringify(config.targetArn));
    }
    for (const { queue, senders } of this.owner.sharedQueues) {
      if (targets.has(JSON.stringify(stack.resolve(queue.queueArn)))) continue;
      const by = senders.length > 0 ? ` (it takes the dead letters of ${senders.join(', ')})` : '';
      suppressNagFindings(queue, [{
        id: 'AwsSolutions-SQS3',
        reason: `This queue is itself the stack's shared dead-letter queue${by}; cdk-nag recognises only queues named in a queue's or function's dead-letter setting, and a DLQ of a DLQ adds nothing.`,
      }]);
    }
  }
}


/**
 * The dead-letter queue of EventBridge rule targets: the stack's shared queue for the given key (or
 * the stack's shared messages key), whose key EventBridge of this account may use.
 */
export function eventDeadLetterQueue(scope: IConstruct, encryptionKey?: kms.IKey): sqs.Queue {
  return sharedDeadLetterQueue(scope, { encryptionKey, senderServices: ['events.amazonaws.com'] });
}
