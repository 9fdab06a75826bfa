import { CfnOutput, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { DeployMode, PackageFormat, PackageNamespace, PipelineExecutionState, PipelineSource, PipelineWithApproval, PackageRegistry } from '../constructs';
import { flattenReference, Limits, ManagedPolicyRole, secureTopic, suppressExpectedWildcards, suppressNagFindings } from '../constructs/core';

/** Placeholder connection of the release pipeline: replace it with your CodeConnections connection. */
const PLACEHOLDER_CONNECTION_ARN = 'arn:aws:codeconnections:eu-west-1:111111111111:connection/00000000-0000-0000-0000-000000000000';

/** Runtimes of the build and publish steps (CodeBuild standard 7.0): jsii-pacmak needs Python and Java too. */
const RUNTIMES = { nodejs: '20', python: '3.12', java: 'corretto17' };
/** What the build hands to the publish step: jsii-pacmak's packages per language. */
const PACKAGES = ['dist/js/*.tgz', 'dist/python/*', 'dist/java/**/*'];
/** Lifetime of the publish step's CodeArtifact tokens, seconds: the shortest CodeArtifact issues. */
const TOKEN_SECONDS = Limits.codeArtifactFormats.minAuthorizationTokenSeconds;

/** The CodeArtifact commands of the publish step. */
interface PublishCommands {
  readonly pipLogin: string;
  readonly npmLogin: string;
  readonly twineLogin: string;
  readonly mavenToken: string;
  readonly mavenEndpoint: string;
}

export interface RegistryStackProps extends StackProps {
  /** CodeArtifact domain name. */
  readonly domainName: string;
  /** npm repository name. */
  readonly repositoryName: string;
  /** PyPI repository name. @default `${domainName}-pypi` */
  readonly pypiRepositoryName?: string;
  /** Maven repository name. @default `${domainName}-maven` */
  readonly mavenRepositoryName?: string;
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
 * Registry stack: the CodeArtifact registry Gantry itself is published to (npm, PyPI and Maven
 * repositories, each reading public packages through its own store; Gantry's own names, the npm
 * scope `@gantry`, Python names starting with `gantry` and the Maven groupId `dev.gantry`, never come
 * from a public upstream), and the release pipeline that publishes it:
 *
 * Source (connection) → Build (`npm ci`, `npm run verify` (tests, nag, synth, cfn-lint), `npx projen package-all`
 * (jsii-pacmak: npm tarball, Python wheel and sdist, Maven jar/pom/sources/javadoc)) →
 * Candidate (deploys the blue/green reference service, whose pre-traffic smoke test runs the
 * packaged hook on AWS) → Publish (manual approval, then a CodeBuild step that logs in per format
 * with a 15-minute CodeArtifact token (`aws codeartifact login --tool npm|twine`, Maven's
 * `settings.xml` reading `CODEARTIFACT_AUTH_TOKEN`) and runs `scripts/release/publish.sh` per language).
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

  constructor(scope: Construct, id: string, props: RegistryStackProps) {
    super(scope, id, props);
    this.releaseTopic = secureTopic(this, 'PackageReleases').topic;
    const pypiRepositoryName = props.pypiRepositoryName ?? `${props.domainName}-pypi`;
    const mavenRepositoryName = props.mavenRepositoryName ?? `${props.domainName}-maven`;
    this.registry = new PackageRegistry(this, 'Registry', {
      domainName: props.domainName,
      repositoryName: props.repositoryName,
      formats: [
        { format: PackageFormat.NPM },
        { format: PackageFormat.PYPI, repositoryName: pypiRepositoryName },
        { format: PackageFormat.MAVEN, repositoryName: mavenRepositoryName },
      ],
      // The names Gantry publishes under (.projenrc.ts): @gantry/cdk, gantry-cdk, dev.gantry:gantry-cdk.
      internalNamespaces: [
        PackageNamespace.npmScope('@gantry'),
        PackageNamespace.pythonPrefix('gantry'),
        PackageNamespace.mavenGroup('dev.gantry'),
      ],
      readerAccountIds: props.readerAccountIds,
      readerOrganizationId: props.readerOrganizationId,
      packageVersionChangeTargets: [new targets.SnsTopic(this.releaseTopic)],
    });

    const codeArtifact = `--domain ${props.domainName} --domain-owner ${this.account} --region ${this.region}`;
    const loginCommand = `aws codeartifact login --tool npm --domain ${props.domainName} --domain-owner ${this.account} --repository ${props.repositoryName} --region ${this.region}`;
    const commands: PublishCommands = {
      pipLogin: `aws codeartifact login --tool pip ${codeArtifact} --repository ${pypiRepositoryName}`,
      npmLogin: loginCommand,
      twineLogin: `aws codeartifact login --tool twine ${codeArtifact} --repository ${pypiRepositoryName}`,
      mavenToken: `aws codeartifact get-authorization-token ${codeArtifact} --query authorizationToken --output text`,
      mavenEndpoint: `aws codeartifact get-repository-endpoint ${codeArtifact} --repository ${mavenRepositoryName} --format maven --query repositoryEndpoint --output text`,
    };

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
            install: { 'runtime-versions': RUNTIMES, 'commands': ['npm ci'] },
            // verify: type-check, compile, tests, nag, synth of the reference app into cdk.out, cfn-lint.
            // package-all: jsii-pacmak's npm tarball, Python wheel and sdist, Maven artifacts.
            build: { commands: ['npm run verify', 'npx projen package-all'] },
          },
          // The packages and the script that publishes them, and the cloud assembly of the candidate.
          artifacts: { files: [...PACKAGES, 'scripts/release/publish.sh', 'cdk.out/**/*'] },
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

    this.publishProject = this.createPublishProject(commands);
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
    new CfnOutput(this, 'PipLoginCommand', {
      description: 'Point pip at the PyPI repository (token valid 12 hours)',
      value: `aws codeartifact login --tool pip ${codeArtifact} --repository ${pypiRepositoryName}`,
    });
    new CfnOutput(this, 'MavenRepositoryEndpointCommand', {
      description: 'URL of the Maven repository for settings.xml / pom.xml (authenticate as aws with get-authorization-token)',
      value: commands.mavenEndpoint,
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

  private createPublishProject(commands: PublishCommands): codebuild.PipelineProject {
    const role = new ManagedPolicyRole(this, 'PublishRole', {
      description: 'Publishes Gantry to the CodeArtifact registry after a release is approved',
      assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
    });
    // Tokens for 15 minutes (the shortest CodeArtifact issues), not the 12-hour default: the step takes minutes.
    const short = (command: string) => `${command} --duration-seconds ${TOKEN_SECONDS}`;
    const project = new codebuild.PipelineProject(this, 'Publish', {
      description: 'Logs in to the CodeArtifact registry per format and publishes the approved Gantry packages (npm, Python, Java)',
      role,
      buildSpec: codebuild.BuildSpec.fromObject({
        version: '0.2',
        env: { shell: 'bash' },
        phases: {
          install: {
            'runtime-versions': RUNTIMES,
            // twine comes through the registry's PyPI repository (and its public:pypi store), like any dependency.
            'commands': [short(commands.pipLogin), 'pip install twine'],
          },
          build: {
            commands: [
              // npm: writes the registry and the token to ~/.npmrc.
              short(commands.npmLogin),
              'bash scripts/release/publish.sh npm "$(ls dist/js/*.tgz)" "$(npm config get registry)"',
              // Python: writes the [codeartifact] repository and the token to ~/.pypirc.
              short(commands.twineLogin),
              'bash scripts/release/publish.sh python dist/python',
              // Java: Maven's settings.xml (written by publish.sh) reads the token from the environment.
              `export CODEARTIFACT_AUTH_TOKEN="$(${short(commands.mavenToken)})"`,
              `bash scripts/release/publish.sh maven dist/java "$(${commands.mavenEndpoint})"`,
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
    this.registry.grantPublish(project);
    const noRepository = 'Source type CODEPIPELINE: no repository URL or credentials, so no OAuth.';
    suppressNagFindings(project, [
      { id: 'HIPAA.Security-CodeBuildProjectSourceRepoUrl', reason: noRepository },
      { id: 'PCI.DSS.321-CodeBuildProjectSourceRepoUrl', reason: noRepository },
    ]);
    return project;
  }

  private suppressPublishWildcards(): void {
    suppressExpectedWildcards(this.publishProject.role as ManagedPolicyRole, [
      {
        finding: /^Action::(s3:(GetObject|GetBucket|List)\*|kms:(GenerateDataKey|ReEncrypt)\*)$/,
        reason: 'Action groups of the CDK L2 grants, each statement scoped to the artifact bucket or its key.',
      },
      {
        finding: `Resource::${flattenReference(this.resolve(this.release.artifactBucket.arnForObjects('*')))}`,
        reason: 'Objects of the artifact bucket: artifact keys are generated per pipeline execution.',
      },
      {
        finding: /^Resource::arn:[^*]*:codebuild:[^*]*:report-group\/<[A-Za-z0-9]+>-\*$/,
        reason: 'Report groups named after this project (<project>-*), a CodeBuild L2 default.',
      },
      {
        finding: /^Resource::arn:[^*]*:logs:[^*]*:log-group:\/aws\/codebuild\/<[A-Za-z0-9]+>:\*$/,
        reason: 'Streams of this project\'s default log group, a CodeBuild L2 default.',
      },
      ...this.registry.formats.map((format) => ({
        finding: `Resource::${flattenReference(this.resolve(this.registry.packageArns(format)))}`,
        reason: `Every ${format} package of the registry's ${format} repository: the release publishes new package versions.`,
      })),
      {
        finding: 'Resource::*',
        reason: 'sts:GetServiceBearerToken has no resource ARN; the condition limits it to codeartifact.amazonaws.com.',
      },
    ]);
  }
}
