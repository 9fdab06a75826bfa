import { App, Duration, Stack, Stage as CdkStage } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codecommit from 'aws-cdk-lib/aws-codecommit';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { IConstruct } from 'constructs';
import { actionsOf, allStatements, asList, baseProps, CONNECTION_ARN, ENV, newStack, stage, stagesOf, statementsOfRole, synth } from './helpers';
import {
  DeployMode, IDeploymentAlarmSource, IMonitoring, PipelineExecutionState, PipelineSource, PipelineWithApproval, PullRequestEvent, StageStep,
  TestReportFormat,
} from '../../constructs';
import { formatFindings, NAG_MAJORS, runNag } from '../harness/nag';

const PROD = { stageName: 'Prod', account: '222222222222', stacks: [{ stackName: 'App-Prod', templatePath: 'App-Prod.template.json' }] };

describe('pipeline basics', () => {
  test('is a V2 pipeline with SUPERSEDED execution, Source → Build → deploy stages in order, and no self-restart', () => {
    const { template } = synth(baseProps({ stages: [baseProps().stages[0], PROD] }));
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      PipelineType: 'V2',
      ExecutionMode: 'SUPERSEDED',
      RestartExecutionOnUpdate: false,
    });
    expect(stagesOf(template).map((s) => s.Name)).toEqual(['Source', 'Build', 'Dev', 'Prod']);
  });

  test('stores artifacts in a KMS-encrypted, versioned, access-logged bucket with a rotating key', () => {
    const { template } = synth(baseProps());
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      ArtifactStore: { Type: 'S3', EncryptionKey: { Type: 'KMS', Id: Match.anyValue() } },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() } })] },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
    });
    template.allResourcesProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test('roles keep their grants in managed policies, never inline', () => {
    const { template } = synth(baseProps({ stages: [baseProps().stages[0], PROD], approvals: [{ beforeStage: 'Prod' }] }));
    template.resourceCountIs('AWS::IAM::Policy', 0);
    expect(Object.keys(template.findResources('AWS::IAM::ManagedPolicy')).length).toBe(3); // pipeline, build, digest
  });

  test('no IAM statement grants a bare "*" action or "*" resource on a non-key policy', () => {
    const { template } = synth(baseProps({ stages: [baseProps().stages[0], PROD], approvals: [{ beforeStage: 'Prod', approvers: [new iam.User(newStack('X'), 'U')] }] }));
    for (const statement of allStatements(template)) {
      expect(asList(statement.Action)).not.toContain('*');
      expect(asList(statement.Resource)).not.toContain('*');
    }
  });
});

describe('sources', () => {
  test('a connection source is the default kind, event-driven, on branch main', () => {
    const { template } = synth(baseProps());
    expect(stage(template, 'Source').Actions[0]).toMatchObject({
      ActionTypeId: { Provider: 'CodeStarSourceConnection' },
      Configuration: { ConnectionArn: CONNECTION_ARN, FullRepositoryId: 'acme/app', BranchName: 'main', DetectChanges: true },
    });
    expect(statementsOfRole(template, 'PipelinePipelineRole')).toContainEqual(expect.objectContaining({
      Action: 'codestar-connections:UseConnection', Resource: CONNECTION_ARN,
    }));
  });

  test('CodeCommit sources use EventBridge, not polling', () => {
    const stack = newStack();
    const repository = codecommit.Repository.fromRepositoryName(stack, 'Repo', 'app');
    const { template } = synth(baseProps({ source: PipelineSource.codeCommit({ repository, branch: 'release' }) }), stack);
    expect(stage(template, 'Source').Actions[0].Configuration).toMatchObject({ BranchName: 'release', PollForSourceChanges: false });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.codecommit'],
        'detail-type': ['CodeCommit Repository State Change'],
        'detail': { event: ['referenceCreated', 'referenceUpdated'], referenceName: ['release'] },
      },
    });
  });

  test('S3 and ECR sources', () => {
    const stack = newStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'B', 'sources');
    const repository = ecr.Repository.fromRepositoryName(stack, 'R', 'base-image');
    const { template } = synth(baseProps({
      source: PipelineSource.s3({ bucket, objectKey: 'app/source.zip' }),
      additionalSources: [PipelineSource.ecr({ repository, imageTag: 'stable' })],
    }), stack);
    const [s3Action, ecrAction] = stage(template, 'Source').Actions;
    expect(s3Action).toMatchObject({ ActionTypeId: { Provider: 'S3' }, Configuration: { S3Bucket: 'sources', S3ObjectKey: 'app/source.zip', PollForSourceChanges: false } });
    expect(ecrAction).toMatchObject({ ActionTypeId: { Provider: 'ECR' }, Configuration: { RepositoryName: 'base-image', ImageTag: 'stable' } });
    // The extra source is a secondary input of the build.
    expect(stage(template, 'Build').Actions[0].InputArtifacts).toEqual([{ Name: 'Source' }, { Name: 'Source2' }]);
  });
});

