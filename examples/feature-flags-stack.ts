import { Aws, CfnOutput, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { BlueGreenDeploymentConfig, BlueGreenLambda, FeatureFlag, FeatureFlags, FlagAttribute, FlagRollout, IPipelineStep, NagAcknowledgement, ObservabilityDashboard, SecureDefaults } from '../constructs';

/**
 * Path, in the repository (the pipeline's source artifact), of the checkout's flag document:
 * `FeatureFlags.render(checkoutFlags())`, committed so a flag change is a reviewed change.
 */
export const CHECKOUT_FLAGS_PATH = 'examples/flags/checkout.json';

/** The flags of the reference checkout service (also what the pipeline's flag document renders). */
export function checkoutFlags(): FeatureFlag[] {
  return [
    FeatureFlag.boolean('newCheckout', {
      displayName: 'New checkout',
      description: 'The one-page checkout; rolled out gradually, rolled back by the checkout\'s own alarms',
      removeAfter: '2027-06-30',
      attributes: [
        FlagAttribute.number('discountPercent', { value: 5, minimum: 0, maximum: 50, description: 'Launch discount' }),
        FlagAttribute.string('theme', { value: 'light', allowedValues: ['light', 'dark'] }),
      ],
    }),
    FeatureFlag.killSwitch('disableRecommendations', { description: 'Stops calling the recommendation service (operational kill switch)' }),
  ];
}

// Reads one flag from the AppConfig Agent extension on localhost:2772 (FEATURE_FLAGS_PATH is set
// by FeatureFlags.attachToFunction); falls back to the old checkout if the agent cannot answer.
const HANDLER = `
exports.handler = async () => {
  let flag = { enabled: false };
  try {
    const res = await fetch('http://localhost:2772' + process.env.FEATURE_FLAGS_PATH + '?flag=newCheckout');
    if (res.ok) flag = await res.json();
  } catch (e) { console.warn('feature flags unavailable, using defaults', e); }
  return { statusCode: 200, body: JSON.stringify({ checkout: flag.enabled ? 'one-page' : 'classic', discountPercent: flag.discountPercent ?? 0 }) };
};`;

export interface FeatureFlagsStackProps extends StackProps {
  /**
   * Principals on call who may stop a flag rollout in progress (which rolls it back).
   * @default - none (grant with `flags.grantEmergencyStop`)
   */
  readonly onCallPrincipals?: iam.IGrantable[];
  /**
   * The pipeline that deploys this stack as part of a stage and then releases the flags: the flags
   * have only a Prod environment, CloudFormation hosts them without deploying them, and
   * `releaseStep` rolls the committed flag document (`CHECKOUT_FLAGS_PATH`) out from the pipeline.
   * @default - not delivered by a pipeline: Dev and Prod, deployed by CloudFormation
   */
  readonly delivery?: FeatureFlagsDeliveryProps;
  /**
   * Address subscribed to the stack's notifications and to its dashboard's alarm topic.
   * @default 'ops@example.com'
   */
  readonly alarmEmail?: string;
}

/** The pipeline that releases the checkout's flags. */
export interface FeatureFlagsDeliveryProps {
  /** Account of the pipeline (the step assumes a role of this stack's account from there). */
  readonly pipelineAccount: string;
  /** Name of the rollout step. @default 'ReleaseCheckoutFlags' */
  readonly stepName?: string;
}

/**
 * Feature-flags stack: a checkout function deployed blue/green (its own `BlueGreenLambda`) reads
 * the `newCheckout` flag through the AppConfig Agent Lambda extension. The flags roll out to Dev
 * all at once and to Prod with AWS's recommended canary, and AppConfig rolls a Prod rollout back
 * when the checkout's deployment alarms fire: release is separated from deployment, and guarded
 * by the same alarms. Deployment events go to an encrypted topic shown on the checkout's dashboard.
 * The delivery pipeline deploys this stack beside the service in its Prod stage (`delivery`) and
 * releases the flags from its Release stage (`releaseStep`).
 */
export class FeatureFlagsStack extends Stack {
  /** The checkout function, deployed blue/green. */
  public readonly checkout: BlueGreenLambda;
  /** The flags, their environments and rollouts. */
  public readonly flags: FeatureFlags;
  /** The checkout's golden signals, its deployment alarms and the flag deployments. */
  public readonly dashboard: ObservabilityDashboard;
  /** The pipeline step that rolls the flags out to Prod, with `delivery`. */
  public readonly releaseStep?: IPipelineStep;

  constructor(scope: Construct, id: string, props: FeatureFlagsStackProps = {}) {
    super(scope, id, props);

    const alarmEmail = props.alarmEmail ?? 'ops@example.com';
    // The dashboard's alarm topic has a subscriber too (undeliverable alarms kept 14 days).
    this.dashboard = new ObservabilityDashboard(this, 'Observability', { dashboardName: 'gantry-checkout', alarmEmailAddresses: [alarmEmail] });

    // Failed asynchronous invocations of the checkout, to the stack's shared dead-letter queue.
    const deadLetters = SecureDefaults.sharedDeadLetterQueue(this);

    this.checkout = new BlueGreenLambda(this, 'Checkout', {
      functionProps: {
        description: 'Checkout that reads the newCheckout feature flag through the AppConfig Agent extension',
        // Named when a pipeline delivers it: the pipeline's account gates on copies of its alarms, by name.
        functionName: props.delivery ? `${Aws.STACK_NAME}-Checkout` : undefined,
        runtime: lambda.Runtime.NODEJS_24_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline(HANDLER),
        memorySize: 256,
        timeout: Duration.seconds(10),
        tracing: lambda.Tracing.ACTIVE,
        deadLetterQueue: deadLetters,
      },
      deploymentConfig: BlueGreenDeploymentConfig.CANARY_10PERCENT_5MINUTES,
      // Failed deployments to the stack's shared notification topic; the alarms go to the dashboard's.
      notifications: { emailAddresses: [alarmEmail] },
      monitoring: this.dashboard,
    });
    const fn = this.checkout.function as lambda.Function;
    // The dead-letter queue is KMS-encrypted: without the key, SQS refuses the dead letters.
    SecureDefaults.grantSendToEncryptedQueue(fn, deadLetters);
    // The user's own function: its findings are accepted here with reasons true of it (not Gantry's handler reasons).
    const network = 'The checkout\'s code calls only the AppConfig Agent extension on localhost, which fetches the flags from AppConfig\'s public endpoint; in a VPC both would need ENIs and a NAT gateway or an AppConfig endpoint, and would reach nothing more.';
    for (const ruleId of ['NIST.800.53.R5-LambdaInsideVPC', 'HIPAA.Security-LambdaInsideVPC', 'PCI.DSS.321-LambdaInsideVPC']) {
      NagAcknowledgement.add(fn, { ruleId, reason: network });
    }
    const concurrency = 'Lambda keeps 100 of an account\'s concurrency unreserved, so accounts whose quota is 100 or less (as some new accounts\' is) reject any reservation, and a reference stack must deploy to any account; the new version\'s throttle alarm rolls a throttled deployment back.';
    for (const ruleId of ['NIST.800.53.R5-LambdaConcurrency', 'HIPAA.Security-LambdaConcurrency']) {
      NagAcknowledgement.add(fn, { ruleId, reason: concurrency });
    }

    const prod = { name: 'Prod', rollout: FlagRollout.CANARY_10_PERCENT_20_MINUTES, alarmSources: [this.checkout] };
    this.flags = new FeatureFlags(this, 'Flags', {
      applicationName: 'gantry-checkout',
      flags: checkoutFlags(),
      environments: props.delivery ? [prod] : [{ name: 'Dev', rollout: FlagRollout.ALL_AT_ONCE, alarmSources: [this.checkout] }, prod],
      // Delivered by a pipeline, the flags are released by its step, never by a stack update.
      deployWithStack: props.delivery === undefined,
      notifications: { emailAddresses: [alarmEmail] },
      monitoring: this.dashboard,
    });
    this.flags.attachToFunction(fn, 'Prod');
    if (props.delivery) {
      // Made now: the pipeline stage that deploys this stack synthesizes before the pipeline places steps.
      this.releaseStep = this.flags.deployStep('Prod', {
        stepName: props.delivery.stepName ?? 'ReleaseCheckoutFlags',
        configurationPath: CHECKOUT_FLAGS_PATH,
        pipelineAccount: props.delivery.pipelineAccount,
      });
    }
    for (const principal of props.onCallPrincipals ?? []) this.flags.grantEmergencyStop(principal, 'Prod');

    new CfnOutput(this, 'FlagsPath', { value: this.flags.flagsPath('Prod'), description: 'GET http://localhost:2772<path> through the AppConfig Agent' });
    new CfnOutput(this, 'DeploymentEventsTopic', { value: this.flags.eventsTopic!.topicArn });
  }
}
