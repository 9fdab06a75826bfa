import { existsSync, statSync } from 'fs';
import { join } from 'path';
import { App, Aws, CfnElement, Duration, Stack, Stage, Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { IConstruct } from 'constructs';
import { BlueGreenDeploymentConfig, BlueGreenLambda, BlueGreenLambdaProps, IDeploymentAlarmSource, IMonitoring, MonitorOptions, PipelineSource, PipelineWithApproval } from '../../constructs';
import { inlineFunctionProps, serviceStack, TEST_ENV } from '../harness/fixtures';
import { runNag } from '../harness/nag';

const env = TEST_ENV;
const newStack = serviceStack;
const functionProps = inlineFunctionProps;

function build(props: Partial<BlueGreenLambdaProps> = {}, stack = newStack(), id = 'Orders') {
  const bg = new BlueGreenLambda(stack, id, { functionProps: functionProps(), ...props } as BlueGreenLambdaProps);
  return { stack, bg };
}

const logicalId = (stack: Stack, construct: IConstruct) => stack.resolve((construct.node.defaultChild as CfnElement).logicalId);

function groupArnOf(stack: Stack, bg: BlueGreenLambda) {
  return {
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':codedeploy:eu-west-1:111111111111:deploymentgroup:', { Ref: logicalId(stack, bg.application) }, `/${bg.deploymentGroupName}`]],
  };
}

function resourcesOfType(template: Template, type: string): Array<[string, any]> {
  return Object.entries(template.findResources(type));
}

describe('function, version, alias and deployment group', () => {
  test('creates a function, a retained version, the alias "live" and a blue/green deployment group (canary 10% / 5 min by default)', () => {
    const { stack, bg } = build();
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Lambda::Function', 1);
    t.hasResource('AWS::Lambda::Version', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    t.hasResourceProperties('AWS::Lambda::Alias', {
      Name: 'live',
      FunctionVersion: { 'Fn::GetAtt': [logicalId(stack, bg.version), 'Version'] },
    });
    t.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      DeploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      DeploymentStyle: { DeploymentType: 'BLUE_GREEN', DeploymentOption: 'WITH_TRAFFIC_CONTROL' },
      DeploymentGroupName: bg.deploymentGroupName,
    });
    t.resourceCountIs('AWS::CodeDeploy::Application', 1);
    expect(bg.deploymentGroupName).toMatch(/^Service-Orders-[A-F0-9]{8}$/);
  });

  test('the alias carries the CodeDeploy UpdatePolicy naming the application and the group', () => {
    const { stack, bg } = build();
    Template.fromStack(stack).hasResource('AWS::Lambda::Alias', {
      UpdatePolicy: {
        CodeDeployLambdaAliasUpdate: {
          ApplicationName: { Ref: logicalId(stack, bg.application) },
          DeploymentGroupName: { Ref: logicalId(stack, bg.deploymentGroup) },
        },
      },
    });
  });

  test('every BlueGreenLambda of a stack shares one CodeDeploy application unless one is given', () => {
    const stack = newStack();
    const a = build({}, stack, 'A').bg;
    const b = build({}, stack, 'B').bg;
    expect(a.application).toBe(b.application);
    Template.fromStack(stack).resourceCountIs('AWS::CodeDeploy::Application', 1);
  });

  test('a given lambda.Function is deployed through its currentVersion, retained', () => {
    const stack = newStack();
    const fn = new lambda.Function(stack, 'Given', functionProps());
    const bg = new BlueGreenLambda(stack, 'Orders', { function: fn });
    expect(bg.version).toBe(fn.currentVersion);
    Template.fromStack(stack).hasResource('AWS::Lambda::Version', { DeletionPolicy: 'Retain' });
  });

  test('an imported function is deployed with the version given for it', () => {
    const stack = newStack();
    const fn = lambda.Function.fromFunctionArn(stack, 'Imported', 'arn:aws:lambda:eu-west-1:111111111111:function:orders');
    const version = lambda.Version.fromVersionAttributes(stack, 'V7', { lambda: fn, version: '7' });
    new BlueGreenLambda(stack, 'Orders', { function: fn, version });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Alias', { FunctionName: 'orders', FunctionVersion: '7' });
  });

  test('provisioned concurrency on the alias is optional', () => {
    const without = Template.fromStack(build().stack);
    without.hasResourceProperties('AWS::Lambda::Alias', { ProvisionedConcurrencyConfig: Match.absent() });
    const withPc = Template.fromStack(build({ provisionedConcurrentExecutions: 3 }).stack);
    withPc.hasResourceProperties('AWS::Lambda::Alias', { ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 3 } });
  });

  test('no Lambda-backed custom resources', () => {
    const t = Template.fromStack(build({ smokeTest: {} }).stack).toJSON();
    const types = Object.values<any>(t.Resources).map((r) => r.Type);
    expect(types.filter((type) => type === 'AWS::CloudFormation::CustomResource' || type.startsWith('Custom::'))).toEqual([]);
  });
});

