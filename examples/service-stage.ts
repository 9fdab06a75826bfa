import { Stage, StageProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { FeatureFlagsDeliveryProps, FeatureFlagsStack } from './feature-flags-stack';
import { ServiceStack } from './service-stack';

export interface ServiceStageProps extends StageProps {
  /** Address told about the service's alarms. */
  readonly alarmEmail: string;
  /**
   * Deploy the checkout and its feature flags beside the service (stack `GantryFeatureFlags`),
   * released by the pipeline that deploys the stage.
   * @default - no checkout in the stage
   */
  readonly checkout?: FeatureFlagsDeliveryProps;
}

/**
 * The service as a CDK `Stage`, so a pipeline deploys it per environment: the same stack name
 * (`GantryService`) in each target account, so names derived from it (function, alarms) match.
 */
export class ServiceStage extends Stage {
  public readonly service: ServiceStack;
  /** The checkout reading its feature flags in this stage's account, when `checkout` is set. */
  public readonly checkout?: FeatureFlagsStack;

  constructor(scope: Construct, id: string, props: ServiceStageProps) {
    super(scope, id, props);
    this.service = new ServiceStack(this, 'Service', {
      stackName: 'GantryService',
      description: `Gantry reference: the Star Wars counter (${id})`,
      alarmEmail: props.alarmEmail,
    });
    if (props.checkout) {
      this.checkout = new FeatureFlagsStack(this, 'Checkout', {
        stackName: 'GantryFeatureFlags',
        description: `Gantry reference: the checkout and its feature flags, released by the pipeline (${id})`,
        delivery: props.checkout,
        alarmEmail: props.alarmEmail,
      });
    }
  }
}
