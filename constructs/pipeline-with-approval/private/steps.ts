import { Aws, CfnCapabilities, Duration, Stack, Token } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import {
  checkRange, fail, Limits, ManagedPolicyRole, resolveNotifications, suppressNagFindings, withoutDefaultCodeBuildLogGroup, withoutNamedReportGroups,
} from '../../core';
import { IPipelineStep, PipelineStepContext } from '../../core/contracts/pipeline-step';
import type { ApprovalStepProps, CodeBuildStepProps, DeployStacksStepProps } from '../steps';
import { DeployMode } from '../types';

const STEP_INPUT_BUILD = 'BUILD';

/** A manual approval; the pipeline grants its approvers (it knows the action's ARN). */
export class ApprovalStep implements IPipelineStep {
  constructor(public readonly stepName: string, public readonly props: ApprovalStepProps) {}

  public produceActions(context: PipelineStepContext): codepipeline.IAction[] {
    const timeout = this.props.timeout;
    if (timeout !== undefined) {
      const cp = Limits.codePipeline;
      checkRange(context.scope, `steps[${this.stepName}].timeout`, timeout.toMinutes({ integral: false }), cp.minApprovalTimeoutMinutes, cp.maxApprovalTimeoutMinutes, { unit: 'minutes' });
    }
    return [new actions.ManualApprovalAction({
      actionName: this.stepName,
      additionalInformation: this.props.comment ?? `Approve ${context.stageName}.`,
      externalEntityLink: this.props.reviewUrl,
      notificationTopic: this.props.notifications === undefined ? undefined
        : resolveNotifications(context.scope, `steps[${this.stepName}].notifications`, this.props.notifications, []),
      timeout: this.props.timeout,
      runOrder: context.runOrder,
    })];
  }
}

/** Roles made for CodeBuild steps (by the step or its construct): the pipeline acknowledges their L2 grant wildcards. */
const STEP_ROLES = new WeakSet<iam.IRole>();

/** Whether a role was made by Gantry for a CodeBuild step (not given by the user). */
export function isStepRole(role: iam.IRole | undefined): role is ManagedPolicyRole {
  return role instanceof ManagedPolicyRole && STEP_ROLES.has(role);
}

