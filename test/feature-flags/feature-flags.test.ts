import { App, Aws, Duration, Stack, Stage } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as appconfig from 'aws-cdk-lib/aws-appconfig';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import {
  BlueGreenLambda, FeatureFlag, FeatureFlags, FeatureFlagsProps, FlagAttribute, FlagRollout, IMonitoring, PipelineSource, PipelineStepContext,
  PipelineWithApproval,
} from '../../constructs';
import { Limits } from '../../constructs/core';
import { EXTENSION_LAYERS } from '../../constructs/feature-flags/private/extension-layers';
import { runNag } from '../harness/nag';
import { normalisedTemplate } from '../harness/reference-app';

const env = { account: '111111111111', region: 'eu-west-1' };
const newStack = (region = env.region) => new Stack(new App(), 'Service', { env: { ...env, region } });
const flags = () => [FeatureFlag.boolean('newCheckout', { attributes: [FlagAttribute.number('percent', { value: 10, minimum: 0, maximum: 100 })] })];

function build(props: Partial<FeatureFlagsProps> = {}, stack = newStack(), id = 'Flags') {
  const ff = new FeatureFlags(stack, id, { flags: flags(), environments: [{ name: 'Dev' }, { name: 'Prod' }], ...props } as FeatureFlagsProps);
  return { stack, ff, template: () => Template.fromStack(stack) };
}

function alarm(stack: Stack, id: string): cloudwatch.Alarm {
  return new cloudwatch.Alarm(stack, id, { metric: new cloudwatch.Metric({ namespace: 'Test', metricName: id }), threshold: 1, evaluationPeriods: 1 });
}

function blueGreen(stack: Stack): BlueGreenLambda {
  return new BlueGreenLambda(stack, 'Orders', {
    functionProps: { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})') },
  });
}

function deploymentsByEnvironment(template: Template): Record<string, { id: string; resource: any }> {
  const environments = template.findResources('AWS::AppConfig::Environment');
  return Object.fromEntries(Object.entries(template.findResources('AWS::AppConfig::Deployment')).map(([id, resource]) => {
    const envId = resource.Properties.EnvironmentId.Ref;
    return [environments[envId].Properties.Name, { id, resource }];
  }));
}

