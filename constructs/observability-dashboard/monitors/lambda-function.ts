import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { lambdaLatencyThresholdMs } from '../../core';
import { functionNameOf, lambdaAlarms, lambdaMetrics, LambdaMetrics, lambdaSignals } from '../private/lambda-metrics';
import { hasString, Monitor } from '../private/monitor';

/** A Lambda function (created or imported): invocations, errors, duration percentiles, concurrency, throttles. */
export const lambdaFunctionMonitor: Monitor<lambda.IFunction, LambdaMetrics> = {
  kind: 'Lambda function',
  accepts: 'aws-lambda Function / IFunction',
  supports: (r: IConstruct) => r instanceof lambda.FunctionBase || (hasString(r, 'functionArn') && hasString(r, 'functionName')),
  metrics: (fn, ctx) => lambdaMetrics(ctx, functionNameOf(fn)),
  signals: (m) => lambdaSignals(m),
  alarms: (m, fn) => lambdaAlarms(m, lambdaLatencyThresholdMs(fn)),
};
