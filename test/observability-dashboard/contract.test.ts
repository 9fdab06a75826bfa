import { App, Aws, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { alarmsByName, dashboards, env, setup } from './helpers';
import { AlarmLevel, BlueGreenLambda, ObservabilityDashboard, SloObjective } from '../../constructs';

const metric = new cloudwatch.Metric({ namespace: 'X', metricName: 'Y' });
const newAlarm = (scope: Stack, id: string, alarmName?: string) =>
  new cloudwatch.Alarm(scope, id, { metric, threshold: 1, evaluationPeriods: 1, alarmName });
const fnProps = (): lambda.FunctionProps => ({
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline('exports.handler = async () => ({});'),
  timeout: Duration.seconds(10),
});

/** Section headers of a page, and the alarm-status widgets (title, alarm count) in order. */
function layout(widgets: any[]) {
  return widgets.filter((w) => w.type === 'text' || w.type === 'alarm')
    .map((w) => (w.type === 'text' ? w.properties.markdown.split('\n')[0] : `alarms x${w.properties.alarms.length}`));
}

/** Every SNS action of every alarm of a template, by alarm name. */
function actionsByName(template: Template): Record<string, unknown> {
  return Object.fromEntries(Object.entries(alarmsByName(template)).map(([name, p]) => [name, p.AlarmActions]));
}

describe('one call per resource: the resource with its alarms in one section', () => {
  test('given alarms are drawn in the resource\'s section, routed to the alarm topic, and replace its defaults', () => {
    const { stack, dashboard } = setup();
    const fn = lambda.Function.fromFunctionName(stack, 'Fn', 'orders');
    const own = newAlarm(stack, 'OwnErrors', 'orders-errors');
    dashboard.monitor(fn, { title: 'Orders', alarms: [own] });
    const template = Template.fromStack(stack);
    expect(layout(dashboards(template)['Mon-Dash'])).toEqual(['### Orders', 'alarms x1']);
    expect(Object.keys(alarmsByName(template))).toEqual(['orders-errors']); // no Mon-Dash-Orders-ErrorRate-Critical
    expect(actionsByName(template)['orders-errors']).toEqual([{ Ref: expect.stringMatching(/^DashAlarmTopic/) }]);
    expect(dashboard.alarmsFor(fn)).toEqual([own]);
  });

  test('defaultAlarms: true keeps the defaults beside the given alarms, in one alarm widget', () => {
    const { stack, dashboard } = setup();
    const fn = lambda.Function.fromFunctionName(stack, 'Fn', 'orders');
    dashboard.monitor(fn, { title: 'Orders', alarms: [newAlarm(stack, 'Own')], defaultAlarms: true });
    const template = Template.fromStack(stack);
    expect(layout(dashboards(template)['Mon-Dash'])).toEqual(['### Orders', 'alarms x3']);
    expect(Object.keys(alarmsByName(template))).toEqual(expect.arrayContaining(['Mon-Dash-Orders-ErrorRate-Critical', 'Mon-Dash-Orders-LatencyP99-Critical']));
  });

  test('defaultAlarms: false draws the resource without alarms', () => {
    const { stack, dashboard } = setup();
    dashboard.monitor(lambda.Function.fromFunctionName(stack, 'Fn', 'orders'), { title: 'Orders', defaultAlarms: false });
    const template = Template.fromStack(stack);
    expect(layout(dashboards(template)['Mon-Dash'])).toEqual(['### Orders']);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
  });

  test('an alarm added after monitor() (through an alarm source) still shows and is routed', () => {
    const { stack, dashboard } = setup();
    const list: cloudwatch.IAlarm[] = [newAlarm(stack, 'First')];
    dashboard.monitor(lambda.Function.fromFunctionName(stack, 'Fn', 'orders'), { title: 'Orders', alarmSource: { get alarms() { return [...list]; } } });
    const later = newAlarm(stack, 'Later', 'added-later');
    list.push(later);
    const template = Template.fromStack(stack);
    expect(layout(dashboards(template)['Mon-Dash'])).toEqual(['### Orders', 'alarms x2']);
    expect(actionsByName(template)['added-later']).toEqual([{ Ref: expect.stringMatching(/^DashAlarmTopic/) }]);
    expect(dashboard.alarms).toContain(later);
  });

  test('titles default to the construct path (relative to the dashboard\'s stack)', () => {
    const { stack, dashboard } = setup();
    const queueOwner = new Stack(stack.node.root as App, 'Other', { env });
    dashboard.monitor(lambda.Function.fromFunctionName(stack, 'Fn', 'orders'), { defaultAlarms: false });
    dashboard.monitor(lambda.Function.fromFunctionName(queueOwner, 'Fn', 'orders'), { defaultAlarms: false });
    expect(layout(dashboards(Template.fromStack(stack))['Mon-Dash'])).toEqual(['### Fn', '### Other/Fn']);
  });

  test('two BlueGreenLambdas on one dashboard: one section per alias with its three version alarms, one per deployment group, no overlapping alias alarms', () => {
    const { stack, dashboard } = setup();
    const a = new BlueGreenLambda(stack, 'Orders', { functionProps: fnProps(), monitoring: dashboard });
    new BlueGreenLambda(stack, 'Payments', { functionProps: fnProps(), monitoring: dashboard });
    const extra = newAlarm(stack, 'OrdersCustom', 'orders-custom');
    a.addAlarm(extra); // after registering: read at synth
    const template = Template.fromStack(stack);
    expect(layout(dashboards(template)['Mon-Dash'])).toEqual([
      '### Blue/green Mon/Orders', 'alarms x4',
      '### Orders/DeploymentGroup', 'alarms x1',
      // The stack's shared dead-letter queue, once for both functions, with its depth alarm.
      '### Dead letters Mon/GantryDeadLetters/Queue', 'alarms x1',
      '### Blue/green Mon/Payments', 'alarms x3',
      '### Payments/DeploymentGroup', 'alarms x1',
    ]);
    const names = Object.keys(alarmsByName(template));
    // One set of thresholds per alias: the version alarms, not the dashboard's alias defaults.
    expect(names.filter((n) => /ErrorRate|LatencyP99/.test(n) && n.startsWith('Mon-Dash'))).toEqual([]);
    expect(names.filter((n) => n.startsWith('Mon-Dash'))).toEqual(['Mon-Dash-Orders-DeploymentGroup-FailedDeployments-Critical', 'Mon-Dash-Payments-DeploymentGroup-FailedDeployments-Critical']);
    // Every version alarm (and the one added later) pages the dashboard's topic.
    const topicRef = { Ref: Match.stringLikeRegexp('^DashAlarmTopic') };
    for (const alarm of [...a.deploymentAlarms]) {
      const cfn = alarm.node.defaultChild as cloudwatch.CfnAlarm;
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: stack.resolve(cfn.alarmName), AlarmActions: Match.arrayWith([topicRef]) });
    }
    expect(actionsByName(template)['orders-custom']).toEqual([{ Ref: expect.stringMatching(/^DashAlarmTopic/) }]);
  });

  test('snapshot: a BlueGreenLambda\'s dashboard, one section per resource with its alarms (tokens normalised)', () => {
    const { stack, dashboard } = setup();
    new BlueGreenLambda(stack, 'Orders', { functionProps: fnProps(), monitoring: dashboard });
    expect(dashboards(Template.fromStack(stack))['Mon-Dash']).toMatchSnapshot();
  });

  test('addAlarms keeps a section of its own for alarms of no resource; it no longer joins another section by title', () => {
    const { stack, dashboard } = setup();
    dashboard.monitor(lambda.Function.fromFunctionName(stack, 'Fn', 'orders'), { title: 'Orders', defaultAlarms: false });
    expect(() => dashboard.addAlarms('Orders', [newAlarm(stack, 'A')])).toThrow(/invalid 'title': got "Orders".*duplicate section name/);
    dashboard.addAlarms('Stop conditions', [newAlarm(stack, 'B')]);
    expect(layout(dashboards(Template.fromStack(stack))['Mon-Dash'])).toEqual(['### Orders', '### Stop conditions', 'alarms x1']);
  });
});

