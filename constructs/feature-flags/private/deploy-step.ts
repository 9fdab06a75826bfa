import { createHash } from 'crypto';
import { Aws, Stack, Token } from 'aws-cdk-lib';
import * as appconfig from 'aws-cdk-lib/aws-appconfig';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { fail, flattenReference, grantsPolicyOf, IPipelineStep, Limits, ManagedPolicyRole, PipelineStepContext, suppressNagFindings } from '../../core';

/** Output keys (logical ids) of the flags' stack holding the ids the action needs, when a pipeline elsewhere reads them. */
export interface FlagIdOutputs {
  readonly application: string;
  readonly environment: string;
  readonly configurationProfile: string;
  /** Absent for a predefined strategy (its id is a literal). */
  readonly deploymentStrategy?: string;
}

/** The role in the flags' account a pipeline in another account assumes to run the action. */
export interface FlagDeployerRole {
  readonly roleArn: string;
  readonly pipelineAccount: string;
}

/** The AppConfig resources of one environment's rollout. */
export interface FlagRolloutTarget {
  readonly application: appconfig.IApplication;
  readonly environment: appconfig.IEnvironment;
  readonly configurationProfileId: string;
  readonly configurationProfileArn: string;
  readonly strategy: appconfig.IDeploymentStrategy;
}

/** What the AppConfig deploy action needs to know about one environment's rollout. */
export interface FlagDeployTarget extends FlagRolloutTarget {
  readonly owner: IConstruct;
  readonly stepName: string;
  readonly configurationPath: string;
  readonly fromBuildOutput: boolean;
  /** Set when the flags' stack is deployed by a pipeline stage (a stack of a nested CDK `Stage`). */
  readonly outputs?: FlagIdOutputs;
  /** Set when the pipeline runs in another account. */
  readonly deployer?: FlagDeployerRole;
}

/** The ids the action's configuration names: tokens of the flags' stack, or variables of the pipeline. */
interface FlagIds {
  readonly application: string;
  readonly environment: string;
  readonly configurationProfile: string;
  readonly deploymentStrategy: string;
}

/**
 * The flag rollout as a pipeline step: CodePipeline's own AppConfig deploy action (aws-cdk-lib has
 * no action class for it, aws/aws-cdk#23598) reading the flag document from the source (or build)
 * artifact and deploying it with the environment's strategy, so its alarms roll it back. When a
 * pipeline stage deploys the flags' stack, the ids reach the action as that stage's output
 * variables; in another account, the action runs as the deployer role of the flags' stack.
 */
export class FlagDeployStep implements IPipelineStep {
  public readonly stepName: string;

  constructor(private readonly target: FlagDeployTarget) {
    this.stepName = target.stepName;
  }

  public produceActions(context: PipelineStepContext): codepipeline.IAction[] {
    const { owner, deployer } = this.target;
    const flagsStack = Stack.of(owner);
    const pipelineStack = Stack.of(context.scope);
    for (const [prop, given, own] of [['account', context.account, flagsStack.account], ['region', context.region, flagsStack.region]] as const) {
      if (given !== undefined && !Token.isUnresolved(given) && !Token.isUnresolved(own) && given !== own) {
        fail(owner, `deployStep(${this.stepName}).${prop}`, given,
          `the ${prop} of the FeatureFlags stack (${own}): AppConfig deployments run where the application lives`);
      }
    }
    if (concreteAndDifferent(flagsStack.region, pipelineStack.region)) {
      fail(owner, `deployStep(${this.stepName}).region`, flagsStack.region, `the pipeline's region (${pipelineStack.region}): a flag rollout from another region is not supported`);
    }
    if (!deployer && concreteAndDifferent(flagsStack.account, pipelineStack.account)) {
      fail(owner, `deployStep(${this.stepName}).pipelineAccount`, undefined,
        `the pipeline's account (${pipelineStack.account}) when it is not the flags' account (${flagsStack.account}): it names the role the pipeline assumes there`);
    }
    const input = this.target.fromBuildOutput ? context.buildArtifact : context.sourceArtifact;
    const role = deployer ? iam.Role.fromRoleArn(context.scope, `${this.stepName}FlagDeployer`, deployer.roleArn, { mutable: false }) : undefined;
    return [new AppConfigDeployAction(this.target, this.ids(context, flagsStack, pipelineStack), input, context.runOrder, role)];
  }

