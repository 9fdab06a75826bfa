import { createHash } from 'crypto';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { AlarmSpec } from './monitor';
import { checkRange, fail, isUnresolved, Limits, suppressNagFindings } from '../../core';
import { AlarmLevel, AlarmThresholds } from '../types';

/** Topics alarms notify, by level; warnings only when a warning topic was given (opt-in). */
export interface AlarmRouting {
  readonly critical: sns.ITopic;
  readonly warning?: sns.ITopic;
}

/**
 * Adds the level's SNS action: critical alarms page the alarm topic; warning alarms notify the
 * warning topic when there is one, else no one (they show on the dashboard).
 */
export function routeAlarm(alarm: cloudwatch.AlarmBase, level: AlarmLevel, routing: AlarmRouting): void {
  const topic = level === AlarmLevel.CRITICAL ? routing.critical : routing.warning;
  if (topic) {
    alarm.addAlarmAction(new actions.SnsAction(topic));
  } else {
    withoutAction(alarm, 'A warning-level alarm: warnings notify only a warning topic, which was not given (opt-in); it shows on the dashboard.');
  }
}

/** Acknowledges, with its reason, that an alarm carries no action on purpose. */
export function withoutAction(alarm: cloudwatch.AlarmBase, reason: string): void {
  if (!(alarm instanceof cloudwatch.Alarm)) return; // the packs check metric alarms only
  suppressNagFindings(alarm, ['NIST.800.53.R5', 'HIPAA.Security'].map((pack) => ({ id: `${pack}-CloudWatchAlarmAction`, reason })));
}

/**
 * Alarm names are a public contract (renaming replaces the alarm): `<prefix>-<section>-<id>-<level>`.
 * Over-long names keep their end, which identifies the alarm, and a hash of the whole.
 */
export function alarmName(prefix: string, slug: string, id: string, suffix: string): string {
  const name = `${prefix}-${slug}-${id}-${suffix}`;
  if (name.length <= Limits.cloudWatch.maxNameLength) return name;
  const tail = `-${hash(name)}-${id}-${suffix}`;
  return `${prefix}-${slug}`.slice(0, Limits.cloudWatch.maxNameLength - tail.length) + tail;
}

/** Short stable hash for name shortening. */
export function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/**
 * Checks the overrides of a monitor's alarms: known ids, numeric thresholds, and an evaluation
 * range (period x periods) CloudWatch accepts: 1 day for periods under an hour, else 7 days.
 */
export function checkThresholds(
  scope: Construct, specs: AlarmSpec[], overrides: { [id: string]: AlarmThresholds } | undefined, periodSeconds: number,
): void {
  const maxRange = periodSeconds < 3600 ? 86_400 : Limits.cloudWatch.maxAlarmEvaluationSeconds;
  const maxPeriods = isUnresolved(periodSeconds) ? 100 : Math.max(1, Math.min(100, Math.floor(maxRange / periodSeconds)));
  for (const [id, t] of Object.entries(overrides ?? {})) {
    const prop = `alarms.${id}`;
    if (!specs.some((s) => s.id === id)) fail(scope, prop, id, `an alarm id of this monitor: ${specs.map((s) => s.id).join(', ') || '(it has none)'}`);
    checkRange(scope, `${prop}.critical`, t.critical, -Number.MAX_VALUE, Number.MAX_VALUE);
    checkRange(scope, `${prop}.warning`, t.warning, -Number.MAX_VALUE, Number.MAX_VALUE);
    checkRange(scope, `${prop}.anomalyStdDevs`, t.anomalyStdDevs, 0.1, 100);
    checkRange(scope, `${prop}.evaluationPeriods`, t.evaluationPeriods, 1, maxPeriods, { integer: true });
    checkRange(scope, `${prop}.datapointsToAlarm`, t.datapointsToAlarm, 1, t.evaluationPeriods ?? 100, { integer: true });
  }
}

/** What createAlarms needs besides the specs. */
export interface AlarmContext {
  readonly scope: Construct;
  readonly prefix: string;
  readonly slug: string;
  readonly routing: AlarmRouting;
}

/** How many alarms the specs become, to reserve room before creating them. */
export function countAlarms(specs: AlarmSpec[], overrides: { [id: string]: AlarmThresholds } = {}): number {
  return specs.reduce((n, spec) => {
    const o = overrides[spec.id] ?? {};
    if (o.disabled) return n;
    if (o.anomalyStdDevs ?? spec.anomalyStdDevs) return n + 1;
    return n + ((o.critical ?? spec.critical) !== undefined ? 1 : 0) + ((o.warning ?? spec.warning) !== undefined ? 1 : 0);
  }, 0);
}

