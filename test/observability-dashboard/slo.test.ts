import { Duration, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { alarmsByName, dashboards, ruleText, setup } from './helpers';
import { AlarmLevel, SloObjective } from '../../constructs';

const dims = { FunctionName: 'orders' };
const invocations = new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName: 'Invocations', dimensionsMap: dims, statistic: 'Sum' });
const errors = new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName: 'Errors', dimensionsMap: dims, statistic: 'Sum' });
const availability = SloObjective.availability({ totalEvents: invocations, badEvents: errors });

describe('SLO burn-rate alarms', () => {
  test('99.9% availability: burn-rate metric math per window, thresholds 14.4 and 6, evaluated over the window', () => {
    const { stack, dashboard } = setup();
    dashboard.addSlo({ name: 'Orders availability', objective: availability, targetPercent: 99.9 });
    const alarms = alarmsByName(Template.fromStack(stack));
    const oneHour = alarms['Mon-Dash-Orders-availability-BurnRate1hx14_4-Window'];
    expect(oneHour).toMatchObject({ Threshold: 14.4, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1, TreatMissingData: 'notBreaching' });
    expect(oneHour.Metrics[0].Expression).toBe('(IF(total > 0, bad / total, 0)) / 0.001');
    expect(oneHour.Metrics.slice(1).map((m: any) => [m.Id, m.MetricStat.Metric.MetricName, m.MetricStat.Period])).toEqual([['bad', 'Errors', 3600], ['total', 'Invocations', 3600]]);
    expect(alarms['Mon-Dash-Orders-availability-BurnRate5mx14_4-Window'].Metrics[1].MetricStat.Period).toBe(300);
    expect(alarms['Mon-Dash-Orders-availability-BurnRate6hx6-Window']).toMatchObject({ Threshold: 6 });
    expect(alarms['Mon-Dash-Orders-availability-BurnRate6hx6-Window'].Metrics[1].MetricStat.Period).toBe(21600);
    expect(alarms['Mon-Dash-Orders-availability-BurnRate30mx6-Window'].Metrics[1].MetricStat.Period).toBe(1800);
  });

  test('each pair is a composite (long AND short); the SLO alarm is a composite of the pair composites', () => {
    const { stack, dashboard } = setup();
    const slo = dashboard.addSlo({ name: 'Orders availability', objective: availability, targetPercent: 99.9 });
    expect(slo.windowAlarms).toHaveLength(4);
    const template = Template.fromStack(stack);
    const alarms = alarmsByName(template);
    const pair = alarms['Mon-Dash-Orders-availability-BurnRate1h5m-Critical'];
    expect(ruleText(pair.AlarmRule)).toMatch(/^\(ALARM\("DashAlarmsOrdersavailabilityBurnRate1hx144\w+"\) AND ALARM\("DashAlarmsOrdersavailabilityBurnRate5mx144\w+"\)\)$/);
    expect(ruleText(alarms['Mon-Dash-Orders-availability-SLO-Critical'].AlarmRule))
      .toMatch(/^\(ALARM\("DashAlarmsOrdersavailabilityBurnRate1h5m\w+"\) OR ALARM\("DashAlarmsOrdersavailabilityBurnRate6h30m\w+"\)\)$/);
    expect(alarms['Mon-Dash-Orders-availability-SLO-Critical'].AlarmActions).toHaveLength(1);
    expect(pair.AlarmActions).toBeUndefined(); // it feeds the SLO composite, which pages
  });

  test('latency SLO uses the percentile rank statistic; error-budget widget over the window', () => {
    const { stack, dashboard } = setup();
    dashboard.addSlo({
      name: 'Orders latency',
      objective: SloObjective.latency({ latency: new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName: 'Duration', dimensionsMap: dims }), thresholdMillis: 300 }),
      targetPercent: 99,
      window: Duration.days(28),
      burnRateWindows: [{ longWindow: Duration.hours(1), shortWindow: Duration.minutes(5), burnRate: 14.4, level: AlarmLevel.WARNING }],
    });
    const template = Template.fromStack(stack);
    const alarms = alarmsByName(template);
    const window = alarms['Mon-Dash-Orders-latency-BurnRate1hx14_4-Window'];
    expect(window.Metrics[0].Expression).toBe('((100 - FILL(under, 100)) / 100) / 0.01');
    expect(window.Metrics[1].MetricStat.Stat).toBe('PR(:300)');
    expect(alarms['Mon-Dash-Orders-latency-SLO-Warning']).toBeDefined();
    const budget = dashboards(template)['Mon-Dash'].find((w) => w.properties?.title === 'Error budget remaining (28d)');
    expect(budget.properties.metrics[0][0]).toMatchObject({ expression: '100 * (1 - ((100 - FILL(under, 100)) / 100) / 0.01)' });
    expect(budget.properties.metrics[1][4]).toMatchObject({ period: 2419200, stat: 'PR(:300)' });
  });

  test.each([
    [{ targetPercent: 100 }, /invalid 'targetPercent': got 100; allowed: a number above 0 and below 100/],
    [{ targetPercent: 0 }, /invalid 'targetPercent': got 0/],
    [{ targetPercent: 101 }, /invalid 'targetPercent'/],
    [{ targetPercent: 'high' as any }, /invalid 'targetPercent': got "high"/],
    [{ burnRateWindows: [{ longWindow: Duration.minutes(5), shortWindow: Duration.hours(1), burnRate: 14.4 }] }, /invalid 'burnRateWindows\[0\].shortWindow'.*wrong order/],
    [{ burnRateWindows: [{ longWindow: Duration.days(8), shortWindow: Duration.hours(1), burnRate: 1 }] }, /invalid 'burnRateWindows\[0\].longWindow'/],
    [{ burnRateWindows: [{ longWindow: Duration.hours(1), shortWindow: Duration.minutes(5), burnRate: 2000 }] }, /invalid 'burnRateWindows\[0\].burnRate'/],
    [{ window: Duration.hours(2) }, /invalid 'window'/],
    [{ objective: SloObjective.availability({ totalEvents: invocations }) }, /invalid 'objective'.*exactly one of goodEvents and badEvents/],
  ])('bad input %#', (override, message) => {
    const { dashboard } = setup();
    expect(() => dashboard.addSlo({ name: 'S', objective: availability, targetPercent: 99.9, ...override })).toThrow(message);
  });

  test('a token target passes validation', () => {
    const { dashboard } = setup();
    expect(() => dashboard.addSlo({ name: 'S', objective: availability, targetPercent: Token.asNumber({ Ref: 'Target' }) })).not.toThrow(/targetPercent/);
  });

  test('duplicate SLO names are rejected', () => {
    const { dashboard } = setup();
    dashboard.addSlo({ name: 'S', objective: availability, targetPercent: 99 });
    expect(() => dashboard.addSlo({ name: 'S', objective: availability, targetPercent: 99 })).toThrow(/invalid 'title': got "S".*duplicate/);
  });
});

