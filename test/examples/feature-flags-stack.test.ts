import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { FeatureFlags } from '../../constructs';
import { checkoutFlags, FeatureFlagsStack } from '../../examples/feature-flags-stack';
import { referenceStacks } from '../harness/reference-app';

const reference = () => referenceStacks().find((s) => s instanceof FeatureFlagsStack) as FeatureFlagsStack;

test('the reference app holds the feature-flags stack with context account and region', () => {
  const stack = reference();
  expect(stack.account).toBe('111111111111');
  expect(stack.region).toBe('eu-west-1');
});

test('the checkout reads newCheckout through the AppConfig Agent extension of its region, with exactly the read grant', () => {
  const stack = reference();
  const t = Template.fromStack(stack);
  const path = stack.flags.flagsPath('Prod');
  expect(path).toBe('/applications/gantry-checkout/environments/Prod/configurations/feature-flags');
  t.hasResourceProperties('AWS::Lambda::Function', {
    Layers: ['arn:aws:lambda:eu-west-1:434848589818:layer:AWS-AppConfig-Extension:303'],
    Environment: { Variables: Match.objectLike({ FEATURE_FLAGS_PATH: path, AWS_APPCONFIG_EXTENSION_PREFETCH_LIST: path }) },
  });
  const reads = Object.values(t.findResources('AWS::IAM::ManagedPolicy'))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement)
    .filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('appconfig:')));
  expect(reads).toEqual([{
    Action: ['appconfig:StartConfigurationSession', 'appconfig:GetLatestConfiguration'],
    Effect: 'Allow',
    Resource: stack.resolve(`${stack.flags.environment('Prod').environmentArn}/configuration/${stack.flags.configurationProfileId}`),
  }]);
});

test('Prod rolls out with the recommended canary after Dev, and rolls back on the checkout\'s own deployment alarms', () => {
  const stack = reference();
  const t = Template.fromStack(stack);
  const envs = t.findResources('AWS::AppConfig::Environment');
  const prod = Object.entries(envs).find(([, e]: any) => e.Properties.Name === 'Prod')!;
  expect(prod[1].Properties.Monitors.map((m: any) => m.AlarmArn)).toEqual(stack.checkout.deploymentAlarms.map((a) => stack.resolve(a.alarmArn)));
  const deployments = Object.entries(t.findResources('AWS::AppConfig::Deployment'));
  const prodDeployment = deployments.find(([, d]: any) => d.Properties.EnvironmentId.Ref === prod[0])!;
  const devDeployment = deployments.find(([id]) => id !== prodDeployment[0])!;
  expect(prodDeployment[1].Properties.DeploymentStrategyId).toBe('AppConfig.Canary10Percent20Minutes');
  expect(devDeployment[1].Properties.DeploymentStrategyId).toBe('AppConfig.AllAtOnce');
  expect(prodDeployment[1].DependsOn).toEqual([devDeployment[0]]);
});

test('the hosted flags are the rendered document the pipeline step would deploy', () => {
  const stack = reference();
  Template.fromStack(stack).hasResourceProperties('AWS::AppConfig::HostedConfigurationVersion', { Content: FeatureFlags.render(checkoutFlags()) });
});

test('on-call principals may stop a Prod rollout, and do nothing else with it', () => {
  const app = new App();
  const env = { account: '111111111111', region: 'eu-west-1' };
  const people = new Stack(app, 'People', { env });
  const oncall = new iam.Role(people, 'OnCall', { assumedBy: new iam.AccountRootPrincipal() });
  new FeatureFlagsStack(app, 'Flags', { env, onCallPrincipals: [oncall] });
  const actions = Object.values(Template.fromStack(people).findResources('AWS::IAM::Policy'))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement).flatMap((s: any) => [s.Action].flat());
  expect(actions.sort()).toEqual(['appconfig:GetDeployment', 'appconfig:ListDeployments', 'appconfig:StopDeployment']);
});

test('the checkout\'s dashboard shows the flag deployment events topic', () => {
  const stack = reference();
  const body = JSON.stringify(stack.resolve((stack.dashboard.node.findAll().find((c: any) => c.cfnResourceType === 'AWS::CloudWatch::Dashboard') as any).dashboardBody));
  expect(body).toContain('NumberOfMessagesPublished');
  expect(body).toContain('flag deployment events');
});

test('the checkout\'s failed invocations reach the stack\'s one dead-letter queue: sqs:SendMessage and the key actions SQS needs', () => {
  const stack = reference();
  const t = Template.fromStack(stack);
  t.resourceCountIs('AWS::SQS::Queue', 1);
  const queueArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^GantryDeadLettersQueue'), 'Arn'] };
  t.hasResourceProperties('AWS::Lambda::Function', { DeadLetterConfig: { TargetArn: queueArn } });
  const policies = { ...t.findResources('AWS::IAM::Policy'), ...t.findResources('AWS::IAM::ManagedPolicy') };
  const checkout = Object.entries(policies).filter(([id]) => id.startsWith('CheckoutFunctionRole'))
    .flatMap(([, p]: [string, any]) => p.Properties.PolicyDocument.Statement);
  expect(checkout).toContainEqual(expect.objectContaining({ Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^GantryDeadLettersQueue/), 'Arn'] } }));
  expect(checkout).toContainEqual(expect.objectContaining({
    Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
    Resource: { 'Fn::GetAtt': [expect.stringMatching(/^GantryKeysMessages/), 'Arn'] },
    Condition: { StringEquals: { 'kms:ViaService': 'sqs.eu-west-1.amazonaws.com' } },
  }));
});