  /** The ids as tokens (same stack, or stacks CloudFormation may link), or as variables of the stage that deployed the flags. */
  private ids(context: PipelineStepContext, flagsStack: Stack, pipelineStack: Stack): FlagIds {
    const { application, environment, strategy, configurationProfileId, outputs, owner } = this.target;
    const tokens: FlagIds = {
      application: application.applicationId,
      environment: environment.environmentId,
      configurationProfile: configurationProfileId,
      deploymentStrategy: strategy.deploymentStrategyId,
    };
    if (!outputs || flagsStack === pipelineStack) return tokens;
    const variable = (key: string) => {
      const reference = context.stackOutputs?.variableOf(flagsStack, key);
      if (reference === undefined) {
        fail(owner, `deployStep(${this.stepName})`, `${context.stageName} of a pipeline in ${pipelineStack.node.path}`,
          `a stage after the one deploying ${flagsStack.node.path} (the step reads the application, environment and profile ids from that stage's output variables)`);
      }
      return reference;
    };
    return {
      application: variable(outputs.application),
      environment: variable(outputs.environment),
      configurationProfile: variable(outputs.configurationProfile),
      deploymentStrategy: outputs.deploymentStrategy ? variable(outputs.deploymentStrategy) : tokens.deploymentStrategy,
    };
  }
}

function concreteAndDifferent(a: string, b: string): boolean {
  return !Token.isUnresolved(a) && !Token.isUnresolved(b) && a !== b;
}

class AppConfigDeployAction extends codepipeline.Action {
  protected readonly providedActionProperties: codepipeline.ActionProperties;

  constructor(
    private readonly target: FlagDeployTarget, private readonly ids: FlagIds, input: codepipeline.Artifact, runOrder: number, role?: iam.IRole,
  ) {
    super();
    const kind = Limits.appConfig.pipelineAction;
    this.providedActionProperties = {
      actionName: target.stepName,
      category: codepipeline.ActionCategory.DEPLOY,
      owner: kind.owner,
      provider: kind.provider,
      version: kind.version,
      artifactBounds: { minInputs: 1, maxInputs: 1, minOutputs: 0, maxOutputs: 0 },
      inputs: [input],
      role,
      runOrder,
    };
  }

  protected bound(_scope: Construct, _stage: codepipeline.IStage, options: codepipeline.ActionBindOptions): codepipeline.ActionConfig {
    const { environment, deployer } = this.target;
    if (deployer) {
      this.allowDeployerToReadArtifacts(options, deployer);
    } else {
      options.bucket.grantRead(options.role);
      // Exactly this environment, its deployments, this profile and this strategy (AWS's example
      // policy for the action allows every environment of the application and every strategy).
      options.role.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: 'DeployFeatureFlags',
        actions: deployActions(),
        resources: deployResources(this.target),
      }));
      // A deployment's number is assigned when it starts: its ARN cannot be known at synth.
      const holder = grantsPolicyOf(options.role);
      if (holder) suppressDeploymentWildcard(holder, environment);
    }
    return {
      configuration: {
        Application: this.ids.application,
        Environment: this.ids.environment,
        ConfigurationProfile: this.ids.configurationProfile,
        InputArtifactConfigurationPath: this.target.configurationPath,
        DeploymentStrategy: this.ids.deploymentStrategy,
      },
    };
  }

  /**
   * The deployer role lives in the flags' account and may not exist yet when the pipeline's stack
   * deploys (the pipeline creates it): the bucket and key policies admit that account, on the
   * condition that the caller is that role (a policy naming a missing role as principal is refused).
   */
  private allowDeployerToReadArtifacts(options: codepipeline.ActionBindOptions, deployer: FlagDeployerRole): void {
    const onlyTheDeployer = { ArnEquals: { 'aws:PrincipalArn': deployer.roleArn } };
    options.bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: `ReadArtifactsBy${this.target.stepName.replace(/[^A-Za-z0-9]/g, '')}`,
      principals: [new iam.AccountPrincipal(Stack.of(this.target.owner).account)],
      actions: ['s3:GetObject', 's3:GetObjectVersion'],
      resources: [options.bucket.arnForObjects('*')],
      conditions: onlyTheDeployer,
    }));
    options.bucket.encryptionKey?.addToResourcePolicy(new iam.PolicyStatement({
      sid: `DecryptArtifactsBy${this.target.stepName.replace(/[^A-Za-z0-9]/g, '')}`,
      principals: [new iam.AccountPrincipal(Stack.of(this.target.owner).account)],
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: onlyTheDeployer,
    }));
  }
}