/** Statements of the IAM policies (inline or managed) attached to this role. */
function statementsOfRole(template: Template, roleLogicalId: string): any[] {
  return [...Object.values(template.findResources('AWS::IAM::Policy')), ...Object.values(template.findResources('AWS::IAM::ManagedPolicy'))]
    .filter((p: any) => (p.Properties.Roles ?? []).some((r: any) => r.Ref === roleLogicalId))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

const roleIdOf = (stack: Stack, role: iam.IRole) => stack.resolve((role.node.defaultChild as iam.CfnRole).logicalId);

describe('application, environments and the feature-flag profile', () => {
  test('one application, one environment per entry and one AWS.AppConfig.FeatureFlags profile hosting the rendered flags', () => {
    const { ff, template } = build();
    const t = template();
    t.resourceCountIs('AWS::AppConfig::Application', 1);
    t.resourceCountIs('AWS::AppConfig::Environment', 2);
    t.hasResourceProperties('AWS::AppConfig::Environment', { Name: 'Dev' });
    t.hasResourceProperties('AWS::AppConfig::Environment', { Name: 'Prod' });
    t.resourceCountIs('AWS::AppConfig::ConfigurationProfile', 1);
    t.hasResourceProperties('AWS::AppConfig::ConfigurationProfile', { Type: Limits.appConfig.featureFlagsProfileType, LocationUri: 'hosted', Name: 'feature-flags' });
    t.hasResourceProperties('AWS::AppConfig::HostedConfigurationVersion', { Content: ff.content, ContentType: 'application/json' });
    expect(ff.environmentNames).toEqual(['Dev', 'Prod']);
  });

  test('flags kept in S3 make a sourced profile that CloudFormation does not deploy', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    const { template } = build({ flags: undefined, source: appconfig.ConfigurationSource.fromBucket(bucket, 'flags.json') }, stack);
    template().hasResourceProperties('AWS::AppConfig::ConfigurationProfile', { Type: 'AWS.AppConfig.FeatureFlags', LocationUri: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
    template().resourceCountIs('AWS::AppConfig::Deployment', 0);
  });
});

describe('rollout strategies', () => {
  test('predefined strategies are used by id and create no strategy resource', () => {
    const { template } = build({ environments: [{ name: 'Dev', rollout: FlagRollout.ALL_AT_ONCE }, { name: 'Prod', rollout: FlagRollout.LINEAR_20_PERCENT_EVERY_6_MINUTES }] });
    const deployments = deploymentsByEnvironment(template());
    expect(deployments.Dev.resource.Properties.DeploymentStrategyId).toBe('AppConfig.AllAtOnce');
    expect(deployments.Prod.resource.Properties.DeploymentStrategyId).toBe('AppConfig.Linear20PercentEvery6Minutes');
    template().resourceCountIs('AWS::AppConfig::DeploymentStrategy', 0);
  });

  test('the default is AWS\'s recommended Canary10Percent20Minutes', () => {
    const deployments = deploymentsByEnvironment(build().template());
    expect(deployments.Prod.resource.Properties.DeploymentStrategyId).toBe('AppConfig.Canary10Percent20Minutes');
  });

  test.each([
    [FlagRollout.linear({ growthFactor: 20, deploymentDuration: Duration.minutes(30), finalBakeTime: Duration.minutes(30) }), 'AppConfig.Linear20PercentEvery6Minutes'],
    [FlagRollout.exponential({ growthFactor: 10, deploymentDuration: Duration.minutes(20) }), 'AppConfig.Canary10Percent20Minutes'],
    [FlagRollout.linear({ growthFactor: 100, deploymentDuration: Duration.minutes(0) }), 'AppConfig.AllAtOnce'],
    [FlagRollout.linear({ growthFactor: 50, deploymentDuration: Duration.minutes(1), finalBakeTime: Duration.minutes(1) }), 'AppConfig.Linear50PercentEvery30Seconds'],
  ])('custom settings equal to a predefined strategy map to it (%#)', (rollout, id) => {
    expect(rollout.predefinedId).toBe(id);
  });

  test('more than 20 distinct custom rollouts in a stack are refused (the account quota)', () => {
    const stack = newStack();
    const rollout = (g: number) => FlagRollout.linear({ growthFactor: g, deploymentDuration: Duration.minutes(7) });
    for (let i = 0; i < 20; i++) build({ environments: [{ name: 'Dev', rollout: rollout(i + 2) }] }, stack, `F${i}`);
    expect(() => build({ environments: [{ name: 'Dev', rollout: rollout(40) }] }, stack, 'F20')).toThrow(/at most 20 distinct custom rollouts per stack/);
    expect(() => build({ environments: [{ name: 'Dev', rollout: rollout(2) }] }, stack, 'Again')).not.toThrow();
  });

  test('a custom setting becomes one strategy, shared by every environment and FeatureFlags of the stack with that setting', () => {
    const stack = newStack();
    const slow = () => FlagRollout.linear({ growthFactor: 25, deploymentDuration: Duration.minutes(40), finalBakeTime: Duration.minutes(15) });
    build({ environments: [{ name: 'Dev', rollout: slow() }, { name: 'Prod', rollout: slow() }] }, stack, 'A');
    build({ environments: [{ name: 'Prod', rollout: slow() }, { name: 'Fast', rollout: FlagRollout.exponential({ growthFactor: 30, deploymentDuration: Duration.minutes(10) }) }] }, stack, 'B');
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::AppConfig::DeploymentStrategy', 2);
    t.hasResourceProperties('AWS::AppConfig::DeploymentStrategy', { GrowthType: 'LINEAR', GrowthFactor: 25, DeploymentDurationInMinutes: 40, FinalBakeTimeInMinutes: 15 });
    t.hasResourceProperties('AWS::AppConfig::DeploymentStrategy', { GrowthType: 'EXPONENTIAL', GrowthFactor: 30, DeploymentDurationInMinutes: 10, FinalBakeTimeInMinutes: 10 });
  });

  test.each([
    [{ growthFactor: 0, deploymentDuration: Duration.minutes(10) }, /rollout\.growthFactor': got 0; allowed: a number from 1 to 100 percent/],
    [{ growthFactor: 101, deploymentDuration: Duration.minutes(10) }, /rollout\.growthFactor': got 101/],
    [{ growthFactor: 10, deploymentDuration: Duration.minutes(1441) }, /rollout\.deploymentDuration': got 1441; allowed: a whole number from 0 to 1440 minutes/],
    [{ growthFactor: 10, deploymentDuration: Duration.seconds(90) }, /rollout\.deploymentDuration': got 1.5/],
    [{ growthFactor: 10, deploymentDuration: Duration.minutes(5), finalBakeTime: Duration.hours(25) }, /rollout\.finalBakeTime': got 1500/],
  ])('strategy values out of bounds are refused (%#)', (settings, message) => {
    expect(() => build({ environments: [{ name: 'Dev', rollout: FlagRollout.linear(settings) }] })).toThrow(message);
  });
});

describe('monitors: a rollout rolls back when what the flags change degrades', () => {
  test('the deployment alarms of a BlueGreenLambda become the environment\'s monitors, read with one shared alarm role', () => {
    const stack = newStack();
    const orders = blueGreen(stack);
    const extra = alarm(stack, 'Latency');
    const { ff, template } = build({ environments: [{ name: 'Dev', alarmSources: [orders] }, { name: 'Prod', alarmSources: [orders], alarms: [extra] }] }, stack);
    const t = template();
    const roleArn = stack.resolve(ff.alarmRole!.roleArn);
    const envs = Object.values(t.findResources('AWS::AppConfig::Environment'));
    const monitorsOf = (name: string) => envs.find((e: any) => e.Properties.Name === name)!.Properties.Monitors;
    expect(orders.deploymentAlarms.length).toBeGreaterThan(0);
    expect(monitorsOf('Dev')).toEqual(orders.deploymentAlarms.map((a) => ({ AlarmArn: stack.resolve(a.alarmArn), AlarmRoleArn: roleArn })));
    expect(monitorsOf('Prod')).toEqual([...orders.deploymentAlarms, extra].map((a) => ({ AlarmArn: stack.resolve(a.alarmArn), AlarmRoleArn: roleArn })));

    // The role may only describe exactly these alarms.
    const statements = statementsOfRole(t, roleIdOf(stack, ff.alarmRole!));
    expect(statements).toHaveLength(1);
    expect(statements[0].Action).toBe('cloudwatch:DescribeAlarms');
    const expected = [...new Set([...orders.deploymentAlarms, extra].map((a) => JSON.stringify(stack.resolve(a.alarmArn))))];
    expect([statements[0].Resource].flat().map((r: any) => JSON.stringify(r)).sort()).toEqual(expected.sort());
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'appconfig.amazonaws.com' } })] },
      Description: Match.stringLikeRegexp('rollback alarms'),
    });
  });

  test('alarms added later with addMonitors count too', () => {
    const stack = newStack();
    const { ff, template } = build({ environments: [{ name: 'Dev', alarms: [alarm(stack, 'A')] }] }, stack);
    ff.addMonitors('Dev', alarm(stack, 'B'));
    const dev = Object.values(template().findResources('AWS::AppConfig::Environment'))[0] as any;
    expect(dev.Properties.Monitors).toHaveLength(2);
  });

  test('a composite alarm needs DescribeAlarms on * (the API says so), acknowledged with that reason', () => {
    const stack = newStack();
    const composite = new cloudwatch.CompositeAlarm(stack, 'Composite', { alarmRule: cloudwatch.AlarmRule.fromAlarm(alarm(stack, 'A'), cloudwatch.AlarmState.ALARM) });
    const { ff, template } = build({ environments: [{ name: 'Dev', alarms: [composite] }] }, stack);
    const statements = statementsOfRole(template(), roleIdOf(stack, ff.alarmRole!));
    expect(statements).toEqual([{ Sid: 'DescribeCompositeRollbackAlarms', Action: 'cloudwatch:DescribeAlarms', Effect: 'Allow', Resource: '*' }]);
    const nag = runNag(stack);
    expect(nag.unusedSuppressions).toEqual([]);
    expect(nag.suppressed.filter((f) => f.ruleId === 'AwsSolutions-IAM5' && f.findingId === 'Resource::*' && f.path.includes('AlarmRole'))).toHaveLength(1);
  });

  test('more than 5 monitors per environment are refused', () => {
    const stack = newStack();
    const alarms = Array.from({ length: 6 }, (_, i) => alarm(stack, `A${i}`));
    expect(() => build({ environments: [{ name: 'Dev', alarms }] }, stack)).toThrow(/invalid 'environments\[0\]\.alarms': got 6; allowed: at most 5 monitors per AppConfig environment/);
    const ok = build({ environments: [{ name: 'Dev', alarms: alarms.slice(0, 5) }] }, stack, 'Ok');
    expect(() => ok.ff.addMonitors('Dev', alarms[5])).toThrow(/at most 5 monitors/);
  });

  test('the dashboard shows the deployment events topic and the environments\' own alarms; alarm sources register theirs', () => {
    const stack = newStack();
    const added: Array<[string, cloudwatch.IAlarm[]]> = [];
    const monitored: Array<[unknown, string | undefined]> = [];
    const monitoring: IMonitoring = {
      monitor: (r, options) => { monitored.push([r, options?.title]); },
      addAlarms: (title, alarms) => { added.push([title, alarms]); },
    };
    const own = alarm(stack, 'Own');
    const { ff } = build({ monitoring, environments: [{ name: 'Dev', alarmSources: [blueGreen(stack)], alarms: [own] }] }, stack);
    expect(added).toEqual([['Service/Flags Dev flag rollback', [own]]]);
    expect(monitored).toEqual([[ff.eventsTopic, 'Service/Flags flag deployment events']]);
  });
});