describe('composite alarms', () => {
  test('nested composites with custom expressions, with an action', () => {
    const { stack, dashboard } = setup();
    const slo = dashboard.addSlo({ name: 'Avail', objective: availability, targetPercent: 99.9 });
    const inner = dashboard.addCompositeAlarm('Inner', {
      rule: cloudwatch.AlarmRule.fromString('ALARM("some-external-alarm") AND NOT OK("another-alarm")'),
      level: AlarmLevel.WARNING,
    });
    dashboard.addCompositeAlarm('Outer', { rule: cloudwatch.AlarmRule.anyOf(slo.alarm, cloudwatch.AlarmRule.allOf(inner, cloudwatch.AlarmRule.not(slo.pairAlarms[0]))), description: 'outer' });
    const alarms = alarmsByName(Template.fromStack(stack));
    expect(alarms['Mon-Dash-Inner-Inner-Warning'].AlarmRule).toBe('ALARM("some-external-alarm") AND NOT OK("another-alarm")');
    expect(ruleText(alarms['Mon-Dash-Outer-Outer-Critical'].AlarmRule))
      .toMatch(/^\(ALARM\("DashAlarmsAvailSlo\w+"\) OR \(ALARM\("DashAlarmsInner\w+"\) AND \(NOT \(ALARM\("DashAlarmsAvailBurnRate1h5m\w+"\)\)\)\)\)$/);
    expect(alarms['Mon-Dash-Outer-Outer-Critical'].AlarmActions).toHaveLength(1);
  });

  test('rules over 100 alarms are rejected', () => {
    const { dashboard } = setup();
    const rule = cloudwatch.AlarmRule.fromString(Array.from({ length: 101 }, (_, i) => `ALARM("a${i}")`).join(' OR '));
    expect(() => dashboard.addCompositeAlarm('Big', { rule })).toThrow(/invalid 'rule': got "101 alarm references"; allowed: at most 100/);
  });
});
