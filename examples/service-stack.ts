import * as path from 'path';
import { Aws, CfnOutput, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ChaosStack } from './chaos-stack';
import {
  BlueGreenDeploymentConfig, BlueGreenLambda, CustomMetrics, FisLambdaExtension, IDeploymentAlarmSource, NagAcknowledgement, ObservabilityDashboard,
  SecureDefaults, SloObjective,
} from '../constructs';

/** Where projen puts the handler's esbuild bundle (`npx projen bundle`). */
const HANDLER_BUNDLE = path.join(__dirname, '..', 'assets', 'examples', 'service', 'star-wars-counter.lambda');

/** What the handler publishes (Powertools EMF): namespace, metric and the `service` dimension. */
export const STAR_WARS_METRICS = { namespace: 'Gantry/StarWars', metricName: 'StarWarsMentions', service: 'star-wars-counter' } as const;

/** The smoke test's known input and the answer it must give (also used by the integration test). */
export const KNOWN_INPUT = { payload: { text: 'Star Wars! I love star wars.' }, expected: { count: 2 } } as const;

/** Thresholds of the service's deployment alarms (the delivery stack's production gate uses the same). */
export const SERVICE_ALARM_THRESHOLDS = { errorRatePercent: 1, throttles: 5, p99DurationMs: 2_000 } as const;

export interface ServiceStackProps extends StackProps {
  /** Address subscribed to the alarm topic. */
  readonly alarmEmail: string;
  /**
   * ARN of a central monitoring account's OAM sink (the delivery stack's): the service's metrics,
   * logs and traces are shared there, so the pipeline can gate on the production service.
   * @default - not linked
   */
  readonly monitoringSinkArn?: string;
  /**
   * How traffic moves to a new version.
   * @default BlueGreenDeploymentConfig.CANARY_10PERCENT_5MINUTES
   */
  readonly deploymentConfig?: BlueGreenDeploymentConfig;
}

/**
 * Service stack: the "Star Wars counter" function (Powertools logs, EMF metric and X-Ray traces),
 * deployed blue/green by CodeDeploy: every deploy publishes a version, a smoke test checks the new
 * version counts a known text right before any traffic moves, 10% shifts for five minutes, and
 * the new version's error-rate, throttle and p99 alarms roll it back. A dashboard shows the
 * custom metric, the function's golden signals, the deployments and an availability SLO; every
 * alarm notifies an SNS topic with an email subscriber.
 */
export class ServiceStack extends Stack {
  /** The alias CodeDeploy shifts. */
  public static readonly ALIAS_NAME = 'live';

  /**
   * Name of the function of the service deployed as stack `stackName`. Names follow the name the
   * stack is deployed under (not the one it was synthesized as), so one template deploys twice
   * in an account (a pipeline's Dev stage and a release candidate) without a name clash, and other
   * stacks know the names without a CloudFormation export.
   */
  public static functionNameIn(stackName: string): string {
    return `${stackName}-StarWarsCounter`;
  }

  /**
   * Names of the deployment alarms (error rate, throttles, p99 duration of the new version) of the
   * service deployed as stack `stackName`.
   */
  public static deploymentAlarmNames(stackName: string): string[] {
    return BlueGreenLambda.versionAlarmNames(stackName);
  }

  /** The function deployed blue/green; its deployment alarms gate the delivery pipeline. */
  public readonly counter: BlueGreenLambda;
  /** The dashboard and its alarm topic. */
  public readonly dashboard: ObservabilityDashboard;
  /** Failed asynchronous invocations of the function: the stack's shared dead-letter queue. */
  public readonly deadLetterQueue: sqs.Queue;
  /** Name of the function (`<deployed stack name>-StarWarsCounter`, resolved at deploy time). */
  public readonly functionName: string;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    this.functionName = ServiceStack.functionNameIn(Aws.STACK_NAME);

    // Failed asynchronous invocations, kept 14 days in the stack's one dead-letter queue (which the
    // Gantry constructs here use too, also for notifications SNS could not deliver), encrypted with
    // the stack's shared messages key (SharedKeys).
    this.deadLetterQueue = SecureDefaults.sharedDeadLetterQueue(this);

    this.dashboard = new ObservabilityDashboard(this, 'Observability', {
      dashboardName: Aws.STACK_NAME,
      observabilityLink: props.monitoringSinkArn ? { sinkArn: props.monitoringSinkArn } : undefined,
      // Undeliverable alarms go to the stack's shared dead-letter queue.
      alarmEmailAddresses: [props.alarmEmail],
    });

