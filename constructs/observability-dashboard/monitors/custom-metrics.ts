import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { IConstruct } from 'constructs';
import { CustomMetrics } from '../custom-metrics';
import { metric, Monitor, MonitorContext } from '../private/monitor';
import { AlarmLevel } from '../types';

function customMetrics(group: CustomMetrics, ctx: MonitorContext) {
  const byName: Record<string, cloudwatch.Metric> = {};
  for (const name of group.metricNames) byName[name] = metric(ctx, group.metricNamespace, name, group.dimensions, group.statistic, name);
  return byName;
}

/** An application's own metrics (for example Powertools EMF): one graph of them and the alarms asked for. */
export const customMetricsMonitor: Monitor<CustomMetrics, Record<string, cloudwatch.Metric>> = {
  kind: 'Custom metrics',
  accepts: 'CustomMetrics (namespace + metric names)',
  supports: (r: IConstruct) => r instanceof CustomMetrics,
  metrics: (group, ctx) => customMetrics(group, ctx),
  signals: (m) => ({ traffic: Object.values(m) }),
  alarms: (m, group) => group.alarms.map((alarm) => {
    const level = alarm.level ?? AlarmLevel.CRITICAL;
    const base = m[alarm.metricName];
    return {
      id: alarm.metricName.replace(/[^A-Za-z0-9]/g, '') + (alarm.statistic ? alarm.statistic.replace(/[^A-Za-z0-9]/g, '') : ''),
      description: `${group.metricNamespace} ${alarm.metricName}`,
      metric: alarm.statistic ? base.with({ statistic: alarm.statistic }) : base,
      comparison: alarm.comparisonOperator ?? cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      critical: level === AlarmLevel.CRITICAL ? alarm.threshold : undefined,
      warning: level === AlarmLevel.WARNING ? alarm.threshold : undefined,
      evaluationPeriods: alarm.evaluationPeriods,
      anomalyStdDevs: alarm.anomalyStdDevs,
    };
  }),
};
