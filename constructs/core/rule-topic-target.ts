import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { admitTopicPublishers } from './notifications';

/** Options of a {@link RuleTopicTarget}. */
export interface RuleTopicTargetProps {
  /**
   * The message published, in place of the matched event.
   * @default - the matched event as JSON
   */
  readonly message?: events.RuleTargetInput;
}

/**
 * An SNS topic as an EventBridge rule target whose topic policy admits only the rules that use it
 * (`aws:SourceArn` = the rule), unlike aws-cdk-lib's `targets.SnsTopic`, which lets
 * `events.amazonaws.com` publish from any rule of any account and adds an unconditioned statement
 * to the topic's key. A topic encrypted with a key of the app gets the key statement EventBridge
 * needs (this account, `aws:SourceAccount`); a topic encrypted with an imported key fails synth
 * with the statement to add to that key's policy, since every event would otherwise be dropped.
 * Source: SNS Developer Guide, "Amazon SNS topic policies for EventBridge" (aws:SourceArn condition).
 */
export class RuleTopicTarget implements events.IRuleTarget {
  /** @param topic the topic the rule publishes to (same account and Region as the rule) */
  constructor(private readonly topic: sns.ITopic, private readonly props: RuleTopicTargetProps = {}) {}

  /** Admits the rule on the topic (and EventBridge on its key) and returns the target. */
  public bind(rule: events.IRuleRef, _id?: string): events.RuleTargetConfig {
    admitTopicPublishers(rule, 'target', this.topic, ['events.amazonaws.com']);
    this.topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: `AllowEventsFromRule${rule.node.addr}`,
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: { ArnEquals: { 'aws:SourceArn': rule.ruleRef.ruleArn } },
    }));
    return { arn: this.topic.topicArn, targetResource: this.topic, input: this.props.message };
  }
}
