import { Match, Template } from 'aws-cdk-lib/assertions';
import { DeliveryStack } from '../../examples/delivery-stack';
import { ServiceStack } from '../../examples/service-stack';
import { referenceStacks } from '../harness/reference-app';

// The delivery stack of the reference app (cdk.json context, placeholders for the rest).
const stacks = referenceStacks();
const stack = stacks.find((s) => s.node.id === 'GantryDelivery') as DeliveryStack;
const template = Template.fromStack(stack);
const pipeline = () => (Object.values(template.findResources('AWS::CodePipeline::Pipeline'))[0] as any).Properties;
const stage = (name: string) => pipeline().Stages.find((s: any) => s.Name === name);
const buildSpec = () => {
  const project = Object.values(template.findResources('AWS::CodeBuild::Project')).find((p: any) => p.Properties.Description?.startsWith('Build and test')) as any;
  return JSON.stringify(project.Properties.Source.BuildSpec);
};

test('the reference app includes the delivery stack', () => {
  expect(stack).toBeInstanceOf(DeliveryStack);
});

test('the build tests the repository, synthesizes the app once and publishes the assets of exactly the two stages it deploys', () => {
  const spec = buildSpec();
  expect(spec).toContain('npx projen test');
  expect(spec.match(/cdk synth/g)).toHaveLength(1);
  expect(spec).toContain(`--path \\\\\\"cdk.out/assembly-GantryDelivery-Dev/${stack.dev.service.artifactId}.assets.json\\\\\\" --verbose publish`);
  expect(spec).toContain(`--path \\\\\\"cdk.out/assembly-GantryDelivery-Prod/${stack.prod.service.artifactId}.assets.json\\\\\\" --verbose publish`);
  expect(spec).not.toContain('*.assets.json');
  template.resourceCountIs('AWS::CodeBuild::ReportGroup', 1);
});

test('Dev deploys the service stage in this account, Prod is approved after a change-set digest and deploys to the prod account', () => {
  expect(pipeline().Stages.map((s: any) => s.Name)).toEqual(['Source', 'Build', 'Dev', 'DevContainers', 'Prod']);
  const dev = stage('Dev');
  expect(dev.Actions.map((a: any) => a.Name)).toEqual(['Prepare-GantryService', 'Execute-GantryService', 'ChaosDev']);
  expect(dev.Actions[0].Configuration).toMatchObject({ StackName: 'GantryService', TemplatePath: `BuildOutput::assembly-GantryDelivery-Dev/${stack.dev.service.templateFile}` });
  expect(JSON.stringify(dev.Actions[0].RoleArn)).toContain(':iam::111111111111:role/cdk-hnb659fds-deploy-role-111111111111-eu-west-1');
  const prod = stage('Prod');
  expect(prod.Actions.map((a: any) => a.Name)).toEqual(['Prepare-GantryService', 'Digest-GantryService', 'Approve', 'Execute-GantryService']);
  expect(prod.Actions[0].Configuration.TemplatePath).toBe(`BuildOutput::assembly-GantryDelivery-Prod/${stack.prod.service.templateFile}`);
  expect(JSON.stringify(prod.Actions[0].RoleArn)).toContain(':iam::222222222222:role/cdk-hnb659fds-deploy-role-222222222222-eu-west-1');
  // The approver reads the digest: its summary in the comment, its report as the review URL.
  expect(prod.Actions[2].Configuration.CustomData).toMatch(/^Release the Star Wars counter to production \(222222222222\)\. #\{Digest_Prod_1\./);
  expect(prod.Actions[2].Configuration.ExternalEntityLink).toMatch(/^#\{Digest_Prod_1\./);
  template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'release-managers@example.com' });
});

