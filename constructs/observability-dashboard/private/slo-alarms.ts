import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { AlarmRouting, alarmName, routeAlarm, withoutAction } from './alarms';
import { checkRange, checkUnique, fail, isUnresolved, Limits } from '../../core';
import { BurnRateWindow, SloAlarms, SloProps } from '../slo';
import { AlarmLevel } from '../types';

/** The Google SRE workbook's page-level pairs for a 30-day window. */
export const DEFAULT_BURN_RATE_WINDOWS: BurnRateWindow[] = [
  { longWindow: Duration.hours(1), shortWindow: Duration.minutes(5), burnRate: 14.4, level: AlarmLevel.CRITICAL },
  { longWindow: Duration.hours(6), shortWindow: Duration.minutes(30), burnRate: 6, level: AlarmLevel.CRITICAL },
];

/** The error budget as a fraction (99.9 -> 0.001), rounded to cancel floating-point noise. */
export function errorBudget(targetPercent: number): number {
  return Number(((100 - targetPercent) / 100).toPrecision(12));
}

/** `1h`, `5m`, `1d`: compact window names used in ids and alarm names. */
export function windowName(d: Duration): string {
  const s = d.toSeconds();
  if (s % 86400 === 0) return `${s / 86400}d`;
  if (s % 3600 === 0) return `${s / 3600}h`;
  return `${s / 60}m`;
}

/** Checks an SLO's props: target, windows in order, burn rates reachable. */
export function validateSlo(scope: Construct, props: SloProps): void {
  const t = props.targetPercent;
  if (!isUnresolved(t) && (typeof t !== 'number' || Number.isNaN(t) || t <= 0 || t >= 100)) {
    fail(scope, 'targetPercent', t, 'a number above 0 and below 100 (e.g. 99.9)');
  }
  props.objective._validate(scope);
  const windows = props.burnRateWindows ?? DEFAULT_BURN_RATE_WINDOWS;
  if (windows.length === 0) fail(scope, 'burnRateWindows', windows, 'at least one window pair');
  const maxBurn = isUnresolved(t) ? Number.MAX_VALUE : 1 / errorBudget(t);
  windows.forEach((w, i) => {
    const prop = `burnRateWindows[${i}]`;
    for (const [name, d] of [['longWindow', w.longWindow], ['shortWindow', w.shortWindow]] as const) {
      if (Token.isUnresolved(d.toSeconds())) continue;
      const s = d.toSeconds();
      if (s < 60 || s % 60 !== 0 || s > Limits.cloudWatch.maxAlarmEvaluationSeconds) {
        fail(scope, `${prop}.${name}`, d.toHumanString(), `a whole number of minutes from 1 minute to ${Limits.cloudWatch.maxAlarmEvaluationSeconds / 86400} days`);
      }
    }
    if (w.shortWindow.toSeconds() >= w.longWindow.toSeconds()) {
      fail(scope, `${prop}.shortWindow`, w.shortWindow.toHumanString(), `a window shorter than longWindow (${w.longWindow.toHumanString()}): the windows are in the wrong order`);
    }
    checkRange(scope, `${prop}.burnRate`, w.burnRate, Number.MIN_VALUE, maxBurn);
  });
  checkUnique(scope, 'burnRateWindows', windows.map((w) => `${windowName(w.longWindow)}/${windowName(w.shortWindow)}`));
  const window = props.window ?? Duration.days(30);
  const longest = Math.max(...windows.map((w) => w.longWindow.toSeconds()));
  if (window.toSeconds() < longest) fail(scope, 'window', window.toHumanString(), `at least the longest burn-rate window (${longest / 3600} hours)`);
}

/**
 * Builds an SLO's alarms: a metric-math burn-rate alarm per distinct window, a composite per
 * window pair (both must burn), and one composite over the pairs. One burn pages once: the
 * window alarms carry no action (they feed the pairs), the critical pairs neither (they feed the
 * SLO composite, which pages); warning-level pairs notify the warning topic when one was given
 * (opt-in), and the SLO composite is then made of the critical pairs only.
 */