describe('alarms reach the dashboard\'s topic wherever they live', () => {
  function twoStacks(serviceEnv = env) {
    const app = new App();
    const central = new Stack(app, 'Central', { env });
    const dashboard = new ObservabilityDashboard(central, 'Dash');
    const service = new Stack(app, 'Service', { env: serviceEnv });
    return { app, central, dashboard, service };
  }

  test('a service stack\'s alarms name the central topic by ARN: neither topic nor alarm is exported', () => {
    const { central, dashboard, service } = twoStacks();
    const bg = new BlueGreenLambda(service, 'Orders', { functionProps: fnProps(), monitoring: dashboard });
    const loose = newAlarm(service, 'Loose', 'service-loose');
    dashboard.addAlarms('Service alarms', [loose]);
    const serviceTemplate = Template.fromStack(service);
    const centralTemplate = Template.fromStack(central);
    // The topic is named so that its ARN is known; the alarms are in the service stack.
    centralTemplate.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'Central-Dash-Alarms' });
    const topicArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:eu-west-1:111111111111:Central-Dash-Alarms']] };
    for (const alarm of [...bg.deploymentAlarms, loose]) {
      const cfn = alarm.node.defaultChild as cloudwatch.CfnAlarm;
      // (Version alarms also notify the construct's own deployment topic.)
      serviceTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: service.resolve(cfn.alarmName), AlarmActions: Match.arrayWith([topicArn]) });
    }
    // Routing needs nothing from the central stack, and the dashboard shows the alarms by name:
    // no alarm is exported (the widgets' metrics still read the function's and group's names).
    expect(JSON.stringify(serviceTemplate.toJSON())).not.toContain('Fn::ImportValue');
    expect(Object.keys(serviceTemplate.toJSON().Outputs ?? {}).filter((id) => /Alarm/.test(id))).toEqual([]);
    const alarmWidgets = dashboards(centralTemplate)['Central-Dash'].filter((w) => w.type === 'alarm');
    expect(JSON.stringify(alarmWidgets)).toContain('alarm:Service-Orders-NewVersionErrorRate');
    expect(JSON.stringify(alarmWidgets)).toContain('alarm:service-loose');
    expect(service.dependencies).not.toContain(central);
  });

  test('the created topic admits CloudWatch alarms of its account (its TLS-only policy replaces the default one)', () => {
    const { central } = twoStacks();
    Template.fromStack(central).hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Sid: 'AllowAlarmsOfThisAccount',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Condition: {
            ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:eu-west-1:111111111111:alarm:*']] } },
            StringEquals: { 'aws:SourceAccount': '111111111111' },
          },
        })]),
      },
    });
  });

  test('an alarm of another Region (or account) fails synth saying why', () => {
    const region = twoStacks({ account: env.account, region: 'us-east-1' });
    expect(() => region.dashboard.addAlarms('Elsewhere', [newAlarm(region.service, 'A')]))
      .toThrow(/invalid 'alarms': got "Service\/A".*an alarm in the dashboard's account and Region \(account 111111111111, Region eu-west-1\), not account 111111111111, Region us-east-1/);
    const account = twoStacks({ account: '222222222222', region: env.region });
    expect(() => account.dashboard.monitor(lambda.Function.fromFunctionName(account.service, 'Fn', 'x'), { alarms: [newAlarm(account.service, 'B')] }))
      .toThrow(/not account 222222222222, Region eu-west-1/);
  });

  test('a dashboard whose name is a token cannot name its topic for other stacks: synth fails saying so', () => {
    const app = new App();
    const central = new Stack(app, 'Central', { env });
    const dashboard = new ObservabilityDashboard(central, 'Dash', { dashboardName: Aws.STACK_NAME });
    const service = new Stack(app, 'Service', { env });
    expect(() => dashboard.addAlarms('Service alarms', [newAlarm(service, 'A')])).toThrow(/invalid 'dashboardName'.*known at synth when alarms of other stacks are registered/);
  });

  test('a given topic imported by ARN is used as it is; one with a generated name fails', () => {
    const app = new App();
    const central = new Stack(app, 'Central', { env });
    const service = new Stack(app, 'Service', { env });
    const imported = new ObservabilityDashboard(central, 'Imported', { alarmTopic: sns.Topic.fromTopicArn(central, 'Pager', 'arn:aws:sns:eu-west-1:111111111111:pager') });
    imported.addAlarms('Service alarms', [newAlarm(service, 'A', 'a')]);
    Template.fromStack(service).hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'a', AlarmActions: ['arn:aws:sns:eu-west-1:111111111111:pager'] });
    const generated = new ObservabilityDashboard(central, 'Generated', { alarmTopic: new sns.Topic(central, 'Unnamed') });
    expect(() => generated.addAlarms('More', [newAlarm(service, 'B')])).toThrow(/invalid 'alarmTopic'.*a topic whose name is known at synth/);
  });

  test('alarms of the dashboard\'s own stack keep the topic by reference and the topic keeps its generated name', () => {
    const { stack, dashboard } = setup();
    dashboard.addAlarms('Local', [newAlarm(stack, 'A', 'a')]);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SNS::Topic', { TopicName: Match.absent() });
    expect(actionsByName(template).a).toEqual([{ Ref: expect.stringMatching(/^DashAlarmTopic/) }]);
  });
});

