import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ObservabilityDashboardStack } from '../../examples/observability-dashboard-stack';
import { formatFindings, runNag } from '../harness/nag';
import { normalisedTemplate } from '../harness/reference-app';

const env = { account: '111111111111', region: 'eu-west-1' };
const build = () => new ObservabilityDashboardStack(new App(), 'GantryObservability', { env, functionName: 'star-wars-counter', aliasName: 'live' });

describe('example stack', () => {
  test('passes the five cdk-nag packs with no unsuppressed finding and no dead suppression', () => {
    const stack = build();
    const result = runNag(stack);
    expect(formatFindings(result.unsuppressed)).toBe('');
    expect(formatFindings(result.unusedSuppressions)).toBe('');
  });

  test('every alarm and composite alarm has an action', () => {
    const template = Template.fromStack(build());
    for (const type of ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm']) {
      const alarms = template.findResources(type);
      expect(Object.keys(alarms).length).toBeGreaterThan(0);
      for (const alarm of Object.values(alarms)) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^ObservabilityAlarmTopic/) }]);
    }
  });

  test('snapshot', () => {
    expect(normalisedTemplate(Template.fromStack(build()).toJSON())).toMatchSnapshot();
  });
});