    this.counter = new BlueGreenLambda(this, 'Counter', {
      functionProps: {
        functionName: this.functionName,
        description: 'Counts "Star Wars" mentions in a text and publishes the count (Powertools EMF)',
        runtime: lambda.Runtime.NODEJS_24_X,
        handler: 'index.handler',
        code: lambda.Code.fromAsset(HANDLER_BUNDLE),
        tracing: lambda.Tracing.ACTIVE,
        memorySize: 256,
        timeout: Duration.seconds(10),
        deadLetterQueue: this.deadLetterQueue,
        environment: {
          POWERTOOLS_SERVICE_NAME: STAR_WARS_METRICS.service,
          POWERTOOLS_METRICS_NAMESPACE: STAR_WARS_METRICS.namespace,
          POWERTOOLS_LOG_LEVEL: 'INFO',
        },
      },
      aliasName: ServiceStack.ALIAS_NAME,
      deploymentConfig: props.deploymentConfig ?? BlueGreenDeploymentConfig.CANARY_10PERCENT_5MINUTES,
      alarmThresholds: SERVICE_ALARM_THRESHOLDS,
      // Named after the deployed stack, so the delivery stack's Dev gate finds them without an export.
      alarmNamePrefix: Aws.STACK_NAME,
      smokeTest: { payload: KNOWN_INPUT.payload, expectedResponse: KNOWN_INPUT.expected, timeout: Duration.seconds(20) },
      // Failed deployments to the stack's shared notification topic; the deployment alarms go to the dashboard's topic.
      notifications: { emailAddresses: [props.alarmEmail] },
      monitoring: this.dashboard,
    });
    // The dead-letter queue is KMS-encrypted: without the key, SQS refuses the dead letters.
    SecureDefaults.grantSendToEncryptedQueue(this.counter.function, this.deadLetterQueue);
    // The user's own function: its findings are accepted here with reasons true of it (not Gantry's handler reasons).
    const network = 'The counter\'s code calls no AWS API and no private resource (its metrics leave as EMF log lines); only the FIS extension reads its configuration bucket, through S3\'s public endpoint. In a VPC it would need ENIs and a NAT gateway or an S3 endpoint, and would reach nothing more.';
    for (const ruleId of ['NIST.800.53.R5-LambdaInsideVPC', 'HIPAA.Security-LambdaInsideVPC', 'PCI.DSS.321-LambdaInsideVPC']) {
      NagAcknowledgement.add(this.counter.function, { ruleId, reason: network });
    }
    const concurrency = 'Lambda keeps 100 of an account\'s concurrency unreserved, so accounts whose quota is 100 or less (as some new accounts\' is) reject any reservation, and a reference stack must deploy to any account; the new version\'s throttle alarm rolls a throttled deployment back.';
    for (const ruleId of ['NIST.800.53.R5-LambdaConcurrency', 'HIPAA.Security-LambdaConcurrency']) {
      NagAcknowledgement.add(this.counter.function, { ruleId, reason: concurrency });
    }

    // The chaos stack's experiment (same account and Region) adds latency through the FIS Lambda
    // extension, which reads the fault from the chaos stack's configuration bucket (known by name).
    FisLambdaExtension.attach(this.counter.function as lambda.Function, {
      bucket: s3.Bucket.fromBucketName(this, 'FisConfiguration', ChaosStack.configurationBucketName(this.account, this.region)),
      kmsEncrypted: true,
    });

    // The counter registered its alias (with the deployment alarms) and its deployment group itself.
    this.dashboard.monitor(new CustomMetrics(this, 'StarWarsMentions', {
      metricNamespace: STAR_WARS_METRICS.namespace,
      metricNames: [STAR_WARS_METRICS.metricName],
      dimensions: { service: STAR_WARS_METRICS.service },
    }), { title: 'Star Wars mentions (EMF)' });
    const alias = this.counter.alias;
    this.dashboard.addSlo({
      name: 'Availability SLO',
      targetPercent: 99.9,
      objective: SloObjective.availability({
        totalEvents: alias.metricInvocations({ statistic: cloudwatch.Stats.SUM }),
        badEvents: alias.metricErrors({ statistic: cloudwatch.Stats.SUM }),
      }),
    });

    new CfnOutput(this, 'AliasArn', { value: alias.functionArn, description: 'Invoke this (alias live), never $LATEST' });
    new CfnOutput(this, 'DeploymentGroupName', { value: this.counter.deploymentGroupName });
    new CfnOutput(this, 'DashboardName', { value: this.dashboard.dashboardName });
  }

  /** The deployment alarms, for the pipeline stage that deploys this stack. */
  public get deployment(): IDeploymentAlarmSource {
    return this.counter;
  }
}
