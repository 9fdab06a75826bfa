import { Duration } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NotificationOptions } from '../core/notification-options';
import { IPipelineStep } from '../core/pipeline-step';
import { ApprovalStep, CodeBuildStep, DeployStacksStep } from './private/steps';
import { DeployStackProps } from './types';

/** A manual approval that can stand anywhere in a stage (`pre` or `post`). */
export interface ApprovalStepProps {
  /** Comment shown to the approver. @default - a comment naming the stage */
  readonly comment?: string;
  /** Review URL shown to the approver. @default - none */
  readonly reviewUrl?: string;
  /**
   * Where CodePipeline notifies that this approval waits: a given topic, or the stack's shared
   * notification topic, with `emailAddresses` subscribed. Replaces `notificationTopic` of 0.x.
   * @default - no notification of its own
   */
  readonly notifications?: NotificationOptions;
  /**
   * Principals allowed to approve or reject, granted exactly what `grantApproval` grants.
   * @default - none (grant later with `grantApproval`)
   */
  readonly approvers?: iam.IGrantable[];
  /** How long the approval waits (5 minutes to 60 days). @default Duration.days(7) (the CodePipeline default) */
  readonly timeout?: Duration;
}

/** Which artifact a CodeBuild step works on. */
export enum StepInput {
  /** The source as checked out. */
  SOURCE = 'SOURCE',
  /** The build step's output (the cloud assembly of a CDK app). */
  BUILD = 'BUILD',
}

/** A CodeBuild step (integration tests, smoke tests, a release command). */
export interface CodeBuildStepProps {
  /** Build spec as an object (as in `buildspec.yml`); give either this or `project`. @default - none */
  readonly buildSpec?: { [key: string]: any };
  /** An existing project to run instead of creating one. @default - a project is created from `buildSpec` */
  readonly project?: codebuild.IProject;
  /** The artifact the step works on. @default StepInput.BUILD */
  readonly input?: StepInput;
  /** Environment variables of this run. @default - none */
  readonly environmentVariables?: { [name: string]: codebuild.BuildEnvironmentVariable };
  /** Permissions of the created project's role (exact actions and resources). @default - none beyond logs and artifacts */
  readonly rolePolicyStatements?: iam.PolicyStatement[];
  /** Build image of the created project. @default codebuild.LinuxBuildImage.STANDARD_7_0 */
  readonly buildImage?: codebuild.IBuildImage;
  /** Timeout of the created project (5 minutes to 36 hours). @default Duration.hours(1) */
  readonly timeout?: Duration;
}

/** Plain CloudFormation templates of the build output deployed as a step. */
export interface DeployStacksStepProps {
  /** The stacks, in order of their `runOrder`. */
  readonly stacks: DeployStackProps[];
  /** Target account (12 digits). @default - the stage's account, else the pipeline's */
  readonly account?: string;
  /** Target region. @default - the stage's region, else the pipeline's */
  readonly region?: string;
  /** Role CodePipeline assumes for the CloudFormation actions. @default - the pipeline role */
  readonly deployRole?: iam.IRole;
  /**
   * Role CloudFormation uses to create the resources.
   * @default - the CDK bootstrap execution role `cdk-<qualifier>-cfn-exec-role-<account>-<region>` of the target
   */
  readonly cloudFormationExecutionRole?: iam.IRole;
  /** CDK bootstrap qualifier of the target. @default 'hnb659fds' */
  readonly bootstrapQualifier?: string;
}

/**
 * Steps a stage runs before (`pre`) or after (`post`) its stacks. Each factory returns an
 * `IPipelineStep`, like the steps other constructs contribute (feature flags, chaos experiments).
 */
export abstract class StageStep {
  /** A manual approval. */
  public static approval(stepName: string, props: ApprovalStepProps = {}): IPipelineStep {
    return new ApprovalStep(stepName, props);
  }

  /** A CodeBuild run on the source or the build output. */
  public static codeBuild(stepName: string, props: CodeBuildStepProps): IPipelineStep {
    return new CodeBuildStep(stepName, props);
  }

  /** CloudFormation templates of the build output, by change set (default) or create-update. */
  public static deployStacks(stepName: string, props: DeployStacksStepProps): IPipelineStep {
    return new DeployStacksStep(stepName, props);
  }
}
