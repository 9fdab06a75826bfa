import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ChaosExperiment, ChaosTarget, Fault, FisLambdaExtension } from '../../constructs';

// Integration test of ChaosExperiment: deploys a function with the FIS Lambda extension, an error
// alarm (missing data is not breaching, so an idle function's alarm is OK), an experiment that
// delays its invocations for one minute, and the experiment's pipeline step. The assertions ask
// FIS for the template (the typed fault as FIS stored it), then run the step's state machine and
// expect it to succeed: the experiment started, completed, and the alarm is OK. Snapshots are
// verified offline in CI; run it for real with `npx integ-runner --directory test/integ --force`.
const app = new App();
const stack = new Stack(app, 'GantryIntegChaos');
const fn = new lambda.Function(stack, 'Target', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline('exports.handler = async () => ({ ok: true });'),
});
const bucket = new s3.Bucket(stack, 'FisConfiguration', {
  encryption: s3.BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  removalPolicy: RemovalPolicy.DESTROY,
  autoDeleteObjects: true,
});
FisLambdaExtension.attach(fn, { bucket });
const errors = new cloudwatch.Alarm(stack, 'Errors', {
  metric: fn.metricErrors({ period: Duration.minutes(1) }),
  threshold: 1,
  evaluationPeriods: 1,
  treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
});
const experiment = new ChaosExperiment(stack, 'Latency', {
  description: 'Integ: one minute of added latency on an idle function',
  actions: [{ name: 'Delay', fault: Fault.lambdaInvocationDelay(ChaosTarget.lambdaFunction(fn), { duration: Duration.minutes(1), startupDelay: Duration.millis(500) }) }],
  stopConditions: [errors],
});
const step = experiment.pipelineStep({ verify: { recoveryTimeout: Duration.minutes(5), pollInterval: Duration.seconds(15) } });

const integ = new IntegTest(app, 'ChaosInteg', {
  testCases: [stack],
  diffAssets: false,
  cdkCommandOptions: { destroy: { args: { force: true } } },
});

integ.assertions
  .awsApiCall('FIS', 'getExperimentTemplate', { id: experiment.templateId })
  .expect(ExpectedResult.objectLike({
    experimentTemplate: {
      actions: { Delay: { actionId: 'aws:lambda:invocation-add-delay', parameters: { duration: 'PT1M', startupDelayMilliseconds: '500' } } },
      logConfiguration: { logSchemaVersion: 2 },
    },
  }));

const execution = integ.assertions.awsApiCall('StepFunctions', 'startExecution', { stateMachineArn: step.stateMachine.stateMachineArn });
integ.assertions
  .awsApiCall('StepFunctions', 'describeExecution', { executionArn: execution.getAttString('executionArn') })
  .expect(ExpectedResult.objectLike({ status: 'SUCCEEDED' }))
  .waitForAssertions({ totalTimeout: Duration.minutes(20), interval: Duration.seconds(30) });

app.synth();
