import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import { App, Aws, Duration, Stack, Stage, StageProps } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { actionsOf, asList, connectionSource, ENV, stage, stagesOf, statementsOfRole } from './helpers';
import { BlueGreenLambda, CodeBuildStep, DeployMode, IPipelineStep, PipelineStepContext, PipelineWithApproval, StageStep } from '../../constructs';
import { runNag } from '../harness/nag';

const PROD_ENV = { account: '222222222222', region: 'eu-west-1' };

/** Two stacks: Data, and Api (a Lambda with a file asset) depending on it. */
class AppStage extends Stage {
  public readonly api: Stack;
  public readonly data: Stack;
  constructor(scope: Construct, id: string, props: StageProps & { blueGreen?: boolean; functionName?: string } = {}) {
    super(scope, id, props);
    this.data = new Stack(this, 'Data');
    new sns.Topic(this.data, 'Events');
    this.api = new Stack(this, 'Api');
    this.api.addDependency(this.data);
    const functionProps = {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, 'fixtures')),
      functionName: props.functionName,
    };
    if (props.blueGreen) {
      new BlueGreenLambda(this.api, 'Counter', { functionProps, alarmNamePrefix: Aws.STACK_NAME });
    } else {
      new lambda.Function(this.api, 'Handler', functionProps);
    }
  }
}

function setup(prodStage = false, blueGreen = false, functionName?: string) {
  const app = new App();
  const pipelineStack = new Stack(app, 'Delivery', { env: ENV });
  const pipeline = new PipelineWithApproval(pipelineStack, 'Pipeline', { source: connectionSource() });
  const dev = new AppStage(app, 'Dev', { env: ENV, blueGreen });
  const prod = prodStage ? new AppStage(app, 'Prod', { env: PROD_ENV, blueGreen, functionName }) : undefined;
  return { app, pipelineStack, pipeline, dev, prod };
}

const buildSpecOf = (template: Template) => {
  const build = Object.values(template.findResources('AWS::CodeBuild::Project')).find((p: any) => p.Properties.Description.startsWith('Build and test')) as any;
  return JSON.parse(build.Properties.Source.BuildSpec);
};

