import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import { IConstruct } from 'constructs';
import { hasString, literalName, metric, Monitor, MonitorContext, percentiles } from '../private/monitor';

function projectMetrics(project: codebuild.IProject, ctx: MonitorContext) {
  const dims = { ProjectName: literalName(project.projectName, project.projectArn, 5, true) };
  return {
    builds: metric(ctx, 'AWS/CodeBuild', 'Builds', dims, 'Sum', 'Builds'),
    succeeded: metric(ctx, 'AWS/CodeBuild', 'SucceededBuilds', dims, 'Sum', 'Succeeded'),
    failed: metric(ctx, 'AWS/CodeBuild', 'FailedBuilds', dims, 'Sum', 'Failed'),
    duration: percentiles(ctx, 'AWS/CodeBuild', 'Duration', dims),
    queued: metric(ctx, 'AWS/CodeBuild', 'QueuedDuration', dims, 'p90', 'Queued p90'),
  };
}
type ProjectMetrics = ReturnType<typeof projectMetrics>;

/** A CodeBuild project: builds by outcome, build duration, time queued. */
export const codeBuildMonitor: Monitor<codebuild.IProject, ProjectMetrics> = {
  kind: 'CodeBuild project',
  accepts: 'aws-codebuild Project / IProject',
  supports: (r: IConstruct) => r instanceof codebuild.Project || (hasString(r, 'projectName') && hasString(r, 'projectArn')),
  metrics: (project, ctx) => projectMetrics(project, ctx),
  signals: (m) => ({ traffic: [m.builds, m.succeeded], errors: [m.failed], latency: m.duration, saturation: [m.queued] }),
  alarms: (m) => [
    { id: 'FailedBuilds', description: 'Builds that failed', metric: m.failed, comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, critical: 0, evaluationPeriods: 1 },
  ],
};