describe('SLO paging: one burn pages once', () => {
  const availability = SloObjective.availability({ totalEvents: metric.with({ statistic: 'Sum' }), badEvents: metric.with({ statistic: 'Sum' }) });

  test('single-window and pair alarms carry no actions by default; the SLO composite pages', () => {
    const { stack, dashboard } = setup();
    const slo = dashboard.addSlo({ name: 'Orders', objective: availability, targetPercent: 99.9 });
    const template = Template.fromStack(stack);
    const actions = actionsByName(template);
    for (const alarm of [...slo.windowAlarms, ...slo.pairAlarms]) {
      const name = stack.resolve((alarm.node.defaultChild as cloudwatch.CfnAlarm | cloudwatch.CfnCompositeAlarm).alarmName);
      expect([name, actions[name]]).toEqual([name, undefined]);
    }
    expect(actions['Mon-Dash-Orders-SLO-Critical']).toEqual([{ Ref: expect.stringMatching(/^DashAlarmTopic/) }]);
  });

  test('warning-level pairs notify the warning topic only when one is given (opt-in)', () => {
    const windows = [
      { longWindow: Duration.hours(1), shortWindow: Duration.minutes(5), burnRate: 14.4 },
      { longWindow: Duration.days(3), shortWindow: Duration.hours(6), burnRate: 1, level: AlarmLevel.WARNING },
    ];
    const without = setup();
    without.dashboard.addSlo({ name: 'Orders', objective: availability, targetPercent: 99.9, burnRateWindows: windows });
    expect(actionsByName(Template.fromStack(without.stack))['Mon-Dash-Orders-BurnRate3d6h-Warning']).toBeUndefined();

    const app = new App();
    const stack = new Stack(app, 'Mon', { env });
    const warningTopic = new sns.Topic(stack, 'Tickets');
    const dashboard = new ObservabilityDashboard(stack, 'Dash', { warningTopic });
    dashboard.addSlo({ name: 'Orders', objective: availability, targetPercent: 99.9, burnRateWindows: windows });
    const actions = actionsByName(Template.fromStack(stack));
    expect(actions['Mon-Dash-Orders-BurnRate3d6h-Warning']).toEqual([{ Ref: expect.stringMatching(/^Tickets/) }]);
    expect(actions['Mon-Dash-Orders-BurnRate1h5m-Critical']).toBeUndefined();
    expect(actions['Mon-Dash-Orders-SLO-Critical']).toEqual([{ Ref: expect.stringMatching(/^DashAlarmTopic/) }]);
  });
});