describe('deployments never collide', () => {
  test('each environment gets one deployment of the hosted version, Prod after Dev', () => {
    const t = build({ environments: [{ name: 'Dev' }, { name: 'Staging' }, { name: 'Prod' }] }).template();
    const d = deploymentsByEnvironment(t);
    expect(Object.keys(d).sort()).toEqual(['Dev', 'Prod', 'Staging']);
    expect(d.Dev.resource.DependsOn).toBeUndefined();
    expect(d.Staging.resource.DependsOn).toEqual([d.Dev.id]);
    expect(d.Prod.resource.DependsOn).toEqual([d.Staging.id]);
    const version = Object.keys(t.findResources('AWS::AppConfig::HostedConfigurationVersion'))[0];
    for (const { resource } of Object.values(d)) expect(resource.Properties.ConfigurationVersion).toEqual({ Ref: version });
  });

  test('another configuration deployed to the same environment waits for the flags\' deployment (one queue per environment)', () => {
    const { ff, stack, template } = build({ environments: [{ name: 'Dev' }] });
    new appconfig.HostedConfiguration(stack, 'Other', {
      application: ff.application,
      content: appconfig.ConfigurationContent.fromInlineText('x'),
      deploymentStrategy: ff.deploymentStrategy('Dev'),
      deployTo: [ff.environment('Dev')],
    });
    const all = template().findResources('AWS::AppConfig::Deployment');
    expect(Object.keys(all)).toHaveLength(2);
    const [flagsDeployment] = Object.keys(all).filter((id) => id.startsWith('FlagsRolloutDev'));
    const other = Object.entries(all).find(([id]) => id !== flagsDeployment)![1];
    expect(other.DependsOn).toEqual([flagsDeployment]);
  });

  test('deployWithStack: false leaves rollouts to the pipeline', () => {
    build({ deployWithStack: false }).template().resourceCountIs('AWS::AppConfig::Deployment', 0);
  });
});

