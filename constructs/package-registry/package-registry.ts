import { Stack } from 'aws-cdk-lib';
import * as codeartifact from 'aws-cdk-lib/aws-codeartifact';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { checkCount, checkEach, checkPattern, DeadLetteredTarget, eventDeadLetterQueue, fail, isUnresolved, Limits, secureKey } from '../core';

/** Read actions a consumer needs to install packages from a repository. */
const REPOSITORY_READ_ACTIONS = [
  'codeartifact:DescribePackageVersion',
  'codeartifact:DescribeRepository',
  'codeartifact:GetPackageVersionReadme',
  'codeartifact:GetRepositoryEndpoint',
  'codeartifact:ListPackageVersionAssets',
  'codeartifact:ListPackageVersionDependencies',
  'codeartifact:ListPackageVersions',
  'codeartifact:ListPackages',
  'codeartifact:ReadFromRepository',
];

/** Actions a publisher needs on the repository's packages, in addition to read. */
const PACKAGE_PUBLISH_ACTIONS = ['codeartifact:PublishPackageVersion', 'codeartifact:PutPackageMetadata'];

/** The EventBridge detail-type CodeArtifact emits when a package version is created, changed or deleted. */
export const PACKAGE_VERSION_CHANGE_DETAIL_TYPE = 'CodeArtifact Package Version State Change';

/** Properties of a {@link PackageRegistry}. */
export interface PackageRegistryProps {
  /**
   * Name of the CodeArtifact domain: 2-50 characters, lowercase letters, digits and hyphens,
   * starting with a letter.
   */
  readonly domainName: string;

  /**
   * Name of the npm repository teams publish to and install from: 2-100 characters of letters,
   * digits, `.`, `_` and `-`, starting with a letter or digit.
   * @default 'npm'
   */
  readonly repositoryName?: string;

  /** Description of the npm repository. @default - a description naming the domain */
  readonly repositoryDescription?: string;

  /**
   * Name of the upstream repository that holds the `public:npmjs` external connection, so
   * public packages are fetched and cached through the domain.
   * @default `${repositoryName}-npmjs-store`
   */
  readonly npmStoreRepositoryName?: string;

  /**
   * Connect the registry to the public npm registry through an upstream repository.
   * @default true
   */
  readonly connectToNpmjs?: boolean;

  /**
   * Further upstream repositories of the npm repository, by name, searched after the npm store in
   * this order. A repository has at most 10 upstreams in all (the npm store counts as one).
   * @default - none
   */
  readonly additionalUpstreams?: string[];

  /**
   * Existing KMS key for the domain's assets.
   * @default - a customer-managed key with rotation is created
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * AWS accounts (12-digit ids) allowed to read from the repository (install packages). Grants the
   * domain's `GetAuthorizationToken` and the repository's read actions through resource policies.
   * @default - no cross-account access
   */
  readonly readerAccountIds?: string[];

  /**
   * An AWS Organizations id (`o-...`): every principal of the organization may read from the
   * repository (condition `aws:PrincipalOrgID`).
   * @default - no organization-wide access
   */
  readonly readerOrganizationId?: string;

  /**
   * Targets notified when a package version in the npm repository is published, changed or
   * deleted (EventBridge `CodeArtifact Package Version State Change`).
   * @default - no rule is created
   */
  readonly packageVersionChangeTargets?: events.IRuleTarget[];

  /**
   * Dead-letter queue for events the targets fail to take (used for targets that do not name
   * their own).
   * @default - an encrypted queue is created when targets are given
   */
  readonly deadLetterQueue?: sqs.IQueue;
}

/**
 * A CodeArtifact npm registry: a domain encrypted with a customer-managed key, an npm repository
 * teams publish to, an upstream repository holding the `public:npmjs` external connection,
 * optional read access for other accounts or the organization, and an EventBridge rule on package
 * version changes.
 *
 * A team logs in and publishes with:
 * `aws codeartifact login --tool npm --domain <domain> --domain-owner <account> --repository <repo>`
 * then `npm publish`.
 */
