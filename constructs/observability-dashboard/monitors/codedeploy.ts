import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import { IConstruct } from 'constructs';
import { DeliveryEvents } from '../private/delivery-events';
import { hasString, metric, Monitor, MonitorContext } from '../private/monitor';

function deploymentMetrics(group: codedeploy.ILambdaDeploymentGroup, ctx: MonitorContext) {
  const dims = { Application: group.application.applicationName, DeploymentGroup: group.deploymentGroupName };
  const m = (name: string, label: string) => metric(ctx, DeliveryEvents.NAMESPACE, `Deployments${name}`, dims, 'Sum', label);
  return { started: m('Started', 'Started'), succeeded: m('Succeeded', 'Succeeded'), failed: m('Failed', 'Failed (rolled back)') };
}
type DeploymentMetrics = ReturnType<typeof deploymentMetrics>;

/** A CodeDeploy (Lambda) deployment group: deployments by outcome and the latest deployments. */
export const codeDeployMonitor: Monitor<codedeploy.ILambdaDeploymentGroup, DeploymentMetrics> = {
  kind: 'CodeDeploy deployment group',
  accepts: 'aws-codedeploy LambdaDeploymentGroup / ILambdaDeploymentGroup',
  supports: (r: IConstruct) => r instanceof codedeploy.LambdaDeploymentGroup
    || (hasString(r, 'deploymentGroupName') && typeof (r as any).application?.applicationName === 'string'),
  metrics: (group, ctx) => {
    ctx.delivery().watchDeployments(group.application.applicationName);
    return deploymentMetrics(group, ctx);
  },
  signals: (m) => ({ traffic: [m.started, m.succeeded], errors: [m.failed] }),
  alarms: (m) => [
    { id: 'FailedDeployments', description: 'Deployments that failed or were stopped', metric: m.failed, comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, critical: 0, evaluationPeriods: 1, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING },
  ],
  widgets: (_m, group, ctx) => [new cloudwatch.LogQueryWidget({
    title: 'Deployments (latest first)',
    width: 12,
    logGroupNames: [ctx.delivery().logGroup.logGroupName],
    queryLines: [
      'fields @timestamp, detail.deploymentId, detail.state',
      `filter detail.application = "${group.application.applicationName}" and detail.deploymentGroup = "${group.deploymentGroupName}"`,
      'sort @timestamp desc',
      'limit 20',
    ],
  })],
};
