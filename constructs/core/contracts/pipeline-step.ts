import { Stack } from 'aws-cdk-lib';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * What a pipeline hands a step when it places the step's actions in a stage.
 */
export interface PipelineStepContext {
  /**
   * Scope for any supporting resources the step creates (in the pipeline's stack), e.g. a role
   * or a state machine. Use ids unique to the step: the scope is shared by the stage's steps.
   */
  readonly scope: Construct;
  /** Name of the stage the step is placed in. */
  readonly stageName: string;
  /** `runOrder` of the step's first action; later actions of the step use higher numbers. */
  readonly runOrder: number;
  /** The pipeline's source artifact (the repository as checked out). */
  readonly sourceArtifact: codepipeline.Artifact;
  /** The build step's output artifact (the synthesized cloud assembly for a CDK app). */
  readonly buildArtifact: codepipeline.Artifact;
  /** The account the stage deploys to, when known (a stage of a CDK `Stage`). @default - the pipeline's account */
  readonly account?: string;
  /** The region the stage deploys to, when known. @default - the pipeline's region */
  readonly region?: string;
  /**
   * The key of the pipeline's artifacts: a step creating a CodeBuild project encrypts with it.
   * @default - none (the artifact bucket has no customer-managed key)
   */
  readonly artifactKey?: kms.IKey;
  /** The pipeline's log group, for the logs of projects a step creates. @default - none */
  readonly logGroup?: logs.ILogGroup;
  /**
   * Outputs of the stacks the pipeline deployed before this step, as CodePipeline variables: a
   * step reads an id of a stack in another stage (another account, even) this way, with no
   * CloudFormation export and no dependency between the stacks.
   * @default - none (the pipeline exports no stack outputs as variables)
   */
  readonly stackOutputs?: IStackOutputVariables;
}

/**
 * Outputs of stacks a pipeline deployed, read by later actions of the same execution. A
 * CloudFormation deploy action with a namespace exports the stack's outputs as variables
 * `#{Namespace.OutputKey}` (see `Limits.codePipeline.variableNamespacePattern`); the pipeline
 * gives that deploy action a namespace when a step asks for one of its outputs.
 */
export interface IStackOutputVariables {
  /**
   * The output `outputKey` (its logical id) of `stack` as a variable reference, when the pipeline
   * deploys `stack` before the step; undefined otherwise. The output must exist when the stack's
   * stage synthesizes (create the `CfnOutput` at construction, not while producing actions).
   */
  variableOf(stack: Stack, outputKey: string): string | undefined;
}

/**
 * Anything that contributes actions to a pipeline stage (an approval, a CodeBuild test, an
 * AppConfig rollout, a chaos experiment), so `PipelineWithApproval` can run it without knowing
 * its class. The pipeline gives each step a `runOrder` and places the step's actions from it.
 */
export interface IPipelineStep {
  /** Name of the step, unique within its stage; names its actions. */
  readonly stepName: string;

  /**
   * Create the step's actions. Actions that run one after another use increasing `runOrder`
   * values starting at `context.runOrder`; actions that may run together share one.
   */
  produceActions(context: PipelineStepContext): codepipeline.IAction[];
}