describe('addStage: a CDK stage from its cloud assembly', () => {
  test('two dependent stacks deploy in dependency order from the nested assembly\'s templates, with the assembly\'s roles', () => {
    const { pipelineStack, pipeline, dev } = setup();
    pipeline.addStage(dev);
    const template = Template.fromStack(pipelineStack);
    expect(stagesOf(template).map((s) => s.Name)).toEqual(['Source', 'Build', 'Dev']);
    expect(actionsOf(template, 'Dev')).toEqual([
      ['Prepare-Dev-Data', 1, 'CloudFormation'], ['Execute-Dev-Data', 2, 'CloudFormation'],
      ['Prepare-Dev-Api', 3, 'CloudFormation'], ['Execute-Dev-Api', 4, 'CloudFormation'],
    ]);
    const prepareApi = stage(template, 'Dev').Actions[2];
    expect(prepareApi.Configuration).toMatchObject({
      StackName: 'Dev-Api',
      TemplatePath: `BuildOutput::assembly-Dev/${dev.api.templateFile}`,
      ActionMode: 'CHANGE_SET_REPLACE',
      Capabilities: 'CAPABILITY_NAMED_IAM,CAPABILITY_AUTO_EXPAND',
    });
    expect(JSON.stringify(prepareApi.RoleArn)).toContain(':iam::111111111111:role/cdk-hnb659fds-deploy-role-111111111111-eu-west-1');
    expect(JSON.stringify(prepareApi.Configuration.RoleArn)).toContain(':iam::111111111111:role/cdk-hnb659fds-cfn-exec-role-111111111111-eu-west-1');
  });

  test('the default build synthesizes once and publishes the nested assembly\'s assets, assuming exactly their publishing roles', () => {
    const { pipelineStack, pipeline, dev, prod } = setup(true);
    pipeline.addStage(dev);
    pipeline.addStage(prod!);
    // A stack of another account the pipeline does not deploy: its assets are not published.
    new lambda.Function(new Stack(pipelineStack.node.root as App, 'Governance', { env: { account: '333333333333', region: 'eu-west-1' } }), 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset(path.join(__dirname, 'fixtures')),
    });
    const template = Template.fromStack(pipelineStack);
    const spec = buildSpecOf(template);
    expect(spec.phases.install).toEqual({ 'runtime-versions': { nodejs: 22 }, 'commands': ['npm ci'] });
    expect(spec.phases.build.commands).toEqual(['npx cdk synth']);
    expect(spec.phases.post_build.commands).toEqual([
      `npx --yes cdk-assets@4.7.3 --path "cdk.out/assembly-Dev/${dev.api.artifactId}.assets.json" --verbose publish`
      + ` && npx --yes cdk-assets@4.7.3 --path "cdk.out/assembly-Prod/${prod!.api.artifactId}.assets.json" --verbose publish`,
    ]);
    const assume = statementsOfRole(template, 'PipelineBuildRole').filter((s) => s.Action === 'sts:AssumeRole');
    expect(assume).toHaveLength(1);
    const roles = JSON.stringify(assume[0].Resource);
    expect(roles).toContain(':iam::111111111111:role/cdk-hnb659fds-file-publishing-role-111111111111-eu-west-1');
    expect(roles).toContain(':iam::222222222222:role/cdk-hnb659fds-file-publishing-role-222222222222-eu-west-1');
    expect(roles).not.toContain('333333333333');
    expect(assume[0].Resource).toHaveLength(2);
  });

  test('a stage in the pipeline\'s account: the bucket policy lets its bootstrap deploy role read the artifacts (that role reads other accounts\' buckets only)', () => {
    const { pipelineStack, pipeline, dev } = setup();
    pipeline.addStage(dev);
    const template = Template.fromStack(pipelineStack);
    const deployRole = ':iam::111111111111:role/cdk-hnb659fds-deploy-role-111111111111-eu-west-1';
    const bucketPolicies = Object.values(template.findResources('AWS::S3::BucketPolicy')) as any[];
    const reads = bucketPolicies.flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((st: any) => st.Effect === 'Allow' && JSON.stringify(st.Principal ?? {}).includes(deployRole));
    expect(reads).toContainEqual(expect.objectContaining({ Action: expect.arrayContaining(['s3:GetObject*']) }));
  });

  test('a stage in another account deploys through its bootstrap roles, which the artifact key admits', () => {
    const { pipelineStack, pipeline, prod } = setup(true);
    pipeline.addStage(prod!);
    const template = Template.fromStack(pipelineStack);
    const execute = stage(template, 'Prod').Actions[1];
    expect(JSON.stringify(execute.RoleArn)).toContain(':iam::222222222222:role/cdk-hnb659fds-deploy-role-222222222222-eu-west-1');
    const keyPolicy = JSON.stringify(template.findResources('AWS::KMS::Key', { Properties: { Description: Match.stringLikeRegexp('rtifact') } }));
    expect(keyPolicy).toContain(':iam::222222222222:role/cdk-hnb659fds-deploy-role-222222222222-eu-west-1');
    expect(JSON.stringify(execute.Configuration)).not.toContain('cfn-exec-role'); // execution needs no template
    expect(JSON.stringify(stage(template, 'Prod').Actions[0].Configuration.RoleArn)).toContain(':iam::222222222222:role/cdk-hnb659fds-cfn-exec-role-222222222222-eu-west-1');
    expect(statementsOfRole(template, 'PipelinePipelineRole')).toContainEqual(expect.objectContaining({
      Action: 'sts:AssumeRole', Resource: expect.objectContaining({ 'Fn::Join': ['', expect.arrayContaining([':iam::222222222222:role/cdk-hnb659fds-deploy-role-222222222222-eu-west-1'])] }),
    }));
  });

  test('approval with digest: the first wave\'s change sets, their digests (read-only lookup role), the approval, then each dependent stack\'s change set after its dependencies executed', () => {
    const { pipelineStack, pipeline, prod } = setup(true);
    // Api imports an export Data adds in this very deployment: its change set can only be made once Data executed.
    new cdk.CfnOutput(prod!.api, 'EventsTopic', { value: (prod!.data.node.findChild('Events') as sns.Topic).topicArn });
    expect(JSON.stringify(Template.fromStack(prod!.api).toJSON())).toContain('Fn::ImportValue');
    const approver = new iam.Role(pipelineStack, 'Approver', { assumedBy: new iam.AccountRootPrincipal() });
    pipeline.addStage(prod!, { approval: { approvers: [approver], timeout: Duration.days(3) } });
    const template = Template.fromStack(pipelineStack);
    expect(actionsOf(template, 'Prod')).toEqual([
      ['Prepare-Prod-Data', 1, 'CloudFormation'],
      ['Digest-Prod-Data', 2, 'CodeBuild'],
      ['Approve', 3, 'Manual'],
      ['Execute-Prod-Data', 4, 'CloudFormation'],
      ['Prepare-Prod-Api', 5, 'CloudFormation'], ['Execute-Prod-Api', 6, 'CloudFormation'],
    ]);
    const digestRole = JSON.stringify(statementsOfRole(template, 'PipelineChangeSetDigestRole'));
    expect(digestRole).toContain(':iam::222222222222:role/cdk-hnb659fds-lookup-role-222222222222-eu-west-1');
    expect(digestRole).not.toContain('deploy-role');
    const approverStatements = Object.values(template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^Approver') }] } }))
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    expect(approverStatements.map((s: any) => s.Action)).toEqual([
      'codepipeline:PutApprovalResult', ['codepipeline:GetPipeline', 'codepipeline:GetPipelineState'], 'codebuild:BatchGetBuilds', 'logs:GetLogEvents',
    ]);
    expect(JSON.stringify(approverStatements[0].Resource)).toMatch(/"\/Prod\/Approve"\]\]\}$/);
  });

  test('create-update mode deploys each dependency wave once', () => {
    const { pipelineStack, pipeline, dev } = setup();
    pipeline.addStage(dev, { mode: DeployMode.CREATE_UPDATE, stageName: 'Development' });
    expect(actionsOf(Template.fromStack(pipelineStack), 'Development')).toEqual([['Deploy-Dev-Data', 1, 'CloudFormation'], ['Deploy-Dev-Api', 2, 'CloudFormation']]);
  });

  test('the props form (cdkStages) works like addStage, after the template stages', () => {
    const app = new App();
    const pipelineStack = new Stack(app, 'Delivery', { env: ENV });
    const dev = new AppStage(app, 'Dev', { env: ENV });
    new PipelineWithApproval(pipelineStack, 'Pipeline', {
      source: connectionSource(),
      stages: [{ stageName: 'Plain', stacks: [{ stackName: 'Other', templatePath: 'Other.template.json' }] }],
      cdkStages: [{ stage: dev, mode: DeployMode.CREATE_UPDATE }],
    });
    expect(stagesOf(Template.fromStack(pipelineStack)).map((s) => s.Name)).toEqual(['Source', 'Build', 'Plain', 'Dev']);
  });
});