describe('build and test', () => {
  test('logs to an encrypted log group with retention and encrypts artifacts with the artifact key', () => {
    const { template } = synth(baseProps());
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::CodeBuild::Project', {
      EncryptionKey: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GantryKeysArtifacts'), 'Arn'] },
      LogsConfig: { CloudWatchLogs: { Status: 'ENABLED', GroupName: Match.anyValue() } },
      Environment: Match.objectLike({ Image: 'aws/codebuild/standard:7.0', ComputeType: 'BUILD_GENERAL1_SMALL', PrivilegedMode: false }),
      TimeoutInMinutes: 60,
    });
  });

  test('the default build synthesizes the CDK app and publishes the assets of the deployed templates only, through the bootstrap publishing roles only', () => {
    const { template } = synth(baseProps({ stages: [baseProps().stages[0], PROD] }));
    const build = Object.values(template.findResources('AWS::CodeBuild::Project')).find((p: any) => p.Properties.Description.startsWith('Build and test')) as any;
    const spec = JSON.parse(build.Properties.Source.BuildSpec);
    expect(spec.phases.build.commands).toEqual(['npx cdk synth']);
    expect(spec.phases.post_build.commands[0]).toBe([
      'if [ -f "cdk.out/App-Dev.assets.json" ]; then npx --yes cdk-assets@4.7.3 --path "cdk.out/App-Dev.assets.json" --verbose publish; fi',
      'if [ -f "cdk.out/App-Prod.assets.json" ]; then npx --yes cdk-assets@4.7.3 --path "cdk.out/App-Prod.assets.json" --verbose publish; fi',
    ].join(' && '));
    expect(spec.artifacts).toEqual({ 'base-directory': 'cdk.out', 'files': ['**/*'] });
    const assume = statementsOfRole(template, 'PipelineBuildRole').filter((s) => s.Action === 'sts:AssumeRole');
    expect(assume).toHaveLength(1);
    expect(JSON.stringify(assume[0].Resource)).toContain(':iam::111111111111:role/cdk-hnb659fds-file-publishing-role-111111111111-eu-west-1');
    expect(JSON.stringify(assume[0].Resource)).toContain(':iam::222222222222:role/cdk-hnb659fds-file-publishing-role-222222222222-eu-west-1');
    expect(JSON.stringify(assume[0].Resource)).not.toContain('image-publishing');
  });

  test('container assets add the image publishing roles and privileged mode', () => {
    const { template } = synth(baseProps({ buildStep: { publishCdkAssets: true, publishContainerAssets: true, buildSpec: { version: '0.2', phases: { build: { commands: ['make'] } } } } }));
    template.hasResourceProperties('AWS::CodeBuild::Project', { Environment: Match.objectLike({ PrivilegedMode: true }) });
    const assume = statementsOfRole(template, 'PipelineBuildRole').find((s) => s.Action === 'sts:AssumeRole');
    expect(JSON.stringify(assume.Resource)).toContain('cdk-hnb659fds-image-publishing-role-111111111111-eu-west-1');
  });

  test('environment variables from SSM and Secrets Manager are granted on exactly those parameters and secrets', () => {
    const { template } = synth(baseProps({
      buildStep: {
        buildSpecFile: 'buildspec.yml',
        environmentVariables: {
          STAGE: { value: 'ci' },
          DSN: { type: codebuild.BuildEnvironmentVariableType.PARAMETER_STORE, value: '/app/dsn' },
          TOKEN: { type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER, value: 'app/token' },
        },
      },
    }));
    template.hasResourceProperties('AWS::CodeBuild::Project', {
      Source: Match.objectLike({ BuildSpec: 'buildspec.yml' }),
      Environment: Match.objectLike({
        EnvironmentVariables: Match.arrayWith([
          { Name: 'DSN', Type: 'PARAMETER_STORE', Value: '/app/dsn' },
          { Name: 'TOKEN', Type: 'SECRETS_MANAGER', Value: 'app/token' },
        ]),
      }),
    });
    const statements = statementsOfRole(template, 'PipelineBuildRole');
    const ssm = statements.find((s) => s.Action === 'ssm:GetParameters');
    expect(JSON.stringify(ssm.Resource)).toContain(':parameter/app/dsn');
    const secrets = statements.find((s) => s.Action === 'secretsmanager:GetSecretValue');
    expect(JSON.stringify(secrets.Resource)).toContain(':secret:app/token-??????');
  });

  test('test reports become report groups the build may write to, added to the build spec', () => {
    const { template, pipeline } = synth(baseProps({
      buildStep: {
        buildSpec: { version: '0.2', phases: { build: { commands: ['npm test'] } } },
        testReports: [
          { name: 'Unit', files: ['junit.xml'], baseDirectory: 'reports' },
          { name: 'Features', files: ['**/*.json'], format: TestReportFormat.CUCUMBER_JSON },
        ],
      },
    }));
    template.resourceCountIs('AWS::CodeBuild::ReportGroup', 2);
    expect(Object.keys(pipeline.reportGroups)).toEqual(['Unit', 'Features']);
    const build = Object.values(template.findResources('AWS::CodeBuild::Project'))[0] as any;
    // The build spec is a Fn::Join around the report groups' ARNs: render them as <LogicalId>.
    const specText = build.Properties.Source.BuildSpec['Fn::Join'][1]
      .map((part: any) => (typeof part === 'string' ? part : `<${part['Fn::GetAtt'][0]}>`)).join('');
    const spec = JSON.parse(specText);
    expect(Object.entries(spec.reports)).toEqual([
      [expect.stringMatching(/^<PipelineReportUnit/), { 'files': ['junit.xml'], 'file-format': 'JUNITXML', 'base-directory': 'reports' }],
      [expect.stringMatching(/^<PipelineReportFeatures/), { 'files': ['**/*.json'], 'file-format': 'CUCUMBERJSON' }],
    ]);
    const report = statementsOfRole(template, 'PipelineBuildRole').find((s) => asList(s.Action).includes('codebuild:BatchPutTestCases')
      && JSON.stringify(s.Resource).includes('PipelineReportUnit'));
    expect(report).toBeDefined();
    // An object build spec given by the user is not published unless asked.
    expect(specText).not.toContain('cdk-assets');
  });

  test('cache, timeout, compute type and image are passed through', () => {
    const stack = newStack();
    const cacheBucket = s3.Bucket.fromBucketName(stack, 'Cache', 'build-cache');
    const { template } = synth(baseProps({
      buildStep: {
        buildSpecFile: 'buildspec.yml',
        cache: codebuild.Cache.bucket(cacheBucket),
        timeout: Duration.minutes(30),
        computeType: codebuild.ComputeType.MEDIUM,
        buildImage: codebuild.LinuxBuildImage.AMAZON_LINUX_2_5,
      },
    }), stack);
    template.hasResourceProperties('AWS::CodeBuild::Project', {
      Cache: { Type: 'S3', Location: Match.anyValue() },
      TimeoutInMinutes: 30,
      Environment: Match.objectLike({ ComputeType: 'BUILD_GENERAL1_MEDIUM', Image: 'aws/codebuild/amazonlinux2-x86_64-standard:5.0' }),
    });
  });
});

