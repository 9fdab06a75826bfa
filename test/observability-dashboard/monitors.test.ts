import { Duration, Stack, Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { alarmsByName, dashboards, graphMetrics, setup } from './helpers';
import { CustomMetrics, IMonitoring, ObservabilityDashboard } from '../../constructs';

const importedFn = (stack: Stack, name = 'orders') => lambda.Function.fromFunctionName(stack, `Fn-${name}`, name);

describe('Lambda function monitor', () => {
  test('golden-signal widgets: invocations, errors, duration p50/p90/p99, concurrency and throttles by FunctionName', () => {
    const { stack, dashboard } = setup();
    dashboard.monitor(importedFn(stack), { title: 'Orders' });
    const widgets = dashboards(Template.fromStack(stack))['Mon-Dash'];
    expect(widgets[0]).toMatchObject({ type: 'text', properties: { markdown: '### Orders\nLambda function' } });
    expect(widgets.filter((w) => w.type === 'metric').map((w) => w.properties.title)).toEqual(['Traffic', 'Errors', 'Latency', 'Saturation']);
    const metrics = graphMetrics(widgets).filter((m) => m[0] === 'AWS/Lambda').map((m) => [m[1], m[2], m[3], m[4].stat]);
    expect(metrics).toEqual(expect.arrayContaining([
      ['Invocations', 'FunctionName', 'orders', 'Sum'],
      ['Errors', 'FunctionName', 'orders', 'Sum'],
      ['Duration', 'FunctionName', 'orders', 'p50'],
      ['Duration', 'FunctionName', 'orders', 'p90'],
      ['Duration', 'FunctionName', 'orders', 'p99'],
      ['ConcurrentExecutions', 'FunctionName', 'orders', 'Maximum'],
      ['Throttles', 'FunctionName', 'orders', 'Sum'],
    ]));
    expect(widgets[widgets.length - 1]).toMatchObject({
      type: 'alarm',
      properties: { alarms: ['arn:aws:cloudwatch:eu-west-1:111111111111:alarm:Mon-Dash-Orders-ErrorRate-Critical', 'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:Mon-Dash-Orders-LatencyP99-Critical'] },
    });
  });

  test('default alarms: error rate > 5% (metric math) and p99 > 80% of the timeout (the core rule), both notifying the encrypted topic', () => {
    const { stack, dashboard } = setup();
    const fn = new lambda.Function(stack, 'Real', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=async()=>1'), timeout: Duration.seconds(10),
    });
    dashboard.monitor(fn, { title: 'Real' });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    const alarms = alarmsByName(template);
    expect(alarms['Mon-Dash-Real-ErrorRate-Critical']).toMatchObject({
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 3,
      AlarmActions: [{ Ref: expect.stringMatching(/^DashAlarmTopic/) }],
      Metrics: expect.arrayContaining([expect.objectContaining({ Expression: 'IF(requests > 0, 100 * errors / requests, 0)' })]),
    });
    expect(alarms['Mon-Dash-Real-LatencyP99-Critical']).toMatchObject({
      Threshold: 8000, MetricName: 'Duration', ExtendedStatistic: 'p99', Dimensions: [{ Name: 'FunctionName', Value: { Ref: expect.stringMatching(/^Real/) } }],
    });
    expect(dashboard.alarmsFor(fn)).toHaveLength(2);
  });

  test('overrides: warning level goes to the warning topic, anomaly detection replaces static thresholds, disabled alarms are skipped', () => {
    const { stack } = setup();
    const warningTopic = new sns.Topic(stack, 'Warnings');
    const dashboard = new ObservabilityDashboard(stack, 'Dash2', { warningTopic });
    dashboard.monitorWith(importedFn(stack), {
      title: 'Orders',
      thresholds: { ErrorRate: { critical: 10, warning: 2 }, LatencyP99: { anomalyStdDevs: 3 } },
    });
    dashboard.monitorWith(importedFn(stack, 'quiet'), { title: 'Quiet', thresholds: { ErrorRate: { disabled: true }, LatencyP99: { disabled: true } } });
    const alarms = alarmsByName(Template.fromStack(stack));
    expect(alarms['Mon-Dash2-Orders-ErrorRate-Critical'].Threshold).toBe(10);
    expect(alarms['Mon-Dash2-Orders-ErrorRate-Warning']).toMatchObject({ Threshold: 2, AlarmActions: [{ Ref: expect.stringMatching(/^Warnings/) }] });
    expect(alarms['Mon-Dash2-Orders-LatencyP99-Anomaly']).toMatchObject({
      ComparisonOperator: 'GreaterThanUpperThreshold',
      Metrics: expect.arrayContaining([expect.objectContaining({ Expression: expect.stringMatching(/^ANOMALY_DETECTION_BAND\(m\w*, 3\)$/) })]),
    });
    expect(Object.keys(alarms).filter((n) => n.includes('Quiet'))).toEqual([]);
  });

  test('alias: Resource dimension function:alias and a traffic-per-version panel', () => {
    const { stack, dashboard } = setup();
    const alias = lambda.Alias.fromAliasAttributes(stack, 'Live', { aliasName: 'live', aliasVersion: lambda.Version.fromVersionArn(stack, 'V', 'arn:aws:lambda:eu-west-1:111111111111:function:orders:3') });
    dashboard.monitor(alias, { title: 'Live' });
    const widgets = dashboards(Template.fromStack(stack))['Mon-Dash'];
    expect(graphMetrics(widgets)).toEqual(expect.arrayContaining([['AWS/Lambda', 'Invocations', 'FunctionName', 'orders', 'Resource', 'orders:live', expect.anything()]]));
    const perVersion = widgets.find((w) => w.properties?.title === 'Traffic per version');
    expect(perVersion.properties.metrics[0][0].expression).toContain('{AWS/Lambda,FunctionName,Resource,ExecutedVersion} MetricName="Invocations" FunctionName="orders" Resource="orders:live"');
  });
});