/** What the AppConfig deploy action calls (CodePipeline User Guide, "AWS AppConfig deploy action reference", service role permissions). */
export function deployActions(): string[] {
  return ['appconfig:StartDeployment', 'appconfig:GetDeployment', 'appconfig:StopDeployment'];
}

/** This application, this environment and its deployments, this profile, this strategy. */
export function deployResources(target: FlagRolloutTarget): string[] {
  return [
    target.application.applicationArn,
    target.environment.environmentArn,
    `${target.environment.environmentArn}/deployment/*`,
    target.configurationProfileArn,
    target.strategy.deploymentStrategyArn,
  ];
}

/** Deployments of one environment: a deployment's number is assigned when it starts. */
export function suppressDeploymentWildcard(holder: IConstruct, environment: appconfig.IEnvironment): void {
  const finding = flattenReference(Stack.of(holder).resolve(`${environment.environmentArn}/deployment/*`));
  suppressNagFindings(holder, [{
    id: 'AwsSolutions-IAM5',
    reason: 'Deployments of this one environment: a deployment number is assigned when the deployment starts.',
    appliesTo: [`Resource::${finding}`],
  }]);
}

/**
 * The role a pipeline in `pipelineAccount` assumes to roll the flags out here, named
 * deterministically so the pipeline names it without an import. It may start, get and stop
 * deployments of this profile to this environment with its strategy, and read (decrypt) the
 * pipeline's artifacts: objects of buckets of the pipeline's account, through S3 only.
 */
export function createDeployerRole(
  scope: Construct, id: string, target: FlagRolloutTarget, environmentName: string, pipelineAccount: string,
): FlagDeployerRole {
  const stack = Stack.of(scope);
  const roleName = deployerRoleName(stack, environmentName);
  const role = new ManagedPolicyRole(scope, id, {
    roleName,
    assumedBy: new iam.AccountPrincipal(pipelineAccount),
    description: `Assumed by the pipeline of account ${pipelineAccount} to roll the ${environmentName} feature flags of ${scope.node.path} out`,
  });
  role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'DeployFeatureFlags', actions: deployActions(), resources: deployResources(target) }));
  // The artifact bucket and its key belong to the pipeline's stack, whose generated names this
  // stack cannot know without an import: any of that account's objects, read through S3 only.
  // A key is named in an IAM policy by its key ARN only (an alias ARN applies to the alias; AWS
  // KMS Developer Guide, "Specifying KMS keys in IAM policy statements", read 2026-12-02), and the
  // artifact key's id is generated, so `key/*` of the pipeline's account, through S3 only.
  const artifacts = `arn:${Aws.PARTITION}:s3:::*/*`;
  const keys = `arn:${Aws.PARTITION}:kms:${stack.region}:${pipelineAccount}:key/*`;
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'ReadPipelineArtifacts',
    actions: ['s3:GetObject', 's3:GetObjectVersion'],
    resources: [artifacts],
    conditions: { StringEquals: { 's3:ResourceAccount': pipelineAccount } },
  }));
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'DecryptPipelineArtifacts',
    actions: ['kms:Decrypt'],
    resources: [keys],
    conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
  }));
  suppressDeploymentWildcard(role.grantsPolicy!, target.environment);
  suppressNagFindings(role.grantsPolicy!, [
    {
      id: 'AwsSolutions-IAM5',
      reason: 'Artifacts of the pipeline\'s account only (s3:ResourceAccount): its bucket is named by CloudFormation in the pipeline\'s stack, and an import would couple the stacks; the bucket policy admits only this role.',
      appliesTo: [`Resource::${flattenReference(stack.resolve(artifacts))}`],
    },
    {
      id: 'AwsSolutions-IAM5',
      reason: 'Keys of the pipeline\'s account in this region, used through S3 only (kms:ViaService): the artifact key is generated in the pipeline\'s stack; its key policy admits only this role.',
      appliesTo: [`Resource::${flattenReference(stack.resolve(keys))}`],
    },
  ]);
  return { roleArn: `arn:${Aws.PARTITION}:iam::${stack.account}:role/${roleName}`, pipelineAccount };
}

/** `<stack name>-<environment>-flags-<region>`, shortened with a hash beyond IAM's 64 characters. */
export function deployerRoleName(stack: Stack, environmentName: string): string {
  const region = Token.isUnresolved(stack.region) ? '' : `-${stack.region}`;
  const name = `${stack.stackName}-${environmentName}-flags${region}`.replace(/[^\w+=,.@-]/g, '-');
  if (name.length <= Limits.iam.maxRoleNameLength) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, Limits.iam.maxRoleNameLength - 9)}-${hash}`;
}
