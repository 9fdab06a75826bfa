import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { App, CfnCapabilities, Stack, Stage } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { Construct } from 'constructs';
import { AddStageOptions, DeployStageProps, PipelineSource, PipelineWithApproval, PipelineWithApprovalProps } from '../../constructs';
import { BenchScenario } from '../scenario';

// The job of issue 3, three ways: connection source, build, Dev stage, approval, Prod stage in
// another account, one application stack per stage; then with 10 deploy stages; then the cost of
// each optional feature of PipelineWithApproval on top of the base job.

const env = { account: '111111111111', region: 'eu-west-1' };
const PROD_ACCOUNT = '222222222222';
const CONNECTION_ARN = 'arn:aws:codeconnections:eu-west-1:111111111111:connection/00000000-0000-0000-0000-000000000000';

/** Deploy stages: Dev in this account, then stages in the prod account; the approval guards the last. */
function stageNames(count: number): string[] {
  return count === 2 ? ['Dev', 'Prod'] : ['Dev', ...Array.from({ length: count - 2 }, (_, i) => `Stage${i + 1}`), 'Prod'];
}

function gantry(app: App, id: string, stageCount: number, extra: (stack: Stack) => Partial<PipelineWithApprovalProps> = () => ({})): Stack[] {
  const stack = new Stack(app, id, { env });
  const stages: DeployStageProps[] = stageNames(stageCount).map((name) => ({
    stageName: name,
    account: name === 'Dev' ? undefined : PROD_ACCOUNT,
    stacks: [{ stackName: `App-${name}`, templatePath: `App-${name}.template.json` }],
  }));
  new PipelineWithApproval(stack, 'Delivery', {
    source: PipelineSource.connection({ connectionArn: CONNECTION_ARN, owner: 'acme', repo: 'app' }),
    stages,
    approvals: [{ beforeStage: 'Prod' }],
    ...extra(stack),
  });
  return [stack];
}

class AppStage extends Stage {
  constructor(scope: Construct, id: string, props: { env: { account: string; region: string } }) {
    super(scope, id, props);
    // One application stack; its single resource stands for the application.
    const app = new Stack(this, 'App');
    new sns.Topic(app, 'Events');
  }
}

function cdkPipelines(app: App, id: string, stageCount: number): Stack[] {
  const stack = new Stack(app, id, { env });
  const pipeline = new pipelines.CodePipeline(stack, 'Pipeline', {
    crossAccountKeys: true,
    synth: new pipelines.ShellStep('Synth', {
      input: pipelines.CodePipelineSource.connection('acme/app', 'main', { connectionArn: CONNECTION_ARN }),
      commands: ['npm ci', 'npx cdk synth'],
    }),
  });
  for (const name of stageNames(stageCount)) {
    const stage = new AppStage(stack, name, { env: { account: name === 'Dev' ? env.account : PROD_ACCOUNT, region: env.region } });
    pipeline.addStage(stage, name === 'Prod' ? { pre: [new pipelines.ManualApprovalStep('Approve')] } : {});
  }
  // CDK Pipelines builds the pipeline at synth; the stages' stacks are part of its assembly.
  return [stack];
}

function handWiredL2(app: App, id: string, stageCount: number): Stack[] {
  const stack = new Stack(app, id, { env });
  const source = new codepipeline.Artifact('Source');
  const built = new codepipeline.Artifact('Built');
  const pipeline = new codepipeline.Pipeline(stack, 'Pipeline', {
    pipelineType: codepipeline.PipelineType.V2,
    crossAccountKeys: true,
    enableKeyRotation: true,
  });
  pipeline.addStage({
    stageName: 'Source',
    actions: [new actions.CodeStarConnectionsSourceAction({ actionName: 'Source', connectionArn: CONNECTION_ARN, owner: 'acme', repo: 'app', output: source })],
  });
  pipeline.addStage({
    stageName: 'Build',
    actions: [new actions.CodeBuildAction({
      actionName: 'Build',
      input: source,
      outputs: [built],
      project: new codebuild.PipelineProject(stack, 'Build', {
        buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: { build: { commands: ['npm ci', 'npx cdk synth'] } }, artifacts: { 'base-directory': 'cdk.out', 'files': ['**/*'] } }),
      }),
    })],
  });
  for (const name of stageNames(stageCount)) {
    const account = name === 'Dev' ? env.account : PROD_ACCOUNT;
    const importRole = (kind: string) => iam.Role.fromRoleArn(stack, `${name}${kind}`, `arn:aws:iam::${account}:role/cdk-hnb659fds-${kind}-${account}-${env.region}`, { mutable: false });
    const roles: { [kind: string]: iam.IRole } = { 'deploy-role': importRole('deploy-role'), 'cfn-exec-role': importRole('cfn-exec-role') };
    const role = (kind: string) => roles[kind];
    const crossAccount = account !== env.account;
    const stageActions: codepipeline.IAction[] = [];
    let runOrder = 1;
    if (name === 'Prod') stageActions.push(new actions.ManualApprovalAction({ actionName: 'Approve', runOrder: runOrder++ }));
    stageActions.push(new actions.CloudFormationCreateReplaceChangeSetAction({
      actionName: 'Prepare',
      stackName: `App-${name}`,
      changeSetName: 'Change',
      templatePath: built.atPath(`App-${name}.template.json`),
      adminPermissions: false,
      cfnCapabilities: [CfnCapabilities.NAMED_IAM],
      account: crossAccount ? account : undefined,
      role: crossAccount ? role('deploy-role') : undefined,
      deploymentRole: role('cfn-exec-role'),
      runOrder: runOrder++,
    }));
    stageActions.push(new actions.CloudFormationExecuteChangeSetAction({
      actionName: 'Deploy',
      stackName: `App-${name}`,
      changeSetName: 'Change',
      account: crossAccount ? account : undefined,
      role: crossAccount ? role('deploy-role') : undefined,
      runOrder: runOrder++,
    }));
    pipeline.addStage({ stageName: name, actions: stageActions });
  }
  return [stack];
}

