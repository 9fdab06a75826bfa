import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as fis from 'aws-cdk-lib/aws-fis';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ChaosExperiment, ChaosTarget, Fault, FisLambdaExtension } from '../../constructs';
import { BenchScenario } from '../scenario';

const env = { account: '111111111111', region: 'eu-west-1' };
const RUNNER_HANDLER = 'assets/constructs/chaos-experiment/experiment-runner.lambda/index.js';

/** The same target in every row: a function with the FIS extension's bucket and an error alarm. */
function target(stack: Stack) {
  const fn = new lambda.Function(stack, 'Target', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=async()=>1') });
  const bucket = new s3.Bucket(stack, 'FisConfig');
  const alarm = new cloudwatch.Alarm(stack, 'Errors', { metric: fn.metricErrors(), threshold: 1, evaluationPeriods: 1 });
  return { fn, bucket, alarm };
}

const scenarios: BenchScenario[] = [
  {
    name: 'ChaosExperiment (1 Lambda latency fault; role, KMS log group, events topic)',
    build: (app) => {
      const stack = new Stack(app, 'BenchChaos', { env });
      const { fn, bucket, alarm } = target(stack);
      FisLambdaExtension.attach(fn, { bucket });
      new ChaosExperiment(stack, 'Chaos', {
        description: 'bench',
        actions: [{ name: 'Delay', fault: Fault.lambdaInvocationDelay(ChaosTarget.lambdaFunction(fn), { duration: Duration.minutes(5) }) }],
        stopConditions: [alarm],
      });
      return [stack];
    },
  },
  {
    name: 'ChaosExperiment + pipelineStep (state machine, runner handler)',
    handlerFiles: [RUNNER_HANDLER],
    build: (app) => {
      const stack = new Stack(app, 'BenchChaosStep', { env });
      const { fn, bucket, alarm } = target(stack);
      FisLambdaExtension.attach(fn, { bucket });
      new ChaosExperiment(stack, 'Chaos', {
        description: 'bench',
        actions: [{ name: 'Delay', fault: Fault.lambdaInvocationDelay(ChaosTarget.lambdaFunction(fn), { duration: Duration.minutes(5) }) }],
        stopConditions: [alarm],
      }).pipelineStep();
      return [stack];
    },
  },
  {
    name: 'ChaosExperiment + report (secure report bucket, one dashboard)',
    build: (app) => {
      const stack = new Stack(app, 'BenchChaosReport', { env });
      const { fn, bucket, alarm } = target(stack);
      FisLambdaExtension.attach(fn, { bucket });
      const dashboard = new cloudwatch.Dashboard(stack, 'Health');
      new ChaosExperiment(stack, 'Chaos', {
        description: 'bench',
        actions: [{ name: 'Delay', fault: Fault.lambdaInvocationDelay(ChaosTarget.lambdaFunction(fn), { duration: Duration.minutes(5) }) }],
        stopConditions: [alarm],
        report: { dashboards: [dashboard] },
      });
      return [stack];
    },
  },
  {
    name: 'anchor: hand-wired L1 CfnExperimentTemplate (same fault, role, no logs/events/step)',
    build: (app) => {
      const stack = new Stack(app, 'BenchChaosL1', { env });
      const { fn, bucket, alarm } = target(stack);
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('fis.amazonaws.com') });
      role.addToPolicy(new iam.PolicyStatement({ actions: ['lambda:GetFunction'], resources: [fn.functionArn] }));
      role.addToPolicy(new iam.PolicyStatement({ actions: ['tag:GetResources'], resources: ['*'] }));
      role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:DeleteObject'], resources: [bucket.arnForObjects('FisConfigs/*')] }));
      new fis.CfnExperimentTemplate(stack, 'Template', {
        description: 'bench',
        roleArn: role.roleArn,
        targets: { fn: { resourceType: 'aws:lambda:function', resourceArns: [fn.functionArn], selectionMode: 'ALL' } },
        actions: { Delay: { actionId: 'aws:lambda:invocation-add-delay', parameters: { duration: 'PT5M' }, targets: { Functions: 'fn' } } },
        stopConditions: [{ source: 'aws:cloudwatch:alarm', value: alarm.alarmArn }],
      });
      return [stack];
    },
  },
];

export default scenarios;
