import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AlarmSpec, literalName, metric, MonitorContext, percentiles, ratePercent } from './monitor';
import { LambdaAlarmRules } from '../../core';

// Metrics, signals and default alarms shared by the Lambda function, alias and version monitors.

/**
 * Metrics of a Lambda function, alias or version. An alias or version is addressed by the
 * `Resource` dimension (`function:qualifier`).
 */
export function lambdaMetrics(ctx: MonitorContext, functionName: string, qualifier?: string) {
  const dims: Record<string, string> = qualifier
    ? { FunctionName: functionName, Resource: `${functionName}:${qualifier}` }
    : { FunctionName: functionName };
  const invocations = metric(ctx, 'AWS/Lambda', 'Invocations', dims, 'Sum');
  const errors = metric(ctx, 'AWS/Lambda', 'Errors', dims, 'Sum');
  return {
    invocations,
    errors,
    errorRate: ratePercent(ctx, errors, invocations, 'Error rate (%)'),
    throttles: metric(ctx, 'AWS/Lambda', 'Throttles', dims, 'Sum'),
    duration: percentiles(ctx, 'AWS/Lambda', 'Duration', dims),
    concurrency: metric(ctx, 'AWS/Lambda', 'ConcurrentExecutions', dims, 'Maximum', 'Concurrency'),
  };
}
export type LambdaMetrics = ReturnType<typeof lambdaMetrics>;

/** Golden signals shared by functions, aliases and versions. */
export function lambdaSignals(m: LambdaMetrics) {
  return {
    traffic: [m.invocations],
    errors: [m.errors, m.errorRate],
    latency: m.duration,
    saturation: [m.concurrency, m.throttles],
  };
}

/** Error rate and p99 latency alarms shared by functions, aliases and versions (thresholds: the core rules). */
export function lambdaAlarms(m: LambdaMetrics, latencyThresholdMs: number): AlarmSpec[] {
  return [
    {
      id: 'ErrorRate',
      description: 'Share of invocations that failed (%)',
      metric: m.errorRate,
      comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      critical: LambdaAlarmRules.errorRatePercent,
    },
    {
      id: 'LatencyP99',
      description: 'p99 duration (ms)',
      metric: m.duration[2],
      comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      critical: latencyThresholdMs,
    },
  ];
}

/** The function's name, literal when an imported function's ARN holds it. */
export function functionNameOf(fn: lambda.IFunction): string {
  return literalName(fn.functionName, fn.functionArn, 6);
}
