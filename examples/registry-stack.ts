import { CfnOutput, Duration, Stack, StackProps, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import {
  CodeBuildStep, DeployMode, KeyDataClass, PackageFormat, PackageNamespace, PackageRegistry, PipelineExecutionState, PipelineSource,
  PipelineWithApproval, RegistryPackage, SharedKeys, StageStep,
} from '../constructs';
import { ServiceStack } from './service-stack';

/** Placeholder connection of the release pipeline: replace it with your CodeConnections connection. */
const PLACEHOLDER_CONNECTION_ARN = 'arn:aws:codeconnections:eu-west-1:111111111111:connection/00000000-0000-0000-0000-000000000000';
/** Runtimes of the build and publish steps (CodeBuild standard 7.0): jsii-pacmak needs Python and Java too. */
const RUNTIMES = { nodejs: '22', python: '3.12', java: 'corretto17' };
/** The publish step's CodeArtifact tokens live 900 s, the shortest CodeArtifact issues (GetAuthorizationToken durationSeconds). */
const TOKEN = '--duration-seconds 900';

/** The build: tests, nag, synth of the reference app (the candidate's assembly) and cfn-lint, then every language's package. */
const RELEASE_BUILD_SPEC = {
  version: '0.2',
  phases: {
    install: { 'runtime-versions': RUNTIMES, 'commands': ['npm ci'] },
    // verify: type-check, compile, tests, nag, synth of the reference app into cdk.out, cfn-lint.
    // package-all: jsii-pacmak's npm tarball, Python wheel and sdist, Maven artifacts.
    build: { commands: ['npm run verify', 'npx projen package-all'] },
  },
  // The packages and the script that publishes them, and the cloud assembly of the candidate.
  artifacts: { files: ['dist/js/*.tgz', 'dist/python/*', 'dist/java/**/*', 'scripts/release/publish.sh', 'cdk.out/**/*'] },
};

/** CodeArtifact CLI commands for one domain. */
interface CodeArtifactCommands {
  readonly token: string;
  login(tool: string, repository: string): string;
  mavenEndpoint(repository: string): string;
}

function codeArtifactCommands(domain: string, account: string, region: string): CodeArtifactCommands {
  const ca = (command: string) => `aws codeartifact ${command} --domain ${domain} --domain-owner ${account} --region ${region}`;
  return {
    login: (tool, repository) => `${ca('login')} --tool ${tool} --repository ${repository}`,
    token: `${ca('get-authorization-token')} --query authorizationToken --output text`,
    mavenEndpoint: (repository) => `${ca('get-repository-endpoint')} --repository ${repository} --format maven --query repositoryEndpoint --output text`,
  };
}

/** The packages the release publishes: the names in .projenrc.ts (npm name, Python distName, Maven groupId:artifactId). */
export const GANTRY_PACKAGES = [
  RegistryPackage.npm('@gantry/cdk'),
  RegistryPackage.pypi('gantry-cdk'),
  RegistryPackage.maven('dev.gantry', 'gantry-cdk'),
];

/** The publish step: logs in per format with a short-lived token, then runs publish.sh per language. */
function publishBuildSpec(ca: CodeArtifactCommands, repositories: { npm: string; pypi: string; maven: string }) {
  return {
    version: '0.2',
    env: { shell: 'bash' },
    phases: {
      // twine comes through the registry's PyPI repository (and its public:pypi store), like any dependency.
      install: { 'runtime-versions': RUNTIMES, 'commands': [`${ca.login('pip', repositories.pypi)} ${TOKEN}`, 'pip install twine'] },
      build: {
        commands: [
          `${ca.login('npm', repositories.npm)} ${TOKEN}`, // the registry and the token in ~/.npmrc
          'bash scripts/release/publish.sh npm "$(ls dist/js/*.tgz)" "$(npm config get registry)"',
          `${ca.login('twine', repositories.pypi)} ${TOKEN}`, // the [codeartifact] repository and the token in ~/.pypirc
          'bash scripts/release/publish.sh python dist/python',
          // Maven's settings.xml (written by publish.sh) reads the token from the environment.
          `export CODEARTIFACT_AUTH_TOKEN="$(${ca.token} ${TOKEN})"`,
          `bash scripts/release/publish.sh maven dist/java "$(${ca.mavenEndpoint(repositories.maven)})"`,
        ],
      },
    },
  };
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
 * (jsii-pacmak: npm tarball, Python wheel and sdist, Maven jar/pom/sources/javadoc); the candidate's
 * assets are published) → Release: the candidate (the blue/green reference service as a CDK stage,
 * `GantryReleaseCandidate`, whose pre-traffic smoke test runs the packaged hook on AWS), then the
 * `ApproveRelease` approval, then the `Publish` step: it logs in per format with a 15-minute
 * CodeArtifact token (`aws codeartifact login --tool npm|twine`, Maven's `settings.xml` reading
 * `CODEARTIFACT_AUTH_TOKEN`) and runs `scripts/release/publish.sh` per language.
 *
 * Only the publish step can publish, and only Gantry's own three packages: its role alone is granted
 * `registry.grantPublishPackages` (no other package name, no wildcard); the build
 * that runs the repository's code and tests has no registry permission at all. Executions and
 * package releases are announced on the pipeline's encrypted topic.
 */
export class RegistryStack extends Stack {
  public readonly registry: PackageRegistry;
  /** The release pipeline (build, candidate, approval, publish). */
  public readonly release: PipelineWithApproval;
  /** The release candidate: the reference service, deployed by the pipeline before anything is published. */
  public readonly candidate: Stage;

  constructor(scope: Construct, id: string, props: RegistryStackProps) {
    super(scope, id, props);
    const pypi = props.pypiRepositoryName ?? `${props.domainName}-pypi`;
    const maven = props.mavenRepositoryName ?? `${props.domainName}-maven`;
    const ca = codeArtifactCommands(props.domainName, this.account, this.region);

    // The candidate is a stage of this app (beside this stack): the pipeline deploys it, `cdk deploy` of this stack does not.
    this.candidate = new Stage(scope, `${id}-Candidate`, { env: { account: this.account, region: this.region } });
    new ServiceStack(this.candidate, 'Service', { stackName: 'GantryReleaseCandidate', alarmEmail: props.releaseCandidateAlarmEmail ?? 'ops@example.com' });
    // The publish step's role exists now: the registry grants it below (and only it may publish).
    const publish = new CodeBuildStep(this, 'Publish', { buildSpec: publishBuildSpec(ca, { npm: props.repositoryName, pypi, maven }), timeout: Duration.minutes(15) });

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
      // Package releases to the stack's shared notification topic (the release pipeline's too).
      notifications: {},
    });
    // The domain's key (its own, which a domain cannot change) is the stack's artifacts key too: the
    // release pipeline's artifacts share it rather than adding a key.
    SharedKeys.of(this).useKey(KeyDataClass.ARTIFACTS, this.registry.encryptionKey as kms.Key);

    this.release = new PipelineWithApproval(this, 'Release', {
      source: PipelineSource.connection({
        connectionArn: props.releaseConnectionArn ?? PLACEHOLDER_CONNECTION_ARN,
        owner: props.releaseRepositoryOwner ?? 'example-org',
        repo: props.releaseRepositoryName ?? 'gantry',
        branch: props.releaseBranch ?? 'main',
      }),
      buildStep: { buildSpec: RELEASE_BUILD_SPEC, publishCdkAssets: true, timeout: Duration.hours(1) },
      cdkStages: [{
        stage: this.candidate,
        stageName: 'Release',
        mode: DeployMode.CREATE_UPDATE,
        // A failed candidate fails the stage before the approval; its own blue/green alarms roll it back.
        gateOnStageAlarms: false,
        post: [
          StageStep.approval('ApproveRelease', {
            comment: `Publish the release candidate of commit #{Source.CommitId} to ${props.domainName} (npm ${props.repositoryName}, PyPI ${pypi}, Maven ${maven})?`,
            approvers: props.releaseApprovers,
          }),
          publish,
        ],
      }],
      // To the stack's shared notification topic, which the registry's package releases also reach.
      notifications: {
        emailAddresses: [props.releaseCandidateAlarmEmail ?? 'ops@example.com'],
        executionStates: [PipelineExecutionState.FAILED, PipelineExecutionState.CANCELED, PipelineExecutionState.SUCCEEDED],
      },
    });
    // Exactly Gantry's three packages, no other name: a compromised publish step cannot publish a look-alike.
    this.registry.grantPublishPackages(publish, GANTRY_PACKAGES);

    new CfnOutput(this, 'DomainName', { value: this.registry.domainName });
    new CfnOutput(this, 'RepositoryName', { value: this.registry.repositoryName });
    new CfnOutput(this, 'LoginCommand', { description: 'Log npm in to the registry (token valid 12 hours)', value: ca.login('npm', props.repositoryName) });
    new CfnOutput(this, 'PipLoginCommand', { description: 'Point pip at the PyPI repository (token valid 12 hours)', value: ca.login('pip', pypi) });
    new CfnOutput(this, 'MavenRepositoryEndpointCommand', { description: 'URL of the Maven repository (authenticate as aws with get-authorization-token)', value: ca.mavenEndpoint(maven) });
    new CfnOutput(this, 'ReleasePipelineName', { value: this.release.pipeline.pipelineName });
  }
}