describe('other monitors', () => {
  test('REST API: Count/4XXError/5XXError/Latency by ApiName and Stage; 5XX rate alarm', () => {
    const { stack, dashboard } = setup();
    const api = new apigateway.RestApi(stack, 'Api', { restApiName: 'shop', deployOptions: { stageName: 'prod' } });
    api.root.addMethod('GET', new apigateway.MockIntegration());
    dashboard.monitor(api, { title: 'Shop API' });
    const template = Template.fromStack(stack);
    const metrics = graphMetrics(dashboards(template)['Mon-Dash']).filter((m) => m[0] === 'AWS/ApiGateway').map((m) => m.slice(1, 6));
    expect(metrics).toEqual(expect.arrayContaining([['Count', 'ApiName', 'shop', 'Stage', 'TOKEN'], ['5XXError', 'ApiName', 'shop', 'Stage', 'TOKEN'], ['Latency', 'ApiName', 'shop', 'Stage', 'TOKEN']]));
    expect(alarmsByName(template)['Mon-Dash-Shop-API-ServerErrorRate-Critical'].Threshold).toBe(1);
  });

  test('HTTP API: 5xx/4xx by ApiId', () => {
    const { stack, dashboard } = setup();
    dashboard.monitor(apigatewayv2.HttpApi.fromHttpApiAttributes(stack, 'Http', { httpApiId: 'abc123' }), { title: 'Http' });
    const metrics = graphMetrics(dashboards(Template.fromStack(stack))['Mon-Dash']).map((m) => m.slice(0, 4));
    expect(metrics).toEqual(expect.arrayContaining([['AWS/ApiGateway', '5xx', 'ApiId', 'abc123'], ['AWS/ApiGateway', '4xx', 'ApiId', 'abc123']]));
  });

  test('SQS: backlog and age of the queue, and its DLQ with an alarm above 0 messages', () => {
    const { stack, dashboard } = setup();
    const dlq = new sqs.Queue(stack, 'Dlq', { queueName: 'jobs-dlq' });
    const queue = new sqs.Queue(stack, 'Jobs', { queueName: 'jobs', deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    dashboard.monitor(queue, { title: 'Jobs' });
    const template = Template.fromStack(stack);
    const alarms = alarmsByName(template);
    expect(alarms['Mon-Dash-Jobs-OldestMessageAge-Critical']).toMatchObject({ Threshold: 900, MetricName: 'ApproximateAgeOfOldestMessage', Statistic: 'Maximum' });
    expect(alarms['Mon-Dash-Jobs-DeadLetters-Critical']).toMatchObject({
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [expect.stringMatching(/^Dlq/), 'QueueName'] } }],
    });
  });

  test('DynamoDB: system errors summed over operations (metric math), throttles, latency per operation', () => {
    const { stack, dashboard } = setup();
    dashboard.monitor(dynamodb.Table.fromTableName(stack, 'T', 'orders'), { title: 'Orders table' });
    const template = Template.fromStack(stack);
    const alarm = alarmsByName(template)['Mon-Dash-Orders-table-SystemErrors-Critical'];
    expect(alarm.Metrics[0].Expression).toBe('FILL(e0, 0) + FILL(e1, 0) + FILL(e2, 0) + FILL(e3, 0) + FILL(e4, 0) + FILL(e5, 0)');
    expect(alarm.Metrics[1].MetricStat.Metric.Dimensions).toEqual([{ Name: 'Operation', Value: 'GetItem' }, { Name: 'TableName', Value: 'orders' }]);
    const metrics = graphMetrics(dashboards(template)['Mon-Dash']);
    expect(metrics).toEqual(expect.arrayContaining([['AWS/DynamoDB', 'SuccessfulRequestLatency', 'Operation', 'GetItem', 'TableName', 'orders', expect.objectContaining({ stat: 'p99' })]]));
  });

  test('Step Functions and CodeBuild: failure alarms on their metrics', () => {
    const { stack, dashboard } = setup();
    dashboard.monitor(sfn.StateMachine.fromStateMachineName(stack, 'Sm', 'flow'), { title: 'Flow' });
    dashboard.monitor(codebuild.Project.fromProjectName(stack, 'Build', 'app-build'), { title: 'Build' });
    const alarms = alarmsByName(Template.fromStack(stack));
    expect(alarms['Mon-Dash-Flow-FailedExecutions-Critical'].Metrics.map((m: any) => m.Expression ?? m.MetricStat.Metric.MetricName))
      .toEqual(['FILL(f, 0) + FILL(t, 0) + FILL(a, 0)', 'ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']);
    expect(alarms['Mon-Dash-Build-FailedBuilds-Critical']).toMatchObject({
      Namespace: 'AWS/CodeBuild', MetricName: 'FailedBuilds', Dimensions: [{ Name: 'ProjectName', Value: 'app-build' }], Threshold: 0, EvaluationPeriods: 1,
    });
  });

  test('CodePipeline and CodeDeploy: events captured to an encrypted log group, metric filters with dimensions, failure alarms, panels', () => {
    const { stack, dashboard } = setup();
    dashboard.monitor(codepipeline.Pipeline.fromPipelineArn(stack, 'P', 'arn:aws:codepipeline:eu-west-1:111111111111:release'), { title: 'Release' });
    dashboard.monitor(codedeploy.LambdaDeploymentGroup.fromLambdaDeploymentGroupAttributes(stack, 'G', {
      application: codedeploy.LambdaApplication.fromLambdaApplicationName(stack, 'A', 'orders'), deploymentGroupName: 'orders-live',
    }), { title: 'Deployments' });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['aws.codepipeline'], 'detail-type': ['CodePipeline Pipeline Execution State Change', 'CodePipeline Stage Execution State Change'], 'detail': { pipeline: ['release'] } },
      Targets: [Match.objectLike({ DeadLetterConfig: Match.anyValue() })],
    });
    template.hasResourceProperties('AWS::Events::Rule', { EventPattern: { source: ['aws.codedeploy'], detail: { application: ['orders'] } } });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      // Named from the deployed stack name: two deployments of one template do not clash.
      LogGroupName: { 'Fn::Join': ['', ['/aws/events/gantry/', { Ref: 'AWS::StackName' }, Match.stringLikeRegexp('^-[0-9a-f]{8}$')]] },
      KmsKeyId: Match.anyValue(),
      RetentionInDays: 365,
    });
    template.hasResourceProperties('AWS::Logs::ResourcePolicy', {
      PolicyName: { 'Fn::Join': ['', [{ Ref: 'AWS::StackName' }, Match.stringLikeRegexp('^-[0-9a-f]{42}$')]] },
    });
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ ($.source = "aws.codepipeline") && ($.detail.state = "FAILED") && ($.detail.stage NOT EXISTS) }',
      MetricTransformations: [Match.objectLike({ MetricNamespace: 'Gantry/Delivery', MetricName: 'PipelineExecutionsFailed', Dimensions: [{ Key: 'PipelineName', Value: '$.detail.pipeline' }] })],
    });
    const alarms = alarmsByName(template);
    expect(alarms['Mon-Dash-Release-FailedExecutions-Critical']).toMatchObject({ Namespace: 'Gantry/Delivery', Dimensions: [{ Name: 'PipelineName', Value: 'release' }] });
    expect(alarms['Mon-Dash-Deployments-FailedDeployments-Critical'].Dimensions).toEqual([{ Name: 'Application', Value: 'orders' }, { Name: 'DeploymentGroup', Value: 'orders-live' }]);
    const widgets = dashboards(template)['Mon-Dash'];
    expect(widgets.filter((w) => w.type === 'log').map((w) => w.properties.title)).toEqual(['Stage state (latest first)', 'Deployments (latest first)']);
  });

  test('log group: metric filters from patterns, alarms on them, Logs Insights widgets', () => {
    const { stack, dashboard } = setup();
    const logGroup = new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_MONTH });
    dashboard.monitorWith(logGroup, {
      title: 'App logs',
      logPatterns: [{ name: 'Errors', pattern: '?ERROR ?Exception', alarmThreshold: 0 }, { name: 'Http500', pattern: '{ $.status = 500 }' }],
      insightsQueries: ['fields @message | limit 5'],
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Logs::MetricFilter', { FilterPattern: '?ERROR ?Exception', MetricTransformations: [Match.objectLike({ MetricName: 'App-logs-Errors', MetricNamespace: 'Gantry/Logs' })] });
    template.hasResourceProperties('AWS::Logs::MetricFilter', { FilterPattern: '{ $.status = 500 }' });
    expect(Object.keys(alarmsByName(template))).toEqual(['Mon-Dash-App-logs-Errors-Critical']);
    expect(dashboards(template)['Mon-Dash'].find((w) => w.type === 'log').properties.query).toContain('fields @message | limit 5');
  });

  test('SNS topic: published, delivered, failed by TopicName; alarm on failed notifications', () => {
    const { stack, dashboard } = setup();
    dashboard.monitor(sns.Topic.fromTopicArn(stack, 'T', 'arn:aws:sns:eu-west-1:111111111111:findings'), { title: 'Findings' });
    const template = Template.fromStack(stack);
    expect(graphMetrics(dashboards(template)['Mon-Dash']).map((m) => m.slice(0, 4))).toEqual([
      ['AWS/SNS', 'NumberOfMessagesPublished', 'TopicName', 'findings'],
      ['AWS/SNS', 'NumberOfNotificationsDelivered', 'TopicName', 'findings'],
      ['AWS/SNS', 'NumberOfNotificationsFailed', 'TopicName', 'findings'],
    ]);
    expect(alarmsByName(template)['Mon-Dash-Findings-FailedNotifications-Critical']).toMatchObject({ MetricName: 'NumberOfNotificationsFailed', Threshold: 0 });
  });

  test('custom metrics (EMF): metrics by namespace, names and dimensions; alarms as asked', () => {
    const { stack, dashboard } = setup();
    dashboard.monitor(new CustomMetrics(stack, 'Emf', {
      metricNamespace: 'Shop',
      metricNames: ['OrderPlaced', 'PaymentFailed'],
      dimensions: { service: 'orders' },
      alarms: [{ metricName: 'PaymentFailed', threshold: 3 }],
    }), { title: 'Shop metrics' });
    const template = Template.fromStack(stack);
    expect(graphMetrics(dashboards(template)['Mon-Dash']).map((m) => m.slice(0, 4))).toEqual([['Shop', 'OrderPlaced', 'service', 'orders'], ['Shop', 'PaymentFailed', 'service', 'orders']]);
    expect(alarmsByName(template)['Mon-Dash-Shop-metrics-PaymentFailed-Critical']).toMatchObject({ Namespace: 'Shop', MetricName: 'PaymentFailed', Threshold: 3 });
  });

  test('cross-account/region: metrics carry account and region; no alarms are made for them', () => {
    const { stack, dashboard } = setup();
    const alarms = dashboard.monitorWith(importedFn(stack), { title: 'Remote', account: '222222222222', region: 'us-east-1' });
    expect(alarms).toEqual([]);
    const metrics = graphMetrics(dashboards(Template.fromStack(stack))['Mon-Dash']);
    expect(metrics[0][4]).toMatchObject({ accountId: '222222222222', region: 'us-east-1' });
  });
});

