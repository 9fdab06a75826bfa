import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as events from 'aws-cdk-lib/aws-events';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import { DeadLetteredTarget, RuleTopicTarget } from '../../core';
import { PipelineExecutionState, PipelineNotificationProps } from '../types';

/** EventBridge rules telling the topic about execution states and waiting approvals. */
export function notificationRules(
  scope: IConstruct, pipeline: codepipeline.Pipeline, props: PipelineNotificationProps, topic: sns.ITopic, queue: sqs.IQueue,
): events.Rule[] {
  const rules: events.Rule[] = [];
  // Only these rules may publish (aws:SourceArn); the topic's key admits EventBridge of this account.
  const target = new DeadLetteredTarget(new RuleTopicTarget(topic), queue);
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
