import { App, NestedStack, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { dashboardBody, env, setup } from './helpers';
import { CustomMetrics, ObservabilityDashboard, ResourcePlacement } from '../../constructs';

function monitorFunctions(dashboard: ObservabilityDashboard, stack: Stack, n: number) {
  for (let i = 0; i < n; i++) dashboard.monitor(lambda.Function.fromFunctionName(stack, `Fn${i}`, `fn-${i}`), { title: `fn-${i}` });
}

/** Every template the dashboard writes to: its stack and its nested stacks. */
function templates(stack: Stack, dashboard: ObservabilityDashboard): Template[] {
  return [Template.fromStack(stack), ...dashboard.nestedStacks.map((s: NestedStack) => Template.fromStack(s))];
}

function widgetCounts(all: Template[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of all) {
    for (const r of Object.values(t.findResources('AWS::CloudWatch::Dashboard'))) counts[r.Properties.DashboardName] = dashboardBody(r).widgets.length;
  }
  return counts;
}

describe('500 widgets per dashboard', () => {
  test('sections are split over dashboards of at most 500 widgets, in order, without splitting a section', () => {
    const { stack, dashboard } = setup();
    monitorFunctions(dashboard, stack, 100); // 6 widgets per function: 83 fit on a page (498)
    const counts = widgetCounts(templates(stack, dashboard));
    expect(counts).toEqual({ 'Mon-Dash': 498, 'Mon-Dash-2': 102 });
    const first = dashboards(stack, dashboard)['Mon-Dash'];
    expect(first[first.length - 6].properties.markdown).toBe('### fn-82\nLambda function');
    expect(dashboards(stack, dashboard)['Mon-Dash-2'][0].properties.markdown).toBe('### fn-83\nLambda function');
  });

  test('the split is deterministic and honours maxWidgetsPerDashboard', () => {
    const run = () => {
      const { stack, dashboard } = setup({ maxWidgetsPerDashboard: 20 });
      monitorFunctions(dashboard, stack, 7);
      return widgetCounts(templates(stack, dashboard));
    };
    expect(run()).toEqual({ 'Mon-Dash': 18, 'Mon-Dash-2': 18, 'Mon-Dash-3': 6 });
    expect(run()).toEqual(run());
  });

  test('synth fails when a page is pushed past 500 widgets by hand', () => {
    const { app, dashboard } = setup();
    dashboard.dashboards.length; // no page yet
    dashboard.addAlarms('Existing', []);
    const page = dashboard.dashboards[0];
    for (let i = 0; i < 500; i++) page.addWidgets(new cloudwatch.TextWidget({ markdown: `${i}` }));
    expect(() => app.synth()).toThrow(/dashboard page 1 has 501 widgets \(CloudWatch allows 500\)/);
  });
});

describe('CloudFormation limits', () => {
  test('alarms and pages move to nested stacks before the stack outgrows its limits; every stack stays within them', () => {
    const { app, stack, dashboard } = setup();
    monitorFunctions(dashboard, stack, 300);
    expect(() => app.synth()).not.toThrow();
    const all = templates(stack, dashboard);
    expect(dashboard.nestedStacks.length).toBeGreaterThan(0);
    let alarms = 0;
    for (const t of all) {
      const json = t.toJSON();
      expect(Object.keys(json.Resources).length).toBeLessThanOrEqual(500);
      expect(JSON.stringify(json).length).toBeLessThan(1_000_000);
      alarms += Object.keys(t.findResources('AWS::CloudWatch::Alarm')).length;
    }
    expect(alarms).toBe(600);
    expect(dashboard.alarms).toHaveLength(600);
  });

  test('NESTED_STACKS puts everything in nested stacks; SAME_STACK keeps it and the synth-time check fails over 500 resources', () => {
    const nested = setup({ placement: ResourcePlacement.NESTED_STACKS });
    monitorFunctions(nested.dashboard, nested.stack, 2);
    expect(Template.fromStack(nested.stack).findResources('AWS::CloudWatch::Alarm')).toEqual({});
    expect(Object.keys(Template.fromStack(nested.dashboard.nestedStacks[0]).findResources('AWS::CloudWatch::Alarm'))).toHaveLength(4);

    const same = setup({ placement: ResourcePlacement.SAME_STACK });
    monitorFunctions(same.dashboard, same.stack, 260);
    expect(() => same.app.synth()).toThrow(/stack 'Mon' has 52\d resources \(limit 500\): use placement ResourcePlacement.NESTED_STACKS/);
  });

  test('the template-size check: SAME_STACK fails over 1 MB; AUTO moves pages to nested stacks instead', () => {
    const build = (placement: ResourcePlacement) => {
      const { app, stack, dashboard } = setup({ placement });
      for (let i = 0; i < 250; i++) {
        dashboard.monitor(new CustomMetrics(stack, `Emf${i}`, {
          metricNamespace: `Service${i}`, metricNames: Array.from({ length: 50 }, (_, m) => `BusinessMetricNumber${m}`), dimensions: { service: `service-${i}` },
        }), { title: `Service ${i}` });
      }
      return { app, stack, dashboard };
    };
    const same = build(ResourcePlacement.SAME_STACK);
    expect(() => same.app.synth()).toThrow(/stack 'Mon' has about \d+ template bytes \(limit 1000000\)/);
    const auto = build(ResourcePlacement.AUTO);
    expect(() => auto.app.synth()).not.toThrow();
    expect(auto.dashboard.nestedStacks.length).toBeGreaterThan(1);
  });

  test('nested stacks stay within 200 parameters when monitored resources live in the parent stack', () => {
    const { app, stack, dashboard } = setup();
    for (let i = 0; i < 300; i++) dashboard.monitor(new sqs.Queue(stack, `Queue${i}`), { title: `queue-${i}` });
    expect(() => app.synth()).not.toThrow();
    for (const nested of dashboard.nestedStacks) {
      const parameters = Object.keys(Template.fromStack(nested).toJSON().Parameters ?? {}).length;
      expect(parameters).toBeGreaterThan(0);
      expect(parameters).toBeLessThanOrEqual(200);
    }
  });

  test('alarm logical IDs and names are stable (a public contract)', () => {
    const { stack, dashboard } = setup();
    monitorFunctions(dashboard, stack, 1);
    const alarms = Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm');
    expect(Object.entries(alarms).map(([id, r]) => [id, r.Properties.AlarmName])).toEqual([
      ['DashAlarmsfn0ErrorRateCritical64CEDAA8', 'Mon-Dash-fn-0-ErrorRate-Critical'],
      ['DashAlarmsfn0LatencyP99CriticalF0900CC7', 'Mon-Dash-fn-0-LatencyP99-Critical'],
    ]);
  });

  test('sections placed earlier keep their stack when more are added later', () => {
    const ids = (n: number) => {
      const { stack, dashboard } = setup();
      monitorFunctions(dashboard, stack, n);
      return Object.keys(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm')).slice(0, 20);
    };
    expect(ids(300)).toEqual(ids(10)); // the first 10 functions' 20 alarms, same logical IDs, same stack
  });
});

describe('props and OAM', () => {
  test.each([
    [{ dashboardName: 'has space' }, /invalid 'dashboardName'/],
    [{ maxWidgetsPerDashboard: 501 }, /invalid 'maxWidgetsPerDashboard': got 501; allowed: a whole number from 1 to 500/],
    [{ observabilityLink: { sinkArn: 'not-an-arn' } }, /invalid 'observabilityLink.sinkArn'/],
    [{ observabilitySink: {} }, /invalid 'observabilitySink.sourceAccountIds'/],
    [{ observabilitySink: { sourceAccountIds: ['123'] } }, /invalid 'observabilitySink.sourceAccountIds\[0\]'/],
    [{ observabilitySink: { organizationId: 'o-abcdefghij', resourceTypes: ['AWS::S3::Bucket'] } }, /invalid 'observabilitySink.resourceTypes\[0\]'/],
  ])('bad prop %#', (props, message) => {
    expect(() => setup(props as any)).toThrow(message);
  });

  test('OAM sink for the central account and link for a source account', () => {
    const app = new App();
    const central = new Stack(app, 'Central', { env });
    new ObservabilityDashboard(central, 'Dash', { observabilitySink: { sourceAccountIds: ['222222222222'], organizationId: 'o-abcdefghij' } });
    const source = new Stack(app, 'Source', { env: { ...env, account: '222222222222' } });
    new ObservabilityDashboard(source, 'Dash', { observabilityLink: { sinkArn: 'arn:aws:oam:eu-west-1:111111111111:sink/abcd-1234' } });

    const types = ['AWS::CloudWatch::Metric', 'AWS::Logs::LogGroup', 'AWS::XRay::Trace'];
    const actions = ['oam:CreateLink', 'oam:UpdateLink'];
    Template.fromStack(central).hasResourceProperties('AWS::Oam::Sink', {
      Name: 'gantry-monitoring',
      Policy: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: ['222222222222'] }, Action: actions, Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'oam:ResourceTypes': types } } },
          { Effect: 'Allow', Principal: '*', Action: actions, Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'oam:ResourceTypes': types }, 'StringEquals': { 'aws:PrincipalOrgID': 'o-abcdefghij' } } },
        ],
      },
    });
    Template.fromStack(source).hasResourceProperties('AWS::Oam::Link', {
      SinkIdentifier: 'arn:aws:oam:eu-west-1:111111111111:sink/abcd-1234', LabelTemplate: '$AccountName', ResourceTypes: types,
    });
  });
});

function dashboards(stack: Stack, dashboard: ObservabilityDashboard): Record<string, any[]> {
  const result: Record<string, any[]> = {};
  for (const t of templates(stack, dashboard)) {
    for (const r of Object.values(t.findResources('AWS::CloudWatch::Dashboard'))) result[r.Properties.DashboardName] = dashboardBody(r).widgets;
  }
  return result;
}