export class PackageRegistry extends Construct {
  /** The CodeArtifact domain. */
  public readonly domain: codeartifact.CfnDomain;
  /** The npm repository teams publish to and install from. */
  public readonly repository: codeartifact.CfnRepository;
  /** The upstream repository holding the `public:npmjs` external connection, when connected. */
  public readonly npmStoreRepository?: codeartifact.CfnRepository;
  /** The key encrypting the domain's assets. */
  public readonly encryptionKey: kms.IKey;
  /** The rule on package version changes, when targets were given. */
  public readonly packageVersionChangeRule?: events.Rule;
  /** Dead-letter queue of the rule's targets, when targets were given. */
  public readonly deadLetterQueue?: sqs.IQueue;
  /** Name of the domain. */
  public readonly domainName: string;
  /** Name of the npm repository. */
  public readonly repositoryName: string;
  /** ARN of the domain. */
  public readonly domainArn: string;
  /** ARN of the npm repository. */
  public readonly repositoryArn: string;

  constructor(scope: Construct, id: string, props: PackageRegistryProps) {
    super(scope, id);
    const repositoryName = props.repositoryName ?? 'npm';
    const connectToNpmjs = props.connectToNpmjs ?? true;
    const npmStoreRepositoryName = props.npmStoreRepositoryName ?? `${repositoryName}-npmjs-store`;
    this.validate(props, repositoryName, npmStoreRepositoryName, connectToNpmjs);

    this.encryptionKey = props.encryptionKey
      ?? secureKey(this, 'Key', `Encrypts the assets of CodeArtifact domain ${props.domainName}`);

    this.domain = new codeartifact.CfnDomain(this, 'Domain', {
      domainName: props.domainName,
      encryptionKey: this.encryptionKey.keyArn,
    });
    this.domainName = this.domain.attrName;
    this.domainArn = this.domain.attrArn;

    const upstreams: string[] = [];
    if (connectToNpmjs) {
      this.npmStoreRepository = new codeartifact.CfnRepository(this, 'NpmStore', {
        domainName: this.domain.attrName,
        repositoryName: npmStoreRepositoryName,
        description: 'Caches packages from the public npm registry (public:npmjs)',
        externalConnections: ['public:npmjs'],
      });
      upstreams.push(this.npmStoreRepository.attrName);
    }
    upstreams.push(...(props.additionalUpstreams ?? []));

    this.repository = new codeartifact.CfnRepository(this, 'Repository', {
      domainName: this.domain.attrName,
      repositoryName,
      description: props.repositoryDescription ?? `npm packages of domain ${props.domainName}`,
      upstreams: upstreams.length > 0 ? upstreams : undefined,
    });
    this.repositoryName = this.repository.attrName;
    this.repositoryArn = this.repository.attrArn;

    this.addReaderPolicies(props);

    if (props.packageVersionChangeTargets && props.packageVersionChangeTargets.length > 0) {
      const deadLetterQueue = props.deadLetterQueue ?? eventDeadLetterQueue(this, 'EventsDeadLetterQueue');
      this.deadLetterQueue = deadLetterQueue;
      this.packageVersionChangeRule = new events.Rule(this, 'PackageVersionChange', {
        description: `Package version changes in CodeArtifact repository ${repositoryName} of domain ${props.domainName}`,
        eventPattern: {
          source: ['aws.codeartifact'],
          detailType: [PACKAGE_VERSION_CHANGE_DETAIL_TYPE],
          detail: {
            domainName: [props.domainName],
            repositoryName: [repositoryName],
          },
        },
        targets: props.packageVersionChangeTargets.map((target) => new DeadLetteredTarget(target, deadLetterQueue)),
      });
    }
  }

