import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import { IConstruct } from 'constructs';
import { hasString, literalName, metric, Monitor, MonitorContext } from '../private/monitor';

function topicMetrics(topic: sns.ITopic, ctx: MonitorContext) {
  const dims = { TopicName: literalName(topic.topicName, topic.topicArn, 5) };
  return {
    published: metric(ctx, 'AWS/SNS', 'NumberOfMessagesPublished', dims, 'Sum', 'Published'),
    delivered: metric(ctx, 'AWS/SNS', 'NumberOfNotificationsDelivered', dims, 'Sum', 'Delivered'),
    failed: metric(ctx, 'AWS/SNS', 'NumberOfNotificationsFailed', dims, 'Sum', 'Failed'),
  };
}
type TopicMetrics = ReturnType<typeof topicMetrics>;

/** An SNS topic: messages published, notifications delivered and failed. */
export const snsMonitor: Monitor<sns.ITopic, TopicMetrics> = {
  kind: 'SNS topic',
  accepts: 'aws-sns Topic / ITopic',
  supports: (r: IConstruct) => r instanceof sns.TopicBase || (hasString(r, 'topicArn') && hasString(r, 'topicName')),
  metrics: (topic, ctx) => topicMetrics(topic, ctx),
  signals: (m) => ({ traffic: [m.published, m.delivered], errors: [m.failed] }),
  alarms: (m) => [
    {
      id: 'FailedNotifications',
      description: 'Notifications the topic could not deliver',
      metric: m.failed,
      comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      critical: 0,
      evaluationPeriods: 1,
    },
  ],
};
