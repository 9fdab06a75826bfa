import * as sns from 'aws-cdk-lib/aws-sns';

/**
 * Where a Gantry construct sends its notifications (failed deployments, pipeline executions and
 * approvals, non-compliance, baseline and experiment events, alarms): one shape for every construct.
 *
 * By default every construct of a stack publishes to one topic, created once per stack and
 * encrypted with the stack's shared messages key (`SharedKeys`). A topic given here must be in the
 * publisher's account and Region; when it is encrypted with a key of the app, that key gets the
 * statement CloudWatch or EventBridge needs to publish, and with an imported key synth fails
 * naming the statement to add.
 */
export interface NotificationOptions {
  /**
   * Send notifications at all.
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * The topic to publish to.
   * @default - the stack's shared Gantry notification topic (`GantryNotifications/Topic`)
   */
  readonly topic?: sns.ITopic;

  /**
   * E-mail addresses subscribed to the topic (each confirms once; an address given by several
   * constructs is subscribed once). Undeliverable notifications go to an encrypted dead-letter queue.
   * @default - no subscription
   */
  readonly emailAddresses?: string[];
}
