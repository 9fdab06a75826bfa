import { CfnCapabilities, Duration, Stage } from 'aws-cdk-lib';
import { DeployMode, StageApprovalProps } from './types';
import { IDeploymentAlarmSource } from '../core/contracts/monitoring';
import { IPipelineStep } from '../core/contracts/pipeline-step';

/**
 * How `PipelineWithApproval.addStage` deploys a CDK `Stage`. Stacks, template paths, roles,
 * account and region come from the stage's cloud assembly, read at synth.
 */
export interface AddStageOptions {
  /** Name of the pipeline stage. @default - the CDK stage's `stageName` */
  readonly stageName?: string;
  /** How every stack of the stage is deployed. @default DeployMode.CHANGE_SET */
  readonly mode?: DeployMode;
  /**
   * Manual approval between creating the change sets and executing them (with
   * `DeployMode.CHANGE_SET`): the approver reads a digest of the change sets of the first wave (the
   * stacks with no dependency in the stage). A dependent stack's change set is created only after
   * its dependencies executed (it may import an export they add), so it comes after the approval
   * and executes without a second review; put a `StageStep.approval(...)` in `post` or split the
   * stage to review it too. For an approval before anything else, put `StageStep.approval(...)` in `pre`.
   * @default - no approval
   */
  readonly approval?: StageApprovalProps;
  /** Steps run before the stacks deploy, one after the other (tests, approvals, contributed steps). @default - none */
  readonly pre?: IPipelineStep[];
  /** Steps run after every stack deployed, one after the other. @default - none */
  readonly post?: IPipelineStep[];
  /**
   * Gate the stage on the alarms of every `IDeploymentAlarmSource` found inside the stage (for
   * example each `BlueGreenLambda`), read at synth so alarms added later count too. In another
   * account of the pipeline's region, the gates are copies of the sources' `deploymentGateAlarms`
   * in the pipeline's stack, on the stage account's metrics (an OAM sink in the pipeline's stack,
   * a link in one stack of the stage per account).
   * @default true
   */
  readonly gateOnStageAlarms?: boolean;
  /** Further alarm sources the stage is gated on. @default - none */
  readonly alarmSources?: IDeploymentAlarmSource[];
  /** How long gate alarms may take to leave ALARM before the rollback engages (1-60 minutes). @default Duration.minutes(5) */
  readonly alarmWaitTime?: Duration;
  /** Roll the stage back to the last successful execution when it fails. @default - true when the stage is gated, false otherwise */
  readonly rollbackOnFailure?: boolean;
  /** Capabilities acknowledged for every stack. @default [CfnCapabilities.NAMED_IAM, CfnCapabilities.AUTO_EXPAND] */
  readonly capabilities?: CfnCapabilities[];
}

/** A CDK `Stage` deployed by the pipeline (the props form of `addStage`). */
export interface CdkStageDeploymentProps extends AddStageOptions {
  /** The CDK stage; every stack in it is deployed. */
  readonly stage: Stage;
}
