import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { suppressNagFindings } from '../nag/nag';

/**
 * A dead-letter queue: encrypted with the given customer-managed key, TLS only, messages kept 14
 * days (the SQS maximum) for analysis and replay. A dead-letter queue needs no redrive of its own,
 * which the Serverless pack asks for; `notRecognisedAsDeadLetterQueue` also accepts AwsSolutions-SQS3
 * where cdk-nag cannot see what uses the queue (an EventBridge target, an SNS subscription).
 */
export function secureDeadLetterQueue(
  scope: Construct, id: string, encryptionKey: kms.IKey, reason: string, notRecognisedAsDeadLetterQueue = false,
): sqs.Queue {
  const queue = new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: encryptionKey,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  suppressNagFindings(queue, [
    ...(notRecognisedAsDeadLetterQueue ? [{ id: 'AwsSolutions-SQS3', reason }] : []),
    { id: 'Serverless-SQSRedrivePolicy', reason },
  ]);
  return queue;
}

/**
 * Lets a principal (a function's role, say) send to a KMS-encrypted queue: SQS encrypts with a
 * data key of the queue's key on the sender's behalf, so `sqs:SendMessage` alone fails and the
 * message is lost. Grants `kms:GenerateDataKey` and `kms:Decrypt` on that key, through SQS only.
 * Source: SQS Developer Guide, "Key management" (producers need kms:GenerateDataKey and kms:Decrypt).
 * A no-op for a queue without a customer-managed key.
 */
export function grantSendToEncryptedQueue(grantee: iam.IGrantable, queue: sqs.IQueue): void {
  const key = queue.encryptionMasterKey;
  if (!key) return;
  grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
    resources: [key.keyArn],
    conditions: { StringEquals: { 'kms:ViaService': `sqs.${Stack.of(queue).region}.amazonaws.com` } },
  }));
}

/**
 * Wraps a rule target so that events it fails to take land in the dead-letter queue, unless the
 * target already names one. The queue policy admits only the rule that uses it.
 */
export class DeadLetteredTarget implements events.IRuleTarget {
  constructor(private readonly target: events.IRuleTarget, private readonly queue: sqs.IQueue) {}

  public bind(rule: events.IRule, id?: string): events.RuleTargetConfig {
    const config = this.target.bind(rule, id);
    if (config.deadLetterConfig) return config;
    this.queue.addToResourcePolicy(new iam.PolicyStatement({
      sid: `AllowDeadLettersFromRule${rule.node.addr}`,
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['sqs:SendMessage'],
      resources: [this.queue.queueArn],
      conditions: { ArnEquals: { 'aws:SourceArn': rule.ruleArn } },
    }));
    return { ...config, deadLetterConfig: { arn: this.queue.queueArn } };
  }
}
