import { Duration } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';

/** What Amazon ECS does when nobody continues a paused deployment in time. */
export enum ApprovalTimeoutAction {
  /** Roll the deployment back to the running revision. */
  ROLLBACK = 'ROLLBACK',
  /** Continue the deployment. */
  CONTINUE = 'CONTINUE',
}

/**
 * An approval inside the deployment: Amazon ECS pauses at a lifecycle stage (a pause hook) until
 * someone calls `ContinueServiceDeployment`, or the timeout passes.
 */
export interface DeploymentApprovalProps {
  /**
   * Where the deployment pauses.
   * @default ecs.DeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT (the new revision serves test traffic only)
   */
  readonly stage?: ecs.DeploymentLifecycleStage;

  /**
   * How long the deployment waits: whole minutes, 1 minute to 14 days. With CloudFormation the
   * bake times plus this must stay under its 36-hour operation timeout.
   * @default Duration.hours(4)
   */
  readonly timeout?: Duration;

  /**
   * What happens when the timeout passes.
   * @default ApprovalTimeoutAction.ROLLBACK
   */
  readonly timeoutAction?: ApprovalTimeoutAction;

  /**
   * Send a notification (naming the service, the stage and the command that continues it) to the
   * encrypted deployment topic when the deployment pauses (with the service's `notifications` on).
   * @default true
   */
  readonly notify?: boolean;
}
