import { App, Duration, Stack, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { errorRateExpression, LambdaAlarmRules, lambdaLatencyThresholdMs, Limits } from '../../constructs/core';

const fn = (stack: Stack, id: string, timeout?: Duration) => new lambda.Function(stack, id, {
  runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});'), timeout,
});

describe('monitoring rules, stated once', () => {
  test('the error rate is 100 * errors / total, 0 without traffic', () => {
    expect(errorRateExpression('e', 't')).toBe('IF(t > 0, 100 * e / t, 0)');
  });

  test('p99 alarms fire at 80% of the timeout; of Lambda\'s default 3 s when it is not known', () => {
    const stack = new Stack(new App(), 'S');
    expect(LambdaAlarmRules.latencyShareOfTimeout).toBe(0.8);
    expect(Limits.lambda.defaultTimeoutSeconds).toBe(3);
    expect(lambdaLatencyThresholdMs(fn(stack, 'Ten', Duration.seconds(10)))).toBe(8000);
    expect(lambdaLatencyThresholdMs(fn(stack, 'Default'))).toBe(2400);
    expect(lambdaLatencyThresholdMs(lambda.Function.fromFunctionName(stack, 'Imported', 'x'))).toBe(2400);
    expect(lambdaLatencyThresholdMs(fn(stack, 'Token', Duration.seconds(Token.asNumber({ Ref: 'T' }))))).toBe(2400);
  });
});
