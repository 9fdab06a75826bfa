import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ChaosStack } from '../../examples/chaos-stack';
import { KNOWN_INPUT, SERVICE_ALARM_THRESHOLDS, ServiceStack } from '../../examples/service-stack';
import { formatFindings, runNag } from '../harness/nag';
import { referenceStacks } from '../harness/reference-app';

// The service stack as the reference app builds it (cdk.json context, placeholders for the rest).
const stack = referenceStacks().find((s) => s.node.id === 'GantryService') as ServiceStack;
const template = Template.fromStack(stack);

test('the reference app includes the service stack', () => {
  expect(stack).toBeInstanceOf(ServiceStack);
});

test('the counter runs the pre-bundled handler on Node.js 24 (the latest runtime) with active tracing and the Powertools settings', () => {
  template.hasResourceProperties('AWS::Lambda::Function', {
    // Named after the stack it is deployed as (see the naming test).
    FunctionName: { 'Fn::Join': ['', [{ Ref: 'AWS::StackName' }, '-StarWarsCounter']] },
    Runtime: 'nodejs24.x',
    Handler: 'index.handler',
    TracingConfig: { Mode: 'Active' },
    DeadLetterConfig: { TargetArn: Match.anyValue() },
    Environment: { Variables: { POWERTOOLS_SERVICE_NAME: 'star-wars-counter', POWERTOOLS_METRICS_NAMESPACE: 'Gantry/StarWars' } },
  });
  // The counter and the shared smoke-test hook, nothing else.
  template.resourceCountIs('AWS::Lambda::Function', 2);
  template.hasResourceProperties('AWS::Lambda::Function', { Timeout: 300, Environment: { Variables: { AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1' } } });
});

test('the counter can write its KMS-encrypted dead-letter queue (the queue key, through SQS)', () => {
  const counter = stack.resolve((stack.counter.function.node.defaultChild as any).logicalId);
  const fn = template.toJSON().Resources[counter];
  const queueId = fn.Properties.DeadLetterConfig.TargetArn['Fn::GetAtt'][0];
  const keyId = template.toJSON().Resources[queueId].Properties.KmsMasterKeyId['Fn::GetAtt'][0];
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  const policies = Object.values<any>(template.toJSON().Resources)
    .filter((r) => ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'].includes(r.Type) && JSON.stringify(r.Properties.Roles ?? []).includes(roleId));
  const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
  expect(statements).toEqual(expect.arrayContaining([expect.objectContaining({
    Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
    Resource: { 'Fn::GetAtt': [keyId, 'Arn'] },
    Condition: { StringEquals: { 'kms:ViaService': 'sqs.eu-west-1.amazonaws.com' } },
  })]));
});

test('the counter carries the FIS Lambda extension reading the chaos stack\'s configuration bucket (known by name)', () => {
  const bucket = ChaosStack.configurationBucketName('111111111111', 'eu-west-1');
  const counter = stack.resolve((stack.counter.function.node.defaultChild as any).logicalId);
  const fn = template.toJSON().Resources[counter];
  expect(fn.Properties.Environment.Variables).toMatchObject({
    AWS_LAMBDA_EXEC_WRAPPER: '/opt/aws-fis/bootstrap',
    AWS_FIS_CONFIGURATION_LOCATION: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${bucket}/FisConfigs/`]] },
  });
  // The layer from the public SSM parameter of the x86_64 extension.
  const layerParam = fn.Properties.Layers[0].Ref;
  expect(template.toJSON().Parameters[layerParam]).toEqual({
    Type: 'AWS::SSM::Parameter::Value<String>',
    Default: '/aws/service/fis/lambda-extension/AWS-FIS-extension-x86_64/1.x.x',
  });
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  const statements = Object.values<any>(template.toJSON().Resources)
    .filter((r) => ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'].includes(r.Type) && JSON.stringify(r.Properties.Roles ?? []).includes(roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
  const bySid = (sid: string) => statements.find((st) => st.Sid === sid);
  expect(bySid('ListFisConfigurationLocation')).toMatchObject({ Action: 's3:ListBucket', Condition: { StringLike: { 's3:prefix': ['FisConfigs/*'] } } });
  expect(bySid('ReadFisConfiguration')).toMatchObject({ Action: 's3:GetObject' });
  // The chaos stack's key is not known here: any key, but only through S3 and only for this bucket.
  expect(bySid('DecryptFisConfiguration')).toMatchObject({
    Action: 'kms:Decrypt',
    Condition: {
      StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
      StringLike: {
        'kms:EncryptionContext:aws:s3:arn': [
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${bucket}`]] },
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${bucket}/FisConfigs/*`]] },
        ],
      },
    },
  });
  expect(statements.flatMap((st) => [st.Action].flat()).filter((a: string) => a.includes('*'))).toEqual([]);
});

test('it deploys blue/green: 10% canary for 5 minutes, rolled back on failure, stop and the new version\'s alarms', () => {
  template.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
    DeploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
    AutoRollbackConfiguration: { Enabled: true, Events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST', 'DEPLOYMENT_STOP_ON_ALARM'] },
    AlarmConfiguration: { Enabled: true, Alarms: [{ Name: { Ref: 'CounterErrorRateAlarm1A19A994' } }, { Name: { Ref: 'CounterThrottlesAlarm168CC12A' } }, { Name: { Ref: 'CounterDurationAlarm04A77C4A' } }] },
  });
  template.hasResource('AWS::Lambda::Alias', {
    Properties: { Name: 'live' },
    UpdatePolicy: { CodeDeployLambdaAliasUpdate: { BeforeAllowTrafficHook: { Ref: Match.stringLikeRegexp('SmokeTest') } } },
  });
});

test('the smoke test sends the known text and expects its count (JSON subset match)', () => {
  expect(KNOWN_INPUT).toEqual({ payload: { text: 'Star Wars! I love star wars.' }, expected: { count: 2 } });
  const [hook] = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Timeout: 300 } })) as any[];
  const configs = Object.entries<string>(hook.Properties.Environment.Variables).filter(([name]) => name.startsWith('GANTRY_SMOKE_TEST_'));
  expect(configs).toHaveLength(1);
  expect(JSON.parse(configs[0][1])).toMatchObject({ payload: KNOWN_INPUT.payload, expectedResponse: KNOWN_INPUT.expected, timeoutMs: 20_000 });
});

test('names follow the deployed stack name, so other stacks know them as text and one template deploys twice in an account', () => {
  expect(ServiceStack.functionNameIn('GantryService')).toBe('GantryService-StarWarsCounter');
  expect(ServiceStack.deploymentAlarmNames('GantryService')).toEqual(['GantryService-NewVersionErrorRate', 'GantryService-NewVersionThrottles', 'GantryService-NewVersionDurationP99']);
  const byStackName = (suffix: string) => ({ 'Fn::Join': ['', [{ Ref: 'AWS::StackName' }, suffix]] });
  expect(stack.deployment.deploymentAlarms).toHaveLength(3);
  const t = SERVICE_ALARM_THRESHOLDS;
  template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: byStackName('-NewVersionErrorRate'), Threshold: t.errorRatePercent });
  template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: byStackName('-NewVersionThrottles'), Threshold: t.throttles });
  template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: byStackName('-NewVersionDurationP99'), Threshold: t.p99DurationMs, ExtendedStatistic: 'p99' });
  template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: { Ref: 'AWS::StackName' } });
  // No name is fixed at synth time: every named resource of the stack takes the deployed stack name.
  // (The deployment group's name is unique per CodeDeploy application, which is generated per stack.)
  const named = [
    ['AWS::Lambda::Function', 'FunctionName'], ['AWS::CloudWatch::Alarm', 'AlarmName'], ['AWS::CloudWatch::CompositeAlarm', 'AlarmName'],
    ['AWS::CloudWatch::Dashboard', 'DashboardName'], ['AWS::Logs::LogGroup', 'LogGroupName'], ['AWS::Logs::ResourcePolicy', 'PolicyName'],
  ];
  for (const [type, prop] of named) {
    for (const resource of Object.values(template.findResources(type)) as any[]) {
      const name = resource.Properties[prop];
      if (name !== undefined) expect(JSON.stringify(name)).toContain('{"Ref":"AWS::StackName"}');
    }
  }
});

test('every alarm notifies the alarm topic, which emails the address from context; an SLO burn pages once', () => {
  // The SLO's single-window alarms and its window pairs feed the SLO composite, the one that pages.
  const feedsTheSlo = (id: string) => /^ObservabilityAlarmsAvailabilitySLOBurnRate/.test(id);
  for (const type of ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm']) {
    const alarms = Object.entries(template.findResources(type)) as Array<[string, any]>;
    expect(alarms.filter(([id]) => !feedsTheSlo(id)).length).toBeGreaterThan(0);
    for (const [id, alarm] of alarms) {
      expect([id, alarm.Properties.AlarmActions]).toEqual([id, feedsTheSlo(id) ? undefined : [{ Ref: 'ObservabilityAlarmTopicF724909D' }]]);
    }
  }
  template.hasResourceProperties('AWS::SNS::Subscription', {
    Protocol: 'email',
    Endpoint: 'ops@example.com',
    TopicArn: { Ref: 'ObservabilityAlarmTopicF724909D' },
    RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['GantryDeadLettersQueue7E49DB7E', 'Arn'] } },
  });
  // Subscribed by the dashboard (alarmEmailAddresses), once, like the addresses of the other constructs.
  expect(Object.values<any>(template.findResources('AWS::SNS::Subscription', { Properties: { TopicArn: { Ref: 'ObservabilityAlarmTopicF724909D' } } }))).toHaveLength(1);
  template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
});

test('the dashboard shows the custom metric, the function, the deployments and the availability SLO', () => {
  const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as any[];
  const body = JSON.stringify(dashboard.Properties.DashboardBody);
  for (const shown of ['Gantry/StarWars', 'StarWarsMentions', '### Blue/green GantryService/Counter', '### Counter/DeploymentGroup', 'Availability SLO', 'Invocations', 'Errors', 'Duration']) {
    expect(body).toContain(shown);
  }
  // Multi-window burn-rate alarms: two window pairs and one SLO composite over them.
  expect(Object.keys(template.findResources('AWS::CloudWatch::CompositeAlarm')).sort()).toEqual([
    'ObservabilityAlarmsAvailabilitySLOBurnRate1h5m75D6EBB8',
    'ObservabilityAlarmsAvailabilitySLOBurnRate6h30mD3232C52',
    'ObservabilityAlarmsAvailabilitySLOSlo8DB9AC31',
  ]);
});

test('no OAM link unless a monitoring sink is given in context', () => {
  template.resourceCountIs('AWS::Oam::Link', 0);
});

test('logical ids of the stateful and deployment resources are stable (renames would replace them)', () => {
  expect(Object.keys(template.toJSON().Resources)).toEqual(expect.arrayContaining([
    'CounterFunctionAC303B5B',
    'CounterAliasE3FE4B93',
    'CounterDeploymentGroupEEFB7577',
    'CounterLogGroupF24618EF',
    // The stack's one dead-letter queue (was DeadLettersBBF8BAAB and AlarmDeadLetters655624D4).
    'GantryDeadLettersQueue7E49DB7E',
    'ObservabilityAlarmTopicF724909D',
    'ObservabilityDashboard9A1D08B3',
    'GantryBlueGreenLambdaSharedApplicationC5ADBEBF',
    'GantryBlueGreenLambdaSharedSmokeTest33D498F2',
  ]));
});

test('with a monitoring sink (the delivery stack\'s), the service links its metrics, logs and traces to it', () => {
  const sinkArn = 'arn:aws:oam:eu-west-1:111111111111:sink/11111111-2222-3333-4444-555555555555';
  const linked = new ServiceStack(new App(), 'GantryService', { env: { account: '222222222222', region: 'eu-west-1' }, alarmEmail: 'ops@example.com', monitoringSinkArn: sinkArn });
  Template.fromStack(linked).hasResourceProperties('AWS::Oam::Link', {
    SinkIdentifier: sinkArn,
    ResourceTypes: ['AWS::CloudWatch::Metric', 'AWS::Logs::LogGroup', 'AWS::XRay::Trace'],
  });
  // The production copy the pipeline builds is nag-clean too (the reference app's nag test covers the unlinked one).
  const result = runNag(linked);
  expect(formatFindings(result.unsuppressed)).toBe('');
  expect(formatFindings(result.unusedSuppressions)).toBe('');
});