describe('warnings are opt-in', () => {
  test('a warning-level alarm without a warning topic notifies no one and shows on the dashboard', () => {
    const { stack, dashboard } = setup();
    const fn = lambda.Function.fromFunctionName(stack, 'Fn', 'orders');
    dashboard.monitorWith(fn, { title: 'Orders', thresholds: { ErrorRate: { warning: 2 } } });
    const template = Template.fromStack(stack);
    const actions = actionsByName(template);
    expect(actions['Mon-Dash-Orders-ErrorRate-Warning']).toBeUndefined();
    expect(actions['Mon-Dash-Orders-ErrorRate-Critical']).toEqual([{ Ref: expect.stringMatching(/^DashAlarmTopic/) }]);
    expect(layout(dashboards(template)['Mon-Dash'])).toEqual(['### Orders', 'alarms x3']);
    expect(dashboard.warningTopic).toBeUndefined();
  });
});

describe('a monitor never changes the resource it watches', () => {
  test('the log-group monitor leaves retention as it is', () => {
    const template = (monitored: boolean) => {
      const { stack, dashboard } = setup();
      const group = new logs.LogGroup(stack, 'Forever', { retention: logs.RetentionDays.INFINITE });
      if (monitored) dashboard.monitor(group, { title: 'Forever' });
      return Object.values(Template.fromStack(stack).findResources('AWS::Logs::LogGroup'))[0];
    };
    expect(template(true)).toEqual(template(false));
    expect(template(true).Properties?.RetentionInDays).toBeUndefined();
  });
});