describe('steps', () => {
  test('pre and post steps run before and after the stacks; contributed IPipelineStep implementations are placed the same way', () => {
    const { pipelineStack, pipeline, dev } = setup();
    const contributed: IPipelineStep = {
      stepName: 'Chaos',
      produceActions: (context: PipelineStepContext) => [
        new actions.ManualApprovalAction({ actionName: 'Chaos-Start', runOrder: context.runOrder }),
        new actions.ManualApprovalAction({ actionName: 'Chaos-Verify', runOrder: context.runOrder + 1 }),
      ],
    };
    const approver = new iam.User(pipelineStack, 'Approver');
    pipeline.addStage(dev, {
      mode: DeployMode.CREATE_UPDATE,
      pre: [StageStep.approval('SignOff', { approvers: [approver] }), StageStep.codeBuild('Lint', { buildSpec: { version: '0.2', phases: { build: { commands: ['npm run lint'] } } } })],
      post: [contributed, StageStep.deployStacks('Extras', { stacks: [{ stackName: 'Extras', templatePath: 'Extras.template.json', mode: DeployMode.CREATE_UPDATE }] })],
    });
    const template = Template.fromStack(pipelineStack);
    expect(actionsOf(template, 'Dev')).toEqual([
      ['SignOff', 1, 'Manual'], ['Lint', 2, 'CodeBuild'],
      ['Deploy-Dev-Data', 3, 'CloudFormation'], ['Deploy-Dev-Api', 4, 'CloudFormation'],
      ['Chaos-Start', 5, 'Manual'], ['Chaos-Verify', 6, 'Manual'], ['Extras-Deploy-Extras', 7, 'CloudFormation'],
    ]);
    // The step's project is encrypted with the artifact key; the approver may approve the step.
    template.hasResourceProperties('AWS::CodeBuild::Project', { Description: Match.stringLikeRegexp('^Step Lint'), EncryptionKey: Match.anyValue() });
    const statements = Object.values(template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Users: [{ Ref: Match.stringLikeRegexp('^Approver') }] } }))
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    expect(JSON.stringify(statements[0].Resource)).toMatch(/"\/Dev\/SignOff"\]\]\}$/);
    expect(statements).toHaveLength(2);
  });
});

