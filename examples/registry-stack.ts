import { Aspects, CfnOutput, Duration, Stack, StackProps, Stage } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { DeployMode, IPipelineStep, PackageFormat, PackageNamespace, PackageRegistry, PipelineExecutionState, PipelineSource, PipelineWithApproval, StageStep } from '../constructs';
import { ExpectedWildcard, ManagedPolicyRole, suppressExpectedWildcards } from '../constructs/core';
import { ServiceStack } from './service-stack';

/** Placeholder connection of the release pipeline: replace it with your CodeConnections connection. */
const PLACEHOLDER_CONNECTION_ARN = 'arn:aws:codeconnections:eu-west-1:111111111111:connection/00000000-0000-0000-0000-000000000000';

/** Runtimes of the build and publish steps (CodeBuild standard 7.0): jsii-pacmak needs Python and Java too. */
const RUNTIMES = { nodejs: '22', python: '3.12', java: 'corretto17' };
/** What the build hands to the publish step: jsii-pacmak's packages per language. */
const PACKAGES = ['dist/js/*.tgz', 'dist/python/*', 'dist/java/**/*'];
/** Lifetime of the publish step's CodeArtifact tokens: 900 s, the shortest CodeArtifact issues (GetAuthorizationToken durationSeconds). */
const TOKEN_SECONDS = 900;

/**
 * Wildcards of the publish step's role. Interim: the pipeline acknowledges the L2 wildcards of its
 * own roles but not yet of the roles it creates for `StageStep.codeBuild`, and `grantPublish` does
 * not acknowledge its own; both belong in those constructs.
 */
const PUBLISH_WILDCARDS: ExpectedWildcard[] = [
  { finding: /^Action::(s3:(GetObject|GetBucket|List)\*|kms:(GenerateDataKey|ReEncrypt)\*)$/, reason: 'Action groups of the CDK L2 grants, each statement scoped to the artifact bucket or its key.' },
  { finding: /^Resource::<ReleaseArtifacts[A-F0-9]{8}\.Arn>\/\*$/, reason: 'Objects of the artifact bucket: artifact keys are generated per pipeline execution.' },
  { finding: /^Resource::arn:[^*]*:codebuild:[^*]*:report-group\/<[A-Za-z0-9]+>-\*$/, reason: 'Report groups named after this project (<project>-*), a CodeBuild L2 default.' },
  { finding: /^Resource::arn:[^*]*:logs:[^*]*:log-group:\/aws\/codebuild\/<[A-Za-z0-9]+>:\*$/, reason: 'Streams of this project\'s default log group, a CodeBuild L2 default.' },
  { finding: /^Resource::arn:[^*]*:codeartifact:[^*]*:package\/<RegistryDomain[A-F0-9]{8}\.Name>\/<Registry[A-Za-z]*Repository[A-F0-9]{8}\.Name>\/(npm|pypi|maven)\/\*$/, reason: 'Every package of one repository of the registry: the release publishes new package versions.' },
  { finding: 'Resource::*', reason: 'sts:GetServiceBearerToken has no resource ARN; the condition limits it to codeartifact.amazonaws.com.' },
];

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
  /** Address told about the release candidate's alarms. @default 'ops@example.com' */
  readonly releaseCandidateAlarmEmail?: string;
  /** Principals allowed to approve a release. @default - none (grant with `release.grantApproval('Release', principal)`) */
  readonly releaseApprovers?: iam.IGrantable[];
}

/**
 * Registry stack: the CodeArtifact registry Gantry itself is published to (npm, PyPI and Maven
 * repositories, each reading public packages through its own store; Gantry's own names, the npm
 * scope `@gantry`, Python names starting with `gantry` and the Maven groupId `dev.gantry`, never come
 * from a public upstream), and the release pipeline that publishes it:
 *
 * Source (connection) → Build (`npm ci`, `npm run verify` (tests, nag, synth, cfn-lint), `npx projen package-all`
 * (jsii-pacmak: npm tarball, Python wheel and sdist, Maven jar/pom/sources/javadoc)) → Release: the
 * candidate (the blue/green reference service as a CDK stage, whose pre-traffic smoke test runs the
 * packaged hook on AWS), then a manual approval, then a CodeBuild step that logs in per format
 * with a 15-minute CodeArtifact token (`aws codeartifact login --tool npm|twine`, Maven's
 * `settings.xml` reading `CODEARTIFACT_AUTH_TOKEN`) and runs `scripts/release/publish.sh` per language.
 *
 * Only the publish step can publish: its role alone is granted `registry.grantPublish`; the build
 * that runs the repository's code and tests has no registry permission at all.
 */
export class RegistryStack extends Stack {
  public readonly registry: PackageRegistry;
  /** The release pipeline (build, candidate deployment, approval, publish). */
  public readonly release: PipelineWithApproval;
  /** The release candidate: the reference service, deployed by the pipeline before anything is published. */
  public readonly candidate: Stage;