describe('deploy stages', () => {
  test('change sets by default: prepare then execute, with the bootstrap execution role passed to CloudFormation', () => {
    const { template } = synth(baseProps());
    expect(actionsOf(template, 'Dev')).toEqual([['Prepare-App-Dev', 1, 'CloudFormation'], ['Execute-App-Dev', 2, 'CloudFormation']]);
    const [prepare] = stage(template, 'Dev').Actions;
    expect(prepare.Configuration).toMatchObject({
      ActionMode: 'CHANGE_SET_REPLACE',
      StackName: 'App-Dev',
      ChangeSetName: 'PipelineChange',
      TemplatePath: 'BuildOutput::App-Dev.template.json',
      Capabilities: 'CAPABILITY_NAMED_IAM,CAPABILITY_AUTO_EXPAND',
    });
    expect(JSON.stringify(prepare.Configuration.RoleArn)).toContain(':iam::111111111111:role/cdk-hnb659fds-cfn-exec-role-111111111111-eu-west-1');
    const passRole = statementsOfRole(template, 'PipelinePipelineRole').find((s) => s.Action === 'iam:PassRole');
    expect(JSON.stringify(passRole.Resource)).toContain('cdk-hnb659fds-cfn-exec-role-111111111111-eu-west-1');
  });

  test('create-update mode, parameters, template configuration, capabilities and parallel/sequential runOrder', () => {
    const { template } = synth(baseProps({
      stages: [{
        stageName: 'Dev',
        stacks: [
          { stackName: 'Network', templatePath: 'Network.template.json', mode: DeployMode.CREATE_UPDATE, runOrder: 1 },
          { stackName: 'Data', templatePath: 'Data.template.json', mode: DeployMode.CREATE_UPDATE, runOrder: 1 },
          {
            stackName: 'Api',
            templatePath: 'Api.template.json',
            mode: DeployMode.CREATE_UPDATE,
            runOrder: 2,
            parameterOverrides: { Stage: 'dev' },
            templateConfigurationPath: 'Api.config.json',
            capabilities: [],
          },
        ],
      }],
    }));
    expect(actionsOf(template, 'Dev')).toEqual([
      ['Deploy-Network', 1, 'CloudFormation'], ['Deploy-Data', 1, 'CloudFormation'], ['Deploy-Api', 2, 'CloudFormation'],
    ]);
    expect(stage(template, 'Dev').Actions[2].Configuration).toMatchObject({
      ActionMode: 'CREATE_UPDATE',
      ParameterOverrides: '{"Stage":"dev"}',
      TemplateConfiguration: 'BuildOutput::Api.config.json',
    });
  });

  test('a cross-account stage runs through the target\'s bootstrap deploy role, admitted by the artifact key and bucket policies', () => {
    const { template } = synth(baseProps({ stages: [PROD] }));
    const actions = stage(template, 'Prod').Actions;
    for (const action of actions) {
      expect(JSON.stringify(action.RoleArn)).toContain(':iam::222222222222:role/cdk-hnb659fds-deploy-role-222222222222-eu-west-1');
    }
    expect(JSON.stringify(actions[0].Configuration.RoleArn)).toContain(':iam::222222222222:role/cdk-hnb659fds-cfn-exec-role-222222222222-eu-west-1');
    const deployRole = Match.objectLike({ AWS: { 'Fn::Join': ['', Match.arrayWith([':iam::222222222222:role/cdk-hnb659fds-deploy-role-222222222222-eu-west-1'])] } });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: deployRole, Action: ['kms:Decrypt', 'kms:DescribeKey'] })]) },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: deployRole, Action: ['s3:GetObject*', 's3:GetBucket*', 's3:List*'] })]) },
    });
  });

  test('a cross-region stage deploys in its region with the given replication bucket', () => {
    const stack = newStack();
    const usBucket = s3.Bucket.fromBucketAttributes(stack, 'Us', { bucketName: 'artifacts-us-east-1', region: 'us-east-1' });
    const { template } = synth(baseProps({
      stages: [{ stageName: 'Us', region: 'us-east-1', stacks: [{ stackName: 'App-Us', templatePath: 'App-Us.template.json' }] }],
      crossRegionArtifactBuckets: { 'us-east-1': usBucket },
    }), stack);
    expect(stage(template, 'Us').Actions.map((a: any) => a.Region)).toEqual(['us-east-1', 'us-east-1']);
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      ArtifactStores: Match.arrayWith([Match.objectLike({ Region: 'us-east-1', ArtifactStore: Match.objectLike({ Location: 'artifacts-us-east-1' }) })]),
    });
  });

  test('without given buckets, another region gets a Gantry artifact store in a support stack of that region, built on the secure defaults', () => {
    const stack = newStack();
    synth(baseProps({ stages: [{ stageName: 'Us', region: 'us-east-1', account: '222222222222', stacks: [{ stackName: 'App-Us', templatePath: 't.json' }] }] }), stack);
    const stacks = stack.node.root.node.findAll().filter((c): c is Stack => Stack.isStack(c));
    // No CodePipeline L2 support stack: only the pipeline's and Gantry's one for us-east-1.
    expect(stacks.map((s) => s.stackName).sort()).toEqual(['Delivery', 'Delivery-artifacts-us-east-1']);
    const support = stacks.find((s) => s.stackName === 'Delivery-artifacts-us-east-1')!;
    expect([support.region, support.account]).toEqual(['us-east-1', '111111111111']);
    expect(stack.dependencies).toContain(support);
    const template = Template.fromStack(support);
    // One artifact bucket (KMS with a rotating CMK, versioned, access-logged) and its log bucket; one key, with rotation.
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.allResourcesProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/gantry/Delivery/DeliveryPipelineF72ADE24', TargetKeyId: Match.anyValue() });
    const [bucketId] = Object.keys(template.findResources('AWS::S3::Bucket', { Properties: { BucketName: Match.anyValue() } }));
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('GantryKeysArtifacts'), 'Arn'] } } })] },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    // TLS only, and the stage's deploy role of account 222222222222 may read this bucket and decrypt with this key.
    const deployRole = Match.objectLike({ AWS: { 'Fn::Join': ['', Match.arrayWith([':iam::222222222222:role/cdk-hnb659fds-deploy-role-222222222222-us-east-1'])] } });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Principal: deployRole, Action: ['s3:GetObject*', 's3:GetBucket*', 's3:List*'] }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: deployRole, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' })]) },
    });
  });

  test('the pipeline lists both regions\' artifact stores and its role uses the regional key through S3 by its alias only, with no "*" key grant', () => {
    const stack = newStack();
    const { template } = synth(baseProps({ stages: [{ stageName: 'Us', region: 'us-east-1', account: '222222222222', stacks: [{ stackName: 'App-Us', templatePath: 't.json' }] }] }), stack);
    const support = stack.node.root.node.findAll().find((c): c is Stack => Stack.isStack(c) && c.stackName === 'Delivery-artifacts-us-east-1')!;
    const bucketName = (Object.values(Template.fromStack(support).findResources('AWS::S3::Bucket', { Properties: { BucketName: Match.anyValue() } }))[0] as any).Properties.BucketName;
    expect(bucketName).toMatch(/^[a-z0-9.-]{3,63}$/);
    const pipeline = Object.values(template.findResources('AWS::CodePipeline::Pipeline'))[0] as any;
    expect(pipeline.Properties.ArtifactStore).toBeUndefined();
    const stores = pipeline.Properties.ArtifactStores;
    expect(stores.map((s: any) => s.Region).sort()).toEqual(['eu-west-1', 'us-east-1']);
    const us = stores.find((s: any) => s.Region === 'us-east-1').ArtifactStore;
    expect(us.Location).toBe(bucketName);
    expect(JSON.stringify(us.EncryptionKey.Id)).toContain(':kms:us-east-1:111111111111:alias/gantry/Delivery/DeliveryPipelineF72ADE24');
    const home = stores.find((s: any) => s.Region === 'eu-west-1').ArtifactStore;
    expect(home.EncryptionKey.Id).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^GantryKeysArtifacts/), 'Arn'] });

    const statements = statementsOfRole(template, 'PipelinePipelineRole');
    const kmsStatements = statements.filter((st) => asList(st.Action).some((a: string) => a.startsWith('kms:')));
    for (const st of kmsStatements) expect(asList(st.Resource)).not.toContain('*');
    expect(kmsStatements).toContainEqual({
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':kms:us-east-1:111111111111:key/*']] },
      Condition: {
        'ForAnyValue:StringEquals': { 'kms:ResourceAliases': ['alias/gantry/Delivery/DeliveryPipelineF72ADE24'] },
        'StringEquals': { 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
      },
    });
    // The regional bucket by name, nothing broader.
    const s3Resources = statements.filter((st) => asList(st.Action).some((a: string) => a.startsWith('s3:'))).flatMap((st) => asList(st.Resource)).map((r) => JSON.stringify(r));
    expect(s3Resources.filter((r) => r.includes('us-east-1') || r.includes(bucketName))).toEqual([
      JSON.stringify({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${bucketName}`]] }),
      JSON.stringify({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${bucketName}/*`]] }),
    ]);
    for (const r of s3Resources) expect(r).not.toBe('"*"');
  });

  test('a CDK stage in another region added after the pipeline was made gets its store; the pipeline and its support stack are nag clean', () => {
    const app = new App();
    const stack = new Stack(app, 'Delivery', { env: ENV });
    const pipeline = new PipelineWithApproval(stack, 'Pipeline', baseProps({ stages: undefined }));
    const usStage = new CdkStage(app, 'Us', { env: { account: '222222222222', region: 'us-east-1' } });
    new sns.Topic(new Stack(usStage, 'Api'), 'Events');
    pipeline.addStage(usStage, { approval: {} });
    const ownStage = new CdkStage(app, 'Oregon', { env: { account: ENV.account, region: 'us-west-2' } });
    new sns.Topic(new Stack(ownStage, 'Api'), 'Events');
    pipeline.addStage(ownStage);
    const template = Template.fromStack(stack);
    const stores = (Object.values(template.findResources('AWS::CodePipeline::Pipeline'))[0] as any).Properties.ArtifactStores;
    expect(stores.map((s: any) => s.Region).sort()).toEqual(['eu-west-1', 'us-east-1', 'us-west-2']);
    expect(stage(template, 'Us').Actions.map((a: any) => a.Region)).toEqual(expect.arrayContaining(['us-east-1']));
    // The stage's deploy role of the pipeline's own account (imported from the assembly) is named by the store's policies.
    const oregon = Template.fromStack(app.node.findAll().find((c): c is Stack => Stack.isStack(c) && c.stackName === 'Delivery-artifacts-us-west-2')!);
    const ownDeployRole = Match.objectLike({ AWS: { 'Fn::Join': ['', Match.arrayWith([':iam::111111111111:role/cdk-hnb659fds-deploy-role-111111111111-us-west-2'])] } });
    oregon.hasResourceProperties('AWS::KMS::Key', { KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: ownDeployRole })]) } });
    for (const major of NAG_MAJORS) {
      const result = runNag(app, major);
      // The pipeline's stack and its support stacks (Delivery-artifacts-<region>); the stages' own fixtures aside.
      const ours = <T extends { path: string }>(items: T[]) => items.filter((i) => i.path.startsWith('Delivery'));
      // cdk-nag visited the support stacks too (the access-log bucket's SSE-S3 acknowledgement took effect there).
      expect(ours(result.suppressed).some((f) => f.path.startsWith('Delivery-artifacts-us-east-1/'))).toBe(true);
      expect(formatFindings(ours(result.unsuppressed))).toBe('');
      expect(formatFindings(ours(result.unusedSuppressions))).toBe('');
    }
  });

  test('a step deploying to another region (known only when the pipeline places it) gets a store too; a given bucket keeps its region', () => {
    const app = new App();
    const stack = new Stack(app, 'Delivery', { env: ENV });
    const given = s3.Bucket.fromBucketAttributes(stack, 'Given', { bucketName: 'artifacts-ap-southeast-2', region: 'ap-southeast-2' });
    const pipeline = new PipelineWithApproval(stack, 'Pipeline', baseProps({ crossRegionArtifactBuckets: { 'ap-southeast-2': given } }));
    pipeline.addSteps('Edge', [StageStep.deployStacks('Certs', { region: 'us-east-1', stacks: [{ stackName: 'Certs', templatePath: 'Certs.template.json' }] })]);
    const template = Template.fromStack(stack);
    const stores = (Object.values(template.findResources('AWS::CodePipeline::Pipeline'))[0] as any).Properties.ArtifactStores;
    const location = (s: any) => (typeof s.ArtifactStore.Location === 'string' ? s.ArtifactStore.Location : 'home');
    expect(stores.map((s: any) => [s.Region, location(s)]).sort()).toEqual([
      ['ap-southeast-2', 'artifacts-ap-southeast-2'], ['eu-west-1', 'home'], ['us-east-1', expect.stringMatching(/^delivery-artifacts-us-eas[0-9a-f]+artifacts[0-9a-f]+$/)],
    ]);
    const stackNames = app.node.findAll().filter((c): c is Stack => Stack.isStack(c)).map((c) => c.stackName).sort();
    expect(stackNames).toEqual(['Delivery', 'Delivery-artifacts-us-east-1']);
  });

  test('reading `pipeline` fixes its regions: a stage of a new region added afterwards fails synth naming the stage and the region', () => {
    const app = new App();
    const stack = new Stack(app, 'Delivery', { env: ENV });
    const pipeline = new PipelineWithApproval(stack, 'Pipeline', baseProps());
    expect(pipeline.pipeline.pipelineName).toBeDefined();
    const usStage = new CdkStage(app, 'Us', { env: { account: '222222222222', region: 'us-east-1' } });
    new sns.Topic(new Stack(usStage, 'Api'), 'Events');
    pipeline.addStage(usStage);
    expect(() => app.synth()).toThrow(/invalid 'stages\[Us\]'.*"us-east-1".*a region with an artifact store \(eu-west-1\).*crossRegionArtifactBuckets/);
  });

  test('a stage in another region needs a pipeline stack with a concrete env', () => {
    const stack = new Stack(new App(), 'Agnostic');
    expect(() => synth(baseProps({ stages: [{ stageName: 'Us', region: 'us-east-1', stacks: [{ stackName: 'App-Us', templatePath: 't.json' }] }] }), stack).template)
      .toThrow(/us-east-1.*concrete env/);
  });

  test('several pipelines can share one artifact bucket and key', () => {
    const stack = newStack();
    const first = new PipelineWithApproval(stack, 'First', baseProps());
    new PipelineWithApproval(stack, 'Second', baseProps({ artifactBucket: first.artifactBucket, stages: [PROD] }));
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CodePipeline::Pipeline', 2);
    // One artifact bucket (+ its access-log bucket), one artifact key (+ one log key per pipeline).
    template.resourceCountIs('AWS::S3::Bucket', 2);
    const locations = Object.values(template.findResources('AWS::CodePipeline::Pipeline')).map((p: any) => p.Properties.ArtifactStore.Location);
    expect(locations[0]).toEqual(locations[1]);
  });
});

