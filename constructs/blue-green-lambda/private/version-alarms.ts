import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { errorRateExpression } from '../../core';
import { DeploymentGateAlarm, GateMetric } from '../../core/contracts/monitoring';
import { VersionAlarmThresholds } from '../version-alarm-thresholds';

/** What the alarms measure: one alias and the version it executed. */
export interface VersionScope {
  readonly functionName: string;
  readonly aliasName: string;
  readonly version: string;
}

/** Lambda metric dimensions of invocations through an alias that ran one version. */
export function versionDimensions(scope: VersionScope): Record<string, string> {
  // Lambda publishes FunctionName + Resource (`function:alias`) + ExecutedVersion for alias
  // invocations (Lambda Developer Guide, "Types of metrics for Lambda functions", dimensions).
  return {
    FunctionName: scope.functionName,
    Resource: `${scope.functionName}:${scope.aliasName}`,
    ExecutedVersion: scope.version,
  };
}

const PERIOD = Duration.minutes(1);

function versionMetric(scope: VersionScope, metricName: string, statistic: string): cloudwatch.Metric {
  return new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName, statistic, period: PERIOD, dimensionsMap: versionDimensions(scope) });
}

/** Suffixes of the default alarms' names when a prefix is given (`<prefix>-<suffix>`). */
export const VERSION_ALARM_NAME_SUFFIXES = { errorRate: 'NewVersionErrorRate', throttles: 'NewVersionThrottles', duration: 'NewVersionDurationP99' };

/** The three default alarms on the new version: error rate, throttles and p99 duration. */
export function createVersionAlarms(parent: Construct, scope: VersionScope, thresholds: Required<VersionAlarmThresholds>, namePrefix?: string) {
  const alarmName = (suffix: string) => (namePrefix === undefined ? undefined : `${namePrefix}-${suffix}`);
  // Plain text (no tokens): a description built from references costs template bytes per alarm.
  const subject = `the new version of ${parent.node.path} (alias ${scope.aliasName})`;
  const common = {
    evaluationPeriods: thresholds.evaluationPeriods,
    datapointsToAlarm: thresholds.evaluationPeriods,
    // A version nobody calls yet (before traffic shifts) is healthy.
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  };

  const errorRate = new cloudwatch.MathExpression({
    expression: errorRateExpression('errors', 'invocations'),
    usingMetrics: { errors: versionMetric(scope, 'Errors', 'Sum'), invocations: versionMetric(scope, 'Invocations', 'Sum') },
    period: PERIOD,
    label: 'Error rate (%) of the new version',
  });
  const errorRateAlarm = errorRate.createAlarm(parent, 'ErrorRateAlarm', {
    ...common,
    alarmName: alarmName(VERSION_ALARM_NAME_SUFFIXES.errorRate),
    alarmDescription: `More than ${thresholds.errorRatePercent}% of invocations of ${subject} failed`,
    threshold: thresholds.errorRatePercent,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
  });
  const throttlesAlarm = versionMetric(scope, 'Throttles', 'Sum').createAlarm(parent, 'ThrottlesAlarm', {
    ...common,
    alarmName: alarmName(VERSION_ALARM_NAME_SUFFIXES.throttles),
    alarmDescription: `At least ${thresholds.throttles} invocations of ${subject} were throttled`,
    threshold: thresholds.throttles,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  });
  const durationAlarm = versionMetric(scope, 'Duration', 'p99').createAlarm(parent, 'DurationAlarm', {
    ...common,
    alarmName: alarmName(VERSION_ALARM_NAME_SUFFIXES.duration),
    alarmDescription: `p99 duration of ${subject} exceeded ${thresholds.p99DurationMs} ms`,
    threshold: thresholds.p99DurationMs,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
  });
  return { errorRateAlarm, throttlesAlarm, durationAlarm };
}

/**
 * The default alarms described on the alias (`FunctionName` + `Resource` = `<function>:<alias>`,
 * every version), so a pipeline in another account can re-create them: after a deployment all
 * traffic runs the new version, so the alias's metrics are the new version's. No
 * `ExecutedVersion`: a version's number refers to the Version resource and cannot be copied.
 */
export function aliasGateAlarms(functionName: string, aliasName: string, thresholds: Required<VersionAlarmThresholds>): DeploymentGateAlarm[] {
  const dimensions = { FunctionName: functionName, Resource: `${functionName}:${aliasName}` };
  const metric = (metricName: string, statistic: string): GateMetric => ({ namespace: 'AWS/Lambda', metricName, statistic, period: PERIOD, dimensions });
  const common = {
    evaluationPeriods: thresholds.evaluationPeriods,
    datapointsToAlarm: thresholds.evaluationPeriods,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  };
  const subject = `alias ${aliasName} of ${functionName}`;
  return [
    {
      ...common,
      name: `${functionName}-${aliasName}-ErrorRate`,
      description: `More than ${thresholds.errorRatePercent}% of invocations of ${subject} failed`,
      metrics: { errors: metric('Errors', 'Sum'), invocations: metric('Invocations', 'Sum') },
      expression: errorRateExpression('errors', 'invocations'),
      threshold: thresholds.errorRatePercent,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    },
    {
      ...common,
      name: `${functionName}-${aliasName}-Throttles`,
      description: `At least ${thresholds.throttles} invocations of ${subject} were throttled`,
      metrics: { throttles: metric('Throttles', 'Sum') },
      threshold: thresholds.throttles,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    },
    {
      ...common,
      name: `${functionName}-${aliasName}-DurationP99`,
      description: `p99 duration of ${subject} exceeded ${thresholds.p99DurationMs} ms`,
      metrics: { duration: metric('Duration', 'p99') },
      threshold: thresholds.p99DurationMs,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    },
  ];
}
