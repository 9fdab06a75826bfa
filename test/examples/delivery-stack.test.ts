import { Match, Template } from 'aws-cdk-lib/assertions';
import { DeliveryStack, PROD_ASSEMBLY_DIR } from '../../examples/delivery-stack';
import { SERVICE_ALARM_THRESHOLDS, ServiceStack } from '../../examples/service-stack';
import { referenceStacks } from '../harness/reference-app';

// The delivery stack of the reference app (cdk.json context, placeholders for the rest).
const stacks = referenceStacks();
const stack = stacks.find((s) => s.node.id === 'GantryDelivery') as DeliveryStack;
const template = Template.fromStack(stack);
const pipeline = () => (Object.values(template.findResources('AWS::CodePipeline::Pipeline'))[0] as any).Properties;
const stage = (name: string) => pipeline().Stages.find((s: any) => s.Name === name);

test('the reference app includes the delivery stack', () => {
  expect(stack).toBeInstanceOf(DeliveryStack);
});

test('the build tests the repository, then synthesizes the service for Dev and for the production account', () => {
  const project = Object.values(template.findResources('AWS::CodeBuild::Project')).find((p: any) => p.Properties.Description?.startsWith('Build and test')) as any;
  const spec = JSON.stringify(project.Properties.Source.BuildSpec);
  expect(spec).toContain('npx projen test');
  expect(spec).toContain('npx cdk synth GantryService --quiet --no-notices -o cdk.out');
  expect(spec).toContain(`-o cdk.out/${PROD_ASSEMBLY_DIR} -c gantry:account=$PROD_ACCOUNT -c gantry:service:monitoringSinkArn=$MONITORING_SINK_ARN`);
  expect(spec).toContain(`--path cdk.out/${PROD_ASSEMBLY_DIR}/GantryService.assets.json --verbose publish`);
  expect(project.Properties.Environment.EnvironmentVariables).toEqual([
    { Name: 'PROD_ACCOUNT', Type: 'PLAINTEXT', Value: '222222222222' },
    { Name: 'MONITORING_SINK_ARN', Type: 'PLAINTEXT', Value: { 'Fn::GetAtt': ['ObservabilityObservabilitySink5CE02E3B', 'Arn'] } },
  ]);
  template.resourceCountIs('AWS::CodeBuild::ReportGroup', 1);
});

test('Dev deploys the service in this account, Prod is approved after a change-set digest and deploys to the prod account', () => {
  expect(pipeline().Stages.map((s: any) => s.Name)).toEqual(['Source', 'Build', 'Dev', 'Prod']);
  const dev = stage('Dev');
  expect(dev.Actions.map((a: any) => a.Name)).toEqual(['Deploy-GantryService']);
  expect(dev.Actions[0].Configuration).toMatchObject({ StackName: 'GantryService', TemplatePath: 'BuildOutput::GantryService.template.json' });
  expect(dev.Actions[0].RoleArn).toBeUndefined();
  const prod = stage('Prod');
  expect(prod.Actions.map((a: any) => a.Name)).toEqual(['Prepare-GantryService', 'Digest-GantryService', 'Approve', 'Execute-GantryService']);
  expect(prod.Actions[0].Configuration.TemplatePath).toBe(`BuildOutput::${PROD_ASSEMBLY_DIR}/GantryService.template.json`);
  expect(JSON.stringify(prod.Actions[0].RoleArn)).toContain(':iam::222222222222:role/cdk-hnb659fds-deploy-role-222222222222-eu-west-1');
  // The approver reads the digest: its summary in the comment, its report as the review URL.
  expect(prod.Actions[2].Configuration.CustomData).toMatch(/^Release the Star Wars counter to production \(222222222222\)\. #\{Digest_Prod_1\./);
  expect(prod.Actions[2].Configuration.ExternalEntityLink).toMatch(/^#\{Digest_Prod_1\./);
  template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'release-managers@example.com' });
});

