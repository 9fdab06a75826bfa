import { CfnCapabilities, Duration } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IDeploymentAlarmSource } from '../core/monitoring';
import { NotificationOptions } from '../core/notification-options';

/** Test report file formats CodeBuild report groups accept. */
export enum TestReportFormat {
  JUNIT_XML = 'JUNITXML',
  CUCUMBER_JSON = 'CUCUMBERJSON',
  TESTNG_XML = 'TESTNGXML',
  NUNIT_XML = 'NUNITXML',
  NUNIT3_XML = 'NUNIT3XML',
  VISUAL_STUDIO_TRX = 'VISUALSTUDIOTRX',
}

/** A test report: a CodeBuild report group fed from the build's result files. */
export interface TestReportProps {
  /** Name of the report (letters, digits, `-` and `_`); also names the report group's construct. */
  readonly name: string;
  /** Result files, relative to `baseDirectory`, e.g. `['**\/junit.xml']`. */
  readonly files: string[];
  /** Directory the files are relative to. @default - the build's working directory */
  readonly baseDirectory?: string;
  /** Format of the files. @default TestReportFormat.JUNIT_XML */
  readonly format?: TestReportFormat;
}

/** The build-and-test step: one CodeBuild project run by the pipeline's Build stage. */
export interface BuildStepProps {
  /**
   * Build spec as an object (as in `buildspec.yml`). Its `artifacts` section decides what the
   * deploy stages receive (templates are read from this output).
   * @default - `buildSpecFile` when set, otherwise `npm ci && npx cdk synth` with `cdk.out` as output
   */
  readonly buildSpec?: { [key: string]: any };
  /** Path of a build spec file in the source instead of `buildSpec`. @default - none */
  readonly buildSpecFile?: string;
  /** Build image. @default codebuild.LinuxBuildImage.STANDARD_7_0 */
  readonly buildImage?: codebuild.IBuildImage;
  /** Compute type. @default codebuild.ComputeType.SMALL */
  readonly computeType?: codebuild.ComputeType;
  /**
   * Privileged mode (needed to build Docker images). Switched on automatically when
   * `publishContainerAssets` is set.
   * @default false
   */
  readonly privileged?: boolean;
  /**
   * Environment variables: plaintext, SSM parameter (`PARAMETER_STORE`: value is the parameter
   * name) or Secrets Manager secret (`SECRETS_MANAGER`: value is the secret name or ARN). The
   * build role is granted read on exactly those parameters and secrets.
   * @default - none
   */
  readonly environmentVariables?: { [name: string]: codebuild.BuildEnvironmentVariable };
  /** Build cache (S3 or local). @default - no cache */
  readonly cache?: codebuild.Cache;
  /** VPC to run the build in. @default - no VPC */
  readonly vpc?: ec2.IVpc;
  /** Subnets in `vpc`. @default - private subnets */
  readonly subnetSelection?: ec2.SubnetSelection;
  /** Security groups in `vpc`. @default - one is created */
  readonly securityGroups?: ec2.ISecurityGroup[];
  /** Build timeout (5 minutes to 36 hours). @default Duration.hours(1) */
  readonly timeout?: Duration;
  /** Test reports (needs an object `buildSpec`, to which the `reports` section is added). @default - none */
  readonly testReports?: TestReportProps[];
  /**
   * The build synthesizes a CDK app: after the build commands, the asset manifests of exactly
   * the stacks this pipeline deploys (CDK stages' nested assemblies included; for `stages`, the
   * manifest beside each template) are published with `cdk-assets` to the bootstrapped bucket /
   * repository of each target, through the publishing roles the manifests name (the build role
   * may assume exactly those). No self-mutation stage and no stage per asset.
   * @default - true when neither `buildSpec` nor `buildSpecFile` is given (the default build synthesizes a CDK app)
   */
  readonly publishCdkAssets?: boolean;
  /** Also publish container image assets (switches on privileged mode). @default false */
  readonly publishContainerAssets?: boolean;
  /**
   * Version of cdk-assets the default publishing runs (pinned, so every build publishes the same
   * way; npx runs the project's own copy when it has this version).
   * @default - the version Gantry was tested with
   */
  readonly cdkAssetsVersion?: string;
  /** Cloud assembly directory of the CDK app, relative to the source root. @default 'cdk.out' */
  readonly cdkOutDir?: string;
}