describe('safe version wiring ("version already exists")', () => {
  const versionIdOf = (props: Partial<lambda.FunctionProps>) => {
    const t = Template.fromStack(build({ functionProps: functionProps(props) }).stack);
    return Object.keys(t.findResources('AWS::Lambda::Version'));
  };

  test('a change Lambda versions (environment) publishes a new version; the old one is retained', () => {
    const before = versionIdOf({ environment: { MODE: 'a' } });
    const after = versionIdOf({ environment: { MODE: 'b' } });
    expect(before).toHaveLength(1);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toEqual(before[0]);
  });

  test('a configuration-only change Lambda does not version (reserved concurrency) keeps the same version resource', () => {
    expect(versionIdOf({ reservedConcurrentExecutions: 5 })).toEqual(versionIdOf({ reservedConcurrentExecutions: 10 }));
  });

  test('the same function synthesizes the same version logical id (stable across synths)', () => {
    expect(versionIdOf({})).toEqual(versionIdOf({}));
  });
});

describe('deployment configurations', () => {
  test.each([
    ['ALL_AT_ONCE', BlueGreenDeploymentConfig.ALL_AT_ONCE, 'CodeDeployDefault.LambdaAllAtOnce'],
    ['CANARY_10PERCENT_5MINUTES', BlueGreenDeploymentConfig.CANARY_10PERCENT_5MINUTES, 'CodeDeployDefault.LambdaCanary10Percent5Minutes'],
    ['CANARY_10PERCENT_10MINUTES', BlueGreenDeploymentConfig.CANARY_10PERCENT_10MINUTES, 'CodeDeployDefault.LambdaCanary10Percent10Minutes'],
    ['CANARY_10PERCENT_15MINUTES', BlueGreenDeploymentConfig.CANARY_10PERCENT_15MINUTES, 'CodeDeployDefault.LambdaCanary10Percent15Minutes'],
    ['CANARY_10PERCENT_30MINUTES', BlueGreenDeploymentConfig.CANARY_10PERCENT_30MINUTES, 'CodeDeployDefault.LambdaCanary10Percent30Minutes'],
    ['LINEAR_10PERCENT_EVERY_1MINUTE', BlueGreenDeploymentConfig.LINEAR_10PERCENT_EVERY_1MINUTE, 'CodeDeployDefault.LambdaLinear10PercentEvery1Minute'],
    ['LINEAR_10PERCENT_EVERY_2MINUTES', BlueGreenDeploymentConfig.LINEAR_10PERCENT_EVERY_2MINUTES, 'CodeDeployDefault.LambdaLinear10PercentEvery2Minutes'],
    ['LINEAR_10PERCENT_EVERY_3MINUTES', BlueGreenDeploymentConfig.LINEAR_10PERCENT_EVERY_3MINUTES, 'CodeDeployDefault.LambdaLinear10PercentEvery3Minutes'],
    ['LINEAR_10PERCENT_EVERY_10MINUTES', BlueGreenDeploymentConfig.LINEAR_10PERCENT_EVERY_10MINUTES, 'CodeDeployDefault.LambdaLinear10PercentEvery10Minutes'],
  ])('%s uses the predefined configuration', (_name, config, expected) => {
    const { stack } = build({ deploymentConfig: config });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', { DeploymentConfigName: expected });
    t.resourceCountIs('AWS::CodeDeploy::DeploymentConfig', 0);
  });

  test('a custom canary and a custom linear become time-based configurations', () => {
    const stack = newStack();
    build({ deploymentConfig: BlueGreenDeploymentConfig.canary(20, Duration.minutes(7)) }, stack, 'A');
    build({ deploymentConfig: BlueGreenDeploymentConfig.linear(25, Duration.hours(1)) }, stack, 'B');
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::CodeDeploy::DeploymentConfig', {
      ComputePlatform: 'Lambda',
      TrafficRoutingConfig: { Type: 'TimeBasedCanary', TimeBasedCanary: { CanaryPercentage: 20, CanaryInterval: 7 } },
    });
    t.hasResourceProperties('AWS::CodeDeploy::DeploymentConfig', {
      TrafficRoutingConfig: { Type: 'TimeBasedLinear', TimeBasedLinear: { LinearPercentage: 25, LinearInterval: 60 } },
    });
  });

  test('functions with the same custom shape share one configuration resource', () => {
    const stack = newStack();
    build({ deploymentConfig: BlueGreenDeploymentConfig.canary(20, Duration.minutes(7)) }, stack, 'A');
    build({ deploymentConfig: BlueGreenDeploymentConfig.canary(20, Duration.minutes(7)) }, stack, 'B');
    Template.fromStack(stack).resourceCountIs('AWS::CodeDeploy::DeploymentConfig', 1);
  });
});

