import { Stack, Token } from 'aws-cdk-lib';
import * as appconfig from 'aws-cdk-lib/aws-appconfig';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { fail, flattenReference, IPipelineStep, Limits, ManagedPolicyRole, PipelineStepContext, suppressNagFindings } from '../../core';

/** What the AppConfig deploy action needs to know about one environment's rollout. */
export interface FlagDeployTarget {
  readonly owner: IConstruct;
  readonly stepName: string;
  readonly application: appconfig.IApplication;
  readonly environment: appconfig.IEnvironment;
  readonly configurationProfileId: string;
  readonly configurationProfileArn: string;
  readonly strategy: appconfig.IDeploymentStrategy;
  readonly configurationPath: string;
  readonly fromBuildOutput: boolean;
}

/**
 * The flag rollout as a pipeline step: CodePipeline's own AppConfig deploy action (aws-cdk-lib has
 * no action class for it, aws/aws-cdk#23598) reading the flag document from the source (or build)
 * artifact and deploying it with the environment's strategy, so its alarms roll it back.
 */
export class FlagDeployStep implements IPipelineStep {
  public readonly stepName: string;

  constructor(private readonly target: FlagDeployTarget) {
    this.stepName = target.stepName;
  }

  public produceActions(context: PipelineStepContext): codepipeline.IAction[] {
    const flagsStack = Stack.of(this.target.owner);
    for (const [prop, given, own] of [['account', context.account, flagsStack.account], ['region', context.region, flagsStack.region]] as const) {
      if (given !== undefined && !Token.isUnresolved(given) && !Token.isUnresolved(own) && given !== own) {
        fail(this.target.owner, `deployStep(${this.stepName}).${prop}`, given,
          `the ${prop} of the FeatureFlags stack (${own}): AppConfig deployments run where the application lives`);
      }
    }
    const input = this.target.fromBuildOutput ? context.buildArtifact : context.sourceArtifact;
    return [new AppConfigDeployAction(this.target, input, context.runOrder)];
  }
}

class AppConfigDeployAction extends codepipeline.Action {
  protected readonly providedActionProperties: codepipeline.ActionProperties;

  constructor(private readonly target: FlagDeployTarget, input: codepipeline.Artifact, runOrder: number) {
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
      runOrder,
    };
  }

  protected bound(_scope: Construct, _stage: codepipeline.IStage, options: codepipeline.ActionBindOptions): codepipeline.ActionConfig {
    const { application, environment, strategy } = this.target;
    options.bucket.grantRead(options.role);
    // Exactly this environment, its deployments, this profile and this strategy (AWS's example
    // policy for the action allows every environment of the application and every strategy).
    options.role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'DeployFeatureFlags',
      actions: ['appconfig:StartDeployment', 'appconfig:GetDeployment', 'appconfig:StopDeployment'],
      resources: [
        application.applicationArn,
        environment.environmentArn,
        `${environment.environmentArn}/deployment/*`,
        this.target.configurationProfileArn,
        strategy.deploymentStrategyArn,
      ],
    }));
    // A deployment's number is assigned when it starts: its ARN cannot be known at synth.
    const holder = options.role instanceof ManagedPolicyRole ? options.role.grantsPolicy : options.role.node.tryFindChild('DefaultPolicy');
    if (holder) {
      const finding = flattenReference(Stack.of(options.role).resolve(`${environment.environmentArn}/deployment/*`));
      suppressNagFindings(holder, [{
        id: 'AwsSolutions-IAM5',
        reason: 'Deployments of this one environment: a deployment number is assigned when the deployment starts.',
        appliesTo: [`Resource::${finding}`],
      }]);
    }
    return {
      configuration: {
        Application: application.applicationId,
        Environment: environment.environmentId,
        ConfigurationProfile: this.target.configurationProfileId,
        InputArtifactConfigurationPath: this.target.configurationPath,
        DeploymentStrategy: strategy.deploymentStrategyId,
      },
    };
  }
}
