import { Stage, StageProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ContainerServiceStack } from './container-service-stack';

/**
 * The container service as a CDK `Stage`, so the delivery pipeline deploys it and gates the stage
 * on its health alarm (found in the stage: the alarm names follow the stack name).
 */
export class ContainerServiceStage extends Stage {
  public readonly service: ContainerServiceStack;

  constructor(scope: Construct, id: string, props: StageProps = {}) {
    super(scope, id, props);
    this.service = new ContainerServiceStack(this, 'ContainerService', {
      stackName: 'GantryContainerService',
      description: `Gantry reference: the container service (${id})`,
    });
  }
}