const alarms = (stack: Stack) => ({
  deploymentAlarms: [new cloudwatch.Alarm(stack, 'Errors', {
    metric: new cloudwatch.Metric({ namespace: 'App', metricName: 'Errors' }), threshold: 1, evaluationPeriods: 1,
  })],
});

/** The base job's application: one stack with a Lambda function from a file asset. */
class LambdaStage extends Stage {
  constructor(scope: Construct, id: string, props: { env: { account: string; region: string } }) {
    super(scope, id, props);
    const app = new Stack(this, 'App');
    new lambda.Function(app, 'Handler', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(join(__dirname, '..', '..', 'test', 'pipeline-with-approval', 'fixtures')),
    });
  }
}

/** The base job through addStage: Dev (this account), approval (+ digest) before Prod in another account. */
function gantryAddStage(app: App, id: string, prodOptions: AddStageOptions): Stack[] {
  const stack = new Stack(app, id, { env });
  const delivery = new PipelineWithApproval(stack, 'Delivery', {
    source: PipelineSource.connection({ connectionArn: CONNECTION_ARN, owner: 'acme', repo: 'app' }),
  });
  delivery.addStage(new LambdaStage(app, `${id}Dev`, { env }), { stageName: 'Dev' });
  delivery.addStage(new LambdaStage(app, `${id}Prod`, { env: { account: PROD_ACCOUNT, region: env.region } }), { stageName: 'Prod', ...prodOptions });
  return [stack];
}

/** The same job with CDK Pipelines (aws-cdk-lib/pipelines): cross-account keys, self-mutation, an assets stage. */
function cdkPipelinesLambda(app: App, id: string): Stack[] {
  const stack = new Stack(app, id, { env });
  const pipeline = new pipelines.CodePipeline(stack, 'Pipeline', {
    crossAccountKeys: true,
    synth: new pipelines.ShellStep('Synth', {
      input: pipelines.CodePipelineSource.connection('acme/app', 'main', { connectionArn: CONNECTION_ARN }),
      commands: ['npm ci', 'npx cdk synth'],
    }),
  });
  pipeline.addStage(new LambdaStage(stack, 'Dev', { env }));
  pipeline.addStage(new LambdaStage(stack, 'Prod', { env: { account: PROD_ACCOUNT, region: env.region } }), { pre: [new pipelines.ManualApprovalStep('Approve')] });
  return [stack];
}

/**
 * Sequential actions before the first CloudFormation deploy: the distinct runOrders of the stages
 * before it (CDK Pipelines: source, synth, self-mutation, assets).
 */
function sequentialBeforeFirstDeploy(assemblyDir: string): string {
  for (const file of readdirSync(assemblyDir).filter((f) => f.endsWith('.template.json'))) {
    const template = JSON.parse(readFileSync(join(assemblyDir, file), 'utf-8'));
    const pipeline = Object.values<any>(template.Resources ?? {}).find((r) => r.Type === 'AWS::CodePipeline::Pipeline');
    if (!pipeline) continue;
    let count = 0;
    for (const st of pipeline.Properties.Stages as any[]) {
      const sorted = [...st.Actions].sort((a: any, b: any) => (a.RunOrder ?? 1) - (b.RunOrder ?? 1));
      const firstDeploy = sorted.find((a: any) => a.ActionTypeId.Provider === 'CloudFormation');
      const before = sorted.filter((a: any) => !firstDeploy || (a.RunOrder ?? 1) < (firstDeploy.RunOrder ?? 1));
      count += new Set(before.map((a: any) => a.RunOrder ?? 1)).size;
      if (firstDeploy) return `${count} sequential actions before the first deploy`;
    }
  }
  return '-';
}

