import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { checkCount, checkEach, checkPattern, checkRange, checkUnique, fail, Limits } from '../core';
import { AlarmLevel } from './types';

/** An alarm on one custom metric. */
export interface CustomMetricAlarm {
  /** The metric (one of `metricNames`). */
  readonly metricName: string;
  /** Threshold (with `anomalyStdDevs`, ignored). */
  readonly threshold: number;
  /** How the metric is compared with the threshold. @default GREATER_THAN_THRESHOLD */
  readonly comparisonOperator?: cloudwatch.ComparisonOperator;
  /** Statistic evaluated. @default - the group's statistic */
  readonly statistic?: string;
  /** Level, which decides the topic notified. @default AlarmLevel.CRITICAL */
  readonly level?: AlarmLevel;
  /** Alarm on an anomaly-detection band of this many standard deviations instead. @default - static threshold */
  readonly anomalyStdDevs?: number;
  /** Periods evaluated. @default 3 */
  readonly evaluationPeriods?: number;
}

/** Properties of {@link CustomMetrics}. */
export interface CustomMetricsProps {
  /** Namespace the application publishes to (for example with Powertools EMF); not `AWS/...`. */
  readonly metricNamespace: string;
  /** Metric names, 1 to 50, each shown on the dashboard. */
  readonly metricNames: string[];
  /** Dimensions every metric carries (Powertools adds `service`). @default - none */
  readonly dimensions?: { [name: string]: string };
  /** Statistic shown. @default 'Sum' */
  readonly statistic?: string;
  /** Alarms on the metrics. @default - none */
  readonly alarms?: CustomMetricAlarm[];
}

/** Namespace: up to 255 characters, no `AWS/` prefix (reserved). Source: CloudWatch PutMetricData API. */
const NAMESPACE_PATTERN = /(?!AWS\/)[^:]{1,255}/;
const METRIC_NAME_PATTERN = /.{1,255}/;

/**
 * A group of an application's own metrics (namespace, names, dimensions), to be monitored like a
 * resource: `dashboard.monitor(new CustomMetrics(this, 'Orders', { metricNamespace: 'Shop', metricNames: ['OrderPlaced'] }))`.
 * It creates no resources.
 */
export class CustomMetrics extends Construct {
  /** Namespace of the metrics. */
  public readonly metricNamespace: string;
  public readonly metricNames: string[];
  public readonly dimensions: { [name: string]: string };
  public readonly statistic: string;
  public readonly alarms: CustomMetricAlarm[];

  constructor(scope: Construct, id: string, props: CustomMetricsProps) {
    super(scope, id);
    checkPattern(this, 'metricNamespace', props.metricNamespace, NAMESPACE_PATTERN, '1-255 characters without ":", not starting with "AWS/" (reserved for AWS services)');
    checkCount(this, 'metricNames', props.metricNames, 1, 50);
    checkEach(this, 'metricNames', props.metricNames, METRIC_NAME_PATTERN, '1-255 characters');
    checkUnique(this, 'metricNames', props.metricNames);
    checkCount(this, 'dimensions', Object.keys(props.dimensions ?? {}), 0, Limits.cloudWatch.maxDimensionsPerMetric);
    (props.alarms ?? []).forEach((alarm, i) => {
      if (!props.metricNames.includes(alarm.metricName)) fail(this, `alarms[${i}].metricName`, alarm.metricName, `one of the metricNames (${props.metricNames.join(', ')})`);
      checkRange(this, `alarms[${i}].threshold`, alarm.threshold, -Number.MAX_VALUE, Number.MAX_VALUE);
      checkRange(this, `alarms[${i}].anomalyStdDevs`, alarm.anomalyStdDevs, 0.1, 100);
      checkRange(this, `alarms[${i}].evaluationPeriods`, alarm.evaluationPeriods, 1, 100, { integer: true });
    });
    this.metricNamespace = props.metricNamespace;
    this.metricNames = [...props.metricNames];
    this.dimensions = { ...props.dimensions };
    this.statistic = props.statistic ?? 'Sum';
    this.alarms = [...(props.alarms ?? [])];
  }
}