describe('manual approval', () => {
  function approvalSynth(extra: object = {}) {
    const stack = newStack();
    const approver = new iam.Role(stack, 'Approver', { assumedBy: new iam.AccountRootPrincipal() });
    const result = synth(baseProps({
      stages: [baseProps().stages[0], PROD],
      approvals: [{ beforeStage: 'Prod', notifications: { emailAddresses: ['release@example.com'] }, approvers: [approver], comment: 'Ship it?', ...extra }],
    }), stack);
    return { ...result, approver };
  }

  test('sits after the change sets and their digest, before execution; the digest is the review URL and summary', () => {
    const { template } = approvalSynth();
    expect(actionsOf(template, 'Prod')).toEqual([
      ['Prepare-App-Prod', 1, 'CloudFormation'],
      ['Digest-App-Prod', 2, 'CodeBuild'],
      ['Approve', 3, 'Manual'],
      ['Execute-App-Prod', 4, 'CloudFormation'],
    ]);
    const [, digest, approve] = stage(template, 'Prod').Actions;
    expect(digest.Namespace).toBe('Digest_Prod_1');
    expect(approve.Configuration).toMatchObject({
      CustomData: 'Ship it? #{Digest_Prod_1.DIGEST_SUMMARY}',
      ExternalEntityLink: '#{Digest_Prod_1.DIGEST_URL}',
    });
  });

  test('approvers get exactly what approving needs: the action, the pipeline and its state, the digest report', () => {
    const { template } = approvalSynth();
    // In a managed policy attached to the approver: approving adds no inline policy.
    template.resourceCountIs('AWS::IAM::Policy', 0);
    const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy', {
      Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^Approver') }] },
    })) as any[];
    expect(policies).toHaveLength(1);
    const statements = policies[0].Properties.PolicyDocument.Statement;
    expect(statements).toHaveLength(4);
    expect(statements[0].Action).toBe('codepipeline:PutApprovalResult');
    expect(JSON.stringify(statements[0].Resource)).toMatch(/"\/Prod\/Approve"\]\]\}$/);
    expect(statements[1].Action).toEqual(['codepipeline:GetPipeline', 'codepipeline:GetPipelineState']);
    expect(statements[2]).toEqual({ Effect: 'Allow', Action: 'codebuild:BatchGetBuilds', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^PipelineChangeSetDigest/), 'Arn'] } });
    expect(statements[3].Action).toBe('logs:GetLogEvents');
    expect(JSON.stringify(statements[3].Resource)).toMatch(/:log-stream:change-set-digest\/\*"\]\]\}$/);
    expect(statements[1].Resource).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':codepipeline:eu-west-1:111111111111:', { Ref: expect.stringMatching(/^Pipeline/) }]] });
  });

  test('addresses subscribe to the stack\'s KMS-encrypted notification topic, which the pipeline may publish to', () => {
    const { template } = approvalSynth();
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'release@example.com' });
    const approve = stage(template, 'Prod').Actions[2];
    expect(approve.Configuration.NotificationArn).toEqual({ Ref: expect.stringMatching(/^GantryNotificationsTopic/) });
    expect(statementsOfRole(template, 'PipelinePipelineRole')).toContainEqual(expect.objectContaining({
      Action: 'sns:Publish', Resource: { Ref: expect.stringMatching(/^GantryNotificationsTopic/) },
    }));
  });

  test('timeout, given topic and review URL are honoured', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Given');
    const { template } = synth(baseProps({
      stages: [{ stageName: 'Dev', stacks: [{ stackName: 'App-Dev', templatePath: 't.json', mode: DeployMode.CREATE_UPDATE }] }],
      approvals: [{ beforeStage: 'Dev', notifications: { topic }, reviewUrl: 'https://example.com/review', timeout: Duration.hours(12), actionName: 'SignOff' }],
    }), stack);
    // No change set in the stage: the approval comes first.
    expect(actionsOf(template, 'Dev')).toEqual([['SignOff', 1, 'Manual'], ['Deploy-App-Dev', 2, 'CloudFormation']]);
    expect(stage(template, 'Dev').Actions[0]).toMatchObject({
      TimeoutInMinutes: 720,
      Configuration: { ExternalEntityLink: 'https://example.com/review', NotificationArn: { Ref: expect.stringMatching(/^Given/) } },
    });
    template.resourceCountIs('AWS::CodeBuild::Project', 1); // no digest without change sets
  });

  test('the digest runs read-only: it describes the stack in this account, or assumes the target\'s lookup role, never the deploy role', () => {
    const { template } = synth(baseProps({
      stages: [baseProps().stages[0], PROD],
      approvals: [{ beforeStage: 'Dev' }, { beforeStage: 'Prod' }],
    }));
    const statements = statementsOfRole(template, 'PipelineChangeSetDigestRole');
    const describe = statements.find((s) => s.Action === 'cloudformation:DescribeChangeSet');
    expect(JSON.stringify(describe.Resource)).toContain(':cloudformation:eu-west-1:111111111111:stack/App-Dev/*');
    const assume = statements.find((s) => s.Action === 'sts:AssumeRole');
    expect(JSON.stringify(assume.Resource)).toContain(':iam::222222222222:role/cdk-hnb659fds-lookup-role-222222222222-eu-west-1');
    expect(JSON.stringify(statements)).not.toContain('deploy-role');
    const digest = stage(template, 'Prod').Actions[1];
    expect(JSON.stringify(digest.Configuration.EnvironmentVariables)).toContain('ASSUME_ROLE_ARN');
    expect(JSON.stringify(stage(template, 'Dev').Actions[1].Configuration.EnvironmentVariables)).not.toContain('ASSUME_ROLE_ARN');
  });

  test('a later runOrder group\'s change sets are created after the groups before it deployed (it may import their new exports)', () => {
    const { template } = synth(baseProps({
      stages: [{
        stageName: 'Dev',
        stacks: [
          { stackName: 'Data', templatePath: 'Data.template.json', runOrder: 1 },
          { stackName: 'Api', templatePath: 'Api.template.json', runOrder: 2 },
        ],
      }],
      approvals: [{ beforeStage: 'Dev' }],
    }));
    expect(actionsOf(template, 'Dev')).toEqual([
      ['Prepare-Data', 1, 'CloudFormation'], ['Digest-Data', 2, 'CodeBuild'], ['Approve', 3, 'Manual'],
      ['Execute-Data', 4, 'CloudFormation'], ['Prepare-Api', 5, 'CloudFormation'], ['Execute-Api', 6, 'CloudFormation'],
    ]);
  });

  test('the digest can be switched off', () => {
    const { template } = synth(baseProps({ approvals: [{ beforeStage: 'Dev', changeSetDigest: false }] }));
    expect(actionsOf(template, 'Dev')).toEqual([['Prepare-App-Dev', 1, 'CloudFormation'], ['Approve', 2, 'Manual'], ['Execute-App-Dev', 3, 'CloudFormation']]);
    template.resourceCountIs('AWS::CodeBuild::Project', 1);
  });
});