describe('AppConfig Agent Lambda extension', () => {
  const fn = (stack: Stack, architecture = lambda.Architecture.X86_64) => new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'), architecture,
  });

  test.each([
    [lambda.Architecture.X86_64, 'eu-west-1', 'arn:aws:lambda:eu-west-1:434848589818:layer:AWS-AppConfig-Extension:303'],
    [lambda.Architecture.ARM_64, 'eu-west-1', 'arn:aws:lambda:eu-west-1:434848589818:layer:AWS-AppConfig-Extension-Arm64:241'],
    [lambda.Architecture.X86_64, 'us-east-1', 'arn:aws:lambda:us-east-1:027255383542:layer:AWS-AppConfig-Extension:321'],
    [lambda.Architecture.ARM_64, 'ap-southeast-2', 'arn:aws:lambda:ap-southeast-2:080788657173:layer:AWS-AppConfig-Extension-Arm64:256'],
  ])('the layer comes from Gantry\'s table by architecture %s and region %s', (architecture, region, arn) => {
    const stack = newStack(region);
    const { ff } = build({}, stack);
    ff.attachToFunction(fn(stack, architecture), 'Prod');
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Layers: [arn] });
  });

  test('a region the table does not list is refused; a token region uses a mapping on AWS::Region', () => {
    const unknown = newStack('xx-nowhere-1');
    const { ff } = build({}, unknown);
    expect(() => ff.attachToFunction(fn(unknown), 'Prod')).toThrow(/\[FeatureFlags at 'Service\/Flags'\] invalid 'attachToFunction\(Service\/Fn\)\.region': got "xx-nowhere-1"; allowed: a region Gantry's AppConfig extension table lists for x86_64/);

    const agnostic = new Stack(new App(), 'Agnostic');
    const flagsOfAgnostic = new FeatureFlags(agnostic, 'Flags', { flags: flags(), environments: [{ name: 'Prod' }] });
    flagsOfAgnostic.attachToFunction(fn(agnostic, lambda.Architecture.ARM_64), 'Prod');
    const t = Template.fromStack(agnostic);
    t.hasResourceProperties('AWS::Lambda::Function', { Layers: [{ 'Fn::FindInMap': ['AppConfigExtensionLayers', { Ref: 'AWS::Region' }, 'arm64'] }] });
    t.hasMapping('AppConfigExtensionLayers', { 'eu-west-1': { x8664: EXTENSION_LAYERS.x86_64['eu-west-1'], arm64: EXTENSION_LAYERS.arm64['eu-west-1'] } });
  });

  test('the function gets the prefetch and path variables and exactly the read grant on its environment\'s profile', () => {
    const stack = newStack();
    const { ff } = build({}, stack);
    const f = fn(stack);
    ff.attachToFunction(f, 'Prod');
    const t = Template.fromStack(stack);
    const path = stack.resolve(ff.flagsPath('Prod'));
    t.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { AWS_APPCONFIG_EXTENSION_PREFETCH_LIST: path, FEATURE_FLAGS_PATH: path } } });
    const statements = statementsOfRole(t, roleIdOf(stack, f.role!));
    expect(statements).toEqual([{
      Action: ['appconfig:StartConfigurationSession', 'appconfig:GetLatestConfiguration'],
      Effect: 'Allow',
      Resource: stack.resolve(`${ff.environment('Prod').environmentArn}/configuration/${ff.configurationProfileId}`),
    }]);
  });

  test('the table is a version with multi-variant flags, and not older than 180 days (refresh: npx projen refresh:appconfig-layers)', () => {
    const rank = (v: string) => v.split('.').map(Number).slice(0, 3).reduce((acc, n) => acc * 1e6 + n, 0);
    expect(rank(EXTENSION_LAYERS.version)).toBeGreaterThanOrEqual(rank(Limits.appConfig.minMultiVariantExtensionVersion));
    const ageDays = (Date.now() - Date.parse(`${EXTENSION_LAYERS.checkedOn}T00:00:00Z`)) / 86_400_000;
    expect(ageDays).toBeGreaterThanOrEqual(0);
    expect(ageDays).toBeLessThanOrEqual(180);
    expect(EXTENSION_LAYERS.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/appconfig\//);
    for (const [region, arn] of Object.entries(EXTENSION_LAYERS.arm64)) expect(arn).toMatch(new RegExp(`:lambda:${region}:\\d{12}:layer:AWS-AppConfig-Extension-Arm64:\\d+$`));
    for (const [region, arn] of Object.entries(EXTENSION_LAYERS.x86_64)) expect(arn).toMatch(new RegExp(`:lambda:${region}:\\d{12}:layer:AWS-AppConfig-Extension:\\d+$`));
  });
});

