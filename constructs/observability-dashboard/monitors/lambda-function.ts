import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { literalName, metric, Monitor, MonitorContext, percentiles, ratePercent } from '../monitor';

/** Default p99 latency threshold when the function's timeout is unknown (imported functions). */
const DEFAULT_LATENCY_P99_MS = 3000;

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

/** Error rate and p99 latency alarms shared by functions, aliases and versions. */
export function lambdaAlarms(m: LambdaMetrics, latencyThresholdMs: number) {
  return [
    {
      id: 'ErrorRate',
      description: 'Share of invocations that failed (%)',
      metric: m.errorRate,
      comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      critical: 5,
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

/** 90% of a function's timeout, or a default when unknown. */
export function latencyThreshold(fn: lambda.IFunction): number {
  const timeout = fn instanceof lambda.Function ? fn.timeout : undefined;
  return timeout ? Math.round(timeout.toMilliseconds() * 0.9) : DEFAULT_LATENCY_P99_MS;
}

/** A Lambda function (created or imported): invocations, errors, duration percentiles, concurrency, throttles. */
export const lambdaFunctionMonitor: Monitor<lambda.IFunction, LambdaMetrics> = {
  kind: 'Lambda function',
  accepts: 'aws-lambda Function / IFunction',
  supports: (r: IConstruct) => r instanceof lambda.FunctionBase || (hasString(r, 'functionArn') && hasString(r, 'functionName')),
  metrics: (fn, ctx) => lambdaMetrics(ctx, functionNameOf(fn)),
  signals: (m) => lambdaSignals(m),
  alarms: (m, fn) => lambdaAlarms(m, latencyThreshold(fn)),
};

/** The function's name, literal when an imported function's ARN holds it. */
export function functionNameOf(fn: lambda.IFunction): string {
  return literalName(fn.functionName, fn.functionArn, 6);
}

export function hasString(r: unknown, key: string): boolean {
  return typeof (r as Record<string, unknown>)[key] === 'string';
}
