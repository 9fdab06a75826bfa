import { CfnOutput, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { DeployMode, PipelineExecutionState, PipelineSource, PipelineWithApproval, PackageRegistry } from '../constructs';
import { flattenReference, ManagedPolicyRole, RuleTopicTarget, secureTopic, suppressExpectedWildcards, suppressNagFindings } from '../constructs/core';

/** Placeholder connection of the release pipeline: replace it with your CodeConnections connection. */
const PLACEHOLDER_CONNECTION_ARN = 'arn:aws:codeconnections:eu-west-1:111111111111:connection/00000000-0000-0000-0000-000000000000';


export interface RegistryStackProps extends StackProps {
  /** CodeArtifact domain name. */
  readonly domainName: string;
  /** npm repository name. */
  readonly repositoryName: string;
  /** Accounts allowed to install packages. */
  readonly readerAccountIds?: string[];
  /** Organization whose principals may install packages. */
  readonly readerOrganizationId?: string;
  /**
   * CodeConnections connection of the Gantry repository the release pipeline builds.
   * @default - a placeholder ARN (the pipeline cannot start until it is replaced)
   */
  readonly releaseConnectionArn?: string;
  /** Owner of the Gantry repository. @default 'example-org' */
  readonly releaseRepositoryOwner?: string;
  /** Name of the Gantry repository. @default 'gantry' */
  readonly releaseRepositoryName?: string;
  /** Branch that is released. @default 'main' */
  readonly releaseBranch?: string;
  /**
   * Stack of the reference app (in the build's `cdk.out`) the release candidate deploys before it
   * may be published: the blue/green service, whose pre-traffic smoke test runs the packaged hook.
   * @default 'GantryService'
   */
  readonly releaseCandidateStack?: string;
  /** Principals allowed to approve a release. @default - none (grant with `grantReleaseApproval`) */
  readonly releaseApprovers?: iam.IGrantable[];
}

/**
 * Registry stack: the CodeArtifact npm registry Gantry itself is published to, and the release
 * pipeline that publishes it:
 *
 * Source (connection) → Build (`npm ci`, `npm run verify` (tests, nag, synth, cfn-lint), `npx projen package:js`) →
 * Candidate (deploys the blue/green reference service, whose pre-traffic smoke test runs the
 * packaged hook on AWS) → Publish (manual approval, then a CodeBuild step that logs npm in to
 * the registry with a CodeArtifact authorization token and runs `scripts/release/publish.sh`).
 *
 * Only the publish step can publish: its role is granted exactly `registry.grantPublish`; the
 * build that runs the repository's code and tests has no registry permission at all.
 */
export class RegistryStack extends Stack {
  public readonly registry: PackageRegistry;
  public readonly releaseTopic: sns.Topic;
  /** The release pipeline (build, candidate deployment, approval, publish). */
  public readonly release: PipelineWithApproval;
  /** The CodeBuild project that logs in to the registry and publishes the package. */
  public readonly publishProject: codebuild.PipelineProject;
  /** The manual approval before publishing. */
  public readonly releaseApproval: actions.ManualApprovalAction;
  /** The publish project's role (the project holds it without policy updates). */
  private publishRole!: ManagedPolicyRole;

  constructor(scope: Construct, id: string, props: RegistryStackProps) {
    super(scope, id, props);
    this.releaseTopic = secureTopic(this, 'PackageReleases').topic;
    this.registry = new PackageRegistry(this, 'Registry', {
      domainName: props.domainName,
      repositoryName: props.repositoryName,
      readerAccountIds: props.readerAccountIds,
      readerOrganizationId: props.readerOrganizationId,
      // Only the registry's rule may publish (aws:SourceArn), unlike targets.SnsTopic.
      packageVersionChangeTargets: [new RuleTopicTarget(this.releaseTopic)],
    });

    const loginCommand = `aws codeartifact login --tool npm --domain ${props.domainName} --domain-owner ${this.account} --repository ${props.repositoryName} --region ${this.region}`;

    this.release = new PipelineWithApproval(this, 'Release', {
      source: PipelineSource.connection({
        connectionArn: props.releaseConnectionArn ?? PLACEHOLDER_CONNECTION_ARN,
        owner: props.releaseRepositoryOwner ?? 'example-org',
        repo: props.releaseRepositoryName ?? 'gantry',
        branch: props.releaseBranch ?? 'main',
      }),
      buildStep: {
        buildSpec: {
          version: '0.2',
          phases: {
            install: { 'runtime-versions': { nodejs: '20' }, 'commands': ['npm ci'] },
            // verify: type-check, compile, tests, nag, synth of the reference app into cdk.out, cfn-lint.
            build: { commands: ['npm run verify', 'npx projen package:js'] },
          },
          // The package and the script that publishes it, and the cloud assembly of the candidate.
          artifacts: { files: ['dist/js/*.tgz', 'scripts/release/publish.sh', 'cdk.out/**/*'] },
        },
        publishCdkAssets: true,
        timeout: Duration.hours(1),
      },
      stages: [{
        stageName: 'Candidate',
        stacks: [{ stackName: 'GantryReleaseCandidate', templatePath: `cdk.out/${props.releaseCandidateStack ?? 'GantryService'}.template.json`, mode: DeployMode.CREATE_UPDATE }],
      }],
      notifications: {
        topic: this.releaseTopic,
        executionStates: [PipelineExecutionState.FAILED, PipelineExecutionState.CANCELED, PipelineExecutionState.SUCCEEDED],
      },
    });

    this.publishProject = this.createPublishProject(loginCommand);
    this.releaseApproval = new actions.ManualApprovalAction({
      actionName: 'ApproveRelease',
      additionalInformation: `Publish the release candidate of commit #{Source.CommitId} to ${props.domainName}/${props.repositoryName}?`,
      runOrder: 1,
    });
    this.release.pipeline.addStage({
      stageName: 'Publish',
      actions: [
        this.releaseApproval,
        new actions.CodeBuildAction({
          actionName: 'PublishToCodeArtifact',
          project: this.publishProject,
          input: this.release.buildOutput,
          runOrder: 2,
        }),
      ],
    });
    // After the action bound (it grants the artifact reads): acknowledge the expected wildcards.
    this.suppressPublishWildcards();
    for (const approver of props.releaseApprovers ?? []) this.grantReleaseApproval(approver);

    new CfnOutput(this, 'DomainName', { value: this.registry.domainName });
    new CfnOutput(this, 'RepositoryName', { value: this.registry.repositoryName });
    new CfnOutput(this, 'LoginCommand', {
      description: 'Log npm in to the registry (token valid 12 hours)',
      value: loginCommand,
    });
    new CfnOutput(this, 'ReleasePipelineName', { value: this.release.pipeline.pipelineName });
  }

  /** Lets a principal approve or reject a release: the approval action, and reading the pipeline. */
  public grantReleaseApproval(grantee: iam.IGrantable): iam.Grant {
    const pipelineArn = this.release.pipeline.pipelineArn;
    return iam.Grant.addToPrincipal({
      grantee, actions: ['codepipeline:PutApprovalResult'], resourceArns: [`${pipelineArn}/Publish/ApproveRelease`],
    }).combine(iam.Grant.addToPrincipal({ grantee, actions: ['codepipeline:GetPipeline'], resourceArns: [pipelineArn] }));
  }

  private createPublishProject(loginCommand: string): codebuild.PipelineProject {
    const role = new ManagedPolicyRole(this, 'PublishRole', {
      description: 'Publishes Gantry to the CodeArtifact registry after a release is approved',
      assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
    });
    // Least privilege: the project and its pipeline action get the role without policy updates, so the
    // L2 grant groups (s3:GetObject*/GetBucket*/List*, kms:GenerateDataKey*/ReEncrypt*, a report-group
    // and /aws/codebuild log-group wildcard) are not written; the exact actions the publish build uses are.
    this.grantPublishBuild(role);
    this.publishRole = role;
    const project = new codebuild.PipelineProject(this, 'Publish', {
      description: 'Logs npm in to the CodeArtifact registry and publishes the approved Gantry package',
      role: role.withoutPolicyUpdates(),
      buildSpec: codebuild.BuildSpec.fromObject({
        version: '0.2',
        env: { shell: 'bash' },
        phases: {
          install: { 'runtime-versions': { nodejs: '20' } },
          build: {
            commands: [
              // Writes the registry and a 12-hour authorization token to ~/.npmrc.
              loginCommand,
              'bash scripts/release/publish.sh "$(ls dist/js/*.tgz)" "$(npm config get registry)"',
            ],
          },
        },
      }),
      environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, computeType: codebuild.ComputeType.SMALL },
      timeout: Duration.minutes(15),
      encryptionKey: this.release.artifactKey,
      logging: { cloudWatch: { logGroup: this.release.logGroup } },
    });
    // Exactly what publishing needs: the authorization and bearer tokens, read, publish.
    this.registry.grantPublish(role);
    const noRepository = 'Source type CODEPIPELINE: no repository URL or credentials, so no OAuth.';
    suppressNagFindings(project, [
      { id: 'HIPAA.Security-CodeBuildProjectSourceRepoUrl', reason: noRepository },
      { id: 'PCI.DSS.321-CodeBuildProjectSourceRepoUrl', reason: noRepository },
    ]);
    return project;
  }

  /**
   * What the publish build does besides publishing: CodeBuild reads the input artifact (the package and
   * the publish script) from the artifact bucket, decrypts it with the artifact key, and writes its logs
   * to the pipeline's log group. It has no output artifact and no reports.
   */
  private grantPublishBuild(role: ManagedPolicyRole): void {
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'ReadInputArtifact',
      actions: ['s3:GetObject', 's3:GetObjectVersion'],
      resources: [this.release.artifactBucket.arnForObjects('*')],
    }));
    if (this.release.artifactKey) {
      role.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: 'DecryptInputArtifact',
        actions: ['kms:Decrypt'],
        resources: [this.release.artifactKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${this.region}.amazonaws.com` } },
      }));
    }
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'WriteBuildLogs',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [this.release.logGroup.logGroupArn],
    }));
  }

  private suppressPublishWildcards(): void {
    const packages = this.formatArn({ service: 'codeartifact', resource: 'package', resourceName: `${this.registry.domainName}/${this.registry.repositoryName}/npm/*` });
    suppressExpectedWildcards(this.publishRole, [
      {
        finding: `Resource::${flattenReference(this.resolve(this.release.artifactBucket.arnForObjects('*')))}`,
        reason: 'Objects of the artifact bucket: artifact keys are generated per pipeline execution.',
      },
      {
        finding: `Resource::${flattenReference(this.resolve(packages))}`,
        reason: 'Every npm package of this one repository: the release publishes new package versions.',
      },
      {
        finding: 'Resource::*',
        reason: 'sts:GetServiceBearerToken has no resource ARN; the condition limits it to codeartifact.amazonaws.com.',
      },
    ]);
  }
}
