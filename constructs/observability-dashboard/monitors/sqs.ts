import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import { hasString, literalName, metric, Monitor, MonitorContext } from '../private/monitor';

/** Metrics of a queue and, when it has one, its dead-letter queue. */
function queueMetrics(queue: sqs.IQueue, ctx: MonitorContext) {
  const dims = (q: sqs.IQueue) => ({ QueueName: literalName(q.queueName, q.queueArn, 5) });
  const dlq = queue instanceof sqs.Queue ? queue.deadLetterQueue?.queue : undefined;
  return {
    sent: metric(ctx, 'AWS/SQS', 'NumberOfMessagesSent', dims(queue), 'Sum', 'Sent'),
    deleted: metric(ctx, 'AWS/SQS', 'NumberOfMessagesDeleted', dims(queue), 'Sum', 'Deleted'),
    visible: metric(ctx, 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', dims(queue), 'Maximum', 'Visible'),
    inFlight: metric(ctx, 'AWS/SQS', 'ApproximateNumberOfMessagesNotVisible', dims(queue), 'Maximum', 'In flight'),
    oldestAge: metric(ctx, 'AWS/SQS', 'ApproximateAgeOfOldestMessage', dims(queue), 'Maximum', 'Age of oldest message (s)'),
    deadLetters: dlq ? metric(ctx, 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', dims(dlq), 'Maximum', 'Messages in DLQ') : undefined,
  };
}
type QueueMetrics = ReturnType<typeof queueMetrics>;

/** An SQS queue: throughput, backlog, age of the oldest message and its DLQ. */
export const sqsMonitor: Monitor<sqs.IQueue, QueueMetrics> = {
  kind: 'SQS queue',
  accepts: 'aws-sqs Queue / IQueue',
  supports: (r: IConstruct) => r instanceof sqs.QueueBase || (hasString(r, 'queueUrl') && hasString(r, 'queueArn')),
  metrics: (queue, ctx) => queueMetrics(queue, ctx),
  signals: (m) => ({
    traffic: [m.sent, m.deleted],
    errors: m.deadLetters ? [m.deadLetters] : undefined,
    latency: [m.oldestAge],
    saturation: [m.visible, m.inFlight],
  }),
  alarms: (m) => [
    { id: 'OldestMessageAge', description: 'Age of the oldest message (s)', metric: m.oldestAge, comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, critical: 900 },
    ...(m.deadLetters ? [{
      id: 'DeadLetters',
      description: 'Messages waiting in the dead-letter queue',
      metric: m.deadLetters,
      comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      critical: 0,
      evaluationPeriods: 1,
    }] : []),
  ],
};
