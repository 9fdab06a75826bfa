import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { hasString, metric, Monitor, MonitorContext } from '../private/monitor';
import { LogPattern } from '../types';

/** Namespace of the metrics the log-pattern filters publish. */
export const LOGS_NAMESPACE = 'Gantry/Logs';
const DEFAULT_PATTERNS: LogPattern[] = [{ name: 'Errors', pattern: '?ERROR ?Exception', alarmThreshold: 0 }];
const DEFAULT_QUERY = 'fields @timestamp, @message | filter @message like /ERROR|Exception/ | sort @timestamp desc | limit 20';

/** One metric filter per pattern; the metric is named after the section so filters never collide. */
function logMetrics(logGroup: logs.ILogGroup, ctx: MonitorContext) {
  const patterns = ctx.options.logPatterns ?? DEFAULT_PATTERNS;
  return patterns.map((p) => {
    const metricName = `${ctx.slug}-${p.name}`.slice(0, 255);
    new logs.MetricFilter(ctx.scope, `${p.name}Filter`, {
      logGroup,
      metricNamespace: LOGS_NAMESPACE,
      metricName,
      metricValue: '1',
      defaultValue: 0,
      filterPattern: logs.FilterPattern.literal(p.pattern),
    });
    return { pattern: p, metric: metric(ctx, LOGS_NAMESPACE, metricName, {}, 'Sum', p.name) };
  });
}
type LogMetrics = ReturnType<typeof logMetrics>;

/**
 * A log group: metric filters from patterns (`?ERROR ?Exception`, `{ $.status = 500 }`), alarms on
 * them, and Logs Insights query widgets. Like every monitor it leaves the log group as it is
 * (retention is the owner's choice; `secureLogGroup` and the nag packs see to it).
 */
export const logGroupMonitor: Monitor<logs.ILogGroup, LogMetrics> = {
  kind: 'Log group',
  accepts: 'aws-logs LogGroup / ILogGroup',
  supports: (r: IConstruct) => r instanceof logs.LogGroup || (hasString(r, 'logGroupName') && hasString(r, 'logGroupArn')),
  metrics: (logGroup, ctx) => logMetrics(logGroup, ctx),
  signals: (m) => ({ errors: m.map((x) => x.metric) }),
  alarms: (m) => m.filter((x) => x.pattern.alarmThreshold !== undefined).map((x) => ({
    id: x.pattern.name,
    description: `Log events matching ${x.pattern.pattern}`,
    metric: x.metric,
    comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    critical: x.pattern.alarmThreshold,
    evaluationPeriods: 1,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  })),
  widgets: (_m, logGroup, ctx) => (ctx.options.insightsQueries ?? [DEFAULT_QUERY]).map((query, i) => new cloudwatch.LogQueryWidget({
    title: i === 0 ? 'Logs Insights' : `Logs Insights ${i + 1}`,
    width: 12,
    logGroupNames: [logGroup.logGroupName],
    queryString: query,
  })),
};