  /**
   * Let a principal install packages: authorization token for the domain, the service bearer
   * token, and read access to the repository and its packages.
   */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    this.grantToken(grantee);
    return iam.Grant.addToPrincipal({
      grantee,
      actions: REPOSITORY_READ_ACTIONS,
      resourceArns: [this.repositoryArn, this.packageArns()],
    });
  }

  /** Let a principal publish packages (and read, which `npm publish` needs). */
  public grantPublish(grantee: iam.IGrantable): iam.Grant {
    this.grantRead(grantee);
    return iam.Grant.addToPrincipal({
      grantee,
      actions: PACKAGE_PUBLISH_ACTIONS,
      resourceArns: [this.packageArns()],
    });
  }

  private grantToken(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({ grantee, actions: ['codeartifact:GetAuthorizationToken'], resourceArns: [this.domainArn] });
    // The bearer token action has no resource ARN; the condition limits it to CodeArtifact.
    grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['sts:GetServiceBearerToken'],
      resources: ['*'],
      conditions: { StringEquals: { 'sts:AWSServiceName': 'codeartifact.amazonaws.com' } },
    }));
  }

  /** ARN pattern of every npm package in the repository. */
  private packageArns(): string {
    const stack = Stack.of(this);
    return stack.formatArn({
      service: 'codeartifact',
      resource: 'package',
      resourceName: `${this.domainName}/${this.repositoryName}/npm/*`,
    });
  }

  private addReaderPolicies(props: PackageRegistryProps): void {
    const accounts = props.readerAccountIds ?? [];
    const organizationId = props.readerOrganizationId;
    if (accounts.length === 0 && !organizationId) return;

    // In a CodeArtifact resource policy, '*' is the domain or repository the policy is attached to.
    const policy = (actions: string[]) => {
      const statements: iam.PolicyStatement[] = [];
      if (accounts.length > 0) {
        statements.push(new iam.PolicyStatement({
          sid: 'ReaderAccounts',
          principals: accounts.map((account) => new iam.AccountPrincipal(account)),
          actions,
          resources: ['*'],
        }));
      }
      if (organizationId) {
        statements.push(new iam.PolicyStatement({
          sid: 'ReaderOrganization',
          principals: [new iam.AnyPrincipal()],
          actions,
          resources: ['*'],
          conditions: { StringEquals: { 'aws:PrincipalOrgID': organizationId } },
        }));
      }
      return new iam.PolicyDocument({ statements });
    };
    this.domain.permissionsPolicyDocument = policy(['codeartifact:GetAuthorizationToken']);
    this.repository.permissionsPolicyDocument = policy(REPOSITORY_READ_ACTIONS);
  }

  private validate(props: PackageRegistryProps, repositoryName: string, npmStoreRepositoryName: string, connectToNpmjs: boolean): void {
    const ca = Limits.codeArtifact;
    checkPattern(this, 'domainName', props.domainName, ca.domainNamePattern,
      '2-50 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen');
    const repoAllowed = '2-100 characters: letters, digits, ".", "_" and "-", starting with a letter or digit';
    checkPattern(this, 'repositoryName', repositoryName, ca.repositoryNamePattern, repoAllowed);
    if (connectToNpmjs) {
      checkPattern(this, 'npmStoreRepositoryName', npmStoreRepositoryName, ca.repositoryNamePattern, repoAllowed);
      if (!isUnresolved(repositoryName) && npmStoreRepositoryName === repositoryName) {
        fail(this, 'npmStoreRepositoryName', npmStoreRepositoryName, 'a name different from repositoryName');
      }
    }
    checkEach(this, 'additionalUpstreams', props.additionalUpstreams, ca.repositoryNamePattern, repoAllowed);
    const maxAdditional = ca.maxUpstreamRepositories - (connectToNpmjs ? 1 : 0);
    checkCount(this, 'additionalUpstreams', props.additionalUpstreams, 0, maxAdditional);
    if (props.additionalUpstreams?.includes(repositoryName)) {
      fail(this, 'additionalUpstreams', repositoryName, 'repositories other than the npm repository itself (a repository cannot be its own upstream)');
    }
    checkCount(this, 'readerAccountIds', props.readerAccountIds, 1, 100);
    checkEach(this, 'readerAccountIds', props.readerAccountIds, Limits.organizations.accountIdPattern, 'a 12-digit AWS account id');
    checkPattern(this, 'readerOrganizationId', props.readerOrganizationId, Limits.organizations.organizationIdPattern,
      'an AWS Organizations id: "o-" followed by 10-32 lowercase letters or digits');
    checkCount(this, 'packageVersionChangeTargets', props.packageVersionChangeTargets, 0, Limits.eventBridge.maxTargetsPerRule);
  }
}