  constructor(scope: Construct, id: string, props: RegistryStackProps) {
    super(scope, id, props);
    const pypi = props.pypiRepositoryName ?? `${props.domainName}-pypi`;
    const maven = props.mavenRepositoryName ?? `${props.domainName}-maven`;
    const codeArtifact = `--domain ${props.domainName} --domain-owner ${this.account} --region ${this.region}`;
    const login = (tool: string, repository: string) => `aws codeartifact login --tool ${tool} ${codeArtifact} --repository ${repository}`;
    const short = (command: string) => `${command} --duration-seconds ${TOKEN_SECONDS}`;
    const mavenEndpoint = `aws codeartifact get-repository-endpoint ${codeArtifact} --repository ${maven} --format maven --query repositoryEndpoint --output text`;

    this.candidate = new Stage(scope, `${id}-Candidate`, { env: { account: this.account, region: this.region } });
    new ServiceStack(this.candidate, 'Service', { stackName: 'GantryReleaseCandidate', alarmEmail: props.releaseCandidateAlarmEmail ?? 'ops@example.com' });
    const publish = StageStep.codeBuild('Publish', {
      timeout: Duration.minutes(15),
      buildSpec: {
        version: '0.2',
        env: { shell: 'bash' },
        phases: {
          // twine comes through the registry's PyPI repository (and its public:pypi store), like any dependency.
          install: { 'runtime-versions': RUNTIMES, 'commands': [short(login('pip', pypi)), 'pip install twine'] },
          build: {
            commands: [
              short(login('npm', props.repositoryName)), // writes the registry and the token to ~/.npmrc
              'bash scripts/release/publish.sh npm "$(ls dist/js/*.tgz)" "$(npm config get registry)"',
              short(login('twine', pypi)), // writes the [codeartifact] repository and the token to ~/.pypirc
              'bash scripts/release/publish.sh python dist/python',
              // Maven's settings.xml (written by publish.sh) reads the token from the environment.
              `export CODEARTIFACT_AUTH_TOKEN="$(${short(`aws codeartifact get-authorization-token ${codeArtifact} --query authorizationToken --output text`)})"`,
              `bash scripts/release/publish.sh maven dist/java "$(${mavenEndpoint})"`,
            ],
          },
        },
      },
    });
    // The project the pipeline creates for the publish step (when it places the step), so it alone may publish.
    let publishProject: codebuild.IProject | undefined;
    const publishing: IPipelineStep = {
      stepName: publish.stepName,
      produceActions: (context) => {
        const produced = publish.produceActions(context);
        publishProject = produced[0].actionProperties.resource as codebuild.IProject;
        return produced;
      },
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
      cdkStages: [{
        stage: this.candidate,
        stageName: 'Release',
        mode: DeployMode.CREATE_UPDATE,
        // The candidate's own blue/green alarms roll a bad version back; nothing is published then.
        gateOnStageAlarms: false,
        post: [
          StageStep.approval('ApproveRelease', {
            comment: `Publish the release candidate of commit #{Source.CommitId} to ${props.domainName} (npm, PyPI, Maven)?`,
            approvers: props.releaseApprovers,
          }),
          publishing,
        ],
      }],
      notifications: { executionStates: [PipelineExecutionState.FAILED, PipelineExecutionState.CANCELED, PipelineExecutionState.SUCCEEDED] },
    });

    this.registry = new PackageRegistry(this, 'Registry', {
      domainName: props.domainName,
      repositoryName: props.repositoryName,
      formats: [
        { format: PackageFormat.NPM },
        { format: PackageFormat.PYPI, repositoryName: pypi },
        { format: PackageFormat.MAVEN, repositoryName: maven },
      ],
      // The names Gantry publishes under (.projenrc.ts): @gantry/cdk, gantry-cdk, dev.gantry:gantry-cdk.
      internalNamespaces: [PackageNamespace.npmScope('@gantry'), PackageNamespace.pythonPrefix('gantry'), PackageNamespace.mavenGroup('dev.gantry')],
      readerAccountIds: props.readerAccountIds,
      readerOrganizationId: props.readerOrganizationId,
      // Package releases are announced with the pipeline's executions, on its encrypted topic.
      packageVersionChangeTargets: [new targets.SnsTopic(this.release.notificationTopic!)],
    });

    // Once the pipeline placed its stages (at synth, before cdk-nag visits the step's role).
    Aspects.of(this.release).add({
      visit: (node) => {
        if (node !== this.release || !publishProject) return;
        for (const format of this.registry.formats) this.registry.grantPublish(publishProject, format);
        suppressExpectedWildcards(publishProject.role as ManagedPolicyRole, PUBLISH_WILDCARDS);
      },
    });

    new CfnOutput(this, 'DomainName', { value: this.registry.domainName });
    new CfnOutput(this, 'RepositoryName', { value: this.registry.repositoryName });
    new CfnOutput(this, 'LoginCommand', { description: 'Log npm in to the registry (token valid 12 hours)', value: login('npm', props.repositoryName) });
    new CfnOutput(this, 'PipLoginCommand', { description: 'Point pip at the PyPI repository (token valid 12 hours)', value: login('pip', pypi) });
    new CfnOutput(this, 'MavenRepositoryEndpointCommand', {
      description: 'URL of the Maven repository for settings.xml / pom.xml (authenticate as aws with get-authorization-token)',
      value: mavenEndpoint,
    });
    new CfnOutput(this, 'ReleasePipelineName', { value: this.release.pipeline.pipelineName });
  }
}