describe('rollback and alarms', () => {
  test('describes its default alarms on the alias for a pipeline in another account (the name given, no version)', () => {
    const { stack, bg } = build({ functionProps: functionProps({ functionName: `${Aws.STACK_NAME}-orders` }), alarmThresholds: { throttles: 3 } });
    expect(bg.deploymentGateAlarms!.map((g) => stack.resolve(g.name))).toEqual([
      { 'Fn::Join': ['', [{ Ref: 'AWS::StackName' }, '-orders-live-ErrorRate']] },
      { 'Fn::Join': ['', [{ Ref: 'AWS::StackName' }, '-orders-live-Throttles']] },
      { 'Fn::Join': ['', [{ Ref: 'AWS::StackName' }, '-orders-live-DurationP99']] },
    ]);
    const [errorRate, throttles] = bg.deploymentGateAlarms!;
    expect(errorRate.expression).toBe('IF(invocations > 0, 100 * errors / invocations, 0)');
    expect(Object.keys(errorRate.metrics)).toEqual(['errors', 'invocations']);
    expect(stack.resolve(throttles.metrics.throttles.dimensions)).toEqual({
      FunctionName: { 'Fn::Join': ['', [{ Ref: 'AWS::StackName' }, '-orders']] },
      Resource: { 'Fn::Join': ['', [{ Ref: 'AWS::StackName' }, '-orders:live']] },
    });
    expect(throttles).toMatchObject({ threshold: 3, comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD });
    expect(build({ versionAlarms: false }).bg.deploymentGateAlarms).toEqual([]);
  });

  test('rolls back on failure, on stop and on alarm; the three version alarms gate the group', () => {
    const { stack, bg } = build();
    Template.fromStack(stack).hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      AutoRollbackConfiguration: { Enabled: true, Events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST', 'DEPLOYMENT_STOP_ON_ALARM'] },
      AlarmConfiguration: {
        Enabled: true,
        IgnorePollAlarmFailure: false,
        Alarms: [bg.errorRateAlarm, bg.throttlesAlarm, bg.durationAlarm].map((a) => ({ Name: { Ref: logicalId(stack, a!) } })),
      },
    });
  });

  test('the version alarms watch the alias and the executed (new) version, not the whole function', () => {
    const { stack, bg } = build();
    const t = Template.fromStack(stack);
    const dimensions = [
      { Name: 'ExecutedVersion', Value: { 'Fn::GetAtt': [logicalId(stack, bg.version), 'Version'] } },
      { Name: 'FunctionName', Value: { Ref: logicalId(stack, bg.function) } },
      { Name: 'Resource', Value: { 'Fn::Join': ['', [{ Ref: logicalId(stack, bg.function) }, ':live']] } },
    ];
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Throttles', Statistic: 'Sum', Dimensions: dimensions, Threshold: 5 });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Duration', ExtendedStatistic: 'p99', Dimensions: dimensions, Threshold: 8000 });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 1,
      ComparisonOperator: 'GreaterThanThreshold',
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'IF(invocations > 0, 100 * errors / invocations, 0)' }),
        Match.objectLike({ Id: 'errors', MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'Errors', Dimensions: dimensions }) }) }),
        Match.objectLike({ Id: 'invocations', MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'Invocations', Dimensions: dimensions }) }) }),
      ]),
    });
    // No alarm looks at the function as a whole (FunctionName alone).
    for (const [, alarm] of resourcesOfType(t, 'AWS::CloudWatch::Alarm')) {
      const dims = alarm.Properties.Dimensions ?? alarm.Properties.Metrics.flatMap((m: any) => m.MetricStat?.Metric.Dimensions ?? []);
      expect(dims.map((d: any) => d.Name)).toContain('ExecutedVersion');
    }
  });

  test('thresholds come from props', () => {
    const { stack } = build({ alarmThresholds: { errorRatePercent: 2.5, throttles: 10, p99DurationMs: 1500, evaluationPeriods: 3 } });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: 2.5, EvaluationPeriods: 3, DatapointsToAlarm: 3 });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Throttles', Threshold: 10, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Duration', Threshold: 1500, TreatMissingData: 'notBreaching' });
  });

  test('user alarms are added (prop and addAlarm) to the group, the role may read exactly them, and they gate the pipeline', () => {
    const stack = newStack();
    const external = cloudwatch.Alarm.fromAlarmArn(stack, 'Ext', 'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:orders-5xx');
    const { bg } = build({ alarms: [external] }, stack);
    const later = cloudwatch.Alarm.fromAlarmArn(stack, 'Later', 'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:orders-latency');
    bg.addAlarm(later);
    bg.addAlarm(later); // idempotent

    const source: IDeploymentAlarmSource = bg;
    expect(source.deploymentAlarms).toEqual([bg.errorRateAlarm, bg.throttlesAlarm, bg.durationAlarm, external, later]);
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      AlarmConfiguration: { Alarms: Match.arrayWith([{ Name: 'orders-5xx' }, { Name: 'orders-latency' }]) },
    });
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: logicalId(stack, bg.deploymentRole) }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Sid: 'PollDeploymentAlarms',
          Action: 'cloudwatch:DescribeAlarms',
          Resource: Match.arrayWith(['arn:aws:cloudwatch:eu-west-1:111111111111:alarm:orders-5xx', 'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:orders-latency']),
        })]),
      },
    });
  });

  test('a composite alarm widens DescribeAlarms to * (the only scope that returns composites), metric alarms alone do not', () => {
    const pollStatement = (stack: Stack) => Object.values<any>(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .find((st: any) => st.Sid === 'PollDeploymentAlarms');
    const asList = (v: unknown) => (Array.isArray(v) ? v : [v]);

    const stack = newStack();
    build({}, stack);
    expect(asList(pollStatement(stack).Resource)).not.toContain('*');

    const stack2 = newStack();
    const { bg: bg2 } = build({}, stack2);
    bg2.addAlarm(new cloudwatch.CompositeAlarm(stack2, 'Health', { alarmRule: cloudwatch.AlarmRule.anyOf(bg2.errorRateAlarm!, bg2.durationAlarm!) }));
    expect(asList(pollStatement(stack2).Resource)).toContain('*');
    const nag = runNag(stack2);
    expect(nag.unusedSuppressions).toEqual([]);
    expect(nag.suppressed.filter((f) => f.ruleId === 'AwsSolutions-IAM5' && f.findingId === 'Resource::*' && f.path.includes('DeploymentRole'))).toHaveLength(1);
  });

  test('removing every alarm detaches them explicitly (Enabled false) and stops rolling back on alarm', () => {
    const { stack } = build({ versionAlarms: false });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    t.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      AlarmConfiguration: { Enabled: false, Alarms: Match.absent() },
      AutoRollbackConfiguration: { Enabled: true, Events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST'] },
    });
  });

  test('registers the alias with its deployment alarms (read late), the deployment group and the stack\'s shared dead-letter queue, one call each', () => {
    const monitored: Array<[IConstruct, MonitorOptions | undefined]> = [];
    const alarmed: Array<[string, cloudwatch.IAlarm[]]> = [];
    const monitoring: IMonitoring = {
      monitor: (resource, options) => { monitored.push([resource, options]); },
      addAlarms: (title, alarms) => { alarmed.push([title, alarms]); },
    };
    const { stack, bg } = build({ monitoring });
    expect(monitored.map(([r]) => r.node.path)).toEqual([bg.alias.node.path, bg.deploymentGroup.node.path, 'Service/GantryDeadLetters/Queue']);
    // The failure notifications' dead letters: the stack's queue, with its one depth alarm.
    expect(monitored[2][1]?.alarms).toHaveLength(1);
    expect(alarmed).toEqual([]);
    const [, aliasOptions] = monitored[0];
    expect(aliasOptions?.title).toBe('Blue/green Service/Orders');
    expect(aliasOptions?.alarmSource?.alarms).toEqual(bg.deploymentAlarms);
    // An alarm added after registering is read from the source.
    const later = new cloudwatch.Alarm(stack, 'Later', { metric: bg.alias.metricErrors(), threshold: 1, evaluationPeriods: 1 });
    bg.addAlarm(later);
    expect(aliasOptions?.alarmSource?.alarms).toContain(later);
    expect(monitored[1][1]?.title).toBeUndefined();
  });
});