describe('V2 features', () => {
  test('typed triggers, variables and execution mode', () => {
    const { template } = synth(baseProps({
      trigger: {
        push: [{ branchesIncludes: ['main', 'release/*'], filePathsExcludes: ['docs/**'] }, { tagsIncludes: ['v*'] }],
        pullRequest: [{ branchesIncludes: ['main'], events: [PullRequestEvent.OPEN, PullRequestEvent.UPDATED] }],
      },
      variables: [{ name: 'ReleaseNote', defaultValue: 'none', description: 'note' }],
      executionMode: codepipeline.ExecutionMode.QUEUED,
    }));
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      ExecutionMode: 'QUEUED',
      Variables: [{ Name: 'ReleaseNote', DefaultValue: 'none', Description: 'note' }],
      Triggers: [{
        ProviderType: 'CodeStarSourceConnection',
        GitConfiguration: {
          SourceActionName: 'Source',
          Push: [
            { Branches: { Includes: ['main', 'release/*'] }, FilePaths: { Excludes: ['docs/**'] } },
            { Tags: { Includes: ['v*'] } },
          ],
          PullRequest: [{ Branches: { Includes: ['main'] }, Events: ['OPEN', 'UPDATED'] }],
        },
      }],
    });
  });
});

describe('alarm-gated stages', () => {
  test('alarms of an IDeploymentAlarmSource roll the stage back (on success) and failures roll back too', () => {
    const stack = newStack();
    const metric = new cloudwatch.Metric({ namespace: 'App', metricName: 'Errors' });
    const source: IDeploymentAlarmSource = {
      deploymentAlarms: [
        new cloudwatch.Alarm(stack, 'Errors', { metric, threshold: 1, evaluationPeriods: 1 }),
        new cloudwatch.Alarm(stack, 'Latency', { metric, threshold: 100, evaluationPeriods: 1 }),
      ],
    };
    const { template } = synth(baseProps({
      stages: [{ ...baseProps().stages[0], alarmSources: [source], alarmWaitTime: Duration.minutes(10) }],
    }), stack);
    expect(stage(template, 'Dev')).toMatchObject({
      OnSuccess: {
        Conditions: [{
          Result: 'ROLLBACK',
          Rules: [
            { Name: 'Alarm1', RuleTypeId: { Category: 'Rule', Owner: 'AWS', Provider: 'CloudWatchAlarm', Version: '1' }, Configuration: { AlarmName: { Ref: expect.stringMatching(/^Errors/) }, WaitTime: '10' } },
            { Name: 'Alarm2', Configuration: { AlarmName: { Ref: expect.stringMatching(/^Latency/) }, WaitTime: '10' } },
          ],
        }],
      },
      OnFailure: { Result: 'ROLLBACK' },
    });
    const describe = statementsOfRole(template, 'PipelinePipelineRole').find((s) => s.Action === 'cloudwatch:DescribeAlarms');
    expect(describe.Resource).toHaveLength(2);
  });

  test('stages without alarms have no conditions', () => {
    const { template } = synth(baseProps());
    expect(stage(template, 'Dev').OnSuccess).toBeUndefined();
    expect(stage(template, 'Dev').OnFailure).toBeUndefined();
  });
});