describe('AppConfig Agent sidecar for ECS', () => {
  test('the agent container listens on 2772, prefetches the flags, logs encrypted, and the task role may only read them', () => {
    const stack = newStack();
    const { ff } = build({}, stack);
    const task = new ecs.FargateTaskDefinition(stack, 'Task');
    task.addContainer('App', { image: ecs.ContainerImage.fromRegistry('example/app') });
    ff.attachToTaskDefinition(task, 'Prod');
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: Match.arrayWith([Match.objectLike({
        Name: 'appconfig-agent',
        Image: 'public.ecr.aws/aws-appconfig/aws-appconfig-agent:2.x',
        Essential: true,
        PortMappings: [Match.objectLike({ ContainerPort: 2772 })],
        Environment: Match.arrayWith([{ Name: 'SERVICE_REGION', Value: 'eu-west-1' }, { Name: 'PREFETCH_LIST', Value: stack.resolve(ff.flagsPath('Prod')) }]),
        LogConfiguration: Match.objectLike({ LogDriver: 'awslogs' }),
      })]),
    });
    t.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: Match.anyValue() });
    const statements = statementsOfRole(t, roleIdOf(stack, task.taskRole));
    expect(statements.map((s) => s.Action)).toEqual([['appconfig:StartConfigurationSession', 'appconfig:GetLatestConfiguration']]);
  });
});

describe('deployment events and the emergency stop', () => {
  test('started, completed and rolled back events go to an encrypted topic through one extension associated with every environment', () => {
    const { stack, ff, template } = build();
    const t = template();
    t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    const ext = Object.values(t.findResources('AWS::AppConfig::Extension'));
    expect(ext).toHaveLength(1);
    expect(Object.keys((ext[0] as any).Properties.Actions).sort()).toEqual(['ON_DEPLOYMENT_COMPLETE', 'ON_DEPLOYMENT_ROLLED_BACK', 'ON_DEPLOYMENT_START']);
    t.resourceCountIs('AWS::AppConfig::ExtensionAssociation', 2);
    const roleArn = (ext[0] as any).Properties.Actions.ON_DEPLOYMENT_START[0].RoleArn;
    const statements = statementsOfRole(t, roleArn['Fn::GetAtt'][0]);
    expect(statements.map((s) => s.Action)).toEqual(['sns:Publish', ['kms:GenerateDataKey', 'kms:Decrypt']]);
    expect(statements[0].Resource).toEqual(stack.resolve(ff.eventsTopic!.topicArn));
  });

  test('a given topic and addresses: AppConfig\'s role publishes there, the addresses subscribe to it', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Team');
    const { ff } = build({ notifications: { topic, emailAddresses: ['flags@example.com'] } }, stack);
    expect(ff.eventsTopic).toBe(topic);
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::SNS::Topic', 1);
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'flags@example.com', TopicArn: { Ref: Match.stringLikeRegexp('^Team') } });
  });

  test('the 0.x deploymentEvents and eventsTopic fail naming notifications', () => {
    expect(() => build({ deploymentEvents: false } as any)).toThrow(/invalid 'deploymentEvents'.*use 'notifications.enabled'/);
  });

  test('notifications { enabled: false } creates no topic and no extension', () => {
    const t = build({ notifications: { enabled: false } }).template();
    t.resourceCountIs('AWS::SNS::Topic', 0);
    t.resourceCountIs('AWS::AppConfig::Extension', 0);
  });

  test('grantEmergencyStop allows stopping (and finding) deployments of the environment, nothing else', () => {
    const { stack, ff } = build();
    const oncall = new iam.Role(stack, 'OnCall', { assumedBy: new iam.AccountRootPrincipal() });
    ff.grantEmergencyStop(oncall, 'Prod');
    const statements = statementsOfRole(Template.fromStack(stack), roleIdOf(stack, oncall));
    const prod = ff.environment('Prod').environmentArn;
    expect(statements).toEqual([
      { Action: 'appconfig:ListDeployments', Effect: 'Allow', Resource: stack.resolve(prod) },
      { Action: ['appconfig:StopDeployment', 'appconfig:GetDeployment'], Effect: 'Allow', Resource: stack.resolve(`${prod}/deployment/*`) },
    ]);
  });
});