describe('CodeBuild step roles', () => {
  const spec = { version: '0.2', phases: { build: { commands: ['npm run smoke'] } } };

  test('a CodeBuildStep has its role at construction: grants made before the pipeline places it land on the role its project runs with', () => {
    const { pipelineStack, pipeline, dev } = setup();
    const smoke = new CodeBuildStep(pipelineStack, 'Smoke', { buildSpec: spec });
    const reports = new sns.Topic(pipelineStack, 'Reports');
    reports.grantPublish(smoke);
    expect(smoke.project).toBeUndefined();
    pipeline.addStage(dev, { post: [smoke] });
    const template = Template.fromStack(pipelineStack);
    const project = Object.values(template.findResources('AWS::CodeBuild::Project', { Properties: { Description: Match.stringLikeRegexp('^Step Smoke') } }))[0] as any;
    expect(project.Properties.ServiceRole['Fn::GetAtt'][0]).toMatch(/^SmokeRole[0-9A-F]{8}$/);
    expect(statementsOfRole(template, 'SmokeRole')).toContainEqual(expect.objectContaining({ Action: 'sns:Publish', Resource: { Ref: expect.stringMatching(/^Reports/) } }));
    // No inline policy on the step role: its grants (the user's and the pipeline's) share one managed policy.
    template.resourceCountIs('AWS::IAM::Policy', 0);
    expect(smoke.project).toBeDefined();
    expect(actionsOf(template, 'Dev').map(([name]) => name)).toContain('Smoke');
  });

  test('StageStep.codeBuild accepts a role; a given project excludes a role', () => {
    const { pipelineStack, pipeline, dev } = setup();
    const role = new iam.Role(pipelineStack, 'Mine', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
    pipeline.addStage(dev, { post: [StageStep.codeBuild('Smoke', { buildSpec: spec, role })] });
    const template = Template.fromStack(pipelineStack);
    template.hasResourceProperties('AWS::CodeBuild::Project', { Description: Match.stringLikeRegexp('^Step Smoke'), ServiceRole: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Mine'), 'Arn'] } });
  });

  test('a role is for a project the step creates: with a given project it fails synth naming the step', () => {
    const { app, pipelineStack, pipeline, dev } = setup();
    const role = new iam.Role(pipelineStack, 'Mine', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
    const project = new codebuild.PipelineProject(pipelineStack, 'Existing');
    pipeline.addStage(dev, { post: [StageStep.codeBuild('Smoke', { project, role })] });
    expect(() => app.synth()).toThrow(/invalid 'steps\[Smoke\]\.project'.*Existing.*role, rolePolicyStatements, buildImage and timeout only for a project the step creates/);
    // A CodeBuildStep on a given project grants through that project.
    const onProject = new CodeBuildStep(pipelineStack, 'OnProject', { project });
    expect(onProject.grantPrincipal).toBe(project.grantPrincipal);
    expect(onProject.project).toBe(project);
    expect(() => new CodeBuildStep(pipelineStack, 'Both', { project, role })).toThrow(/invalid 'role'.*Mine.*no role with a given project/);
  });

  test('the pipeline acknowledges the L2 grant wildcards of the step roles it made, and only those: a wildcard of the user stays a finding', () => {
    const { app, pipelineStack, pipeline, dev } = setup();
    const smoke = new CodeBuildStep(pipelineStack, 'Smoke', { buildSpec: spec });
    smoke.role!.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sns:Get*'], resources: [`arn:aws:sns:eu-west-1:${ENV.account}:topic`] }));
    pipeline.addStage(dev, { mode: DeployMode.CREATE_UPDATE, post: [StageStep.codeBuild('Lint', { buildSpec: spec }), smoke] });
    const result = runNag(app);
    const inPipeline = result.unsuppressed.filter((f) => f.path.startsWith('Delivery/'));
    expect(inPipeline.map((f) => `${f.path} ${f.findingId}`)).toEqual(['Delivery/Smoke/Role/Grants/Resource Action::sns:Get*']);
    const acknowledged = (policyPath: string) => result.suppressed.filter((f) => f.ruleId === 'AwsSolutions-IAM5' && f.path === policyPath).map((f) => f.findingId);
    for (const policyPath of ['Delivery/Smoke/Role/Grants/Resource', 'Delivery/Pipeline/DevLintStep/Role/Grants/Resource']) {
      expect(acknowledged(policyPath)).toEqual(expect.arrayContaining([expect.stringMatching(/^Resource::<PipelineArtifacts[0-9A-F]{8}\.Arn>\/\*$/)]));
      // The artifact store is granted in exact actions: no L2 action group left to acknowledge.
      expect(acknowledged(policyPath).filter((f) => f.startsWith('Action::'))).toEqual([]);
    }
    expect(result.unusedSuppressions.filter((u) => u.path.startsWith('Delivery/'))).toEqual([]);
  });

  test('the artifact store is granted in exact actions (CodePipeline service role policy), other buckets as their grant says', () => {
    const { pipelineStack, pipeline, dev } = setup();
    const smoke = new CodeBuildStep(pipelineStack, 'Smoke', { buildSpec: spec });
    const reports = new s3.Bucket(pipelineStack, 'Reports');
    reports.grantRead(smoke);
    pipeline.addStage(dev, { approval: { notifications: { emailAddresses: ['approvers@example.com'] } }, post: [smoke] });
    const template = Template.fromStack(pipelineStack);
    // Publishing the approval to its encrypted topic: a data key and decrypt, no kms:GenerateDataKey*.
    const topics = Object.values(template.findResources('AWS::SNS::Topic')) as any[];
    expect(topics).toHaveLength(1);
    const topicKeyArn = topics[0].Properties.KmsMasterKeyId;
    const onTopicKey = statementsOfRole(template, 'PipelinePipelineRole').filter((st) => JSON.stringify(st.Resource) === JSON.stringify(topicKeyArn));
    expect(onTopicKey.map((st) => st.Action)).toEqual([['kms:Decrypt', 'kms:GenerateDataKey']]);
    const bucketId = Object.keys(template.findResources('AWS::S3::Bucket')).find((id) => /^PipelineArtifacts[0-9A-F]{8}$/.test(id))!;
    const artifactKeyArn = (template.findResources('AWS::S3::Bucket')[bucketId] as any).Properties.BucketEncryption
      .ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID;
    const bucketArn = { 'Fn::GetAtt': [bucketId, 'Arn'] };
    const objectsArn = { 'Fn::Join': ['', [bucketArn, '/*']] };
    const onStore = (rolePrefix: string) => statementsOfRole(template, rolePrefix)
      .filter((st) => [bucketArn, objectsArn, artifactKeyArn].some((r) => JSON.stringify(st.Resource) === JSON.stringify(r)));
    const bucketActions = ['s3:GetBucketVersioning', 's3:GetBucketAcl', 's3:GetBucketLocation'];
    for (const [rolePrefix, objectActions] of [
      ['PipelinePipelineRole', ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject']],
      ['PipelineBuildRole', ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject']],
      ['PipelineChangeSetDigestRole', ['s3:GetObject', 's3:GetObjectVersion']], // reads the build output only
      ['SmokeRole', ['s3:GetObject', 's3:GetObjectVersion']],
    ] as const) {
      const statements = onStore(rolePrefix);
      expect(statements).toEqual(expect.arrayContaining([
        expect.objectContaining({ Action: bucketActions, Resource: bucketArn }),
        expect.objectContaining({ Action: objectActions, Resource: objectsArn }),
      ]));
      // No action group left on the store or its key (the L2s' s3:GetObject*, s3:List*, kms:GenerateDataKey*, kms:ReEncrypt*...).
      const granted = statements.flatMap((st) => asList(st.Action));
      expect(granted.filter((a: string) => a.includes('*'))).toEqual([]);
      expect(granted).not.toContain('s3:DeleteObject');
      if (objectActions.includes('s3:PutObject' as never)) expect(granted).toContain('kms:GenerateDataKey');
    }
    // The user's own grant on another bucket keeps what it asked for.
    const onReports = statementsOfRole(template, 'SmokeRole').find((st) => JSON.stringify(st.Resource).includes('Reports'));
    expect(onReports.Action).toEqual(['s3:GetObject*', 's3:GetBucket*', 's3:List*']);
  });

  test('projects logging to the pipeline\'s log group get no grant on CodeBuild\'s default group, nor on report groups their spec does not name', () => {
    const { pipelineStack, pipeline, dev } = setup();
    const smoke = new CodeBuildStep(pipelineStack, 'Smoke', { buildSpec: spec });
    const named = new CodeBuildStep(pipelineStack, 'Named', { buildSpec: { ...spec, reports: { smoke: { files: ['junit.xml'] } } } });
    pipeline.addStage(dev, { approval: {}, post: [smoke, named] });
    const template = Template.fromStack(pipelineStack);
    const on = (rolePrefix: string, pattern: RegExp) => statementsOfRole(template, rolePrefix)
      .filter((st) => pattern.test(JSON.stringify(st.Resource)));
    for (const rolePrefix of ['PipelineBuildRole', 'PipelineChangeSetDigestRole', 'SmokeRole', 'NamedRole']) {
      expect(on(rolePrefix, /log-group:\/aws\/codebuild\//)).toEqual([]);
      // The pipeline's log group stays writable.
      expect(on(rolePrefix, /PipelineBuildLogs/).flatMap((st) => asList(st.Action))).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    }
    for (const rolePrefix of ['PipelineBuildRole', 'PipelineChangeSetDigestRole', 'SmokeRole']) expect(on(rolePrefix, /report-group\//)).toEqual([]);
    // A spec naming a report group (created as <project>-smoke) keeps the L2's grant on <project>-*.
    expect(on('NamedRole', /report-group\//)[0].Action).toContain('codebuild:CreateReportGroup');
  });
});

describe('gates by contract', () => {
  test('a BlueGreenLambda in the stage gates it by alarm name, with no export, including an alarm added after the pipeline was built', () => {
    const { pipelineStack, pipeline, dev } = setup(false, true);
    pipeline.addStage(dev);
    const counter = dev.api.node.findChild('Counter') as BlueGreenLambda;
    counter.addAlarm(new cloudwatch.Alarm(dev.api, 'Late', {
      alarmName: 'Dev-Api-Late', metric: new cloudwatch.Metric({ namespace: 'App', metricName: 'Errors' }), threshold: 1, evaluationPeriods: 1,
    }));
    const template = Template.fromStack(pipelineStack);
    const rules = stage(template, 'Dev').OnSuccess.Conditions[0].Rules;
    expect(rules.map((r: any) => r.Configuration.AlarmName)).toEqual([
      'Dev-Api-NewVersionErrorRate', 'Dev-Api-NewVersionThrottles', 'Dev-Api-NewVersionDurationP99', 'Dev-Api-Late',
    ]);
    expect(stage(template, 'Dev').OnFailure).toEqual({ Result: 'ROLLBACK' });
    expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
    const describe = statementsOfRole(template, 'PipelinePipelineRole').find((s) => s.Action === 'cloudwatch:DescribeAlarms');
    expect(JSON.stringify(describe.Resource)).toContain(':cloudwatch:eu-west-1:111111111111:alarm:Dev-Api-Late');
    expect(describe.Resource).toHaveLength(4);
  });

  test('template stages (stages prop) read their alarm sources at synth too, by name', () => {
    const app = new App();
    const pipelineStack = new Stack(app, 'Delivery', { env: ENV });
    const service = new Stack(app, 'Service', { env: ENV });
    const source = { deploymentAlarms: [] as cloudwatch.IAlarm[] };
    new PipelineWithApproval(pipelineStack, 'Pipeline', {
      source: connectionSource(),
      stages: [{ stageName: 'Dev', stacks: [{ stackName: 'Service', templatePath: 'Service.template.json' }], alarmSources: [source] }],
    });
    source.deploymentAlarms.push(new cloudwatch.Alarm(service, 'Errors', {
      alarmName: 'Service-Errors', metric: new cloudwatch.Metric({ namespace: 'App', metricName: 'Errors' }), threshold: 1, evaluationPeriods: 1,
    }));
    const template = Template.fromStack(pipelineStack);
    expect(stage(template, 'Dev').OnSuccess.Conditions[0].Rules.map((r: any) => r.Configuration.AlarmName)).toEqual(['Service-Errors']);
    expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
  });

  test('more than 5 alarms become one composite gate alarm beside them', () => {
    const { pipelineStack, pipeline, dev } = setup(false, true);
    pipeline.addStage(dev);
    const counter = dev.api.node.findChild('Counter') as BlueGreenLambda;
    for (let i = 1; i <= 3; i++) {
      counter.addAlarm(new cloudwatch.Alarm(dev.api, `Extra${i}`, {
        alarmName: `Dev-Api-Extra${i}`, metric: new cloudwatch.Metric({ namespace: 'App', metricName: `E${i}` }), threshold: 1, evaluationPeriods: 1,
      }));
    }
    const template = Template.fromStack(pipelineStack);
    const rules = stage(template, 'Dev').OnSuccess.Conditions[0].Rules;
    expect(rules.map((r: any) => r.Configuration.AlarmName)).toEqual(['Dev-Api-Dev-PipelineGate']);
    const api = Template.fromStack(dev.api);
    api.hasResourceProperties('AWS::CloudWatch::CompositeAlarm', {
      AlarmName: 'Dev-Api-Dev-PipelineGate',
      AlarmRule: Match.stringLikeRegexp('ALARM\\("Dev-Api-NewVersionErrorRate"\\).*ALARM\\("Dev-Api-Extra3"\\)'),
    });
  });

  test('a BlueGreenLambda in a stage in another account gates it on copies of its own alarms (cross-account observability)', () => {
    const { pipelineStack, pipeline, prod } = setup(true, true, `${Aws.STACK_NAME}-Counter`);
    pipeline.addStage(prod!);
    const template = Template.fromStack(pipelineStack);
    // The copies watch the alias's metrics in the stage's account (AccountId), in the pipeline's stack.
    const copies = template.findResources('AWS::CloudWatch::Alarm');
    expect(Object.values(copies).map((a: any) => a.Properties.AlarmName).sort()).toEqual([
      'Delivery-Prod-Prod-Api-Counter-live-DurationP99', 'Delivery-Prod-Prod-Api-Counter-live-ErrorRate', 'Delivery-Prod-Prod-Api-Counter-live-Throttles',
    ]);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Delivery-Prod-Prod-Api-Counter-live-ErrorRate',
      AlarmDescription: 'Gate of stage Prod (account 222222222222): More than 1% of invocations of alias live of Prod-Api-Counter failed',
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'IF(invocations > 0, 100 * errors / invocations, 0)' }),
        Match.objectLike({
          Id: 'errors',
          AccountId: '222222222222',
          MetricStat: Match.objectLike({
            Metric: { Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: Match.arrayWith([{ Name: 'Resource', Value: 'Prod-Api-Counter:live' }]) },
            Stat: 'Sum',
          }),
        }),
      ]),
    });
    // The rules name the copies (own stack: a reference, no export).
    const rules = stage(template, 'Prod').OnSuccess.Conditions[0].Rules;
    expect(rules).toHaveLength(3);
    const copyIds = Object.keys(copies);
    expect(rules.map((r: any) => r.Configuration.AlarmName.Ref).every((ref: string) => copyIds.includes(ref))).toBe(true);
    // The pipeline owns the sink, admitting the stage account's metrics only.
    template.hasResourceProperties('AWS::Oam::Sink', {
      Policy: {
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Principal: { AWS: ['222222222222'] },
          Action: ['oam:CreateLink', 'oam:UpdateLink'],
          Resource: '*',
          Condition: { 'ForAllValues:StringEquals': { 'oam:ResourceTypes': ['AWS::CloudWatch::Metric'] } },
        }],
      },
    });
    // The stage's stack links to it (Lambda metrics only); the deploy action passes the sink's ARN.
    Template.fromStack(prod!.api).hasResourceProperties('AWS::Oam::Link', {
      SinkIdentifier: { Ref: 'GantryPipelineGateSinkArn' },
      ResourceTypes: ['AWS::CloudWatch::Metric'],
      LinkConfiguration: { MetricConfiguration: { Filter: "Namespace IN ('AWS/Lambda')" } },
    });
    Template.fromStack(prod!.data).resourceCountIs('AWS::Oam::Link', 0);
    const prepare = stage(template, 'Prod').Actions.find((a: any) => a.Name === 'Prepare-Prod-Api');
    expect(JSON.stringify(prepare.Configuration.ParameterOverrides)).toContain('GantryPipelineGateSinkArn');
    expect(stage(template, 'Prod').Actions.find((a: any) => a.Name === 'Prepare-Prod-Data').Configuration.ParameterOverrides).toBeUndefined();
    expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
  });

  test('copies can read through an existing sink of the pipeline\'s account (one sink per region)', () => {
    const app = new App();
    const pipelineStack = new Stack(app, 'Delivery', { env: ENV });
    const sinkArn = 'arn:aws:oam:eu-west-1:111111111111:sink/0123abcd-0123-4567-89ab-0123456789ab';
    const pipeline = new PipelineWithApproval(pipelineStack, 'Pipeline', { source: connectionSource(), gateSinkArn: sinkArn });
    const prod = new AppStage(app, 'Prod', { env: PROD_ENV, blueGreen: true, functionName: 'prod-counter' });
    pipeline.addStage(prod);
    const template = Template.fromStack(pipelineStack);
    template.resourceCountIs('AWS::Oam::Sink', 0);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    const prepare = stage(template, 'Prod').Actions.find((a: any) => a.Name === 'Prepare-Prod-Api');
    expect(JSON.parse(prepare.Configuration.ParameterOverrides)).toEqual({ GantryPipelineGateSinkArn: sinkArn });
    expect(() => new PipelineWithApproval(new Stack(app, 'Bad', { env: ENV }), 'Pipeline', { source: connectionSource(), gateSinkArn: 'my-sink' }))
      .toThrow(/invalid 'gateSinkArn': got "my-sink"; allowed: an OAM sink ARN/);
  });

  test('more than 5 copied alarms become one composite in the pipeline\'s stack', () => {
    const { pipelineStack, pipeline, prod, app } = setup(true, true, 'prod-counter');
    const second = new BlueGreenLambda(prod!.data, 'Second', {
      functionProps: { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset(path.join(__dirname, 'fixtures')), functionName: 'prod-second' },
    });
    void second; void app;
    pipeline.addStage(prod!);
    const template = Template.fromStack(pipelineStack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 6);
    const rules = stage(template, 'Prod').OnSuccess.Conditions[0].Rules;
    expect(rules).toHaveLength(1);
    template.hasResourceProperties('AWS::CloudWatch::CompositeAlarm', {
      AlarmName: 'Delivery-Prod-PipelineGate',
      AlarmRule: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
    });
  });

  test('a cross-account gate that cannot be copied fails synth, naming the stage, the alarm and the rule; opting out deploys ungated', () => {
    // A generated function name is not known at synth: the copy could not find the metrics.
    const { pipelineStack, pipeline, prod } = setup(true, true);
    pipeline.addStage(prod!);
    expect(() => Template.fromStack(pipelineStack)).toThrow(
      /invalid 'addStage\(Prod\)\.alarms': got "dimension FunctionName of metric errors of gate alarm .* \(rule Alarm1 of stage Prod\)".*give the resource a name/);

    // An alarm without a description to copy.
    const plain = setup(true, false);
    const source = {
      deploymentAlarms: [new cloudwatch.Alarm(plain.prod!.api, 'Plain', {
        alarmName: 'Plain', metric: new cloudwatch.Metric({ namespace: 'App', metricName: 'Errors' }), threshold: 1, evaluationPeriods: 1,
      })],
    };
    plain.pipeline.addStage(plain.prod!, { alarmSources: [source] });
    expect(() => Template.fromStack(plain.pipelineStack)).toThrow(
      /got "Prod\/Api\/Plain \(rule Alarm1 of stage Prod\) in account 222222222222".*reads alarms there only.*describes no deploymentGateAlarms/);

    // Another account in another region: observability links accounts within one region.
    const app = new App();
    const far = new Stack(app, 'Delivery', { env: ENV });
    const farPipeline = new PipelineWithApproval(far, 'Pipeline', { source: connectionSource() });
    const farStage = new AppStage(app, 'Far', { env: { account: '222222222222', region: 'us-east-1' }, blueGreen: true, functionName: 'far-counter' });
    farPipeline.addStage(farStage);
    expect(() => Template.fromStack(far)).toThrow(/in account 222222222222".*it is in region us-east-1/);

    const other = setup(true, true);
    other.pipeline.addStage(other.prod!, { gateOnStageAlarms: false });
    expect(stage(Template.fromStack(other.pipelineStack), 'Prod').OnSuccess).toBeUndefined();
  });
});

describe('bad input', () => {
  test('a stage without stacks', () => {
    const { pipelineStack, pipeline, app } = setup();
    pipeline.addStage(new Stage(app, 'Empty', { env: ENV }));
    expect(() => Template.fromStack(pipelineStack)).toThrow(/invalid 'addStage\(Empty\)': got "Empty"; allowed: a CDK stage with at least one stack/);
  });

  test('the same stage twice, or a stage name already used', () => {
    const { pipeline, dev, app } = setup();
    pipeline.addStage(dev);
    expect(() => pipeline.addStage(dev, { stageName: 'Again' })).toThrow(/invalid 'addStage\(Again\)\.stage': got "Dev"; allowed: each CDK stage once/);
    expect(() => pipeline.addStage(new AppStage(app, 'Other', { env: ENV }), { stageName: 'Dev' })).toThrow(/invalid 'addStage\(Dev\)\.stageName'.*not used yet \(used: Source, Build, Dev\)/);
  });

  test('step names that collide, and an approval timeout over 60 days', () => {
    const { pipeline, dev } = setup();
    expect(() => pipeline.addStage(dev, { pre: [StageStep.approval('Check')], post: [StageStep.approval('Check')] })).toThrow(/invalid 'addStage\(Dev\)\.pre\/post\[\]\.stepName': got "Check"/);
    expect(() => pipeline.addStage(dev, { stageName: 'Dev2', approval: { timeout: Duration.days(61) } })).toThrow(/invalid 'addStage\(Dev2\)\.approval\.timeout'.*5 to 86400 minutes/);
  });

  test('a stage naming another account, in a pipeline stack without an account, cannot get its cross-account roles and key grants', () => {
    const app = new App();
    const agnostic = new Stack(app, 'Agnostic');
    const pipeline = new PipelineWithApproval(agnostic, 'Pipeline', { source: connectionSource() });
    pipeline.addStage(new AppStage(app, 'Prod', { env: PROD_ENV }));
    expect(() => Template.fromStack(agnostic)).toThrow(/invalid 'addStage\(Prod\)\.env': got "Prod\/Data: aws:\/\/222222222222\/eu-west-1".*concrete env/);
  });

  test('environment-agnostic stages deploy to the pipeline\'s account and region', () => {
    const app = new App();
    const pipelineStack = new Stack(app, 'Delivery', { env: ENV });
    const pipeline = new PipelineWithApproval(pipelineStack, 'Pipeline', { source: connectionSource() });
    pipeline.addStage(new AppStage(app, 'Dev'));
    const prepare = stage(Template.fromStack(pipelineStack), 'Dev').Actions[0];
    expect(JSON.stringify(prepare.RoleArn)).toContain(':iam::111111111111:role/cdk-hnb659fds-deploy-role-111111111111-eu-west-1');
  });

  test('more actions than a stage holds', () => {
    const { pipelineStack, pipeline, dev } = setup();
    pipeline.addStage(dev, { post: Array.from({ length: 47 }, (_, i) => StageStep.approval(`Check${i}`)) });
    expect(() => Template.fromStack(pipelineStack)).toThrow(/invalid 'addStage\(Dev\)': got "51 actions.*at most 50 actions per stage/);
  });

  test('a pipeline with no deploy stage at all', () => {
    const app = new App();
    const stack = new Stack(app, 'Delivery', { env: ENV });
    new PipelineWithApproval(stack, 'Pipeline', { source: connectionSource() });
    expect(() => Template.fromStack(stack)).toThrow(/invalid 'stages': got 0; allowed: at least one deploy stage/);
  });

  test('tokens pass: an unresolved step name is not checked', () => {
    const { pipeline, dev } = setup();
    expect(() => pipeline.addStage(dev, { stageName: codepipeline.Artifact.artifact('x').artifactName ?? 'Dev' })).not.toThrow();
  });
});

describe('addSteps: a stage made only of steps', () => {
  const announce = StageStep.codeBuild('Announce', { buildSpec: { version: '0.2', phases: { build: { commands: ['echo released'] } } } });

  test('runs its steps one after the other, after the stages added before it, and its approval can be granted', () => {
    const { pipelineStack, pipeline, dev } = setup();
    const approver = new iam.Role(pipelineStack, 'Approver', { assumedBy: new iam.AccountRootPrincipal() });
    pipeline.addStage(dev);
    pipeline.addSteps('Release', [StageStep.approval('Approve', { approvers: [approver] }), announce]);
    const template = Template.fromStack(pipelineStack);
    expect(stagesOf(template).map((s) => s.Name)).toEqual(['Source', 'Build', 'Dev', 'Release']);
    expect(actionsOf(template, 'Release')).toEqual([['Approve', 1, 'Manual'], ['Announce', 2, 'CodeBuild']]);
    const approve = JSON.stringify(template.findResources('AWS::IAM::ManagedPolicy'));
    expect(approve).toContain('codepipeline:PutApprovalResult');
    expect(approve).toContain('/Release/Approve');
  });

  test('bad input names the stage and the prop', () => {
    const { pipeline, dev } = setup();
    pipeline.addStage(dev);
    expect(() => pipeline.addSteps('Release', [])).toThrow(/invalid 'addSteps\(Release\)\.steps'.*at least one step/);
    expect(() => pipeline.addSteps('Dev', [announce])).toThrow(/invalid 'addSteps\(Dev\)\.stageName'.*a stage name not used yet/);
    expect(() => pipeline.addSteps('Release', [announce, announce])).toThrow(/invalid 'addSteps\(Release\)\.steps\[\]\.stepName'.*"Announce".*unique/);
  });
});
