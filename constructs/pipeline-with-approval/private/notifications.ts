import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import { DeadLetteredTarget, suppressNagFindings } from '../../core';
import { PipelineExecutionState, PipelineNotificationProps } from '../types';

/** Email subscriptions of a topic the pipeline created. */
export function subscribeEmails(topic: sns.Topic, emails: string[]): void {
  for (const email of emails) {
    const subscription = topic.addSubscription(new subscriptions.EmailSubscription(email));
    suppressNagFindings(subscription, [{
      id: 'Serverless-SNSRedrivePolicy',
      reason: 'Email endpoint: what it tells stays visible in CodePipeline; nothing to replay.',
    }]);
  }
}

/** EventBridge rules telling the topic about execution states and waiting approvals. */
export function notificationRules(
  scope: IConstruct, pipeline: codepipeline.Pipeline, props: PipelineNotificationProps, topic: sns.ITopic, queue: sqs.IQueue,
): events.Rule[] {
  const rules: events.Rule[] = [];
  if (!props.topic) subscribeEmails(topic as sns.Topic, props.emails ?? []);
  const target = new DeadLetteredTarget(new targets.SnsTopic(topic), queue);
  const states = props.executionStates ?? [PipelineExecutionState.FAILED, PipelineExecutionState.CANCELED];
  if (states.length > 0) {
    rules.push(pipeline.onStateChange('ExecutionStateChange', {
      description: `Execution state changes (${states.join(', ')}) of ${scope.node.path}`,
      eventPattern: { detail: { state: states } },
      target,
    }));
  }
  if (props.approvalNeeded ?? true) {
    rules.push(pipeline.onEvent('ApprovalNeeded', {
      description: `Manual approvals waiting in ${scope.node.path}`,
      eventPattern: {
        detailType: ['CodePipeline Action Execution State Change'],
        detail: { type: { category: ['Approval'] }, state: ['STARTED'] },
      },
      target,
    }));
  }
  return rules;
}
