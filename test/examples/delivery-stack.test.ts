import { readFileSync } from 'fs';
import { join } from 'path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { FeatureFlags } from '../../constructs';
import { DeliveryStack } from '../../examples/delivery-stack';
import { CHECKOUT_FLAGS_PATH, checkoutFlags } from '../../examples/feature-flags-stack';
import { buildReferenceApp } from '../../examples/reference-app';
import { ServiceStack } from '../../examples/service-stack';
import { formatFindings, NAG_MAJORS, runNag } from '../harness/nag';
import { cdkJsonContext, referenceStacks } from '../harness/reference-app';

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
  expect(pipeline().Stages.map((s: any) => s.Name)).toEqual(['Source', 'Build', 'Dev', 'DevContainers', 'Prod', 'Release']);
  const dev = stage('Dev');
  expect(dev.Actions.map((a: any) => a.Name)).toEqual(['Prepare-GantryService', 'Execute-GantryService', 'ChaosDev']);
  expect(dev.Actions[0].Configuration).toMatchObject({ StackName: 'GantryService', TemplatePath: `BuildOutput::assembly-GantryDelivery-Dev/${stack.dev.service.templateFile}` });
  expect(JSON.stringify(dev.Actions[0].RoleArn)).toContain(':iam::111111111111:role/cdk-hnb659fds-deploy-role-111111111111-eu-west-1');
  const prod = stage('Prod');
  // The service and, beside it, the checkout with its feature flags.
  expect(prod.Actions.map((a: any) => a.Name)).toEqual([
    'Prepare-GantryFeatureFlags', 'Prepare-GantryService', 'Digest-GantryFeatureFlags', 'Digest-GantryService', 'Approve',
    'Execute-GantryFeatureFlags', 'Execute-GantryService',
  ]);
  const prepareService = prod.Actions.find((a: any) => a.Name === 'Prepare-GantryService');
  expect(prepareService.Configuration.TemplatePath).toBe(`BuildOutput::assembly-GantryDelivery-Prod/${stack.prod.service.templateFile}`);
  expect(JSON.stringify(prepareService.RoleArn)).toContain(':iam::222222222222:role/cdk-hnb659fds-deploy-role-222222222222-eu-west-1');
  // The approver reads the digests: their summaries in the comment, the first report as the review URL.
  const approve = prod.Actions.find((a: any) => a.Name === 'Approve');
  expect(approve.Configuration.CustomData).toMatch(/^Release the Star Wars counter to production \(222222222222\)\. #\{Digest_Prod_1\.[A-Z_]+\} \| #\{Digest_Prod_2\./);
  expect(approve.Configuration.ExternalEntityLink).toMatch(/^#\{Digest_Prod_1\./);
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

test('Prod (another account) rolls back on copies of the service\'s and the checkout\'s alarms in this account, watching the production metrics', () => {
  const prod = stage('Prod');
  expect(prod.OnSuccess.Conditions[0].Result).toBe('ROLLBACK');
  const names = ['GantryService-StarWarsCounter', 'GantryFeatureFlags-Checkout']
    .flatMap((fn) => ['ErrorRate', 'Throttles', 'DurationP99'].map((n) => `GantryDelivery-Prod-${fn}-live-${n}`));
  const copies = template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: Match.stringLikeRegexp('^GantryDelivery-Prod-') } });
  expect(Object.values(copies).map((a: any) => a.Properties.AlarmName)).toEqual(names);
  // Six alarms exceed a condition's five rules: one composite of the copies gates the stage.
  const [gate] = prod.OnSuccess.Conditions[0].Rules.map((r: any) => r.Configuration.AlarmName.Ref);
  const composite = template.toJSON().Resources[gate];
  expect(composite.Type).toBe('AWS::CloudWatch::CompositeAlarm');
  for (const id of Object.keys(copies)) expect(JSON.stringify(composite.Properties.AlarmRule)).toContain(`{"Ref":"${id}"}`);
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
  for (const s of [...stacks, stack.dev.service, stack.prod.service, stack.prod.checkout!]) {
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

describe('Release: the checkout\'s flags roll out to Prod after the service, through the stage\'s output variables', () => {
  const flagsStack = () => stack.prod.checkout!;
  const flagsTemplate = () => Template.fromStack(flagsStack());
  const release = () => stage('Release').Actions;
  const roleName = 'GantryFeatureFlags-Prod-flags-eu-west-1';
  const roleArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::222222222222:role/${roleName}`]] };

  test('the AppConfig deploy action comes after the Prod stage and reads the committed flag document of the source', () => {
    const names = pipeline().Stages.map((s: any) => s.Name);
    expect(names.indexOf('Release')).toBe(names.indexOf('Prod') + 1);
    expect(release()).toHaveLength(1);
    expect(release()[0]).toMatchObject({
      Name: 'ReleaseCheckoutFlags',
      ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: 'AppConfig', Version: '1' },
      InputArtifacts: [{ Name: 'Source' }],
      Configuration: { InputArtifactConfigurationPath: CHECKOUT_FLAGS_PATH, DeploymentStrategy: 'AppConfig.Canary10Percent20Minutes' },
    });
  });

  test('the ids are variables of the flags stack\'s execute action, whose namespace exports that stack\'s outputs', () => {
    const execute = stage('Prod').Actions.find((a: any) => a.Name === 'Execute-GantryFeatureFlags');
    expect(execute.Configuration.ActionMode).toBe('CHANGE_SET_EXECUTE');
    expect(execute.Namespace).toBe('Prod_GantryFeatureFlags');
    // Only the stack whose outputs a step reads gets a namespace.
    expect(stage('Prod').Actions.find((a: any) => a.Name === 'Execute-GantryService').Namespace).toBeUndefined();
    expect(stage('Dev').Actions.every((a: any) => a.Namespace === undefined)).toBe(true);

    const config = release()[0].Configuration;
    const outputs = flagsTemplate().toJSON().Outputs;
    const refOf = (variable: string) => {
      const [, namespace, key] = /^#\{([^.]+)\.([A-Za-z0-9]+)\}$/.exec(variable)!;
      expect(namespace).toBe(execute.Namespace);
      expect(outputs[key].Export).toBeUndefined();
      return outputs[key].Value.Ref;
    };
    const resources = flagsTemplate().toJSON().Resources;
    expect(resources[refOf(config.Application)].Type).toBe('AWS::AppConfig::Application');
    expect(resources[refOf(config.Environment)]).toMatchObject({ Type: 'AWS::AppConfig::Environment', Properties: { Name: 'Prod' } });
    expect(resources[refOf(config.ConfigurationProfile)]).toMatchObject({ Type: 'AWS::AppConfig::ConfigurationProfile', Properties: { Type: 'AWS.AppConfig.FeatureFlags' } });
  });

  test('the action runs as the flags stack\'s deployer role, named without an import; the pipeline role may assume exactly it', () => {
    expect(release()[0].RoleArn).toEqual(roleArn);
    const assume = Object.values(template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^DeliveryPipelineRole') }] } }))
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement)
      .filter((st: any) => JSON.stringify(st.Resource).includes(roleName));
    expect(assume).toEqual([{ Action: 'sts:AssumeRole', Effect: 'Allow', Resource: roleArn }]);
  });

  test('the deployer role: assumed from the pipeline account; deploys only this profile to Prod, reads only the pipeline account\'s artifacts', () => {
    const t = flagsTemplate();
    t.hasResourceProperties('AWS::IAM::Role', {
      RoleName: roleName,
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] } } }] },
    });
    const [roleId] = Object.keys(t.findResources('AWS::IAM::Role', { Properties: { RoleName: roleName } }));
    const statements = Object.values(t.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [{ Ref: roleId }] } }))
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    const flags = flagsStack().flags;
    const env = flags.environment('Prod');
    expect(statements).toEqual([
      {
        Sid: 'DeployFeatureFlags',
        Effect: 'Allow',
        Action: ['appconfig:StartDeployment', 'appconfig:GetDeployment', 'appconfig:StopDeployment'],
        Resource: flagsStack().resolve([
          flags.application.applicationArn, env.environmentArn, `${env.environmentArn}/deployment/*`, flags.configurationProfileArn,
          flags.deploymentStrategy('Prod').deploymentStrategyArn,
        ]),
      },
      {
        Sid: 'ReadPipelineArtifacts',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::*/*']] },
        Condition: { StringEquals: { 's3:ResourceAccount': '111111111111' } },
      },
      {
        Sid: 'DecryptPipelineArtifacts',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':kms:eu-west-1:111111111111:key/*']] },
        Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
      },
    ]);
  });

  test('the artifact bucket and key admit the production account only as that role (the role may not exist when the pipeline deploys)', () => {
    const onlyTheRole = { ArnEquals: { 'aws:PrincipalArn': roleArn } };
    const prodRoot = { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:root']] } };
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: 'DeliveryArtifactsAC79D864' },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: prodRoot, Action: ['s3:GetObject', 's3:GetObjectVersion'], Condition: onlyTheRole })]) },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: prodRoot, Action: 'kms:Decrypt', Condition: onlyTheRole })]) },
    });
    expect(JSON.stringify(template.toJSON())).not.toContain(`"AWS":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":iam::222222222222:role/${roleName}"]]}`);
  });

  test('the rollout rolls back on the checkout\'s alarms (the Prod environment\'s monitors), released only by the pipeline', () => {
    const t = flagsTemplate();
    const checkout = flagsStack().checkout;
    const envs = Object.values(t.findResources('AWS::AppConfig::Environment')) as any[];
    expect(envs.map((e) => e.Properties.Name)).toEqual(['Prod']);
    expect(envs[0].Properties.Monitors.map((m: any) => m.AlarmArn)).toEqual(checkout.deploymentAlarms.map((a) => flagsStack().resolve(a.alarmArn)));
    t.resourceCountIs('AWS::AppConfig::Deployment', 0);
  });

  test('the committed flag document is the rendering of the checkout\'s flags', () => {
    const committed = readFileSync(join(__dirname, '..', '..', CHECKOUT_FLAGS_PATH), 'utf-8');
    // Regenerate with: npx ts-node -P tsconfig.dev.json -e "require('fs').writeFileSync('examples/flags/checkout.json', require('./constructs').FeatureFlags.render(require('./examples/feature-flags-stack').checkoutFlags()) + '\n')"
    expect(committed).toBe(FeatureFlags.render(checkoutFlags()) + '\n');
  });
});

// The app-wide nag test judges top-level stacks; the stacks of the pipeline's stages are judged here.
test.each(NAG_MAJORS)('the Prod stage\'s checkout stack has no unsuppressed cdk-nag %d finding and no dead acknowledgement', (major) => {
  const delivery = buildReferenceApp(new App({ context: cdkJsonContext() })).find((s) => s.node.id === 'GantryDelivery') as DeliveryStack;
  const result = runNag(delivery.prod as any, major);
  const inCheckout = <T extends { path: string }>(items: T[]) => items.filter((i) => i.path.startsWith(`${delivery.prod.checkout!.node.path}/`));
  expect(formatFindings(inCheckout(result.unsuppressed))).toBe('');
  expect(formatFindings(inCheckout(result.unusedSuppressions))).toBe('');
  expect(inCheckout(result.suppressed).filter((f) => f.path.includes('/Flags/DeployerProd/'))).toHaveLength(3);
}, 60_000);
