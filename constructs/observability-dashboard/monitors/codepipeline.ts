import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import { IConstruct } from 'constructs';
import { DeliveryEvents } from '../private/delivery-events';
import { hasString, metric, Monitor, MonitorContext } from '../private/monitor';

function pipelineMetrics(pipeline: codepipeline.IPipeline, ctx: MonitorContext) {
  const dims = { PipelineName: pipeline.pipelineName };
  const m = (name: string, label: string) => metric(ctx, DeliveryEvents.NAMESPACE, `PipelineExecutions${name}`, dims, 'Sum', label);
  return { started: m('Started', 'Started'), succeeded: m('Succeeded', 'Succeeded'), failed: m('Failed', 'Failed') };
}
type PipelineMetrics = ReturnType<typeof pipelineMetrics>;

/**
 * A CodePipeline pipeline: executions by outcome (from its state-change events) and a panel of
 * the latest stage states.
 */
export const codePipelineMonitor: Monitor<codepipeline.IPipeline, PipelineMetrics> = {
  kind: 'CodePipeline pipeline',
  accepts: 'aws-codepipeline Pipeline / IPipeline',
  supports: (r: IConstruct) => r instanceof codepipeline.Pipeline || (hasString(r, 'pipelineName') && hasString(r, 'pipelineArn')),
  metrics: (pipeline, ctx) => {
    ctx.delivery().watchPipeline(pipeline.pipelineName);
    return pipelineMetrics(pipeline, ctx);
  },
  signals: (m) => ({ traffic: [m.started, m.succeeded], errors: [m.failed] }),
  alarms: (m) => [
    { id: 'FailedExecutions', description: 'Pipeline executions that failed', metric: m.failed, comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, critical: 0, evaluationPeriods: 1, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING },
  ],
  widgets: (_m, pipeline, ctx) => [new cloudwatch.LogQueryWidget({
    title: 'Stage state (latest first)',
    width: 12,
    logGroupNames: [ctx.delivery().logGroup.logGroupName],
    queryLines: [
      'fields @timestamp, detail.stage, detail.state, detail.`execution-id`',
      `filter detail.pipeline = "${pipeline.pipelineName}" and ispresent(detail.stage)`,
      'sort @timestamp desc',
      'limit 20',
    ],
  })],
};