describe('IAM least privilege', () => {
  test('the deployment role has no AWS managed policy and may only shift this alias', () => {
    const { stack, bg } = build();
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'codedeploy.amazonaws.com' } })] },
      ManagedPolicyArns: Match.absent(),
      Policies: Match.absent(),
    });
    const policies = resourcesOfType(t, 'AWS::IAM::ManagedPolicy')
      .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: logicalId(stack, bg.deploymentRole) }]));
    expect(policies).toHaveLength(1);
    const statements = policies[0][1].Properties.PolicyDocument.Statement;
    expect(statements.map((s: any) => s.Sid)).toEqual(['ShiftAlias', 'PollDeploymentAlarms']);
    expect(statements[0]).toEqual({
      Sid: 'ShiftAlias',
      Effect: 'Allow',
      Action: ['lambda:GetAlias', 'lambda:UpdateAlias', 'lambda:GetProvisionedConcurrencyConfig'],
      Resource: [{ 'Fn::GetAtt': [logicalId(stack, bg.function), 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(stack, bg.function), 'Arn'] }, ':live']] }],
    });
    expect(JSON.stringify(statements)).not.toContain('"*"');
  });

  test('the created function writes only to its own encrypted log group, with no AWSLambdaBasicExecutionRole', () => {
    const { stack } = build();
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Lambda::Function', {
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogGroup: Match.anyValue() },
    });
    t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: Match.anyValue() });
    for (const [, role] of resourcesOfType(t, 'AWS::IAM::Role')) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  test('user hooks run before and after traffic and may only report on this deployment group', () => {
    const stack = newStack();
    const pre = new lambda.Function(stack, 'Pre', functionProps());
    const post = new lambda.Function(stack, 'Post', functionProps());
    const { bg } = build({ preTrafficHook: pre, postTrafficHook: post }, stack);
    const t = Template.fromStack(stack);
    t.hasResource('AWS::Lambda::Alias', {
      UpdatePolicy: {
        CodeDeployLambdaAliasUpdate: {
          BeforeAllowTrafficHook: { Ref: logicalId(stack, pre) },
          AfterAllowTrafficHook: { Ref: logicalId(stack, post) },
        },
      },
    });
    const groupArn = groupArnOf(stack, bg);
    for (const hook of [pre, post]) {
      t.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: logicalId(stack, hook.role!) }],
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'codedeploy:PutLifecycleEventHookExecutionStatus', Resource: groupArn }] },
      });
    }
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Sid: 'RunLifecycleHooks',
          Effect: 'Allow',
          Action: 'lambda:InvokeFunction',
          Resource: [{ 'Fn::GetAtt': [logicalId(stack, pre), 'Arn'] }, { 'Fn::GetAtt': [logicalId(stack, post), 'Arn'] }],
        }]),
      },
    });
  });
});