describe('alarm and warning e-mail addresses, through the stack\'s one notification mechanism', () => {
  /** The e-mail subscriptions of a template: endpoint, topic and dead-letter queue, by logical id. */
  function emailSubscriptions(template: Template): Array<{ id: string; endpoint: unknown; topic: unknown; deadLetters: unknown }> {
    return Object.entries<any>(template.findResources('AWS::SNS::Subscription')).map(([id, r]) => {
      expect([id, r.Properties.Protocol]).toEqual([id, 'email']);
      return { id, endpoint: r.Properties.Endpoint, topic: r.Properties.TopicArn, deadLetters: r.Properties.RedrivePolicy?.deadLetterTargetArn };
    });
  }
  const sharedQueue = { 'Fn::GetAtt': [expect.stringMatching(/^GantryDeadLettersQueue/), 'Arn'] };
  const alarmTopicRef = { Ref: expect.stringMatching(/^DashAlarmTopic/) };

  test('the created alarm topic gets one subscription per address, each with the stack\'s shared dead-letter queue', () => {
    const { stack } = setup({ alarmEmailAddresses: ['ops@example.com', 'oncall@example.com'] });
    const template = Template.fromStack(stack);
    const subscriptions = emailSubscriptions(template);
    expect(subscriptions.map((s) => s.endpoint).sort()).toEqual(['oncall@example.com', 'ops@example.com']);
    for (const s of subscriptions) {
      expect(s).toEqual({ id: expect.stringMatching(/^GantryNotificationsEmail/), endpoint: s.endpoint, topic: alarmTopicRef, deadLetters: sharedQueue });
    }
    template.resourceCountIs('AWS::SQS::Queue', 1);
    // SNS may send this topic's dead letters to the queue (and use its key).
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': { Ref: Match.stringLikeRegexp('^DashAlarmTopic') } } },
        })]),
      },
    });
    const keyStatements = Object.values<any>(template.findResources('AWS::KMS::Key')).flatMap((k) => k.Properties.KeyPolicy.Statement);
    expect(keyStatements).toContainEqual(expect.objectContaining({ Sid: 'AllowSnsToSendDeadLetters', Principal: { Service: 'sns.amazonaws.com' } }));
  });

  test('a given alarm topic gets them; warning addresses go to the warning topic only', () => {
    const app = new App();
    const stack = new Stack(app, 'Mon', { env });
    const alarmTopic = new sns.Topic(stack, 'Pager');
    const warningTopic = new sns.Topic(stack, 'Tickets');
    new ObservabilityDashboard(stack, 'Dash', {
      alarmTopic, warningTopic, alarmEmailAddresses: ['oncall@example.com'], warningEmailAddresses: ['team@example.com', 'oncall@example.com'],
    });
    const byTopic = (prefix: string) => emailSubscriptions(Template.fromStack(stack))
      .filter((s) => (s.topic as any).Ref.startsWith(prefix))
      .map((s) => [s.endpoint, s.deadLetters]);
    expect(byTopic('Pager')).toEqual([['oncall@example.com', sharedQueue]]);
    expect(byTopic('Tickets').sort()).toEqual([['oncall@example.com', sharedQueue], ['team@example.com', sharedQueue]]);
    Template.fromStack(stack).resourceCountIs('AWS::SNS::Subscription', 3);
  });

  test('an address the dashboard and another construct give for the same topic is subscribed once; for another topic, once more', () => {
    const { stack, dashboard } = setup({ alarmEmailAddresses: ['ops@example.com'] });
    new BlueGreenLambda(stack, 'Orders', { functionProps: fnProps(), notifications: { topic: dashboard.alarmTopic, emailAddresses: ['ops@example.com'] } });
    new BlueGreenLambda(stack, 'Billing', { functionProps: fnProps(), notifications: { emailAddresses: ['ops@example.com'] } });
    const subscriptions = emailSubscriptions(Template.fromStack(stack));
    expect(subscriptions.filter((s) => JSON.stringify(s.topic).includes('DashAlarmTopic')).map((s) => s.endpoint)).toEqual(['ops@example.com']);
    expect(subscriptions.filter((s) => JSON.stringify(s.topic).includes('GantryNotificationsTopic')).map((s) => s.endpoint)).toEqual(['ops@example.com']);
    expect(subscriptions).toHaveLength(2);
  });

  test.each([
    [{ alarmEmailAddresses: ['ops@example.com', 'not an address'] }, 'alarmEmailAddresses[1]', '"not an address"', 'e-mail addresses \\(name@domain.tld, no spaces\\)'],
    [{ alarmEmailAddresses: ['ops@example.com', 'ops@example.com'] }, 'alarmEmailAddresses', '"ops@example.com"', 'each value at most once'],
    [{ warningTopic: new sns.Topic(new Stack(), 'T'), warningEmailAddresses: ['ops@'] }, 'warningEmailAddresses[0]', '"ops@"', 'e-mail addresses'],
    [{ warningEmailAddresses: ['team@example.com'] }, 'warningEmailAddresses', '\\["team@example.com"\\]', 'addresses only with a warningTopic \\(warnings are opt-in and have no default topic\\)'],
  ])('bad addresses fail naming the dashboard, the prop and the value %#', (props, prop, value, allowed) => {
    const prefix = `[ObservabilityDashboard at 'Mon/Dash'] invalid '${prop}': got `.replace(/[[\]()/.]/g, '\\$&');
    expect(() => setup(props)).toThrow(new RegExp(`^${prefix}${value}; allowed: ${allowed}`));
  });

  test('an address that is a token passes and is subscribed', () => {
    const app = new App();
    const stack = new Stack(app, 'Mon', { env });
    const address = new CfnParameter(stack, 'AlarmEmail').valueAsString;
    new ObservabilityDashboard(stack, 'Dash', { alarmEmailAddresses: [address] });
    expect(emailSubscriptions(Template.fromStack(stack)).map((s) => [s.endpoint, s.topic])).toEqual([[{ Ref: 'AlarmEmail' }, alarmTopicRef]]);
  });

  test('a topic of another stack is subscribed from the dashboard\'s stack (imported by ARN, or by reference); one of another Region fails', () => {
    const app = new App();
    const topics = new Stack(app, 'Topics', { env });
    const stack = new Stack(app, 'Mon', { env });
    new ObservabilityDashboard(stack, 'Imported', {
      alarmTopic: sns.Topic.fromTopicArn(stack, 'Pager', 'arn:aws:sns:eu-west-1:111111111111:pager'), alarmEmailAddresses: ['ops@example.com'],
    });
    new ObservabilityDashboard(stack, 'Referenced', { alarmTopic: new sns.Topic(topics, 'Team'), alarmEmailAddresses: ['ops@example.com'] });
    const topicArns = emailSubscriptions(Template.fromStack(stack)).map((s) => s.topic);
    expect(topicArns).toHaveLength(2);
    expect(topicArns).toContainEqual('arn:aws:sns:eu-west-1:111111111111:pager');
    expect(topicArns).toContainEqual({ 'Fn::ImportValue': expect.stringMatching(/^Topics:ExportsOutputRefTeam/) });
    Template.fromStack(topics).resourceCountIs('AWS::SNS::Subscription', 0);
    expect(stack.dependencies).toContain(topics);

    const elsewhere = new Stack(app, 'Elsewhere', { env: { account: env.account, region: 'us-east-1' } });
    expect(() => new ObservabilityDashboard(stack, 'Far', { alarmTopic: new sns.Topic(elsewhere, 'Far'), alarmEmailAddresses: ['ops@example.com'] }))
      .toThrow(/\[ObservabilityDashboard at 'Mon\/Far'\] invalid 'alarmTopic'.*a topic in the Region of Mon\/Far/);
  });
});