describe('deployStep: the rollout as a pipeline step', () => {
  function pipelineWith(ff: FeatureFlags, stack: Stack, options = {}) {
    const pipeline = new codepipeline.Pipeline(stack, 'Pipeline', { pipelineType: codepipeline.PipelineType.V2 });
    const source = new codepipeline.Artifact('Source');
    const bucket = new s3.Bucket(stack, 'SourceBucket', { versioned: true });
    const built = new codepipeline.Artifact('Build');
    pipeline.addStage({
      stageName: 'Source',
      actions: [
        new actions.S3SourceAction({ actionName: 'Source', bucket, bucketKey: 'src.zip', output: source }),
        new actions.S3SourceAction({ actionName: 'Built', bucket, bucketKey: 'build.zip', output: built }),
      ],
    });
    const step = ff.deployStep('Prod', options);
    const context: PipelineStepContext = { scope: stack, stageName: 'Flags', runOrder: 3, sourceArtifact: source, buildArtifact: built };
    pipeline.addStage({ stageName: 'Flags', actions: step.produceActions(context) });
    return { pipeline, step };
  }

  test('CodePipeline\'s AppConfig action with the environment, profile, strategy and path, reading the source artifact', () => {
    const { stack, ff } = build({ environments: [{ name: 'Dev' }, { name: 'Prod', rollout: FlagRollout.LINEAR_20_PERCENT_EVERY_6_MINUTES }] });
    const { step } = pipelineWith(ff, stack);
    expect(step.stepName).toBe('DeployFlags-Prod');
    const t = Template.fromStack(stack);
    const pipeline = Object.values(t.findResources('AWS::CodePipeline::Pipeline'))[0] as any;
    const action = pipeline.Properties.Stages[1].Actions[0];
    expect(action).toEqual(expect.objectContaining({
      Name: 'DeployFlags-Prod',
      ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: 'AppConfig', Version: '1' },
      InputArtifacts: [{ Name: 'Source' }],
      RunOrder: 3,
      Configuration: {
        Application: stack.resolve(ff.application.applicationId),
        Environment: stack.resolve(ff.environment('Prod').environmentId),
        ConfigurationProfile: stack.resolve(ff.configurationProfileId),
        InputArtifactConfigurationPath: 'feature-flags.json',
        DeploymentStrategy: 'AppConfig.Linear20PercentEvery6Minutes',
      },
    }));
    const statements = statementsOfRole(t, action.RoleArn['Fn::GetAtt'][0]);
    const appconfigStatements = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('appconfig:')));
    expect(appconfigStatements).toEqual([{
      Sid: 'DeployFeatureFlags',
      Action: ['appconfig:StartDeployment', 'appconfig:GetDeployment', 'appconfig:StopDeployment'],
      Effect: 'Allow',
      Resource: [
        stack.resolve(ff.application.applicationArn),
        stack.resolve(ff.environment('Prod').environmentArn),
        stack.resolve(`${ff.environment('Prod').environmentArn}/deployment/*`),
        stack.resolve(ff.configurationProfileArn),
        stack.resolve(ff.deploymentStrategy('Prod').deploymentStrategyArn),
      ],
    }]);
    // The deployment wildcard is acknowledged (and matches a real finding); nothing else of ours is a finding.
    const nag = runNag(stack);
    expect(nag.unusedSuppressions.filter((f) => f.path.includes('DeployFlags'))).toEqual([]);
    expect(nag.suppressed.filter((f) => f.ruleId === 'AwsSolutions-IAM5' && f.findingId.endsWith('/deployment/*'))).toHaveLength(1);
    // Nothing else but reading the artifact.
    for (const s of statements.filter((x) => !appconfigStatements.includes(x))) {
      for (const a of [s.Action].flat()) expect(a).toMatch(/^(s3:(GetObject\*|GetBucket\*|List\*)|kms:(Decrypt|DescribeKey))$/);
    }
  });

  test('a custom path and the build output can be chosen; bad names and paths are refused', () => {
    const { stack, ff } = build();
    pipelineWith(ff, stack, { configurationPath: 'flags/prod.json', fromBuildOutput: true, stepName: 'RollOutFlags' });
    const action = (Object.values(Template.fromStack(stack).findResources('AWS::CodePipeline::Pipeline'))[0] as any).Properties.Stages[1].Actions[0];
    expect(action.Name).toBe('RollOutFlags');
    expect(action.InputArtifacts).toEqual([{ Name: 'Build' }]);
    expect(action.Configuration.InputArtifactConfigurationPath).toBe('flags/prod.json');
    expect(() => ff.deployStep('Prod', { stepName: 'has space' })).toThrow(/invalid 'deployStep\.stepName'/);
    expect(() => ff.deployStep('Prod', { configurationPath: '/abs.json' })).toThrow(/invalid 'deployStep\.configurationPath'/);
    expect(() => ff.deployStep('Qa')).toThrow(/invalid 'deployStep\.environmentName': got "Qa"; allowed: one of the environments: "Dev", "Prod"/);
  });

  test('a stage in another account is refused (AppConfig deploys where the application lives)', () => {
    const { stack, ff } = build();
    const step = ff.deployStep('Prod');
    expect(() => step.produceActions({
      scope: stack, stageName: 'Prod', runOrder: 1, sourceArtifact: new codepipeline.Artifact('S'), buildArtifact: new codepipeline.Artifact('B'), account: '222222222222',
    })).toThrow(/invalid 'deployStep\(DeployFlags-Prod\)\.account': got "222222222222"/);
  });
});