describe('notifications and monitoring', () => {
  test('failures, cancellations and waiting approvals reach an encrypted topic through rules with a dead-letter queue', () => {
    const { template } = synth(baseProps({
      approvals: [{ beforeStage: 'Dev' }],
      notifications: { emailAddresses: ['ops@example.com'], executionStates: [PipelineExecutionState.FAILED, PipelineExecutionState.SUCCEEDED] },
    }));
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'detail-type': ['CodePipeline Pipeline Execution State Change'], 'detail': { state: ['FAILED', 'SUCCEEDED'] } },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^GantryNotificationsTopic') }, DeadLetterConfig: { Arn: Match.anyValue() } })],
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'detail-type': ['CodePipeline Action Execution State Change'], 'detail': { type: { category: ['Approval'] }, state: ['STARTED'] } },
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
  });

  test('approval and pipeline notifications share the stack\'s topic; each address is subscribed once', () => {
    const { template } = synth(baseProps({
      approvals: [{ beforeStage: 'Dev', notifications: { emailAddresses: ['a@example.com'] } }],
      notifications: { emailAddresses: ['a@example.com', 'b@example.com'] },
    }));
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.resourceCountIs('AWS::SNS::Subscription', 2);
    const topic = Object.keys(template.findResources('AWS::SNS::Topic'))[0];
    const approve = stage(template, 'Dev').Actions.find((a: any) => a.ActionTypeId.Category === 'Approval');
    expect(approve.Configuration.NotificationArn).toEqual({ Ref: topic });
  });

  test('the 0.x notification props fail naming the new ones', () => {
    expect(() => synth(baseProps({ notifications: { emails: ['a@example.com'] } as any })))
      .toThrow(/'notifications\.emails'.*removed in 0\.x, use 'notifications\.emailAddresses'/);
    expect(() => synth(baseProps({ approvals: [{ beforeStage: 'Dev', notifyEmails: ['a@example.com'] } as any] })))
      .toThrow(/'approvals\[0\]\.notifyEmails'.*removed in 0\.x, use 'approvals\[0\]\.notifications\.emailAddresses'/);
  });

  test('a pipeline given encryptionKey encrypts its artifacts, build logs and dead letters with it', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Given');
    const { template } = synth(baseProps({ encryptionKey: key, notifications: {} }), stack);
    const ref = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Given'), 'Arn'] };
    template.hasResourceProperties('AWS::S3::Bucket', { BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: ref } })] } });
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: ref });
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: ref });
    // The given key admits CloudWatch Logs for the build logs.
    template.hasResourceProperties('AWS::KMS::Key', { KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'AllowCloudWatchLogsOfThisAccount' })]) } });
  });

  test('registers the pipeline and its CodeBuild projects with the monitoring', () => {
    const monitored: string[] = [];
    const monitoring: IMonitoring = {
      monitor: (resource: IConstruct) => { monitored.push(resource.node.id); },
      addAlarms: () => undefined,
    };
    synth(baseProps({ approvals: [{ beforeStage: 'Dev' }], monitoring }));
    expect(monitored).toEqual(['Pipeline', 'Build', 'ChangeSetDigest']);
  });
});