/** A role for a CodeBuild step: grants in a managed policy (no inline policies). */
export function createStepRole(scope: Construct, id: string, description: string): ManagedPolicyRole {
  const role = new ManagedPolicyRole(scope, id, { description, assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
  STEP_ROLES.add(role);
  return role;
}

/** A CodeBuild run, on a given project or one created from a build spec with a least-privilege role. */
export class CodeBuildStep implements IPipelineStep {
  private createdProject?: codebuild.PipelineProject;

  constructor(public readonly stepName: string, private readonly props: CodeBuildStepProps) {}

  /** The project the step runs: the given one, or the one it created when the pipeline placed it (the last, when placed twice). */
  public get project(): codebuild.IProject | undefined {
    return this.props.project ?? this.createdProject;
  }

  public produceActions(context: PipelineStepContext): codepipeline.IAction[] {
    const p = this.props;
    const prop = `steps[${this.stepName}]`;
    if (!!p.project === !!p.buildSpec) fail(context.scope, `${prop}.buildSpec`, p.buildSpec ? 'buildSpec and project' : 'neither', 'exactly one of buildSpec and project');
    if (p.project && (p.rolePolicyStatements || p.buildImage || p.timeout || p.role)) {
      fail(context.scope, `${prop}.project`, p.project.node.path, 'role, rolePolicyStatements, buildImage and timeout only for a project the step creates (from buildSpec)');
    }
    if (p.timeout !== undefined) {
      checkRange(context.scope, `${prop}.timeout`, p.timeout.toMinutes({ integral: false }), Limits.codeBuild.minTimeoutMinutes, Limits.codeBuild.maxTimeoutMinutes, { unit: 'minutes' });
    }
    if (p.project === undefined) this.createdProject = this.createProject(context);
    const project = this.project!;
    return [new actions.CodeBuildAction({
      actionName: this.stepName,
      project,
      input: (p.input ?? STEP_INPUT_BUILD) === STEP_INPUT_BUILD ? context.buildArtifact : context.sourceArtifact,
      environmentVariables: p.environmentVariables,
      runOrder: context.runOrder,
    })];
  }

  private createProject(context: PipelineStepContext): codebuild.PipelineProject {
    const scope = new Construct(context.scope, `${context.stageName}${this.stepName}Step`);
    const role = this.props.role ?? createStepRole(scope, 'Role', `Runs step ${this.stepName} of stage ${context.stageName} in ${context.scope.node.path}`);
    for (const statement of this.props.rolePolicyStatements ?? []) role.addToPrincipalPolicy(statement);
    // A role Gantry made, for a project logging to the pipeline's log group: not to CodeBuild's default one.
    if (context.logGroup && isStepRole(role)) withoutDefaultCodeBuildLogGroup(role);
    // Nor any report group named after the project, when its build spec names none.
    const reportKeys = Object.keys(this.props.buildSpec?.reports ?? {});
    if (isStepRole(role) && reportKeys.every((k) => Token.isUnresolved(k) || k.startsWith('arn:'))) withoutNamedReportGroups(role);
    const project = new codebuild.PipelineProject(scope, 'Project', {
      description: `Step ${this.stepName} of stage ${context.stageName} in ${context.scope.node.path}`,
      role,
      buildSpec: codebuild.BuildSpec.fromObject(this.props.buildSpec!),
      environment: { buildImage: this.props.buildImage ?? codebuild.LinuxBuildImage.STANDARD_7_0, computeType: codebuild.ComputeType.SMALL },
      timeout: this.props.timeout ?? Duration.hours(1),
      encryptionKey: context.artifactKey,
      logging: context.logGroup ? { cloudWatch: { logGroup: context.logGroup, prefix: this.stepName } } : undefined,
    });
    const noRepository = 'Source type CODEPIPELINE: no repository URL or credentials, so no OAuth.';
    suppressNagFindings(project, [
      { id: 'HIPAA.Security-CodeBuildProjectSourceRepoUrl', reason: noRepository },
      { id: 'PCI.DSS.321-CodeBuildProjectSourceRepoUrl', reason: noRepository },
    ]);
    return project;
  }
}

/** Plain templates of the build output, change set (prepare, execute) or create-update. */
export class DeployStacksStep implements IPipelineStep {
  constructor(public readonly stepName: string, private readonly props: DeployStacksStepProps) {}

  public produceActions(context: PipelineStepContext): codepipeline.IAction[] {
    const p = this.props;
    const pipelineStack = Stack.of(context.scope);
    const account = p.account ?? context.account;
    const region = p.region ?? context.region;
    const targetAccount = account ?? pipelineStack.account;
    const targetRegion = region ?? pipelineStack.region;
    const qualifier = p.bootstrapQualifier ?? 'hnb659fds';
    const executionRole = p.cloudFormationExecutionRole ?? iam.Role.fromRoleArn(context.scope, `${context.stageName}${this.stepName}ExecutionRole`,
      `arn:${Aws.PARTITION}:iam::${targetAccount}:role/cdk-${qualifier}-cfn-exec-role-${targetAccount}-${targetRegion}`, { mutable: false });
    if (p.stacks.length === 0) fail(context.scope, `steps[${this.stepName}].stacks`, p.stacks, 'at least one stack');
    const orders = Array.from(new Set(p.stacks.map((s) => s.runOrder ?? 1))).sort((a, b) => a - b);
    const produced: codepipeline.IAction[] = [];
    let next = context.runOrder;
    for (const order of orders) {
      const group = p.stacks.filter((s) => (s.runOrder ?? 1) === order);
      const changeSets = group.filter((s) => (s.mode ?? DeployMode.CHANGE_SET) === DeployMode.CHANGE_SET);
      const common = (s: (typeof group)[number], runOrder: number) => ({
        stackName: s.stackName,
        templatePath: context.buildArtifact.atPath(s.templatePath),
        templateConfiguration: s.templateConfigurationPath ? context.buildArtifact.atPath(s.templateConfigurationPath) : undefined,
        adminPermissions: false,
        cfnCapabilities: s.capabilities ?? [CfnCapabilities.NAMED_IAM, CfnCapabilities.AUTO_EXPAND],
        parameterOverrides: s.parameterOverrides,
        account,
        region,
        role: p.deployRole,
        deploymentRole: executionRole,
        runOrder,
      });
      for (const s of changeSets) {
        produced.push(new actions.CloudFormationCreateReplaceChangeSetAction({
          actionName: `${this.stepName}-Prepare-${s.stackName}`, changeSetName: s.changeSetName ?? 'PipelineChange', ...common(s, next),
        }));
      }
      if (changeSets.length > 0) next++;
      for (const s of group) {
        produced.push((s.mode ?? DeployMode.CHANGE_SET) === DeployMode.CHANGE_SET
          ? new actions.CloudFormationExecuteChangeSetAction({
            actionName: `${this.stepName}-Execute-${s.stackName}`,
            stackName: s.stackName,
            changeSetName: s.changeSetName ?? 'PipelineChange',
            account,
            region,
            role: p.deployRole,
            runOrder: next,
          })
          : new actions.CloudFormationCreateUpdateStackAction({ actionName: `${this.stepName}-Deploy-${s.stackName}`, ...common(s, next) }));
      }
      next++;
    }
    return produced;
  }
}
