import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { IConstruct } from 'constructs';
import { metric, Monitor, MonitorContext, percentiles, ratePercent } from '../private/monitor';

/** Requests, 5xx, response time and host health of an ALB target group (AWS/ApplicationELB). */
function targetGroupMetrics(group: elbv2.ApplicationTargetGroup, ctx: MonitorContext) {
  const dims = { TargetGroup: group.targetGroupFullName, LoadBalancer: group.firstLoadBalancerFullName };
  const requests = metric(ctx, 'AWS/ApplicationELB', 'RequestCount', dims, 'Sum', 'Requests');
  const errors = metric(ctx, 'AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', dims, 'Sum', 'Target 5xx');
  return {
    requests,
    errors,
    errorRate: ratePercent(ctx, errors, requests, '5xx rate (%)'),
    latency: percentiles(ctx, 'AWS/ApplicationELB', 'TargetResponseTime', dims),
    healthy: metric(ctx, 'AWS/ApplicationELB', 'HealthyHostCount', dims, 'Minimum', 'Healthy hosts'),
    unhealthy: metric(ctx, 'AWS/ApplicationELB', 'UnHealthyHostCount', dims, 'Maximum', 'Unhealthy hosts'),
  };
}
type TargetGroupMetrics = ReturnType<typeof targetGroupMetrics>;

/**
 * An Application Load Balancer target group behind a load balancer: traffic, 5xx, response-time
 * percentiles and host health. Blue/green services have two, whose roles swap on every deployment.
 */
export const targetGroupMonitor: Monitor<elbv2.ApplicationTargetGroup, TargetGroupMetrics> = {
  kind: 'ALB target group',
  accepts: 'aws-elasticloadbalancingv2 ApplicationTargetGroup (attached to a load balancer)',
  supports: (r: IConstruct) => r instanceof elbv2.ApplicationTargetGroup,
  metrics: (group, ctx) => targetGroupMetrics(group, ctx),
  signals: (m) => ({ traffic: [m.requests], errors: [m.errors], latency: m.latency, saturation: [m.healthy, m.unhealthy] }),
  alarms: (m) => [
    { id: 'ErrorRate', description: '5xx rate of the targets (%)', metric: m.errorRate, comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, critical: 5, evaluationPeriods: 3, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING },
    { id: 'UnhealthyHosts', description: 'Targets failing health checks', metric: m.unhealthy, comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, critical: 0, evaluationPeriods: 3, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING },
  ],
};
