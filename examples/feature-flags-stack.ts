import { CfnOutput, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { BlueGreenDeploymentConfig, BlueGreenLambda, FeatureFlag, FeatureFlags, FlagAttribute, FlagRollout, NagAcknowledgement, ObservabilityDashboard } from '../constructs';
import { secureDeadLetterQueue, secureKey } from '../constructs/core';

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
}

/**
 * Feature-flags stack: a checkout function deployed blue/green (its own `BlueGreenLambda`) reads
 * the `newCheckout` flag through the AppConfig Agent Lambda extension. The flags roll out to Dev
 * all at once and to Prod with AWS's recommended canary, and AppConfig rolls a Prod rollout back
 * when the checkout's deployment alarms fire: release is separated from deployment, and guarded
 * by the same alarms. Deployment events go to an encrypted topic shown on the checkout's dashboard.
 * The delivery pipeline can place
 * `flags.deployStep('Prod')` after the service's Prod stage.
 */
export class FeatureFlagsStack extends Stack {
  /** The checkout function, deployed blue/green. */
  public readonly checkout: BlueGreenLambda;
  /** The flags, their environments and rollouts. */
  public readonly flags: FeatureFlags;
  /** The checkout's golden signals, its deployment alarms and the flag deployments. */
  public readonly dashboard: ObservabilityDashboard;

  constructor(scope: Construct, id: string, props: FeatureFlagsStackProps = {}) {
    super(scope, id, props);

    this.dashboard = new ObservabilityDashboard(this, 'Observability', { dashboardName: 'gantry-checkout' });

    const deadLettersKey = secureKey(this, 'DeadLettersKey', 'Encrypts failed asynchronous invocations of the checkout');
    const deadLetters = secureDeadLetterQueue(this, 'DeadLetters', deadLettersKey, 'This queue is itself a dead-letter queue; a DLQ of a DLQ adds nothing.');

    this.checkout = new BlueGreenLambda(this, 'Checkout', {
      functionProps: {
        description: 'Checkout that reads the newCheckout feature flag through the AppConfig Agent extension',
        runtime: lambda.Runtime.NODEJS_24_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline(HANDLER),
        memorySize: 256,
        timeout: Duration.seconds(10),
        tracing: lambda.Tracing.ACTIVE,
        deadLetterQueue: deadLetters,
      },
      deploymentConfig: BlueGreenDeploymentConfig.CANARY_10PERCENT_5MINUTES,
      monitoring: this.dashboard,
    });
    const fn = this.checkout.function as lambda.Function;
    // The user's own function: its findings are accepted here with reasons true of it (not Gantry's handler reasons).
    const network = 'The checkout\'s code calls only the AppConfig Agent extension on localhost, which fetches the flags from AppConfig\'s public endpoint; in a VPC both would need ENIs and a NAT gateway or an AppConfig endpoint, and would reach nothing more.';
    for (const ruleId of ['NIST.800.53.R5-LambdaInsideVPC', 'HIPAA.Security-LambdaInsideVPC', 'PCI.DSS.321-LambdaInsideVPC']) {
      NagAcknowledgement.add(fn, { ruleId, reason: network });
    }
    const concurrency = 'Lambda keeps 100 of an account\'s concurrency unreserved, so accounts whose quota is 100 or less (as some new accounts\' is) reject any reservation, and a reference stack must deploy to any account; the new version\'s throttle alarm rolls a throttled deployment back.';
    for (const ruleId of ['NIST.800.53.R5-LambdaConcurrency', 'HIPAA.Security-LambdaConcurrency']) {
      NagAcknowledgement.add(fn, { ruleId, reason: concurrency });
    }

    this.flags = new FeatureFlags(this, 'Flags', {
      applicationName: 'gantry-checkout',
      flags: checkoutFlags(),
      environments: [
        { name: 'Dev', rollout: FlagRollout.ALL_AT_ONCE, alarmSources: [this.checkout] },
        { name: 'Prod', rollout: FlagRollout.CANARY_10_PERCENT_20_MINUTES, alarmSources: [this.checkout] },
      ],
      monitoring: this.dashboard,
    });
    this.flags.attachToFunction(fn, 'Prod');
    for (const principal of props.onCallPrincipals ?? []) this.flags.grantEmergencyStop(principal, 'Prod');

    new CfnOutput(this, 'FlagsPath', { value: this.flags.flagsPath('Prod'), description: 'GET http://localhost:2772<path> through the AppConfig Agent' });
    new CfnOutput(this, 'DeploymentEventsTopic', { value: this.flags.eventsTopic!.topicArn });
  }
}
