import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ObservabilityDashboard, ObservabilityDashboardProps } from '../../constructs';

export const env = { account: '111111111111', region: 'eu-west-1' };

export function setup(props: ObservabilityDashboardProps = {}) {
  const app = new App();
  const stack = new Stack(app, 'Mon', { env });
  const dashboard = new ObservabilityDashboard(stack, 'Dash', props);
  return { app, stack, dashboard };
}

/** A dashboard body as JSON, with every CloudFormation token replaced by "TOKEN". */
export function dashboardBody(resource: any): any {
  const body = resource.Properties.DashboardBody;
  if (typeof body === 'string') return JSON.parse(body);
  const parts: unknown[] = body['Fn::Join'][1];
  return JSON.parse(parts.map((p) => (typeof p === 'string' ? p : 'TOKEN')).join(''));
}

/** Widgets of every dashboard of a template, by dashboard name. */
export function dashboards(template: Template): Record<string, any[]> {
  const result: Record<string, any[]> = {};
  for (const r of Object.values(template.findResources('AWS::CloudWatch::Dashboard'))) {
    result[r.Properties.DashboardName] = dashboardBody(r).widgets;
  }
  return result;
}

/** Every metric array of every graph widget, flattened. */
export function graphMetrics(widgets: any[]): any[][] {
  return widgets.filter((w) => w.type === 'metric').flatMap((w) => w.properties.metrics ?? []);
}

export function alarmsByName(template: Template): Record<string, any> {
  const result: Record<string, any> = {};
  for (const type of ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm']) {
    for (const r of Object.values(template.findResources(type))) result[r.Properties.AlarmName] = r.Properties;
  }
  return result;
}

export function templateOf(stack: Stack): Template {
  return Template.fromStack(stack);
}

/** A composite alarm rule as text, each `Fn::GetAtt [X, Arn]` shown as `X`. */
export function ruleText(rule: any): string {
  if (typeof rule === 'string') return rule;
  return rule['Fn::Join'][1].map((p: any) => (typeof p === 'string' ? p : p['Fn::GetAtt'][0])).join('');
}