/** How a stack is deployed. */
export enum DeployMode {
  /** Create a change set, then execute it (the review pattern; a digest and approval may sit between). */
  CHANGE_SET = 'CHANGE_SET',
  /** Create or update the stack directly. */
  CREATE_UPDATE = 'CREATE_UPDATE',
}

/** One CloudFormation stack deployed by a stage. */
export interface DeployStackProps {
  /** Name of the stack in the target account and region. */
  readonly stackName: string;
  /** Path of the template in the build output, e.g. `MyApp-Prod.template.json`. */
  readonly templatePath: string;
  /** Path of a template configuration file in the build output. @default - none */
  readonly templateConfigurationPath?: string;
  /** How to deploy. @default DeployMode.CHANGE_SET */
  readonly mode?: DeployMode;
  /** Name of the change set. @default 'PipelineChange' */
  readonly changeSetName?: string;
  /** Capabilities to acknowledge. @default [CfnCapabilities.NAMED_IAM, CfnCapabilities.AUTO_EXPAND] */
  readonly capabilities?: CfnCapabilities[];
  /** Template parameter overrides. @default - none */
  readonly parameterOverrides?: { [name: string]: any };
  /**
   * Order within the stage: stacks with the same `runOrder` deploy in parallel, lower first.
   * @default 1
   */
  readonly runOrder?: number;
}

/** A deploy stage: one or more stacks in one account and region. */
export interface DeployStageProps {
  /** Stage name (unique in the pipeline; letters, digits and `.@-_`). */
  readonly stageName: string;
  /** The stacks to deploy. */
  readonly stacks: DeployStackProps[];
  /** Target account (12 digits). @default - the pipeline's account */
  readonly account?: string;
  /** Target region. @default - the pipeline's region */
  readonly region?: string;
  /**
   * Role CodePipeline assumes to run the CloudFormation actions (and the digest, to describe
   * change sets) in the target account.
   * @default - the CDK bootstrap deploy role `cdk-<qualifier>-deploy-role-<account>-<region>` for another account; the pipeline role otherwise
   */
  readonly deployRole?: iam.IRole;
  /**
   * Role CloudFormation uses to create the stack's resources (passed with `iam:PassRole`).
   * @default - the CDK bootstrap execution role `cdk-<qualifier>-cfn-exec-role-<account>-<region>` of the target
   */
  readonly cloudFormationExecutionRole?: iam.IRole;
  /**
   * Alarm sources (e.g. a `BlueGreenLambda`): when one of their alarms is in ALARM after the stage
   * succeeded, the stage rolls back to the last successful execution (stage condition on success).
   * At most 5 alarms per stage.
   * @default - no alarm gate
   */
  readonly alarmSources?: IDeploymentAlarmSource[];
  /** How long alarms may take to leave ALARM before the rollback engages. @default Duration.minutes(5) */
  readonly alarmWaitTime?: Duration;
  /**
   * Roll the stage back to the last successful execution when it fails.
   * @default - true when the stage has alarm sources, false otherwise
   */
  readonly rollbackOnFailure?: boolean;
}

