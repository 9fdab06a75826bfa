import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ChaosStack, chaosStack } from '../../examples/chaos-stack';
import { ServiceStack } from '../../examples/service-stack';
import { formatFindings, runNag } from '../harness/nag';
import { cdkJsonContext, normalisedTemplate } from '../harness/reference-app';

// The chaos stack of the reference app (examples/reference-app.ts), synthesized with cdk.json's context.
function referenceChaos(): ChaosStack {
  return chaosStack(new App({ context: cdkJsonContext() }));
}

describe('the chaos stack', () => {
  const stack = referenceChaos();
  const template = Template.fromStack(stack);
  const experiment = Object.values(template.findResources('AWS::FIS::ExperimentTemplate'))[0].Properties;

  test('adds latency to half of the Dev service\'s live alias for five minutes, by names only', () => {
    expect(stack.account).toBe('111111111111');
    expect(experiment.Actions.AddLatency).toEqual({
      ActionId: 'aws:lambda:invocation-add-delay',
      Parameters: { duration: 'PT5M', invocationPercentage: '50', startupDelayMilliseconds: '3000' },
      Targets: { Functions: 'AddLatencyTarget' },
    });
    const target = experiment.Targets.AddLatencyTarget;
    expect(target.Parameters).toEqual({ functionQualifier: ServiceStack.ALIAS_NAME });
    expect(JSON.stringify(target.ResourceArns)).toContain(`:function:${ServiceStack.functionNameIn('GantryService')}`);
    expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
  });

  test('is stopped by the Dev service\'s deployment alarms, which the step also verifies', () => {
    const names = ServiceStack.deploymentAlarmNames('GantryService');
    expect(experiment.StopConditions).toHaveLength(names.length);
    const arns = JSON.stringify(experiment.StopConditions);
    for (const name of names) expect(arns).toContain(`:alarm:${name}`);
    const definition = JSON.stringify(Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0].Properties.DefinitionString);
    for (const name of names) expect(definition).toContain(name);
  });

  test('its pipeline step is a Step Functions invoke action named ChaosDev', () => {
    expect(stack.chaosStep.stepName).toBe('ChaosDev');
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', { TracingConfiguration: { Enabled: true }, LoggingConfiguration: Match.objectLike({ Level: 'ALL' }) });
  });

  test('a pipeline in another stack places the step by the state machine\'s name: no CloudFormation export', () => {
    const app = new App({ context: cdkJsonContext() });
    const chaos = chaosStack(app);
    const pipelineStack = new Stack(app, 'Pipeline', { env: { account: '111111111111', region: 'eu-west-1' } });
    const pipeline = new codepipeline.Pipeline(pipelineStack, 'Pipeline', { pipelineType: codepipeline.PipelineType.V2 });
    const source = new codepipeline.Artifact('Source');
    pipeline.addStage({ stageName: 'Source', actions: [new actions.S3SourceAction({ actionName: 'Src', bucket: new s3.Bucket(pipelineStack, 'Src'), bucketKey: 'k', output: source })] });
    pipeline.addStage({
      stageName: 'Dev',
      actions: chaos.chaosStep.produceActions({ scope: pipelineStack, stageName: 'Dev', runOrder: 2, sourceArtifact: source, buildArtifact: source }),
    });
    const json = JSON.stringify(Template.fromStack(pipelineStack).toJSON());
    expect(json).not.toContain('Fn::ImportValue');
    expect(json).toContain(':states:eu-west-1:111111111111:stateMachine:GantryChaos-ChaosDev');
    Template.fromStack(chaos).hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineName: 'GantryChaos-ChaosDev' });
  });

  test('FIS writes a report of each run to an encrypted bucket of this stack', () => {
    expect(stack.experiment.reportBucket).toBeDefined();
    const bucketId = stack.getLogicalId(stack.experiment.reportBucket!.node.defaultChild as s3.CfnBucket);
    expect(experiment.ExperimentReportConfiguration).toEqual({ Outputs: { ExperimentReportS3Configuration: { BucketName: { Ref: bucketId }, Prefix: 'dev-latency' } } });
    expect(template.toJSON().Resources[bucketId].Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
  });

  test('the configuration bucket has the name the service\'s extension is given', () => {
    template.hasResourceProperties('AWS::S3::Bucket', { BucketName: 'gantry-fis-config-111111111111-eu-west-1' });
  });

  test('its two buckets log their access to the one access-log bucket of the stack, each under its own prefix', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    const logBuckets = Object.keys(buckets).filter((id) => id.startsWith('GantryAccessLogsBucket'));
    expect(logBuckets).toHaveLength(1);
    const logging = Object.entries(buckets).filter(([id]) => id !== logBuckets[0]).map(([, b]: [string, any]) => b.Properties.LoggingConfiguration);
    expect(logging).toHaveLength(2);
    for (const config of logging) expect(config.DestinationBucketName).toEqual({ Ref: logBuckets[0] });
    expect(new Set(logging.map((config) => config.LogFilePrefix)).size).toBe(2);
  });

  test('has no unsuppressed cdk-nag finding and no dead suppression (all five packs)', () => {
    const result = runNag(referenceChaos());
    if (result.unsuppressed.length > 0) throw new Error(`Unsuppressed cdk-nag findings:\n${formatFindings(result.unsuppressed)}`);
    if (result.unusedSuppressions.length > 0) throw new Error(`Suppressions that match no finding:\n${formatFindings(result.unusedSuppressions)}`);
    expect(result.suppressed.every((f) => (f.reason ?? '').length >= 20)).toBe(true);
  });

  test('template matches the snapshot', () => {
    expect(normalisedTemplate(template.toJSON())).toMatchSnapshot();
  });
});
