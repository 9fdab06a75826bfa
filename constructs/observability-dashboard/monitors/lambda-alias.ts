import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { lambdaLatencyThresholdMs } from '../../core';
import { lambdaAlarms, lambdaMetrics, LambdaMetrics, lambdaSignals } from '../private/lambda-metrics';
import { hasString, literalName, Monitor, MonitorContext } from '../private/monitor';

/**
 * Traffic per executed version behind an alias (a SEARCH over the ExecutedVersion dimension), the
 * panel that shows a blue/green shift as it happens.
 */
function trafficPerVersion(ctx: MonitorContext, functionName: string, aliasName: string): cloudwatch.IWidget {
  return new cloudwatch.GraphWidget({
    title: 'Traffic per version',
    width: 12,
    left: [new cloudwatch.MathExpression({
      expression: `SEARCH('{AWS/Lambda,FunctionName,Resource,ExecutedVersion} MetricName="Invocations" FunctionName="${functionName}" Resource="${functionName}:${aliasName}"', 'Sum', ${ctx.period.toSeconds()})`,
      label: 'v',
      period: ctx.period,
      searchAccount: ctx.options.account,
      searchRegion: ctx.options.region,
    })],
    stacked: true,
  });
}

/** The aliased function's name, literal when the alias ARN holds it. */
function aliasFunctionName(alias: lambda.IAlias): string {
  return literalName(alias.version.lambda.functionName, alias.functionArn, 6);
}

/** A Lambda alias: the function's signals for the alias, plus traffic per version. */
export const lambdaAliasMonitor: Monitor<lambda.IAlias, LambdaMetrics> = {
  kind: 'Lambda alias',
  accepts: 'aws-lambda Alias / IAlias',
  supports: (r: IConstruct) => r instanceof lambda.Alias || (hasString(r, 'aliasName') && hasString(r, 'functionArn')),
  metrics: (alias, ctx) => lambdaMetrics(ctx, aliasFunctionName(alias), alias.aliasName),
  signals: (m) => lambdaSignals(m),
  alarms: (m, alias) => lambdaAlarms(m, lambdaLatencyThresholdMs(alias.version.lambda)),
  widgets: (_m, alias, ctx) => [trafficPerVersion(ctx, aliasFunctionName(alias), alias.aliasName)],
};

/** A published Lambda version: the function's signals for that version. */
export const lambdaVersionMonitor: Monitor<lambda.IVersion, LambdaMetrics> = {
  kind: 'Lambda version',
  accepts: 'aws-lambda Version / IVersion',
  supports: (r: IConstruct) => r instanceof lambda.Version
    || (hasString(r, 'version') && hasString(r, 'functionArn') && typeof (r as any).lambda === 'object'),
  metrics: (version, ctx) => lambdaMetrics(ctx, literalName(version.lambda.functionName, version.functionArn, 6), version.version),
  signals: (m) => lambdaSignals(m),
  alarms: (m, version) => lambdaAlarms(m, lambdaLatencyThresholdMs(version.lambda)),
};
