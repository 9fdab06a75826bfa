import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DeployStageProps, PipelineSource, PipelineWithApproval, PipelineWithApprovalProps } from '../../constructs';

export const ENV = { account: '111111111111', region: 'eu-west-1' };
export const CONNECTION_ARN = 'arn:aws:codeconnections:eu-west-1:111111111111:connection/0123abcd';

export function connectionSource(branch?: string): PipelineSource {
  return PipelineSource.connection({ connectionArn: CONNECTION_ARN, owner: 'acme', repo: 'app', branch });
}

/** Minimal valid props: connection source, default build, one Dev stage. */
export function baseProps(overrides: Partial<PipelineWithApprovalProps> = {}): PipelineWithApprovalProps & { stages: DeployStageProps[] } {
  return {
    source: connectionSource(),
    stages: [{ stageName: 'Dev', stacks: [{ stackName: 'App-Dev', templatePath: 'App-Dev.template.json' }] }],
    ...overrides,
  } as PipelineWithApprovalProps & { stages: DeployStageProps[] };
}

export function newStack(id = 'Delivery'): Stack {
  return new Stack(new App(), id, { env: ENV });
}

export function synth(props: PipelineWithApprovalProps, stack: Stack = newStack()) {
  const pipeline = new PipelineWithApproval(stack, 'Pipeline', props);
  return { stack, pipeline, template: Template.fromStack(stack) };
}

/** The Stages property of the only pipeline in the template. */
export function stagesOf(template: Template): any[] {
  const pipelines = Object.values(template.findResources('AWS::CodePipeline::Pipeline'));
  if (pipelines.length !== 1) throw new Error(`expected one pipeline, found ${pipelines.length}`);
  return (pipelines[0] as any).Properties.Stages;
}

export function stage(template: Template, name: string): any {
  const found = stagesOf(template).find((s) => s.Name === name);
  if (!found) throw new Error(`no stage ${name}`);
  return found;
}

/** [name, runOrder, provider] of a stage's actions, for order assertions. */
export function actionsOf(template: Template, stageName: string): Array<[string, number, string]> {
  return stage(template, stageName).Actions.map((a: any) => [a.Name, a.RunOrder, a.ActionTypeId.Provider]);
}

/** Every Allow statement of every IAM policy (inline or managed) in the template. */
export function allStatements(template: Template): any[] {
  const policies = { ...template.findResources('AWS::IAM::Policy'), ...template.findResources('AWS::IAM::ManagedPolicy') };
  return Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

/** Statements of the managed policy attached to the role whose logical id starts with the prefix. */
export function statementsOfRole(template: Template, rolePrefix: string): any[] {
  const policies = template.findResources('AWS::IAM::ManagedPolicy');
  const matches = Object.values(policies).filter((p: any) => (p.Properties.Roles ?? []).some((r: any) => String(r.Ref).startsWith(rolePrefix)));
  return matches.flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

export function asList<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}
