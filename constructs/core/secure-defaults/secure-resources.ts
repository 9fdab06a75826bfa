import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { allowDeadLetterSenders, sharedDeadLetterQueue } from './dead-letters';
import { grantSendToEncryptedQueue, secureDeadLetterQueue } from './events';
import { NotificationTopic } from './notifications';
import { accessLogsBucket, allowServicesToUseKey, loadBalancerLogsBucket, secureLogGroup, secureTopic, ServerAccessLogs } from './secure-defaults';
import { SharedKeys } from './shared-keys';

/** A key-policy statement letting AWS services of this account use a key. */
export interface ServiceKeyGrant {
  /** Statement id; a grant with an id the key already has is not added again. */
  readonly sid: string;
  /** Service principals, e.g. `events.amazonaws.com`. */
  readonly services: string[];
  /**
   * Key actions.
   * @default ['kms:Decrypt', 'kms:GenerateDataKey*'] (what a service needs to write encrypted data)
   */
  readonly actions?: string[];
  /**
   * Only on behalf of resources matching this ARN pattern (condition `aws:SourceArn`, ArnLike).
   * @default - any resource of this account (condition `aws:SourceAccount` only)
   */
  readonly sourceArn?: string;
}

/** Options of `SecureDefaults.topic`. */
export interface SecureTopicOptions {
  /**
   * Key for server-side encryption. Gantry adds no statement to a key of yours here (give the topic
   * to a construct, which adds what its publishers need).
   * @default - the stack's shared messages key (`SharedKeys`), which admits CloudWatch alarms, EventBridge and CodeStar notifications of this account
   */
  readonly masterKey?: kms.IKey;
  /**
   * Overrides for the topic.
   * @default - none
   */
  readonly topicProps?: sns.TopicProps;
}

/** Options of `SecureDefaults.logGroup`. */
export interface SecureLogGroupOptions {
  /**
   * Retention.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly retention?: logs.RetentionDays;
  /**
   * Key for encryption; it must admit CloudWatch Logs of the stack's Region.
   * @default - the stack's shared logs key (`SharedKeys`)
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * Overrides for the log group.
   * @default - none
   */
  readonly logGroupProps?: logs.LogGroupProps;
}

/** Options of `SecureDefaults.deadLetterQueue` and `SecureDefaults.sharedDeadLetterQueue`. */
export interface SecureDeadLetterQueueOptions {
  /**
   * Key for encryption. With `sharedDeadLetterQueue`, the stack has one shared queue per key.
   * @default - the stack's shared messages key (`SharedKeys`)
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * AWS services that send dead letters here themselves (for example `sns.amazonaws.com` for a
   * subscription's redrive policy, `events.amazonaws.com` for a rule target): they are let use the
   * key (this account only). The queue-policy statement for each sender is added where it is
   * bound (the subscription or the rule target, scoped to its topic or rule). cdk-nag's
   * AwsSolutions-SQS3 is acknowledged where cdk-nag cannot see the queue's use: with
   * `deadLetterQueue` when senders are given; with `sharedDeadLetterQueue` when no Lambda function
   * of the stack names the queue as its dead-letter queue.
   * @default - none (a function or a queue names this queue as its dead-letter queue)
   */
  readonly senderServices?: string[];
}


/**
 * Gantry's secure defaults as a public API, for stacks that build their own resources next to
 * Gantry constructs: each resource is encrypted with the stack's shared key of its data class
 * (`SharedKeys`) unless given a key, TLS only, retained.
 */
export class SecureDefaults {
  /**
   * The stack's shared Gantry notification topic (`GantryNotifications/Topic`), which every Gantry
   * construct of the stack notifies by default: give it as a dashboard's `alarmTopic` to keep one
   * topic (and one subscription per address) per stack. Created on first use, encrypted with the
   * stack's messages key.
   */
  public static notificationTopic(scope: Construct): sns.ITopic {
    return NotificationTopic.of(scope).topic;
  }

  /** An SNS topic encrypted with a customer-managed key, with a TLS-only topic policy. */
  public static topic(scope: Construct, id: string, options: SecureTopicOptions = {}): sns.Topic {
    return secureTopic(scope, id, options).topic;
  }

