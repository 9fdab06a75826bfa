import { Duration } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { fail } from '../core';
import { NotificationOptions } from '../core/notification-options';
import { IPipelineStep, PipelineStepContext } from '../core/pipeline-step';
import { ApprovalStep, CodeBuildStep as CodeBuildRun, createStepRole, DeployStacksStep } from './private/steps';
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
  /**
   * Role of the created project. Grant it what the step needs (or use a `CodeBuildStep`, whose
   * `role` exists before the pipeline places it).
   * @default - a role with exactly the step's grants, created when the pipeline places the step
   */
  readonly role?: iam.IRole;
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

  /**
   * A CodeBuild run on the source or the build output. To grant its role things (a registry's
   * `grantPublish`, a bucket's `grantRead`), create a `CodeBuildStep` instead: its role exists at once.
   */
  public static codeBuild(stepName: string, props: CodeBuildStepProps): IPipelineStep {
    return new CodeBuildRun(stepName, props);
  }

  /** CloudFormation templates of the build output, by change set (default) or create-update. */
  public static deployStacks(stepName: string, props: DeployStacksStepProps): IPipelineStep {
    return new DeployStacksStep(stepName, props);
  }
}

/** Properties of a {@link CodeBuildStep}. */
export interface CodeBuildStepConstructProps extends CodeBuildStepProps {
  /** Name of the step, unique within its stage (names its action). @default - the construct's id */
  readonly stepName?: string;
}

/**
 * A CodeBuild step whose role exists from construction, so it can be granted what it needs before
 * the pipeline places it: `registry.grantPublish(step)`, `bucket.grantRead(step)`. Place it in a
 * stage's `pre` or `post`, or with `addSteps`; the pipeline creates its project (encrypted with the
 * artifact key, logging to the pipeline's log group) when it places the step. Create it in the
 * pipeline's stack. Its grants live in a managed policy (no inline policies); the wildcards of the
 * pipeline's own L2 grants on it (artifacts, logs, report groups) are acknowledged by the pipeline.
 */
export class CodeBuildStep extends Construct implements IPipelineStep, iam.IGrantable {
  /** Name of the step (names its action). */
  public readonly stepName: string;
  /** The role the step's project runs with (the given project's, when a project is given). */
  public readonly role?: iam.IRole;
  /** The principal to grant: the step's role (or the given project). */
  public readonly grantPrincipal: iam.IPrincipal;
  private readonly run: CodeBuildRun;

  constructor(scope: Construct, id: string, props: CodeBuildStepConstructProps) {
    super(scope, id);
    this.stepName = props.stepName ?? id;
    if (props.project) {
      if (props.role) fail(this, 'role', props.role.node.path, 'no role with a given project (the step runs with the project\'s own role)');
      this.role = props.project.role;
      this.grantPrincipal = props.project.grantPrincipal;
    } else {
      this.role = props.role ?? createStepRole(this, 'Role', `Runs step ${this.stepName} (${this.node.path})`);
      this.grantPrincipal = this.role.grantPrincipal;
    }
    this.run = new CodeBuildRun(this.stepName, { ...props, role: props.project ? undefined : this.role });
  }

  /** The project the step runs: the given one, or the one created when the pipeline placed the step. @default - none before the pipeline placed the step */
  public get project(): codebuild.IProject | undefined {
    return this.run.project;
  }

  /** The step's CodeBuild action, with a project made for this pipeline (unless a project was given). */
  public produceActions(context: PipelineStepContext): codepipeline.IAction[] {
    return this.run.produceActions(context);
  }
}