test('Dev rolls back when the service\'s blue/green alarms fire: found in the stage, named without any cross-stack reference', () => {
  const dev = stage('Dev');
  expect(dev.OnSuccess.Conditions[0].Result).toBe('ROLLBACK');
  expect(dev.OnSuccess.Conditions[0].Rules.map((r: any) => r.Configuration.AlarmName)).toEqual(ServiceStack.deploymentAlarmNames('GantryService'));
  expect(dev.OnFailure).toEqual({ Result: 'ROLLBACK' });
  const policy = JSON.stringify(template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^DeliveryPipelineRole') }] } }));
  for (const name of ServiceStack.deploymentAlarmNames('GantryService')) expect(policy).toContain(`:cloudwatch:eu-west-1:111111111111:alarm:${name}`);
});

test('Prod (another account) rolls back on copies of the service\'s alarms in this account, watching the production metrics', () => {
  const prod = stage('Prod');
  expect(prod.OnSuccess.Conditions[0].Result).toBe('ROLLBACK');
  const names = ['ErrorRate', 'Throttles', 'DurationP99'].map((n) => `GantryDelivery-Prod-GantryService-StarWarsCounter-live-${n}`);
  const copies = template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: Match.stringLikeRegexp('^GantryDelivery-Prod-') } });
  expect(Object.values(copies).map((a: any) => a.Properties.AlarmName)).toEqual(names);
  expect(prod.OnSuccess.Conditions[0].Rules.map((r: any) => r.Configuration.AlarmName.Ref)).toEqual(Object.keys(copies));
  for (const copy of Object.values(copies) as any[]) {
    expect(copy.Properties.Metrics.filter((m: any) => m.MetricStat).every((m: any) => m.AccountId === '222222222222')).toBe(true);
    expect(copy.Properties.AlarmActions).toBeDefined();
  }
  template.hasResourceProperties('AWS::Oam::Sink', { Policy: Match.objectLike({ Statement: [Match.objectLike({ Principal: { AWS: ['222222222222'] } })] }) });
  Template.fromStack(stack.prod.service).hasResourceProperties('AWS::Oam::Link', { LinkConfiguration: { MetricConfiguration: { Filter: "Namespace IN ('AWS/Lambda')" } } });
  Template.fromStack(stack.dev.service).resourceCountIs('AWS::Oam::Link', 0);
});

test('the digest reads the production change set through the read-only lookup role; release managers may approve', () => {
  const digest = JSON.stringify(template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^DeliveryChangeSetDigestRole') }] } }));
  expect(digest).toContain(':iam::222222222222:role/cdk-hnb659fds-lookup-role-222222222222-eu-west-1');
  expect(digest).not.toContain('deploy-role');
  const approvers = Object.values(template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^ReleaseManagers') }] } })) as any[];
  expect(approvers.flatMap((p) => p.Properties.PolicyDocument.Statement.map((s: any) => s.Action))).toEqual([
    'codepipeline:PutApprovalResult', ['codepipeline:GetPipeline', 'codepipeline:GetPipelineState'], 'codebuild:BatchGetBuilds', 'logs:GetLogEvents',
  ]);
});

test('the stacks share no CloudFormation export: each deploys on its own', () => {
  for (const s of [...stacks, stack.dev.service, stack.prod.service]) {
    const json = JSON.stringify(Template.fromStack(s).toJSON());
    expect(json).not.toContain('Fn::ImportValue');
    expect(json).not.toContain('"Export"');
  }
});

test('logical ids of the pipeline are stable', () => {
  expect(Object.keys(template.toJSON().Resources)).toEqual(expect.arrayContaining([
    'DeliveryPipelineE8584D71', 'DeliveryArtifactsAC79D864', 'DeliveryBuildD765F282', 'ReleaseManagersC70D187B',
  ]));
});

test('after the Dev deployment the chaos experiment runs (by state machine name, no export), before the Prod approval', () => {
  const chaos = stage('Dev').Actions.find((a: any) => a.Name === 'ChaosDev');
  expect(chaos.ActionTypeId).toMatchObject({ Category: 'Invoke', Provider: 'StepFunctions' });
  expect(chaos.RunOrder).toBeGreaterThan(stage('Dev').Actions.find((a: any) => a.Name === 'Execute-GantryService').RunOrder);
  expect(JSON.stringify(chaos.Configuration.StateMachineArn)).toContain('stateMachine:GantryChaos-ChaosDev');
});

test('the container service deploys as its own Dev stage, gated on its health alarm by name', () => {
  const containers = stage('DevContainers');
  expect(containers.Actions.map((a: any) => a.Name)).toEqual(['Prepare-GantryContainerService', 'Execute-GantryContainerService']);
  expect(JSON.stringify(containers.OnFailure ?? {})).toContain('ROLLBACK');
  expect(JSON.stringify(containers)).toContain('GantryContainerService-Health');
});
