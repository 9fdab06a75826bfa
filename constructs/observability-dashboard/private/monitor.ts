import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct, IConstruct } from 'constructs';
import { DeliveryEvents } from './delivery-events';
import { errorRatePercent } from '../../core';
import { DashboardMonitorOptions } from '../types';

/**
 * The internal shape every monitor in monitors/ has. A monitor is one small file: a metric
 * factory (what to measure) kept apart from the golden-signal panels, extra widgets and default
 * alarms built from those metrics (how to show and alarm). The registry in monitors/index.ts
 * composes them; ObservabilityDashboard.monitor() picks one by the resource's type.
 */
export interface Monitor<R extends IConstruct = any, M = any> {
  /** What the monitor watches, for headers and the "supported types" error, e.g. `Lambda function`. */
  readonly kind: string;
  /** The aws-cdk-lib types it accepts, for the error listing the supported ones. */
  readonly accepts: string;
  /** True when this monitor handles the resource. */
  supports(resource: IConstruct): boolean;
  /** The metric factory: every metric the monitor shows or alarms on. */
  metrics(resource: R, ctx: MonitorContext): M;
  /** Golden signals drawn from the metrics. */
  signals(metrics: M, resource: R, ctx: MonitorContext): GoldenSignals;
  /** Default alarms (ids are a public contract: they are part of alarm names). */
  alarms(metrics: M, resource: R, ctx: MonitorContext): AlarmSpec[];
  /** Widgets beyond the golden signals (deployment panels, log queries). */
  widgets?(metrics: M, resource: R, ctx: MonitorContext): cloudwatch.IWidget[];
}

/** Traffic, errors, latency and saturation; each drawn as one graph when present. */
export interface GoldenSignals {
  readonly traffic?: cloudwatch.IMetric[];
  readonly errors?: cloudwatch.IMetric[];
  readonly latency?: cloudwatch.IMetric[];
  readonly saturation?: cloudwatch.IMetric[];
}

/** A default alarm of a monitor, before overrides and levels are applied. */
export interface AlarmSpec {
  /** Stable id, part of the alarm's construct id and name, e.g. `ErrorRate`. */
  readonly id: string;
  readonly description: string;
  readonly metric: cloudwatch.IMetric;
  readonly comparison: cloudwatch.ComparisonOperator;
  readonly critical?: number;
  readonly warning?: number;
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
  readonly treatMissingData?: cloudwatch.TreatMissingData;
  /** Anomaly-detection band width instead of static thresholds. */
  readonly anomalyStdDevs?: number;
}

/** What a monitor may use while it builds. */
export interface MonitorContext {
  /** Where the monitor may create resources it needs (metric filters). */
  readonly scope: Construct;
  /** Section title, unique on the dashboard. */
  readonly title: string;
  /** Title reduced to name-safe characters, unique on the dashboard. */
  readonly slug: string;
  readonly period: Duration;
  readonly options: DashboardMonitorOptions;
  /** Shared EventBridge-to-logs capture of pipeline and deployment events (created on first use). */
  delivery(): DeliveryEvents;
}

/**
 * A CloudWatch metric with the section's account/region applied, the one way monitors build
 * metrics. Leave the label out when the metric name says it (every byte is repeated per resource).
 */
export function metric(
  ctx: MonitorContext, namespace: string, metricName: string, dimensionsMap: Record<string, string>,
  statistic: string, label?: string,
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace,
    metricName,
    dimensionsMap,
    statistic,
    label,
    period: ctx.period,
    account: ctx.options.account,
    region: ctx.options.region,
  });
}

/** p50, p90 and p99 of a latency metric. */
export function percentiles(ctx: MonitorContext, namespace: string, metricName: string, dims: Record<string, string>): cloudwatch.Metric[] {
  return ['p50', 'p90', 'p99'].map((stat) => metric(ctx, namespace, metricName, dims, stat, stat));
}

/** The error rate in percent (the core rule: 0 when there are no requests). */
export function ratePercent(ctx: MonitorContext, errors: cloudwatch.IMetric, requests: cloudwatch.IMetric, label: string): cloudwatch.MathExpression {
  return errorRatePercent(errors, requests, { period: ctx.period, label });
}

/** True when `r` has a string property `key` (how imported resources are recognised). */
export function hasString(r: unknown, key: string): boolean {
  return typeof (r as Record<string, unknown>)[key] === 'string';
}

/**
 * A resource name as a literal when it can be read from a literal part of the ARN (imported
 * resources carry their name as an `Fn::Select` over the ARN), else the name as given. A literal
 * keeps dashboards and alarms a fraction of the size.
 * @param arnField field of the ARN split on ':' (6 for `arn:aws:lambda:r:a:function:NAME`)
 * @param afterSlash take the part after the last '/' of that field (`table/NAME`)
 */
export function literalName(name: string, arn: string, arnField: number, afterSlash = false): string {
  if (!Token.isUnresolved(name) || typeof arn !== 'string') return name;
  const field = arn.split(':')[arnField];
  if (field === undefined || Token.isUnresolved(field)) return name;
  const value = afterSlash ? field.slice(field.lastIndexOf('/') + 1) : field;
  return value.length > 0 && !Token.isUnresolved(value) ? value : name;
}