describe('dispatch and scope-wide monitoring', () => {
  test('an unsupported resource type fails with the list of supported ones', () => {
    const { stack, dashboard } = setup();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    expect(() => dashboard.monitor(role)).toThrow(/invalid 'resource': got "Mon\/Role \(Role\d*\)".*Lambda function \(aws-lambda Function \/ IFunction\).*SQS queue.*Log group/);
  });

  test('duplicate section titles are rejected; monitoring the same resource twice is a no-op', () => {
    const { stack, dashboard } = setup();
    const fn = importedFn(stack);
    dashboard.monitor(fn, { title: 'Orders' });
    dashboard.monitor(fn, { title: 'Orders again' });
    expect(dashboard.alarms).toHaveLength(2);
    expect(() => dashboard.monitor(importedFn(stack, 'other'), { title: 'Orders' })).toThrow(/invalid 'title': got "Orders".*duplicate section name/);
    expect(() => dashboard.monitorWith(importedFn(stack, 'x'), { title: 'X', thresholds: { Nope: { critical: 1 } } })).toThrow(/invalid 'alarms.Nope'.*ErrorRate, LatencyP99/);
    expect(() => dashboard.monitorWith(importedFn(stack, 'y'), { title: 'Y', thresholds: { ErrorRate: { critical: 'high' as any } } })).toThrow(/invalid 'alarms.ErrorRate.critical': got "high"/);
    // 5-minute periods: at most one day of evaluation (288 periods; capped at 100 here).
    expect(() => dashboard.monitorWith(importedFn(stack, 'z'), { title: 'Z', thresholds: { ErrorRate: { evaluationPeriods: 101 } } }))
      .toThrow(/invalid 'alarms.ErrorRate.evaluationPeriods': got 101; allowed: a whole number from 1 to 100/);
  });

  test('scope-wide monitoring picks up resources present and added later; their alarms are listed', () => {
    const { app, stack, dashboard } = setup();
    const q1 = new sqs.Queue(stack, 'Q1');
    dashboard.monitorScope(stack);
    expect(dashboard.alarmsFor(q1)).toHaveLength(1);
    const q2 = new sqs.Queue(stack, 'Q2');
    lambda.Function.fromFunctionName(stack, 'Imported', 'ignored');
    app.synth();
    expect(dashboard.alarmsFor(q2)).toHaveLength(1);
    expect(dashboard.alarms).toHaveLength(2);
    const names = Object.keys(alarmsByName(Template.fromStack(stack)));
    expect(names).toEqual(expect.arrayContaining(['Mon-Dash-Q1-OldestMessageAge-Critical', 'Mon-Dash-Q2-OldestMessageAge-Critical']));
    expect(names.some((n) => n.includes('Imported'))).toBe(false);
  });
});