  /** A log group encrypted with a customer-managed key, one year of retention by default, retained on deletion. */
  public static logGroup(scope: Construct, id: string, options: SecureLogGroupOptions = {}): logs.LogGroup {
    return secureLogGroup(scope, id, options).logGroup;
  }

  /**
   * A dead-letter queue of its own: encrypted with a customer-managed key, TLS only, messages kept
   * 14 days (the SQS maximum); the redrive finding of the Serverless pack (a DLQ of a DLQ) is
   * acknowledged. Prefer `sharedDeadLetterQueue` (one queue per stack) unless the queue must be
   * apart (another retention, other readers).
   */
  public static deadLetterQueue(scope: Construct, id: string, options: SecureDeadLetterQueueOptions = {}): sqs.Queue {
    const key = options.encryptionKey ?? SharedKeys.of(scope).messagesKey;
    const senders = options.senderServices ?? [];
    allowDeadLetterSenders(key, senders);
    const reason = senders.length > 0
      ? `This queue is itself the dead-letter queue of ${senders.join(', ')} deliveries; a DLQ of a DLQ adds nothing.`
      : 'This queue is itself a dead-letter queue; a DLQ of a DLQ adds nothing.';
    return secureDeadLetterQueue(scope, id, key, reason, senders.length > 0);
  }

  /**
   * The stack's shared dead-letter queue (`GantryDeadLetters/Queue`, or one per key given), which
   * every Gantry construct of the stack sends its dead letters to: failed EventBridge target
   * deliveries, undeliverable SNS notifications, failed asynchronous Lambda invocations. Use it
   * for your own functions and subscriptions too, to keep one place to look (and one depth alarm)
   * per stack. Encrypted with the stack's shared messages key unless given a key, TLS only,
   * messages kept 14 days (the SQS maximum). A function given it as `deadLetterQueue` also needs
   * `grantSendToEncryptedQueue`.
   */
  public static sharedDeadLetterQueue(scope: Construct, options: SecureDeadLetterQueueOptions = {}): sqs.Queue {
    return sharedDeadLetterQueue(scope, options);
  }

  /**
   * A stand-alone target of S3 server access logs whose policy admits S3 log delivery for any bucket
   * of this account: SSE-S3 (the only default encryption AWS supports on a server-access-log
   * destination bucket), TLS only, versioned, logs expired after a year. Gantry's own buckets log to
   * the stack's shared bucket instead (`serverAccessLogsBucket`); for load-balancer access logs use
   * `loadBalancerLogsBucket`.
   */
  public static accessLogsBucket(scope: Construct, id: string): s3.Bucket {
    return accessLogsBucket(scope, id);
  }

  /**
   * The stack's shared server-access-log bucket (`GantryAccessLogs/Bucket`), created on first use,
   * which receives the S3 server access logs of every Gantry bucket of the stack, each under a
   * prefix of its own that only that bucket may write (SSE-S3, as AWS requires of such a bucket).
   */
  public static serverAccessLogsBucket(scope: Construct): s3.IBucket {
    return ServerAccessLogs.of(scope).bucket;
  }

  /**
   * A bucket for a load balancer's access logs (`loadBalancer.logAccessLogs(bucket, prefix)` adds
   * the statement admitting Elastic Load Balancing): SSE-S3, the only encryption ELB supports for
   * it, TLS only, versioned, logs expired after a year, retained; its own S3 server access logs go
   * to the stack's shared server-access-log bucket.
   */
  public static loadBalancerLogsBucket(scope: Construct, id: string): s3.Bucket {
    return loadBalancerLogsBucket(scope, id);
  }

  /** Lets AWS services of this account use a key you manage in this app (a no-op for imported keys). */
  public static allowServicesToUseKey(key: kms.IKey, grant: ServiceKeyGrant): void {
    allowServicesToUseKey(key, grant);
  }

  /**
   * Lets a principal send to a KMS-encrypted queue (`kms:GenerateDataKey` and `kms:Decrypt` on the
   * queue's key, through SQS only); without it SQS refuses the message. A no-op for a queue without
   * a customer-managed key.
   */
  public static grantSendToEncryptedQueue(grantee: iam.IGrantable, queue: sqs.IQueue): void {
    grantSendToEncryptedQueue(grantee, queue);
  }

  private constructor() {}
}