/** A manual approval of a stage: what the approver sees, who is told, who may approve. */
export interface StageApprovalProps {
  /** Name of the approval action. @default 'Approve' */
  readonly actionName?: string;
  /** Comment shown to the approver (the change-set digest's summary is appended). @default - a comment naming the stage */
  readonly comment?: string;
  /**
   * Review URL shown to the approver.
   * @default - the change-set digest's report when the stage deploys change sets, otherwise none
   */
  readonly reviewUrl?: string;
  /**
   * Where CodePipeline notifies that this approval waits (the approval action's topic): a given
   * topic, or the stack's shared notification topic, with `emailAddresses` subscribed. Replaces
   * `notificationTopic` and `notifyEmails` of 0.x (rejected with a pointer here).
   * @default - the approval notifies no topic of its own (the pipeline's `notifications` tell of waiting approvals)
   */
  readonly notifications?: NotificationOptions;
  /**
   * Principals allowed to approve or reject, granted what `grantApproval` grants.
   * @default - none (grant later with `grantApproval`)
   */
  readonly approvers?: iam.IGrantable[];
  /** How long the approval waits (5 minutes to 60 days). @default Duration.days(7) (the CodePipeline default) */
  readonly timeout?: Duration;
  /** Describe the stage's change sets before the approval and link the digest as review URL. @default true */
  readonly changeSetDigest?: boolean;
}

/** A manual approval placed before a deploy stage of the `stages` prop. */
export interface ApprovalGateProps extends StageApprovalProps {
  /** Name of the deploy stage the approval guards. */
  readonly beforeStage: string;
}

/** A filter on Git push events of the connection source (V2 trigger). */
export interface GitPushFilterProps {
  /** Branch globs that start the pipeline. @default - any */
  readonly branchesIncludes?: string[];
  /** Branch globs that do not. @default - none */
  readonly branchesExcludes?: string[];
  /** File path globs that start the pipeline. @default - any */
  readonly filePathsIncludes?: string[];
  /** File path globs that do not. @default - none */
  readonly filePathsExcludes?: string[];
  /** Tag globs that start the pipeline (a tag filter cannot be combined with branches or file paths). @default - none */
  readonly tagsIncludes?: string[];
  /** Tag globs that do not. @default - none */
  readonly tagsExcludes?: string[];
}

/** Pull request events a trigger reacts to. */
export enum PullRequestEvent {
  OPEN = 'OPEN',
  UPDATED = 'UPDATED',
  CLOSED = 'CLOSED',
}

/** A filter on pull request events of the connection source (V2 trigger). */
export interface GitPullRequestFilterProps {
  /** Events. @default [OPEN, UPDATED, CLOSED] */
  readonly events?: PullRequestEvent[];
  /** Target branch globs. @default - any */
  readonly branchesIncludes?: string[];
  /** Target branch globs excluded. @default - none */
  readonly branchesExcludes?: string[];
  /** File path globs. @default - any */
  readonly filePathsIncludes?: string[];
  /** File path globs excluded. @default - none */
  readonly filePathsExcludes?: string[];
}

/** V2 trigger of the connection source. */
export interface GitTriggerProps {
  /** Push filters (at most 3). @default - none */
  readonly push?: GitPushFilterProps[];
  /** Pull request filters (at most 3). @default - none */
  readonly pullRequest?: GitPullRequestFilterProps[];
}

/** A pipeline-level variable (V2). */
export interface PipelineVariableProps {
  /** Name (letters, digits, `@-_`, up to 128 characters). */
  readonly name: string;
  /** Default value. @default - none: a value must be given when the execution starts */
  readonly defaultValue?: string;
  /** Description. @default - none */
  readonly description?: string;
}

/** Execution states the notification topic hears about. */
export enum PipelineExecutionState {
  FAILED = 'FAILED',
  CANCELED = 'CANCELED',
  SUCCEEDED = 'SUCCEEDED',
  SUPERSEDED = 'SUPERSEDED',
}

/**
 * Notifications of pipeline executions and approvals (EventBridge rules to a topic): the common
 * `NotificationOptions` (topic, addresses, enabled) and what to notify. `emails` of 0.x is
 * rejected with a pointer to `emailAddresses`.
 */
export interface PipelineNotificationProps extends NotificationOptions {
  /** Execution states notified. @default [FAILED, CANCELED] */
  readonly executionStates?: PipelineExecutionState[];
  /** Notify when an approval is waiting. @default true */
  readonly approvalNeeded?: boolean;
}