describe('logical ids', () => {
  test('the pipeline and artifact bucket keep their logical ids (replacing them loses history or artifacts); the key is the stack\'s shared artifacts key', () => {
    const { template } = synth(baseProps());
    expect(Object.keys(template.findResources('AWS::CodePipeline::Pipeline'))).toEqual(['Pipeline9850B417']);
    // The access-log bucket is the stack's shared one since the per-stack log bucket (was PipelineArtifactsAccessLogsC0A85BAA, retained on replacement).
    expect(Object.keys(template.findResources('AWS::S3::Bucket')).sort()).toEqual([expect.stringMatching(/^GantryAccessLogsBucket[0-9A-F]{8}$/), 'PipelineArtifactsEB21E7E8']);
    // Changed in 0.x with the shared keys (was PipelineArtifactsKey217FCEDC, retained on replacement so old artifacts stay readable).
    expect(Object.keys(template.findResources('AWS::KMS::Key')).filter((k) => k.startsWith('GantryKeysArtifacts'))).toHaveLength(1);
  });
});

describe('secure by default', () => {
  test('the caller\'s build spec object is not changed when reports and publishing are added', () => {
    const buildSpec = { version: '0.2', phases: { build: { commands: ['make'] } } };
    synth(baseProps({ buildStep: { buildSpec, publishCdkAssets: true, testReports: [{ name: 'Unit', files: ['j.xml'] }] } }));
    expect(buildSpec).toEqual({ version: '0.2', phases: { build: { commands: ['make'] } } });
  });

  test('only the wildcards of the L2 grants are acknowledged: a new wildcard stays a cdk-nag finding', () => {
    const stack = newStack();
    new PipelineWithApproval(stack, 'Pipeline', baseProps({ approvals: [{ beforeStage: 'Dev' }], notifications: {} }));
    expect(runNag(stack).unsuppressed).toEqual([]);

    const other = newStack('Widened');
    const widened = new PipelineWithApproval(other, 'Pipeline', baseProps());
    widened.pipeline.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:Get*'], resources: ['*'] }));
    const findings = runNag(other).unsuppressed.filter((f) => f.ruleId === 'AwsSolutions-IAM5').map((f) => f.findingId);
    expect(findings.sort()).toEqual(['Action::s3:Get*', 'Resource::*']);
  });
});