describe('deployStep of flags a pipeline stage deploys (another stack, another account)', () => {
  const prodEnv = { account: '222222222222', region: 'eu-west-1' };
  const CONNECTION = 'arn:aws:codeconnections:eu-west-1:111111111111:connection/0123abcd';

  /** A pipeline stack, a stage in the production account holding the flags, and the step placed where asked. */
  function delivered(options: { place?: 'release' | 'pre' | 'post'; pipelineAccount?: string | null; rollout?: FlagRollout } = {}) {
    const app = new App();
    const pipelineStack = new Stack(app, 'Delivery', { env });
    const pipeline = new PipelineWithApproval(pipelineStack, 'Pipeline', {
      source: PipelineSource.connection({ connectionArn: CONNECTION, owner: 'acme', repo: 'app' }),
    });
    const stage = new Stage(app, 'Prod', { env: prodEnv });
    const flagsStack = new Stack(stage, 'Flags', { stackName: 'CheckoutFlags' });
    const ff = new FeatureFlags(flagsStack, 'Flags', {
      flags: flags(), environments: [{ name: 'Prod', rollout: options.rollout }], deployWithStack: false,
    });
    const step = ff.deployStep('Prod', {
      pipelineAccount: options.pipelineAccount === null ? undefined : options.pipelineAccount ?? '111111111111',
    });
    const place = options.place ?? 'release';
    pipeline.addStage(stage, { stageName: 'Prod', pre: place === 'pre' ? [step] : undefined, post: place === 'post' ? [step] : undefined });
    if (place === 'release') pipeline.addSteps('Release', [step]);
    return { pipelineStack, flagsStack, ff, pipeline: () => Template.fromStack(pipelineStack), flagsTemplate: () => Template.fromStack(flagsStack) };
  }
  const stagesOf = (t: Template) => (Object.values(t.findResources('AWS::CodePipeline::Pipeline'))[0] as any).Properties.Stages;

  test('the ids are the deploying stage\'s output variables; the flags stack has the outputs (no export) and the pipeline no import', () => {
    const { pipeline, flagsTemplate, ff, flagsStack } = delivered();
    const stages = stagesOf(pipeline());
    const execute = stages.find((st: any) => st.Name === 'Prod').Actions.find((a: any) => a.Name === 'Execute-CheckoutFlags');
    expect(execute.Namespace).toBe('Prod_CheckoutFlags');
    const action = stages.find((st: any) => st.Name === 'Release').Actions[0];
    const outputs = flagsTemplate().toJSON().Outputs;
    const valueOf = (variable: string) => outputs[new RegExp('^#\\{Prod_CheckoutFlags\\.([A-Za-z0-9]+)\\}$').exec(variable)![1]];
    expect(valueOf(action.Configuration.Application))
      .toEqual({ Description: expect.any(String), Value: flagsStack.resolve(ff.application.applicationId) });
    expect(valueOf(action.Configuration.Environment).Value).toEqual(flagsStack.resolve(ff.environment('Prod').environmentId));
    expect(valueOf(action.Configuration.ConfigurationProfile).Value).toEqual(flagsStack.resolve(ff.configurationProfileId));
    expect(action.Configuration.DeploymentStrategy).toBe('AppConfig.Canary10Percent20Minutes');
    expect(Object.values(outputs).some((o: any) => o.Export)).toBe(false);
    expect(JSON.stringify(pipeline().toJSON())).not.toContain('Fn::ImportValue');
  });

  test('a custom strategy\'s id is an output variable too; a post step of the same stage reads the variables after the execute action', () => {
    const rollout = FlagRollout.linear({ growthFactor: 25, deploymentDuration: Duration.minutes(20), finalBakeTime: Duration.minutes(10) });
    const { pipeline, flagsTemplate } = delivered({ place: 'post', rollout });
    const prod = stagesOf(pipeline()).find((st: any) => st.Name === 'Prod');
    const execute = prod.Actions.find((a: any) => a.Name === 'Execute-CheckoutFlags');
    const action = prod.Actions.find((a: any) => a.ActionTypeId.Provider === 'AppConfig');
    expect(action.RunOrder).toBeGreaterThan(execute.RunOrder);
    const key = /^#\{Prod_CheckoutFlags\.([A-Za-z0-9]+)\}$/.exec(action.Configuration.DeploymentStrategy)![1];
    const strategies = flagsTemplate().findResources('AWS::AppConfig::DeploymentStrategy');
    expect(flagsTemplate().toJSON().Outputs[key].Value).toEqual({ Ref: Object.keys(strategies)[0] });
  });

  test('in the production account: a deployer role with a deterministic name, which the action names and the pipeline role may assume', () => {
    const { pipeline, flagsTemplate } = delivered();
    const roleArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:role/CheckoutFlags-Prod-flags-eu-west-1']] };
    flagsTemplate().hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'CheckoutFlags-Prod-flags-eu-west-1',
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] } } })] },
    });
    expect(stagesOf(pipeline()).find((st: any) => st.Name === 'Release').Actions[0].RoleArn).toEqual(roleArn);
    pipeline().hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([{ Action: 'sts:AssumeRole', Effect: 'Allow', Resource: roleArn }]) },
    });
    // The pipeline's own role gets no AppConfig permission: the deployer role has it.
    expect(JSON.stringify(pipeline().findResources('AWS::IAM::ManagedPolicy'))).not.toContain('appconfig:');
  });

  test('the deployer role\'s wildcards are acknowledged, each matching a real finding, and nothing else of it is a finding', () => {
    const { flagsStack } = delivered();
    const nag = runNag(flagsStack);
    expect(nag.unusedSuppressions.filter((f) => f.path.includes('DeployerProd'))).toEqual([]);
    expect(nag.suppressed.filter((f) => f.path.includes('DeployerProd') && f.ruleId === 'AwsSolutions-IAM5').map((f) => f.findingId).sort()).toEqual([
      'Resource::arn:<AWS::Partition>:appconfig:eu-west-1:222222222222:application/<FlagsApplication639FE066>/environment/<FlagsEnvironmentProd2FEB331E>/deployment/*',
      'Resource::arn:<AWS::Partition>:kms:eu-west-1:111111111111:key/*',
      'Resource::arn:<AWS::Partition>:s3:::*/*',
    ]);
    expect(nag.unsuppressed.filter((f) => f.path.includes('DeployerProd'))).toEqual([]);
  });

  test('a step before the stage that deploys the flags, a missing or malformed pipeline account are refused', () => {
    expect(() => delivered({ place: 'pre' }).pipeline()).toThrow(/invalid 'deployStep\(DeployFlags-Prod\)'.*allowed: a stage after the one deploying Prod\/Flags/);
    expect(() => delivered({ pipelineAccount: null }).pipeline()).toThrow(/invalid 'deployStep\(DeployFlags-Prod\)\.pipelineAccount'.*the pipeline's account \(111111111111\)/);
    expect(() => delivered({ pipelineAccount: '1234' })).toThrow(/invalid 'deployStep\.pipelineAccount': got "1234"; allowed: a 12-digit account id/);
  });

  test('in one stack with the pipeline nothing changes: tokens, the pipeline role, no outputs', () => {
    const { stack, ff } = build();
    ff.deployStep('Prod', { pipelineAccount: '111111111111' });
    expect(Template.fromStack(stack).toJSON().Outputs).toBeUndefined();
    expect(JSON.stringify(Template.fromStack(stack).findResources('AWS::IAM::Role'))).not.toMatch(/RoleName|111111111111:root/);
  });
});