const scenarios: BenchScenario[] = [
  // The base job of issue 12: CDK stages with a Lambda file asset, through addStage, beside CDK Pipelines in the same run.
  {
    name: 'PipelineWithApproval addStage: base job (Dev, approval + digest, Prod in another account; Lambda asset)',
    build: (app) => gantryAddStage(app, 'BenchAddStage', { approval: {} }),
    notes: sequentialBeforeFirstDeploy,
  },
  {
    name: 'PipelineWithApproval addStage: base job without the digest',
    build: (app) => gantryAddStage(app, 'BenchAddStageNoDigest', { approval: { changeSetDigest: false } }),
    notes: sequentialBeforeFirstDeploy,
  },
  { name: 'anchor: CDK Pipelines, base job (Lambda asset)', build: (app) => cdkPipelinesLambda(app, 'BenchCdkPipelinesLambda'), notes: sequentialBeforeFirstDeploy },
  { name: 'PipelineWithApproval: base job (Dev, approval + digest, Prod in another account)', build: (app) => gantry(app, 'BenchDelivery', 2) },
  { name: 'anchor: CDK Pipelines, base job', build: (app) => cdkPipelines(app, 'BenchCdkPipelines', 2) },
  { name: 'anchor: hand-wired L2 CodePipeline, base job', build: (app) => handWiredL2(app, 'BenchL2Pipeline', 2) },
  { name: 'PipelineWithApproval: 10 deploy stages', build: (app) => gantry(app, 'BenchDelivery10', 10) },
  { name: 'anchor: CDK Pipelines, 10 deploy stages', build: (app) => cdkPipelines(app, 'BenchCdkPipelines10', 10) },
  { name: 'anchor: hand-wired L2 CodePipeline, 10 deploy stages', build: (app) => handWiredL2(app, 'BenchL2Pipeline10', 10) },
  // Cost of each optional feature: compare with the base row.
  {
    name: 'PipelineWithApproval feature: without change-set digest',
    build: (app) => {
      const stack = new Stack(app, 'BenchDeliveryNoDigest', { env });
      new PipelineWithApproval(stack, 'Delivery', {
        source: PipelineSource.connection({ connectionArn: CONNECTION_ARN, owner: 'acme', repo: 'app' }),
        stages: [
          { stageName: 'Dev', stacks: [{ stackName: 'App-Dev', templatePath: 'App-Dev.template.json' }] },
          { stageName: 'Prod', account: PROD_ACCOUNT, stacks: [{ stackName: 'App-Prod', templatePath: 'App-Prod.template.json' }] },
        ],
        approvals: [{ beforeStage: 'Prod', changeSetDigest: false }],
      });
      return [stack];
    },
  },
  { name: 'PipelineWithApproval feature: + notifications (topic, 2 rules, DLQ)', build: (app) => gantry(app, 'BenchDeliveryNotify', 2, () => ({ notifications: {} })) },
  { name: 'PipelineWithApproval feature: + approval emails (encrypted topic)', build: (app) => gantry(app, 'BenchDeliveryEmails', 2, () => ({ approvals: [{ beforeStage: 'Prod', notifyEmails: ['release@example.com'] }] })) },
  {
    name: 'PipelineWithApproval feature: + alarm gate on Dev (1 alarm, not counted: it is the app\'s)',
    build: (app) => gantry(app, 'BenchDeliveryAlarms', 2, (stack) => ({
      stages: [
        { stageName: 'Dev', stacks: [{ stackName: 'App-Dev', templatePath: 'App-Dev.template.json' }], alarmSources: [alarms(stack)] },
        { stageName: 'Prod', account: PROD_ACCOUNT, stacks: [{ stackName: 'App-Prod', templatePath: 'App-Prod.template.json' }] },
      ],
    })),
  },
  {
    name: 'PipelineWithApproval feature: + 2 test reports',
    build: (app) => gantry(app, 'BenchDeliveryReports', 2, () => ({
      buildStep: {
        buildSpec: { version: '0.2', phases: { build: { commands: ['npm ci', 'npm test', 'npx cdk synth'] } }, artifacts: { 'base-directory': 'cdk.out', 'files': ['**/*'] } },
        publishCdkAssets: true,
        testReports: [{ name: 'Unit', files: ['junit.xml'] }, { name: 'Integration', files: ['integ.xml'] }],
      },
    })),
  },
  {
    name: 'PipelineWithApproval feature: second pipeline sharing the first one\'s artifact bucket and key (2 pipelines)',
    build: (app) => {
      const [stack] = gantry(app, 'BenchDeliveryShared', 2);
      const first = stack.node.findChild('Delivery') as PipelineWithApproval;
      new PipelineWithApproval(stack, 'Second', {
        source: PipelineSource.connection({ connectionArn: CONNECTION_ARN, owner: 'acme', repo: 'other' }),
        stages: [{ stageName: 'Prod', account: PROD_ACCOUNT, stacks: [{ stackName: 'Other-Prod', templatePath: 'Other-Prod.template.json' }] }],
        artifactBucket: first.artifactBucket,
      });
      return [stack];
    },
  },
];

export default scenarios;