test('Dev rolls back when the Dev service\'s deployment alarms fire, named without any cross-stack reference', () => {
  const dev = stage('Dev');
  expect(dev.OnSuccess.Conditions[0].Result).toBe('ROLLBACK');
  expect(dev.OnSuccess.Conditions[0].Rules.map((r: any) => r.Configuration.AlarmName)).toEqual(ServiceStack.deploymentAlarmNames('GantryService'));
  expect(dev.OnFailure).toEqual({ Result: 'ROLLBACK' });
});

test('Prod rolls back on alarms of this account that watch the production account\'s live alias (cross-account metrics)', () => {
  const prod = stage('Prod');
  expect(prod.OnSuccess.Conditions[0].Rules.map((r: any) => r.Configuration.AlarmName)).toEqual([
    { Ref: 'ProdErrorRate7F7460E0' }, { Ref: 'ProdThrottles745BFD2C' }, { Ref: 'ProdDurationP99FF48D461' },
  ]);
  const liveAlias = [{ Name: 'FunctionName', Value: 'GantryService-StarWarsCounter' }, { Name: 'Resource', Value: 'GantryService-StarWarsCounter:live' }];
  template.hasResourceProperties('AWS::CloudWatch::Alarm', {
    AlarmName: 'GantryService-ProdErrorRate',
    Threshold: SERVICE_ALARM_THRESHOLDS.errorRatePercent,
    Metrics: Match.arrayWith([Match.objectLike({ AccountId: '222222222222', MetricStat: Match.objectLike({ Metric: { MetricName: 'Errors', Namespace: 'AWS/Lambda', Dimensions: liveAlias } }) })]),
  });
  template.hasResourceProperties('AWS::CloudWatch::Alarm', {
    AlarmName: 'GantryService-ProdThrottles',
    Threshold: SERVICE_ALARM_THRESHOLDS.throttles,
    Metrics: [Match.objectLike({ AccountId: '222222222222', MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'Throttles' }) }) })],
  });
  template.hasResourceProperties('AWS::CloudWatch::Alarm', {
    AlarmName: 'GantryService-ProdDurationP99',
    Threshold: SERVICE_ALARM_THRESHOLDS.p99DurationMs,
    Metrics: [Match.objectLike({ AccountId: '222222222222', MetricStat: Match.objectLike({ Stat: 'p99' }) })],
  });
  // The production account may link its metrics to this account's sink.
  template.hasResourceProperties('AWS::Oam::Sink', {
    Policy: { Statement: [Match.objectLike({ Principal: { AWS: ['222222222222'] }, Action: ['oam:CreateLink', 'oam:UpdateLink'] })] },
  });
});

test('the pipeline may read exactly the gate alarms', () => {
  const policy = JSON.stringify(template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^DeliveryPipelineRole') }] } }));
  for (const name of ServiceStack.deploymentAlarmNames('GantryService')) expect(policy).toContain(`:cloudwatch:eu-west-1:111111111111:alarm:${name}`);
  expect(policy).toContain('"ProdErrorRate7F7460E0","Arn"');
});

test('the stacks share no CloudFormation export: each deploys on its own', () => {
  for (const s of stacks) {
    const json = JSON.stringify(Template.fromStack(s).toJSON());
    expect(json).not.toContain('Fn::ImportValue');
    expect(json).not.toContain('"Export"');
  }
});

test('logical ids of the pipeline and its gates are stable', () => {
  expect(Object.keys(template.toJSON().Resources)).toEqual(expect.arrayContaining([
    'DeliveryPipelineE8584D71', 'DeliveryArtifactsAC79D864', 'DeliveryBuildD765F282', 'ObservabilityObservabilitySink5CE02E3B',
    'ProdErrorRate7F7460E0', 'ProdThrottles745BFD2C', 'ProdDurationP99FF48D461', 'ReleaseManagersC70D187B',
  ]));
});
