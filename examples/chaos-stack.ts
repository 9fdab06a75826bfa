import { App, CfnOutput, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ServiceStack } from './service-stack';
import { ChaosExperiment, ChaosPipelineStep, ChaosTarget, Fault, FisLambdaExtension } from '../constructs';

export interface ChaosStackProps extends StackProps {
  /**
   * Stack name the service is deployed under in the Dev stage (same account and Region as this stack).
   * @default 'GantryService'
   */
  readonly serviceStackName?: string;
  /**
   * Address subscribed to the experiment's state changes (the stack's shared notification topic).
   * @default 'ops@example.com'
   */
  readonly alarmEmail?: string;
}

/**
 * Chaos stack: a FIS experiment against the Dev stage of the service, run by the delivery pipeline
 * before the Prod approval. It adds 3 seconds of latency to half of the invocations of the Dev
 * function's `live` alias for five minutes, stopped by the Dev service's deployment alarms (error
 * rate, throttles, p99 duration), then checks those alarms are OK again within ten minutes. FIS writes
 * a report of each run to an encrypted bucket of this stack.
 *
 * Like the delivery stack it knows the service by names only (function and alarm names follow the
 * stack name), so the two stacks share no CloudFormation export. The Dev function must carry the
 * FIS Lambda extension with the configuration location of this stack's bucket
 * (`FisLambdaExtension.attach(fn, { bucket })`, the bucket named by `configurationBucketName`).
 */
export class ChaosStack extends Stack {
  /** Name of the bucket FIS writes Lambda fault configuration to, in this account and Region. */
  public static configurationBucketName(account: string, region: string): string {
    return `gantry-fis-config-${account}-${region}`;
  }

  /** The experiment. */
  public readonly experiment: ChaosExperiment;
  /** The pipeline step that runs the experiment and verifies recovery (placed before the Prod approval). */
  public readonly chaosStep: ChaosPipelineStep;

  constructor(scope: Construct, id: string, props: ChaosStackProps = {}) {
    super(scope, id, props);
    const serviceStackName = props.serviceStackName ?? 'GantryService';

    const bucket = FisLambdaExtension.configurationBucket(this, 'FisConfiguration', ChaosStack.configurationBucketName(this.account, this.region));
    const counter = lambda.Function.fromFunctionName(this, 'DevCounter', ServiceStack.functionNameIn(serviceStackName));
    const health = ServiceStack.deploymentAlarmNames(serviceStackName)
      .map((name, i) => cloudwatch.Alarm.fromAlarmName(this, `DevAlarm${i + 1}`, name));

    this.experiment = new ChaosExperiment(this, 'DevLatency', {
      description: `Adds 3 s of latency to half of the invocations of ${serviceStackName}'s live alias; the service must stay within its alarms`,
      actions: [{
        name: 'AddLatency',
        fault: Fault.lambdaInvocationDelay(
          ChaosTarget.lambdaFunction(counter, { qualifier: ServiceStack.ALIAS_NAME, configurationLocation: `${bucket.bucketArn}/FisConfigs/` }),
          { duration: Duration.minutes(5), invocationPercentage: 50, startupDelay: Duration.seconds(3) },
        ),
      }],
      stopConditions: health,
      // A report of each run (timeline and results) in an encrypted bucket of this stack, for the game-day review.
      report: { prefix: 'dev-latency' },
      notifications: { emailAddresses: [props.alarmEmail ?? 'ops@example.com'] },
    });
    // Named, so the delivery pipeline (another stack) refers to it without a CloudFormation export.
    this.chaosStep = this.experiment.pipelineStep({
      stepName: 'ChaosDev',
      stateMachineName: `${this.stackName}-ChaosDev`,
      verify: { recoveryTimeout: Duration.minutes(10) },
    });

    new CfnOutput(this, 'ExperimentTemplateId', { value: this.experiment.templateId });
    new CfnOutput(this, 'ChaosStateMachineArn', { value: this.chaosStep.stateMachine.stateMachineArn });
  }
}

/** The chaos stack of the reference app, in the gantry:account / gantry:region environment. */
export function chaosStack(app: App, alarmEmail?: string): ChaosStack {
  return new ChaosStack(app, 'GantryChaos', {
    env: { account: app.node.tryGetContext('gantry:account'), region: app.node.tryGetContext('gantry:region') },
    description: 'Gantry reference: a FIS experiment on the Dev service (Lambda latency), stopped by its alarms, run as a pipeline step',
    serviceStackName: app.node.tryGetContext('gantry:chaos:serviceStackName') ?? 'GantryService',
    alarmEmail,
  });
}
