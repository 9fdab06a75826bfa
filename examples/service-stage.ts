import { Stage, StageProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ServiceStack } from './service-stack';

export interface ServiceStageProps extends StageProps {
  /** Address told about the service's alarms. */
  readonly alarmEmail: string;
}

/**
 * The service as a CDK `Stage`, so a pipeline deploys it per environment: the same stack name
 * (`GantryService`) in each target account, so names derived from it (function, alarms) match.
 */
export class ServiceStage extends Stage {
  public readonly service: ServiceStack;

  constructor(scope: Construct, id: string, props: ServiceStageProps) {
    super(scope, id, props);
    this.service = new ServiceStack(this, 'Service', {
      stackName: 'GantryService',
      description: `Gantry reference: the Star Wars counter (${id})`,
      alarmEmail: props.alarmEmail,
    });
  }
}