/**
 * Turns a monitor's alarm specs, with the user's overrides, into alarms: one per level with a
 * threshold (static), or one anomaly-detection alarm. Each gets its level's action.
 */
export function createAlarms(ctx: AlarmContext, specs: AlarmSpec[], overrides: { [id: string]: AlarmThresholds } = {}): cloudwatch.AlarmBase[] {
  const created: cloudwatch.AlarmBase[] = [];
  for (const spec of specs) {
    const o = overrides[spec.id] ?? {};
    if (o.disabled) continue;
    const evaluationPeriods = o.evaluationPeriods ?? spec.evaluationPeriods ?? 3;
    const common = {
      metric: unlabelled(spec.metric),
      evaluationPeriods,
      // Omitted when it equals evaluationPeriods (CloudFormation's default): fewer template bytes.
      datapointsToAlarm: o.datapointsToAlarm ?? spec.datapointsToAlarm,
      treatMissingData: spec.treatMissingData ?? cloudwatch.TreatMissingData.NOT_BREACHING,
    };
    const stdDevs = o.anomalyStdDevs ?? spec.anomalyStdDevs;
    if (stdDevs !== undefined) {
      const alarm = new cloudwatch.AnomalyDetectionAlarm(ctx.scope, `${spec.id}Anomaly`, {
        ...common,
        alarmName: alarmName(ctx.prefix, ctx.slug, spec.id, 'Anomaly'),
        alarmDescription: `${spec.description}: outside the expected band (${stdDevs} standard deviations)`,
        stdDevs,
        comparisonOperator: anomalyOperator(spec.comparison),
      });
      routeAlarm(alarm, AlarmLevel.CRITICAL, ctx.routing);
      created.push(alarm);
      continue;
    }
    const levels: Array<[AlarmLevel, number | undefined]> = [
      [AlarmLevel.CRITICAL, o.critical ?? spec.critical],
      [AlarmLevel.WARNING, o.warning ?? spec.warning],
    ];
    for (const [level, threshold] of levels) {
      if (threshold === undefined) continue;
      const alarm = new cloudwatch.Alarm(ctx.scope, `${spec.id}${level}`, {
        ...common,
        alarmName: alarmName(ctx.prefix, ctx.slug, spec.id, level),
        alarmDescription: `${spec.description} ${describeOperator(spec.comparison)} ${threshold} (${level.toLowerCase()})`,
        threshold,
        comparisonOperator: spec.comparison,
      });
      routeAlarm(alarm, level, ctx.routing);
      created.push(alarm);
    }
  }
  return created;
}

/**
 * The metric without labels: labels are for graphs, and on an alarm they only add template bytes
 * (and force the longer `Metrics` form for a single metric).
 */
function unlabelled(metric: cloudwatch.IMetric): cloudwatch.IMetric {
  if (metric instanceof cloudwatch.MathExpression) {
    const usingMetrics: Record<string, cloudwatch.IMetric> = {};
    for (const [id, m] of Object.entries(metric.usingMetrics)) usingMetrics[id] = unlabelled(m);
    return new cloudwatch.MathExpression({
      expression: metric.expression, usingMetrics, period: metric.period, searchAccount: metric.searchAccount, searchRegion: metric.searchRegion,
    });
  }
  if (!(metric instanceof cloudwatch.Metric) || metric.label === undefined) return metric;
  return new cloudwatch.Metric({
    namespace: metric.namespace,
    metricName: metric.metricName,
    dimensionsMap: metric.dimensions as Record<string, string>,
    statistic: metric.statistic,
    period: metric.period,
    unit: metric.unit,
    account: metric.account,
    region: metric.region,
  });
}

function anomalyOperator(comparison: cloudwatch.ComparisonOperator): cloudwatch.ComparisonOperator {
  const below = comparison === cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD
    || comparison === cloudwatch.ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD;
  return below ? cloudwatch.ComparisonOperator.LESS_THAN_LOWER_THRESHOLD : cloudwatch.ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD;
}

function describeOperator(comparison: cloudwatch.ComparisonOperator): string {
  switch (comparison) {
    case cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD: return '>';
    case cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD: return '>=';
    case cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD: return '<';
    case cloudwatch.ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD: return '<=';
    default: return String(comparison);
  }
}