export function buildSlo(scope: Construct, props: SloProps, prefix: string, slug: string, routing: AlarmRouting): SloAlarms {
  const budget = errorBudget(props.targetPercent);
  const windows = props.burnRateWindows ?? DEFAULT_BURN_RATE_WINDOWS;
  const byWindow = new Map<number, cloudwatch.Alarm>();
  const burnRate = (d: Duration, suffix = '') => {
    const ratio = props.objective._errorRatio(d, suffix);
    return new cloudwatch.MathExpression({
      expression: `(${ratio.expression}) / ${budget}`,
      usingMetrics: ratio.usingMetrics,
      period: d,
      label: `Burn rate (${windowName(d)})`,
    });
  };
  const windowAlarm = (d: Duration, threshold: number) => {
    const key = d.toSeconds() * 1000 + threshold; // a window may be used at two burn rates
    let alarm = byWindow.get(key);
    if (!alarm) {
      const id = `BurnRate${windowName(d)}x${String(threshold).replace('.', '_')}`;
      alarm = new cloudwatch.Alarm(scope, id, {
        alarmName: alarmName(prefix, slug, id, 'Window'),
        alarmDescription: `${props.name}: error budget burning over ${threshold}x in the last ${d.toHumanString()} (target ${props.targetPercent}%)`,
        metric: burnRate(d),
        threshold,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      withoutAction(alarm, 'A single-window burn-rate alarm of an SLO: it feeds the multi-window composites, and only the SLO composite notifies (one burn pages once).');
      byWindow.set(key, alarm);
    }
    return alarm;
  };
  const pairAlarms = windows.map((w) => {
    const id = `BurnRate${windowName(w.longWindow)}${windowName(w.shortWindow)}`;
    const level = w.level ?? AlarmLevel.CRITICAL;
    const pair = new cloudwatch.CompositeAlarm(scope, id, {
      compositeAlarmName: alarmName(prefix, slug, id, level),
      alarmDescription: `${props.name}: burning the error budget at over ${w.burnRate}x in both the last ${w.longWindow.toHumanString()} and ${w.shortWindow.toHumanString()}`,
      alarmRule: cloudwatch.AlarmRule.allOf(
        cloudwatch.AlarmRule.fromAlarm(windowAlarm(w.longWindow, w.burnRate), cloudwatch.AlarmState.ALARM),
        cloudwatch.AlarmRule.fromAlarm(windowAlarm(w.shortWindow, w.burnRate), cloudwatch.AlarmState.ALARM),
      ),
    });
    // Critical pairs feed the SLO composite, which pages; a warning pair notifies the warning topic itself.
    if (level === AlarmLevel.WARNING) routeAlarm(pair, level, routing);
    return pair;
  });
  const critical = pairAlarms.filter((_, i) => (windows[i].level ?? AlarmLevel.CRITICAL) === AlarmLevel.CRITICAL);
  const level = critical.length > 0 ? AlarmLevel.CRITICAL : AlarmLevel.WARNING;
  const alarm = new cloudwatch.CompositeAlarm(scope, 'Slo', {
    compositeAlarmName: alarmName(prefix, slug, 'SLO', level),
    alarmDescription: `${props.name}: ${props.objective.kind} SLO of ${props.targetPercent}% at risk (error budget burning too fast)`,
    alarmRule: cloudwatch.AlarmRule.anyOf(...(critical.length > 0 ? critical : pairAlarms)),
  });
  // With only warning pairs, they notify themselves: the SLO composite stays silent.
  if (level === AlarmLevel.CRITICAL) routeAlarm(alarm, level, routing);

  const window = props.window ?? Duration.days(30);
  const ratio = props.objective._errorRatio(window);
  const widgets: cloudwatch.IWidget[] = [
    new cloudwatch.SingleValueWidget({
      title: `Error budget remaining (${windowName(window)})`,
      width: 8,
      height: 6,
      metrics: [new cloudwatch.MathExpression({
        expression: `100 * (1 - (${ratio.expression}) / ${budget})`,
        usingMetrics: ratio.usingMetrics,
        period: window,
        label: 'Error budget remaining (%)',
      })],
    }),
    new cloudwatch.GraphWidget({
      title: 'Burn rate',
      width: 16,
      height: 6,
      left: Array.from(new Set(windows.map((w) => w.longWindow.toSeconds()))).map((s) => burnRate(Duration.seconds(s), `_${windowName(Duration.seconds(s))}`)),
      leftAnnotations: windows.map((w) => ({ value: w.burnRate, label: `${w.burnRate}x (${windowName(w.longWindow)})` })),
      leftYAxis: { min: 0 },
    }),
  ];
  return { windowAlarms: Array.from(byWindow.values()), pairAlarms, alarm, widgets };
}