describe('IMonitoring contract', () => {
  test('other constructs can register resources and alarms through IMonitoring', () => {
    const { stack, dashboard } = setup();
    const monitoring: IMonitoring = dashboard;
    const fn = lambda.Function.fromFunctionName(stack, 'Via', 'via-contract');
    monitoring.monitor(fn);
    const alarm = new cloudwatch.Alarm(stack, 'Deploy', { metric: new cloudwatch.Metric({ namespace: 'X', metricName: 'Y' }), threshold: 1, evaluationPeriods: 1 });
    monitoring.addAlarms('Blue/green version alarms', [alarm]);
    const template = Template.fromStack(stack);
    expect(Object.keys(alarmsByName(template))).toEqual(expect.arrayContaining(['Mon-Dash-Via-ErrorRate-Critical', 'Mon-Dash-Via-LatencyP99-Critical']));
    const widgets = dashboards(template)['Mon-Dash'];
    expect(widgets.map((w) => w.properties.markdown).filter(Boolean)).toEqual(['### Via\nLambda function', '### Blue/green version alarms\nAlarms']);
    expect(dashboard.alarms).toContain(alarm);
  });

  test('unresolved tokens pass validation', () => {
    const { stack, dashboard } = setup();
    expect(() => dashboard.monitorWith(lambda.Function.fromFunctionName(stack, 'T', 't'), {
      title: 'T', thresholds: { ErrorRate: { critical: Token.asNumber({ Ref: 'Threshold' }) } },
    })).not.toThrow();
    expect(() => setup({ dashboardName: Token.asString({ Ref: 'Name' }), maxWidgetsPerDashboard: Token.asNumber({ Ref: 'Max' }) })).not.toThrow();
  });
});
