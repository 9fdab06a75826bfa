import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { suppressNagFindings } from './nag';
import { allowServicesToUseKey, secureKey } from './secure-defaults';

/**
 * A dead-letter queue for EventBridge targets: encrypted with a rotating customer-managed key that
 * EventBridge may use, TLS only, messages kept 14 days (the SQS maximum) for analysis and replay.
 */
export function eventDeadLetterQueue(scope: Construct, id: string): sqs.Queue {
  const key = secureKey(scope, `${id}Key`, `Encrypts EventBridge dead letters of ${scope.node.path}`);
  allowServicesToUseKey(key, { sid: 'AllowEventBridgeToSendDeadLetters', services: ['events.amazonaws.com'] });
  const queue = new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: key,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  const isDeadLetterQueue = 'This queue is itself the dead-letter queue of EventBridge targets; a DLQ of a DLQ adds nothing.';
  suppressNagFindings(queue, [
    { id: 'AwsSolutions-SQS3', reason: isDeadLetterQueue },
    { id: 'Serverless-SQSRedrivePolicy', reason: isDeadLetterQueue },
  ]);
  return queue;
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
