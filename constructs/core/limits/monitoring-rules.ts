import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Limits } from './limits';

// The alarm rules every construct shares (dashboard monitors, deployment alarms, gate copies):
// each stated once here, so one resource never gets two different versions of a rule.

/**
 * Error rate in percent as CloudWatch metric math: `100 * errors / total`, 0 when there is no
 * traffic (a period without requests is healthy, and a division by zero would leave the alarm
 * without data). `IF(condition, a, b)` is CloudWatch metric math (CloudWatch User Guide, "Metric
 * math syntax and functions", checked 2026-12-01).
 */
export function errorRateExpression(errorsId: string, totalId: string): string {
  return `IF(${totalId} > 0, 100 * ${errorsId} / ${totalId}, 0)`;
}

/** The error rate (see {@link errorRateExpression}) of two metrics, with their ids. */
export function errorRatePercent(
  errors: cloudwatch.IMetric, total: cloudwatch.IMetric,
  options: { readonly period: Duration; readonly label?: string; readonly errorsId?: string; readonly totalId?: string },
): cloudwatch.MathExpression {
  const errorsId = options.errorsId ?? 'errors';
  const totalId = options.totalId ?? 'requests';
  return new cloudwatch.MathExpression({
    expression: errorRateExpression(errorsId, totalId),
    usingMetrics: { [errorsId]: errors, [totalId]: total },
    label: options.label,
    period: options.period,
  });
}

/** Default thresholds of the alarms on Lambda functions, aliases and versions. */
export const LambdaAlarmRules = {
  /**
   * p99 duration alarms fire at this share of the function's timeout: an invocation that reaches
   * the timeout fails, so the alarm must fire while there is still headroom.
   */
  latencyShareOfTimeout: 0.8,
  /** Error rate (%) of a function or alias in steady state (three 5-minute periods). */
  errorRatePercent: 5,
  /** Error rate (%) of a new version under deployment (one-minute periods: it rolls back fast). */
  deploymentErrorRatePercent: 1,
} as const;

/**
 * The p99 duration threshold of a function in milliseconds: `latencyShareOfTimeout` of its
 * timeout, of Lambda's default timeout when the function sets none or is imported.
 */
export function lambdaLatencyThresholdMs(fn: lambda.IFunction): number {
  const timeout = fn instanceof lambda.Function && fn.timeout && !Token.isUnresolved(fn.timeout.toSeconds())
    ? fn.timeout
    : Duration.seconds(Limits.lambda.defaultTimeoutSeconds);
  return Math.round(timeout.toMilliseconds() * LambdaAlarmRules.latencyShareOfTimeout);
}