describe('bad input', () => {
  test('an environment named twice', () => {
    expect(() => build({ environments: [{ name: 'Prod' }, { name: 'Prod' }] })).toThrow(/\[FeatureFlags at 'Service\/Flags'\] invalid 'environments\[1\]\.name': got "Prod"; allowed: each environment name at most once/);
  });

  test('no environment, or a name too long', () => {
    expect(() => build({ environments: [] })).toThrow(/invalid 'environments': got \[\]; allowed: 1 to 20 item\(s\)/);
    expect(() => build({ environments: [{ name: 'x'.repeat(65) }] })).toThrow(/invalid 'environments\[0\]\.name'.*1-64 characters/);
  });

  test('a Secrets Manager source is refused: flags are not secrets', () => {
    const stack = newStack();
    const secret = new secretsmanager.Secret(stack, 'Secret');
    expect(() => build({ flags: undefined, source: appconfig.ConfigurationSource.fromSecret(secret) }, stack))
      .toThrow(/invalid 'source'.*flags are not secrets \(Secrets Manager refused\)/);
  });

  test('a SecureString parameter (one with a KMS key) is refused; a String parameter is accepted', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    const secure = ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'Secure', { parameterName: '/flags', encryptionKey: key });
    expect(() => build({ flags: undefined, source: appconfig.ConfigurationSource.fromParameter(secure, key) }, stack))
      .toThrow(/invalid 'source'.*SecureString, and flags are not secrets/);
    const plain = new ssm.StringParameter(stack, 'Plain', { stringValue: '{"version":"1"}' });
    expect(() => build({ flags: undefined, source: appconfig.ConfigurationSource.fromParameter(plain) }, stack, 'Ok')).not.toThrow();
  });

  test('flags and a source together, or neither', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'B');
    expect(() => build({ source: appconfig.ConfigurationSource.fromBucket(bucket, 'f.json') }, stack)).toThrow(/either `flags`.*or `source`/);
    expect(() => build({ flags: undefined }, stack, 'Neither')).toThrow(/either `flags`/);
  });

  test('methods name an environment that exists', () => {
    const { ff } = build();
    expect(() => ff.grantEmergencyStop(new iam.AccountRootPrincipal(), 'Qa')).toThrow(/invalid 'grantEmergencyStop\.environmentName': got "Qa"/);
    expect(() => ff.flagsPath('Qa')).toThrow(/invalid 'flagsPath\.environmentName'/);
  });

  test('token names of the application pass', () => {
    expect(() => build({ applicationName: Aws.STACK_NAME })).not.toThrow();
  });
});

test('logical ids are stable (a public contract)', () => {
  const stack = newStack();
  build({ environments: [{ name: 'Dev', alarmSources: [blueGreen(stack)] }, { name: 'Prod' }] }, stack);
  const ids = Object.keys(Template.fromStack(stack).toJSON().Resources).filter((id) => id.startsWith('Flags')).sort();
  expect(ids).toEqual([
    'FlagsAlarmRoleF859CD79', 'FlagsAlarmRoleGrants934F7FA9', 'FlagsApplication639FE066', 'FlagsB079CCA0', 'FlagsConfigurationProfile974E102C',
    // The events topic, its key and policy are the stack's shared ones since 0.x (GantryNotifications/Topic, GantryKeys/Messages).
    'FlagsDeploymentEventsExtension9C1A4174',
    'FlagsDeploymentEventsRole97C9C57E', 'FlagsDeploymentEventsRoleGrantsC291CCA2', 'FlagsEnvironmentDevA7744555', 'FlagsEnvironmentDevAssociationResource6627267B1EF52',
    'FlagsEnvironmentProd2FEB331E', 'FlagsEnvironmentProdAssociationResource662721CF0DA41', 'FlagsRolloutDevDeployment9C24FFE23F1E5', 'FlagsRolloutProdDeployment5F56392F9BD9B',
  ].sort());
});

test('template snapshot (second line: behaviour is asserted above)', () => {
  const stack = newStack();
  const { ff } = build({ environments: [{ name: 'Dev', rollout: FlagRollout.ALL_AT_ONCE, alarmSources: [blueGreen(stack)] }, { name: 'Prod' }] }, stack);
  ff.attachToFunction(new lambda.Function(stack, 'Reader', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})') }), 'Prod');
  expect(normalisedTemplate(Template.fromStack(stack).toJSON())).toMatchSnapshot();
});