describe('built-in smoke test', () => {
  test('one shared hook per stack runs before traffic for every function that asks for it', () => {
    const stack = newStack();
    const a = build({ smokeTest: { payload: { path: '/health' }, expectedStatusCode: 200 } }, stack, 'A').bg;
    const b = build({ smokeTest: { expectedResponse: { ok: true }, timeout: Duration.seconds(45) } }, stack, 'B').bg;
    expect(a.smokeTestFunction).toBe(b.smokeTestFunction);
    const t = Template.fromStack(stack);
    const hookId = logicalId(stack, a.smokeTestFunction!);
    const hooks = resourcesOfType(t, 'AWS::Lambda::Function').filter(([, f]) => f.Properties.Handler === 'index.handler' && f.Properties.Timeout === 300);
    expect(hooks.map(([id]) => id)).toEqual([hookId]);
    t.resourcePropertiesCountIs('AWS::Lambda::Alias', { Name: 'live' }, 2);
    for (const [, alias] of resourcesOfType(t, 'AWS::Lambda::Alias')) {
      expect(alias.UpdatePolicy.CodeDeployLambdaAliasUpdate.BeforeAllowTrafficHook).toEqual({ Ref: hookId });
    }
    const variables = t.findResources('AWS::Lambda::Function')[hookId].Properties.Environment.Variables;
    const configs = Object.entries<string>(variables).filter(([k]) => k.startsWith('GANTRY_SMOKE_TEST_')).map(([, v]) => JSON.parse(v));
    expect(configs).toEqual([
      { deploymentGroup: a.deploymentGroupName, payload: { path: '/health' }, expectedStatusCode: 200, timeoutMs: 30_000 },
      { deploymentGroup: b.deploymentGroupName, payload: {}, expectedResponse: { ok: true }, timeoutMs: 45_000 },
    ]);
  });

  test('the hook may read these deployments, invoke versions of these functions and report, nothing else', () => {
    const stack = newStack();
    const { bg } = build({ smokeTest: {} }, stack);
    const t = Template.fromStack(stack);
    const hookRole = logicalId(stack, bg.smokeTestFunction!.role!);
    const groupArn = groupArnOf(stack, bg);
    const policy = resourcesOfType(t, 'AWS::IAM::ManagedPolicy').find(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: hookRole }]))!;
    const statements = policy[1].Properties.PolicyDocument.Statement as any[];
    const byAction = (action: string) => statements.filter((s) => [s.Action].flat().includes(action));
    expect(byAction('codedeploy:GetDeployment')).toEqual([expect.objectContaining({ Resource: groupArn })]);
    expect(byAction('codedeploy:PutLifecycleEventHookExecutionStatus')).toEqual([expect.objectContaining({ Resource: groupArn })]);
    expect(byAction('lambda:InvokeFunction')).toEqual([expect.objectContaining({
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(stack, bg.function), 'Arn'] }, ':*']] },
    })]);
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })] },
      ManagedPolicyArns: Match.absent(),
    });
  });

  test('the hook can write its KMS-encrypted dead-letter queue: the queue key, through SQS only', () => {
    const stack = newStack();
    const { bg } = build({ smokeTest: {} }, stack);
    const t = Template.fromStack(stack);
    const fn = resourcesOfType(t, 'AWS::Lambda::Function').find(([id]) => id === logicalId(stack, bg.smokeTestFunction!))![1];
    const queueArn = fn.Properties.DeadLetterConfig.TargetArn;
    const queueId = queueArn['Fn::GetAtt'][0];
    const keyId = t.toJSON().Resources[queueId].Properties.KmsMasterKeyId['Fn::GetAtt'][0];
    const hookRole = logicalId(stack, bg.smokeTestFunction!.role!);
    const policy = resourcesOfType(t, 'AWS::IAM::ManagedPolicy').find(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: hookRole }]))!;
    const statements = policy[1].Properties.PolicyDocument.Statement as any[];
    expect(statements).toEqual(expect.arrayContaining([
      expect.objectContaining({ Action: 'sqs:SendMessage', Resource: queueArn }),
      expect.objectContaining({
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: { 'Fn::GetAtt': [keyId, 'Arn'] },
        Condition: { StringEquals: { 'kms:ViaService': 'sqs.eu-west-1.amazonaws.com' } },
      }),
    ]));
  });

  test('the configurations of a stack must fit the hook\'s 4 KB environment', () => {
    const stack = newStack();
    const payload = { text: 'x'.repeat(1500) };
    build({ smokeTest: { payload } }, stack, 'A');
    build({ smokeTest: { payload } }, stack, 'B');
    expect(() => build({ smokeTest: { payload } }, stack, 'C')).toThrow(/invalid 'smokeTest'.*at most 3840 bytes/);
  });
});

