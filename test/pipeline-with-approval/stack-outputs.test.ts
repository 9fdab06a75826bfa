import { App, CfnOutput, Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { connectionSource, ENV, stage, stagesOf } from './helpers';
import { DeployMode, IPipelineStep, PipelineStepContext, PipelineWithApproval } from '../../constructs';

/** A step that approves with the value of a stack output in its comment, as a variable when the pipeline offers one. */
class ReadsOutput implements IPipelineStep {
  public readonly seen: Array<string | undefined> = [];
  constructor(public readonly stepName: string, private readonly stack: Stack, private readonly outputKey: string) {}
  public produceActions(context: PipelineStepContext): codepipeline.IAction[] {
    const variable = context.stackOutputs?.variableOf(this.stack, this.outputKey);
    this.seen.push(variable);
    return [new actions.ManualApprovalAction({ actionName: this.stepName, additionalInformation: variable ?? 'none', runOrder: context.runOrder })];
  }
}

function app(mode?: DeployMode) {
  const root = new App();
  const pipelineStack = new Stack(root, 'Delivery', { env: ENV });
  const pipeline = new PipelineWithApproval(pipelineStack, 'Pipeline', { source: connectionSource() });
  const target = new Stage(root, 'Prod', { env: { account: '222222222222', region: ENV.region } });
  const topics = new Stack(target, 'Topics', { stackName: 'Topics' });
  const other = new Stack(target, 'Other', { stackName: 'Other' });
  const output = new CfnOutput(topics, 'TopicArn', { value: new sns.Topic(topics, 'Topic').topicArn });
  const key = topics.getLogicalId(output);
  return { root, pipelineStack, pipeline, target, topics, other, key, mode };
}

test('a step after a stack\'s deploy reads its output as #{namespace.key}; only that deploy action gets the namespace', () => {
  const { pipelineStack, pipeline, target, topics, key } = app();
  const post = new ReadsOutput('ReadAfter', topics, key);
  const release = new ReadsOutput('ReadLater', topics, key);
  pipeline.addStage(target, { stageName: 'Prod', post: [post] });
  pipeline.addSteps('Release', [release]);
  const template = Template.fromStack(pipelineStack);
  const prod = stage(template, 'Prod');
  const execute = prod.Actions.find((a: any) => a.Name === 'Execute-Topics');
  expect(execute.Configuration.ActionMode).toBe('CHANGE_SET_EXECUTE');
  expect(execute.Namespace).toBe('Prod_Topics');
  expect(prod.Actions.find((a: any) => a.Name === 'Execute-Other').Namespace).toBeUndefined();
  expect(post.seen).toEqual([`#{Prod_Topics.${key}}`]);
  expect(stage(template, 'Release').Actions[0].Configuration.CustomData).toBe(`#{Prod_Topics.${key}}`);
  expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
});

test('with create-update deployments the deploy action carries the namespace', () => {
  const { pipelineStack, pipeline, target, topics, key } = app();
  pipeline.addStage(target, { stageName: 'Prod', mode: DeployMode.CREATE_UPDATE });
  pipeline.addSteps('Release', [new ReadsOutput('Read', topics, key)]);
  const deploy = stage(Template.fromStack(pipelineStack), 'Prod').Actions.find((a: any) => a.Name === 'Deploy-Topics');
  expect(deploy.Configuration.ActionMode).toBe('CREATE_UPDATE');
  expect(deploy.Namespace).toBe('Prod_Topics');
});

test('a step before the stack deploys, or one reading a stack the pipeline does not deploy, gets no variable; no namespace is rendered', () => {
  const { pipelineStack, pipeline, target, topics, key } = app();
  const elsewhere = new Stack(new App(), 'Elsewhere');
  const pre = new ReadsOutput('ReadBefore', topics, key);
  const unrelated = new ReadsOutput('ReadOther', elsewhere, 'Anything');
  pipeline.addStage(target, { stageName: 'Prod', pre: [pre], post: [unrelated] });
  const stages = stagesOf(Template.fromStack(pipelineStack));
  expect(pre.seen).toEqual([undefined]);
  expect(unrelated.seen).toEqual([undefined]);
  const prod = stages.find((s: any) => s.Name === 'Prod');
  expect(prod.Actions.filter((a: any) => a.Namespace !== undefined)).toEqual([]);
});