describe('notifications', () => {
  test('failed and stopped deployments of the stack go to an encrypted topic through one rule with a dead-letter queue', () => {
    const stack = newStack();
    const a = build({}, stack, 'A').bg;
    build({}, stack, 'B');
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Events::Rule', 1);
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.codedeploy'],
        'detail-type': ['CodeDeploy Deployment State-change Notification'],
        'detail': { state: ['FAILURE', 'STOP'], application: [{ Ref: logicalId(stack, a.application) }] },
      },
      Targets: [Match.objectLike({ Arn: { Ref: logicalId(stack, a.notificationTopic!) }, DeadLetterConfig: Match.anyValue() })],
    });
    t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: logicalId(stack, a.notificationTopic!) }] });
  });

  test('can be turned off', () => {
    const t = Template.fromStack(build({ notifications: { enabled: false } }).stack);
    t.resourceCountIs('AWS::Events::Rule', 0);
    t.resourceCountIs('AWS::SNS::Topic', 0);
  });

  test('a given topic and addresses: the rule and alarms notify that topic; other functions keep the stack\'s topic through their own rule', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Team');
    const a = build({ notifications: { topic, emailAddresses: ['team@example.com'] } }, stack, 'A').bg;
    const b = build({}, stack, 'B').bg;
    const t = Template.fromStack(stack);
    expect(a.notificationTopic).toBe(topic);
    expect(b.notificationTopic).not.toBe(topic);
    t.resourceCountIs('AWS::Events::Rule', 2);
    expect(a.notificationRule).not.toBe(b.notificationRule);
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'team@example.com', TopicArn: { Ref: logicalId(stack, topic) } });
    t.hasResourceProperties('AWS::Events::Rule', { Targets: [Match.objectLike({ Arn: { Ref: logicalId(stack, topic) } })] });
    const alarms = Object.values<any>(t.findResources('AWS::CloudWatch::Alarm')).map((r) => r.Properties);
    expect(alarms.filter((p) => JSON.stringify(p.AlarmActions) === JSON.stringify([{ Ref: logicalId(stack, topic) }]))).toHaveLength(3);
  });

  test('with a monitoring, the version alarms are routed by it alone (no second action to the notification topic)', () => {
    const routed: cloudwatch.IAlarm[] = [];
    const sources: Array<{ alarms: cloudwatch.IAlarm[] }> = [];
    const monitoring: IMonitoring = {
      monitor: (_r, options) => { if (options?.alarmSource) sources.push(options.alarmSource); },
      addAlarms: () => undefined,
    };
    const { stack } = build({ monitoring });
    for (const source of sources) routed.push(...source.alarms);
    expect(routed).toHaveLength(3);
    for (const alarm of Object.values<any>(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toBeUndefined();
    }
  });
});

describe('metrics', () => {
  test('the live alias: invocations, errors and duration with the alias dimensions', () => {
    const { stack, bg } = build();
    const dims = (m: cloudwatch.Metric) => stack.resolve(m.dimensions);
    expect(bg.metricInvocations()).toMatchObject({ namespace: 'AWS/Lambda', metricName: 'Invocations', statistic: 'Sum' });
    expect(bg.metricErrors()).toMatchObject({ metricName: 'Errors', statistic: 'Sum' });
    expect(bg.metricDuration()).toMatchObject({ metricName: 'Duration', statistic: 'Average' });
    expect(dims(bg.metricInvocations())).toEqual(stack.resolve(bg.alias.metricInvocations().dimensions));
    expect(bg.metricInvocations().period.toMinutes()).toBe(5);
  });

  test('the new version: what the version alarms measure (alias, executed version), one-minute defaults, options win', () => {
    const { stack, bg } = build();
    const errors = bg.metricNewVersionErrors();
    expect(errors).toMatchObject({ namespace: 'AWS/Lambda', metricName: 'Errors', statistic: 'Sum' });
    expect(errors.period.toMinutes()).toBe(1);
    const dims = stack.resolve(errors.dimensions);
    expect(Object.keys(dims).sort()).toEqual(['ExecutedVersion', 'FunctionName', 'Resource']);
    expect(dims.ExecutedVersion).toEqual(stack.resolve(bg.version.version));
    expect(bg.metricNewVersionDuration()).toMatchObject({ metricName: 'Duration', statistic: 'p99' });
    expect(bg.metricNewVersionInvocations({ statistic: 'SampleCount', period: Duration.minutes(5) })).toMatchObject({ metricName: 'Invocations', statistic: 'SampleCount' });
    // The same metric the error-rate alarm uses.
    const alarm = Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: Match.anyValue(), Metrics: Match.anyValue() } });
    const errorMetric = Object.values<any>(alarm).flatMap((a) => a.Properties.Metrics).find((m: any) => m.Id === 'errors');
    expect(errorMetric.MetricStat.Metric.Dimensions).toEqual(expect.arrayContaining([{ Name: 'ExecutedVersion', Value: dims.ExecutedVersion }]));
  });
});

test('alarmNamePrefix names the version alarms so another stack finds them without an export (tokens allowed)', () => {
  const { stack, bg } = build({ alarmNamePrefix: Aws.STACK_NAME });
  const nameOf = (alarm?: cloudwatch.Alarm) => stack.resolve((alarm!.node.defaultChild as cloudwatch.CfnAlarm).alarmName);
  const names = [bg.errorRateAlarm, bg.throttlesAlarm, bg.durationAlarm].map(nameOf);
  expect(names).toEqual(['NewVersionErrorRate', 'NewVersionThrottles', 'NewVersionDurationP99'].map((suffix) => ({
    'Fn::Join': ['', [{ Ref: 'AWS::StackName' }, `-${suffix}`]],
  })));
  expect(BlueGreenLambda.versionAlarmNames('Svc')).toEqual(['Svc-NewVersionErrorRate', 'Svc-NewVersionThrottles', 'Svc-NewVersionDurationP99']);
  // Without a prefix the alarms are still named (stack name and the construct's unique name), so a
  // pipeline stage that deploys the stack gates on them by name.
  const unnamed = build();
  expect(unnamed.stack.resolve((unnamed.bg.errorRateAlarm!.node.defaultChild as cloudwatch.CfnAlarm).alarmName)).toEqual({
    'Fn::Join': ['', [{ Ref: 'AWS::StackName' }, '-Orders-NewVersionErrorRate']],
  });
});

test('a BlueGreenLambda with default props inside a CDK Stage gates the pipeline stage that deploys it', () => {
  const app = new App();
  const stage = new Stage(app, 'Dev', { env });
  const bg = build({}, new Stack(stage, 'Orders'), 'Orders').bg;
  const pipelineStack = new Stack(app, 'Delivery', { env });
  const pipeline = new PipelineWithApproval(pipelineStack, 'Delivery', {
    source: PipelineSource.connection({ connectionArn: 'arn:aws:codeconnections:eu-west-1:111111111111:connection/00000000-0000-0000-0000-000000000000', owner: 'o', repo: 'r' }),
  });
  pipeline.addStage(stage);
  const rules = JSON.stringify(Template.fromStack(pipelineStack).findResources('AWS::CodePipeline::Pipeline'));
  const names = BlueGreenLambda.versionAlarmNames(`Dev-Orders-${bg.node.id}`);
  for (const name of names) expect(rules).toContain(name);
});

describe('bad input', () => {
  const error = (props: Partial<BlueGreenLambdaProps>) => {
    try {
      build(props);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('expected a validation error');
  };

  test.each([
    ['canary percentage 0', BlueGreenDeploymentConfig.canary(0, Duration.minutes(5)), 'deploymentConfig.percentage'],
    ['canary percentage 100', BlueGreenDeploymentConfig.canary(100, Duration.minutes(5)), 'deploymentConfig.percentage'],
    ['linear percentage 12.5', BlueGreenDeploymentConfig.linear(12.5, Duration.minutes(5)), 'deploymentConfig.percentage'],
    ['interval of 90 seconds', BlueGreenDeploymentConfig.canary(10, Duration.seconds(90)), 'deploymentConfig.interval'],
    ['interval of 0 minutes', BlueGreenDeploymentConfig.linear(10, Duration.minutes(0)), 'deploymentConfig.interval'],
    ['interval of 3 days', BlueGreenDeploymentConfig.linear(10, Duration.days(3)), 'deploymentConfig.interval'],
  ])('%s is refused', (_name, deploymentConfig, prop) => {
    expect(error({ deploymentConfig })).toMatch(new RegExp(`\\[BlueGreenLambda at 'Service/Orders'\\] invalid '${prop.replace('.', '\\.')}'`));
  });

  test.each([' lead', 'x'.repeat(232)])('alarm name prefix %j is refused', (alarmNamePrefix) => {
    expect(error({ alarmNamePrefix })).toMatch(/invalid 'alarmNamePrefix'.*1-231 characters/);
  });

  test('an alarm name prefix without version alarms is refused', () => {
    expect(error({ alarmNamePrefix: 'orders', versionAlarms: false })).toMatch(/invalid 'alarmNamePrefix'.*versionAlarms is false/);
  });

  test.each(['123', 'has space', '', 'a'.repeat(129), '$LATEST'])('alias name %j is refused', (aliasName) => {
    expect(error({ aliasName })).toMatch(/invalid 'aliasName'.*1-128 letters, digits/);
  });

  test.each([
    ['errorRatePercent', { errorRatePercent: -1 }],
    ['errorRatePercent', { errorRatePercent: 101 }],
    ['errorRatePercent', { errorRatePercent: NaN }],
    ['throttles', { throttles: -2 }],
    ['throttles', { throttles: 1.5 }],
    ['p99DurationMs', { p99DurationMs: 0 }],
    ['p99DurationMs', { p99DurationMs: '500' as unknown as number }],
    ['evaluationPeriods', { evaluationPeriods: 0 }],
  ])('threshold %s %j is refused', (prop, alarmThresholds) => {
    expect(error({ alarmThresholds })).toMatch(new RegExp(`invalid 'alarmThresholds\\.${prop}'`));
  });

  test('a hook that is the deployed function itself is refused', () => {
    const stack = newStack();
    const fn = new lambda.Function(stack, 'Fn', functionProps());
    expect(() => new BlueGreenLambda(stack, 'Orders', { function: fn, preTrafficHook: fn })).toThrow(/invalid 'preTrafficHook'.*other than the deployed one/);
    expect(() => new BlueGreenLambda(stack, 'Orders2', { function: fn, postTrafficHook: fn })).toThrow(/invalid 'postTrafficHook'/);
  });

  test('a given function without a version strategy is refused', () => {
    const stack = newStack();
    const fn = lambda.Function.fromFunctionArn(stack, 'Imported', 'arn:aws:lambda:eu-west-1:111111111111:function:orders');
    expect(() => new BlueGreenLambda(stack, 'Orders', { function: fn })).toThrow(/invalid 'version'.*no version strategy/);
  });

  test('a version of another function is refused', () => {
    const stack = newStack();
    const fn = new lambda.Function(stack, 'Fn', functionProps());
    const other = new lambda.Function(stack, 'Other', functionProps());
    expect(() => new BlueGreenLambda(stack, 'Orders', { function: fn, version: other.currentVersion })).toThrow(/invalid 'version'.*a version of the given function/);
  });

  test('function and functionProps: exactly one', () => {
    const stack = newStack();
    expect(() => new BlueGreenLambda(stack, 'None', {})).toThrow(/invalid 'function'/);
    const fn = new lambda.Function(stack, 'Fn', functionProps());
    expect(() => new BlueGreenLambda(stack, 'Both', { function: fn, functionProps: functionProps() })).toThrow(/invalid 'functionProps'/);
  });

  test('smoke test and a pre-traffic hook cannot both hold the one BeforeAllowTraffic slot', () => {
    const stack = newStack();
    const hook = new lambda.Function(stack, 'Hook', functionProps());
    expect(() => build({ smokeTest: {}, preTrafficHook: hook }, stack)).toThrow(/invalid 'preTrafficHook'.*no preTrafficHook with smokeTest/);
  });

  test('smoke test timeout and expected status code are checked', () => {
    expect(error({ smokeTest: { timeout: Duration.minutes(5) } })).toMatch(/invalid 'smokeTest\.timeout'.*1 to 240 seconds/);
    expect(error({ smokeTest: { expectedStatusCode: 42 } })).toMatch(/invalid 'smokeTest\.expectedStatusCode'/);
  });

  test('more than 10 alarms per deployment group is refused', () => {
    const stack = newStack();
    const alarms = Array.from({ length: 8 }, (_, i) => cloudwatch.Alarm.fromAlarmArn(stack, `A${i}`, `arn:aws:cloudwatch:eu-west-1:111111111111:alarm:a${i}`));
    expect(() => build({ alarms }, stack)).toThrow(/invalid 'alarms'.*0 to 7 item/);
    const { bg } = build({ alarms: alarms.slice(0, 7) }, stack, 'Ok');
    expect(() => bg.addAlarm(cloudwatch.Alarm.fromAlarmArn(stack, 'Extra', 'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:x'))).toThrow(/at most 10 alarms/);
  });

  test('provisioned concurrency must be a whole number of at least 1', () => {
    expect(error({ provisionedConcurrentExecutions: 0 })).toMatch(/invalid 'provisionedConcurrentExecutions'/);
  });

  test('tokens pass validation', () => {
    const stack = newStack();
    expect(() => build({
      aliasName: Token.asString({ Ref: 'AliasParam' }),
      deploymentConfig: BlueGreenDeploymentConfig.canary(Token.asNumber({ Ref: 'Pct' }), Duration.minutes(Token.asNumber({ Ref: 'Min' }))),
      alarmThresholds: { errorRatePercent: Token.asNumber({ Ref: 'Rate' }) },
    }, stack)).not.toThrow();
    Template.fromStack(stack).hasResourceProperties('AWS::CodeDeploy::DeploymentConfig', {
      TrafficRoutingConfig: { TimeBasedCanary: { CanaryPercentage: { Ref: 'Pct' }, CanaryInterval: { Ref: 'Min' } } },
    });
  });
});

describe('stability and size', () => {
  test('logical ids and the deployment group name stay put (a change would replace the group or the alias)', () => {
    const { stack, bg } = build();
    expect({
      alias: logicalId(stack, bg.alias),
      group: logicalId(stack, bg.deploymentGroup),
      role: logicalId(stack, bg.deploymentRole),
      application: logicalId(stack, bg.application),
      name: bg.deploymentGroupName,
    }).toEqual({
      alias: 'OrdersAliasFA69D35F',
      group: 'OrdersDeploymentGroup6BCA55DC',
      role: 'OrdersDeploymentRoleE629E6DD',
      application: 'GantryBlueGreenLambdaSharedApplicationC5ADBEBF',
      name: 'Service-Orders-95601B43',
    });
  });

  test('the bundled smoke-test handler stays under 20 KB (run `npx projen bundle` first)', () => {
    const bundle = join(__dirname, '..', '..', 'assets', 'constructs', 'blue-green-lambda', 'smoke-test.lambda', 'index.js');
    expect(existsSync(bundle)).toBe(true);
    expect(statSync(bundle).size).toBeLessThan(20_000);
  });

  test('EventBridge may publish to the notification topic only from its failure rule, and its key only for this account', () => {
    const { stack, bg } = build();
    const template = Template.fromStack(stack);
    const rule = Object.keys(template.findResources('AWS::Events::Rule')).find((id) => id.includes('DeploymentFailures'))!;
    const statements = eventsStatements(template);
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) expect(statement.Condition).toBeDefined();
    expect(statements).toContainEqual(expect.objectContaining({
      Action: 'sns:Publish', Resource: { Ref: logicalId(stack, bg.notificationTopic!) }, Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [rule, 'Arn'] } } },
    }));
  });

  test('alarms may publish to the notification topic (its policy admits CloudWatch of this account only)', () => {
    const { stack, bg } = build();
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: logicalId(stack, bg.notificationTopic!) }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Sid: 'AllowAlarmsOfThisAccount',
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
});

describe('ownership marker for the compatibility matrix', () => {
  const marked = (stack: Stack) => stack.node.findAll()
    .filter((c) => c.node.metadata.some((m) => m.type === 'gantry:user-configured'))
    .map((c) => c.node.path);

  test('a function built from functionProps is marked as configured by the user, and nothing else is', () => {
    const { stack } = build();
    expect(marked(stack)).toEqual(['Service/Orders/Function/Resource']);
  });

  test('a given function is the user\'s own already: Gantry marks nothing', () => {
    const stack = newStack();
    const fn = new lambda.Function(stack, 'Given', functionProps());
    build({ function: fn, functionProps: undefined }, stack);
    expect(marked(stack)).toEqual([]);
  });
});

/** Every topic-policy and key-policy statement that admits EventBridge. */
function eventsStatements(template: Template): any[] {
  const documents = [
    ...Object.values(template.findResources('AWS::SNS::TopicPolicy')).map((r: any) => r.Properties.PolicyDocument),
    ...Object.values(template.findResources('AWS::KMS::Key')).map((r: any) => r.Properties.KeyPolicy),
  ];
  return documents.flatMap((d) => d.Statement).filter((s: any) => [s.Principal?.Service].flat().includes('events.amazonaws.com'));
}
