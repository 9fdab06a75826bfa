import { createHash } from 'crypto';
import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codeartifact from 'aws-cdk-lib/aws-codeartifact';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  checkCount, checkEach, checkPattern, checkUnique, DeadLetteredTarget, eventDeadLetterQueue, fail, flattenReference, isUnresolved, Limits,
  grantsPolicyOf, NotificationOptions, resolveNotifications, RuleTopicTarget, secureKey, suppressNagFindings,
} from '../core';
import { PackageFormat, RegistryFormatProps } from './package-format';
import { PackageNamespace } from './package-namespace';
import { checkPackageGroupPattern } from './private/package-group-pattern';
import { RegistryPackage } from './registry-package';

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

/**
 * What a publisher of named packages needs on their repositories: the endpoint and installing
 * through it (the publish tools themselves, e.g. twine, come through the registry). Source: Service
 * Authorization Reference, AWS CodeArtifact (these three take the repository resource type).
 */
const PUBLISHER_REPOSITORY_ACTIONS = ['codeartifact:DescribeRepository', 'codeartifact:GetRepositoryEndpoint', 'codeartifact:ReadFromRepository'];

/**
 * What a publisher of named packages needs on those packages: publishing (CodeArtifact User Guide,
 * "Publishing permissions": npm, Python, NuGet `PublishPackageVersion`, Maven also
 * `PutPackageMetadata`, both on the package resource) and reading their own versions back.
 */
const NAMED_PACKAGE_ACTIONS = ['codeartifact:DescribePackageVersion', 'codeartifact:ListPackageVersionAssets', 'codeartifact:ListPackageVersions', ...PACKAGE_PUBLISH_ACTIONS];

/** The EventBridge detail-type CodeArtifact emits when a package version is created, changed or deleted. */
export const PACKAGE_VERSION_CHANGE_DETAIL_TYPE = 'CodeArtifact Package Version State Change';

/** Construct ids per format. npm keeps the ids it had before other formats existed (logical ids are a contract). */
const IDS: Record<PackageFormat, { repository: string; store: string }> = {
  [PackageFormat.NPM]: { repository: 'Repository', store: 'NpmStore' },
  [PackageFormat.PYPI]: { repository: 'PypiRepository', store: 'PypiStore' },
  [PackageFormat.MAVEN]: { repository: 'MavenRepository', store: 'MavenStore' },
  [PackageFormat.NUGET]: { repository: 'NugetRepository', store: 'NugetStore' },
};

/** Properties of a {@link PackageRegistry}. */
export interface PackageRegistryProps {
  /**
   * Name of the CodeArtifact domain: 2-50 characters, lowercase letters, digits and hyphens,
   * starting with a letter.
   */
  readonly domainName: string;

  /**
   * The formats the registry serves, one repository each (with its own upstream store holding the
   * format's public external connection), all in the one encrypted domain. Each format at most once.
   * @default - npm only: `[{ format: PackageFormat.NPM }]`
   */
  readonly formats?: RegistryFormatProps[];

  /**
   * Name of the npm repository teams publish to and install from: 2-100 characters of letters,
   * digits, `.`, `_` and `-`, starting with a letter or digit. (Same as the npm entry's `repositoryName`; set one.)
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
   * Connect the npm repository to the public npm registry through an upstream repository.
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
   * The organization's own namespaces (npm scopes, Python name prefixes, Maven groupIds, NuGet id
   * prefixes). Each becomes a CodeArtifact package group with origin controls: its packages may be
   * published only to this registry's repository of that format, and are never fetched from a public
   * upstream (external upstream blocked), so a public package named like an internal one cannot
   * shadow it (dependency confusion). Packages of the group still flow between the domain's own
   * repositories (internal upstream allowed). Each namespace's format must be one the registry serves.
   * @default - none: every package may come from the public upstreams
   */
  readonly internalNamespaces?: PackageNamespace[];

  /**
   * KMS key for the domain's assets and the event dead letters. A domain's key cannot change after
   * creation (CloudFormation replaces the domain, and with it every repository and package), so
   * the registry keeps a key of its own by default rather than the stack's shared artifacts key;
   * give `SharedKeys.of(stack).artifactsKey` for a new registry to share it.
   * @default - a rotating customer-managed key of the registry for the assets; the stack's shared messages key for dead letters
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Notify package version changes (published, changed, deleted) in the registry's repositories to
   * a topic: the one given, or the stack's shared Gantry notification topic, with `emailAddresses`
   * subscribed. Only the registry's rule may publish (aws:SourceArn).
   * @default - no notifications (see also `packageVersionChangeTargets`)
   */
  readonly notifications?: NotificationOptions;

  /**
   * AWS accounts (12-digit ids) allowed to read from the registry's repositories (install packages). Grants the
   * domain's `GetAuthorizationToken` and each repository's read actions through resource policies.
   * @default - no cross-account access
   */
  readonly readerAccountIds?: string[];

  /**
   * An AWS Organizations id (`o-...`): every principal of the organization may read from the
   * registry's repositories (condition `aws:PrincipalOrgID`).
   * @default - no organization-wide access
   */
  readonly readerOrganizationId?: string;

  /**
   * Targets notified when a package version in one of the registry's repositories is published,
   * changed or deleted (EventBridge `CodeArtifact Package Version State Change`).
   * @default - no rule is created
   */
  readonly packageVersionChangeTargets?: events.IRuleTarget[];

  /**
   * Dead-letter queue for events the targets fail to take (used for targets that do not name
   * their own). A queue given is used as is.
   * @default - the stack's shared dead-letter queue (`SecureDefaults.sharedDeadLetterQueue`, one per stack and key: this construct's `encryptionKey` when given)
   */
  readonly deadLetterQueue?: sqs.IQueue;
}

/** A format's settings with every default applied, and where each came from (for error messages). */
interface ResolvedFormat {
  readonly format: PackageFormat;
  readonly repositoryName: string;
  readonly description?: string;
  readonly externalConnection?: string;
  readonly storeRepositoryName?: string;
  readonly additionalUpstreams: string[];
  /** The prop a value came from, e.g. `formats[1].storeRepositoryName` or `npmStoreRepositoryName`. */
  readonly propOf: (field: keyof RegistryFormatProps) => string;
}

/**
 * A CodeArtifact registry for every language a team ships: a domain encrypted with a
 * customer-managed key, one repository per format (npm by default; PyPI, Maven, NuGet), each reading
 * public packages through its own upstream store holding the format's external connection (one
 * external connection per repository), package groups that keep the organization's own namespaces
 * off the public upstreams (dependency confusion), optional read access for other accounts or the
 * organization, and an EventBridge rule on package version changes.
 *
 * A team logs in and publishes with, per format:
 * `aws codeartifact login --tool npm|pip|twine|dotnet --domain <domain> --domain-owner <account> --repository <repo>`;
 * Maven reads a token from `aws codeartifact get-authorization-token` in `settings.xml`.
 */
export class PackageRegistry extends Construct {
  /** The CodeArtifact domain. */
  public readonly domain: codeartifact.CfnDomain;
  /** The npm repository when the registry serves npm, otherwise the repository of the first format. */
  public readonly repository: codeartifact.CfnRepository;
  /** The upstream repository holding the `public:npmjs` external connection, when npm is served and connected. */
  public readonly npmStoreRepository?: codeartifact.CfnRepository;
  /** The key encrypting the domain's assets. */
  public readonly encryptionKey: kms.IKey;
  /** The topic package version changes are notified to, when `notifications` are on. */
  public readonly notificationTopic?: sns.ITopic;
  /** The rule on package version changes, when targets or notifications were given. */
  public readonly packageVersionChangeRule?: events.Rule;
  /** Dead-letter queue of the rule's targets, when targets were given: the one given, or the stack's shared dead-letter queue (for the registry's `encryptionKey` when given). */
  public readonly deadLetterQueue?: sqs.IQueue;
  /** Name of the domain. */
  public readonly domainName: string;
  /** Name of `repository` (the npm repository when npm is served). */
  public readonly repositoryName: string;
  /** ARN of the domain. */
  public readonly domainArn: string;
  /** ARN of `repository` (the npm repository when npm is served). */
  public readonly repositoryArn: string;
  /** The formats the registry serves, in the order given. */
  public readonly formats: PackageFormat[];
  /** The package groups protecting `internalNamespaces`, in the order given. */
  public readonly packageGroups: codeartifact.CfnPackageGroup[];

  private readonly repositories = new Map<PackageFormat, codeartifact.CfnRepository>();
  private readonly stores = new Map<PackageFormat, codeartifact.CfnRepository>();

  constructor(scope: Construct, id: string, props: PackageRegistryProps) {
    super(scope, id);
    const resolved = this.resolveFormats(props);
    this.validate(props, resolved);
    this.formats = resolved.map((r) => r.format);

    // Its own key by default: the domain's key is immutable (EncryptionKey requires replacement).
    this.encryptionKey = props.encryptionKey ?? secureKey(this, 'Key', `Encrypts the assets of CodeArtifact domain ${props.domainName}`);

    this.domain = new codeartifact.CfnDomain(this, 'Domain', {
      domainName: props.domainName,
      encryptionKey: this.encryptionKey.keyArn,
    });
    this.domainName = this.domain.attrName;
    this.domainArn = this.domain.attrArn;

    for (const format of resolved) this.createRepositories(props, format);
    const primary = this.repositories.get(PackageFormat.NPM) ?? this.repositories.get(resolved[0].format)!;
    this.repository = primary;
    this.npmStoreRepository = this.stores.get(PackageFormat.NPM);
    this.repositoryName = primary.attrName;
    this.repositoryArn = primary.attrArn;

    this.addReaderPolicies(props);
    this.packageGroups = (props.internalNamespaces ?? []).map((namespace) => this.protectNamespace(namespace));

    this.notificationTopic = props.notifications === undefined ? undefined
      : resolveNotifications(this, 'notifications', props.notifications, ['events.amazonaws.com']);
    const ruleTargets: events.IRuleTarget[] = [
      ...(props.packageVersionChangeTargets ?? []),
      ...(this.notificationTopic ? [new RuleTopicTarget(this.notificationTopic)] : []),
    ];
    if (ruleTargets.length > 0) {
      const deadLetterQueue = props.deadLetterQueue ?? eventDeadLetterQueue(this, props.encryptionKey);
      this.deadLetterQueue = deadLetterQueue;
      const names = resolved.map((r) => r.repositoryName);
      this.packageVersionChangeRule = new events.Rule(this, 'PackageVersionChange', {
        description: `Package version changes in CodeArtifact repositor${names.length > 1 ? 'ies' : 'y'} ${names.join(', ')} of domain ${props.domainName}`,
        eventPattern: {
          source: ['aws.codeartifact'],
          detailType: [PACKAGE_VERSION_CHANGE_DETAIL_TYPE],
          detail: {
            domainName: [props.domainName],
            repositoryName: names,
          },
        },
        targets: ruleTargets.map((target) => new DeadLetteredTarget(target, deadLetterQueue)),
      });
    }
  }

  /**
   * Package version changes (published, changed, deleted) in the registry's repositories: the
   * EventBridge `MatchedEvents` count of the registry's rule, which exists with `notifications` or
   * `packageVersionChangeTargets` (synth fails without them).
   * @default - sum over 5 minutes
   */
  public metricPackageVersionChanges(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    const rule = this.packageVersionChangeRule;
    if (!rule) {
      fail(this, 'notifications', undefined, 'notifications or packageVersionChangeTargets, so that a rule counts package version changes (metricPackageVersionChanges)');
    }
    return new cloudwatch.Metric({
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(5),
      ...props,
      namespace: 'AWS/Events',
      metricName: 'MatchedEvents',
      dimensionsMap: { RuleName: rule.ruleName, ...props?.dimensionsMap },
    });
  }

  /** The repository of a format the registry serves (fails at synth for a format it does not serve). */
  public repositoryFor(format: PackageFormat): codeartifact.CfnRepository {
    const repository = this.repositories.get(format);
    if (!repository) fail(this, 'format', format, `a format this registry serves: ${this.formats.join(', ')}`);
    return repository;
  }

  /** The upstream store (external connection) of a format, when the format is served and connected. */
  public storeRepositoryFor(format: PackageFormat): codeartifact.CfnRepository | undefined {
    return this.stores.get(format);
  }

  /**
   * Let a principal install packages: authorization token for the domain, the service bearer
   * token, and read access to the repository of the format (every format when none is given) and its packages.
   */
  public grantRead(grantee: iam.IGrantable, format?: PackageFormat): iam.Grant {
    this.grantToken(grantee);
    const formats = this.grantFormats(format);
    const grant = iam.Grant.addToPrincipal({
      grantee,
      actions: REPOSITORY_READ_ACTIONS,
      resourceArns: [...formats.map((f) => this.repositoryFor(f).attrArn), ...formats.map((f) => this.packageArns(f))],
    });
    this.acknowledgeGrantWildcards(grantee, formats);
    return grant;
  }

  /**
   * Let a principal publish packages of the format (every format when none is given), and read,
   * which `npm publish`, `twine upload` and `mvn deploy` need. Any package name of the repository:
   * for a publisher of known packages, `grantPublishPackages` names them instead.
   */
  public grantPublish(grantee: iam.IGrantable, format?: PackageFormat): iam.Grant {
    this.grantRead(grantee, format);
    const grant = iam.Grant.addToPrincipal({
      grantee,
      actions: PACKAGE_PUBLISH_ACTIONS,
      resourceArns: this.grantFormats(format).map((f) => this.packageArns(f)),
    });
    this.acknowledgeGrantWildcards(grantee, this.grantFormats(format));
    return grant;
  }

  /**
   * Let a principal publish exactly these packages and no other: publish and read of their versions
   * on those packages' ARNs only (no wildcard), the endpoint of and installing through their
   * repositories, and the tokens. For a release pipeline that publishes known packages, this is
   * least privilege where `grantPublish` allows every package of a repository.
   *
   * @param packages the packages, e.g. `RegistryPackage.npm('@acme/cdk')`, `RegistryPackage.pypi('acme-cdk')`,
   *   `RegistryPackage.maven('com.acme', 'acme-cdk')`: at least one, each of a format this registry serves
   */
  public grantPublishPackages(grantee: iam.IGrantable, packages: RegistryPackage[]): iam.Grant {
    if (packages.length === 0) fail(this, 'packages', packages, 'at least one package (grantPublish allows a whole format)');
    packages.forEach((pkg, index) => this.validatePackage(pkg, `packages[${index}]`));
    const arns = Array.from(new Set(packages.map((pkg) => this.packageArn(pkg))));
    const formats = this.formats.filter((f) => packages.some((pkg) => pkg.format === f));
    this.grantToken(grantee);
    iam.Grant.addToPrincipal({ grantee, actions: PUBLISHER_REPOSITORY_ACTIONS, resourceArns: formats.map((f) => this.repositoryFor(f).attrArn) });
    const grant = iam.Grant.addToPrincipal({ grantee, actions: NAMED_PACKAGE_ACTIONS, resourceArns: arns });
    this.acknowledgeGrantWildcards(grantee, []);
    return grant;
  }

  /** ARN of one package of the registry (in the repository of its format). */
  public packageArn(pkg: RegistryPackage): string {
    return this.packageResourceArn(pkg.format, `${pkg.namespace}/${pkg.name}`);
  }

  /** ARN pattern of every package of a format in that format's repository. */
  public packageArns(format: PackageFormat): string {
    return this.packageResourceArn(format, '*');
  }

  /** `package/<domain>/<repository of the format>/<format>/<rest>` (CodeArtifact permissions reference). */
  private packageResourceArn(format: PackageFormat, rest: string): string {
    return Stack.of(this).formatArn({
      service: 'codeartifact',
      resource: 'package',
      resourceName: `${this.domainName}/${this.repositoryFor(format).attrName}/${format}/${rest}`,
    });
  }

  private grantFormats(format?: PackageFormat): PackageFormat[] {
    if (format === undefined) return this.formats;
    this.repositoryFor(format);
    return [format];
  }

  /**
   * The grants above write two wildcards on purpose: every package of a repository (`.../<format>/*`:
   * package names are what the grantee reads or publishes; not for `grantPublishPackages`, which names
   * its packages, so `formats` is empty) and `*` for `sts:GetServiceBearerToken`,
   * which has no resource ARN (its condition limits it to CodeArtifact). Those, and only those, are
   * acknowledged on the policy that holds the grant (a `ManagedPolicyRole`'s managed policy or a
   * role's, user's or group's default policy); a principal of another kind keeps them as findings.
   */
  private acknowledgeGrantWildcards(grantee: iam.IGrantable, formats: PackageFormat[]): void {
    const policy = grantsPolicyOf(grantee.grantPrincipal);
    if (!policy) return;
    const stack = Stack.of(policy);
    suppressNagFindings(policy, [
      ...(formats.length === 0 ? [] : [{
        id: 'AwsSolutions-IAM5',
        reason: 'Every package of one repository of the registry: package names are what the grantee installs or publishes.',
        appliesTo: formats.map((f) => `Resource::${flattenReference(stack.resolve(this.packageArns(f)))}`),
      }]),
      {
        id: 'AwsSolutions-IAM5',
        reason: 'sts:GetServiceBearerToken has no resource ARN; the condition limits it to codeartifact.amazonaws.com.',
        appliesTo: ['Resource::*'],
      },
    ]);
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

  private createRepositories(props: PackageRegistryProps, f: ResolvedFormat): void {
    const ids = IDS[f.format];
    const upstreams: string[] = [];
    if (f.externalConnection && f.storeRepositoryName) {
      const store = new codeartifact.CfnRepository(this, ids.store, {
        domainName: this.domain.attrName,
        repositoryName: f.storeRepositoryName,
        description: f.format === PackageFormat.NPM
          ? 'Caches packages from the public npm registry (public:npmjs)'
          : `Caches ${f.format} packages from the public registry (${f.externalConnection})`,
        externalConnections: [f.externalConnection],
      });
      this.stores.set(f.format, store);
      upstreams.push(store.attrName);
    }
    upstreams.push(...f.additionalUpstreams);
    const repository = new codeartifact.CfnRepository(this, ids.repository, {
      domainName: this.domain.attrName,
      repositoryName: f.repositoryName,
      description: f.description ?? (f.format === PackageFormat.NPM
        ? `npm packages of domain ${props.domainName}`
        : `${f.format} packages of domain ${props.domainName}`),
      upstreams: upstreams.length > 0 ? upstreams : undefined,
    });
    this.repositories.set(f.format, repository);
  }

  /** A package group whose packages are published only here and never come from a public upstream. */
  private protectNamespace(namespace: PackageNamespace): codeartifact.CfnPackageGroup {
    const pattern = namespace.pattern;
    const format = isUnresolved(pattern) ? undefined : checkPackageGroupPattern(pattern).parsed?.format as PackageFormat | undefined;
    // A pattern only known at deploy time may be of any format: publishing stays within this registry's repositories.
    const publishTo = format ? [this.repositoryFor(format)] : [...this.repositories.values()];
    const id = `PackageGroup${createHash('sha256').update(pattern).digest('hex').slice(0, 8).toUpperCase()}`;
    return new codeartifact.CfnPackageGroup(this, id, {
      domainName: this.domain.attrName,
      pattern,
      description: `Internal packages (${pattern}): published only to this registry, never fetched from a public upstream`,
      originConfiguration: {
        restrictions: {
          publish: { restrictionMode: 'ALLOW_SPECIFIC_REPOSITORIES', repositories: publishTo.map((r) => r.attrName) },
          externalUpstream: { restrictionMode: 'BLOCK' },
          internalUpstream: { restrictionMode: 'ALLOW' },
        },
      },
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
    for (const repository of this.repositories.values()) repository.permissionsPolicyDocument = policy(REPOSITORY_READ_ACTIONS);
  }

  /** Every format's settings with defaults applied; npm takes the registry's npm props. */
  private resolveFormats(props: PackageRegistryProps): ResolvedFormat[] {
    const entries = props.formats ?? [{ format: PackageFormat.NPM }];
    const legacy: Partial<Record<keyof RegistryFormatProps, { prop: string; value: unknown }>> = {
      repositoryName: { prop: 'repositoryName', value: props.repositoryName },
      description: { prop: 'repositoryDescription', value: props.repositoryDescription },
      storeRepositoryName: { prop: 'npmStoreRepositoryName', value: props.npmStoreRepositoryName },
      connectToPublic: { prop: 'connectToNpmjs', value: props.connectToNpmjs },
      additionalUpstreams: { prop: 'additionalUpstreams', value: props.additionalUpstreams },
    };
    if (props.formats !== undefined && !entries.some((e) => e.format === PackageFormat.NPM)) {
      for (const { prop, value } of Object.values(legacy)) {
        if (value !== undefined) fail(this, prop, value, 'only with an npm repository: add { format: PackageFormat.NPM } to formats, or remove it');
      }
    }
    return entries.map((entry, index) => {
      const own = (field: keyof RegistryFormatProps) => `formats[${index}].${field}`;
      const sources: Partial<Record<keyof RegistryFormatProps, string>> = {};
      // For npm, a setting may come from the registry's npm props or from the entry, not both; errors
      // name the prop the value came from (the npm prop when the entry leaves it out).
      const take = <T>(field: keyof RegistryFormatProps): T | undefined => {
        const fromEntry = entry[field] as T | undefined;
        const alternative = entry.format === PackageFormat.NPM ? legacy[field] : undefined;
        if (fromEntry !== undefined && alternative?.value !== undefined) {
          fail(this, own(field), fromEntry, `either ${own(field)} or ${alternative.prop}, not both`);
        }
        const useAlternative = fromEntry === undefined && alternative !== undefined;
        sources[field] = useAlternative ? alternative.prop : own(field);
        return (useAlternative ? alternative.value : fromEntry) as T | undefined;
      };
      const repositoryName = take<string>('repositoryName') ?? entry.format;
      const connect = take<boolean>('connectToPublic') ?? true;
      const externalConnection = connect
        ? entry.externalConnection ?? Limits.codeArtifactFormats.externalConnections[entry.format]?.[0]
        : undefined;
      const storeName = take<string>('storeRepositoryName');
      return {
        format: entry.format,
        repositoryName,
        description: take<string>('description'),
        externalConnection,
        storeRepositoryName: externalConnection
          ? storeName ?? `${repositoryName}-${externalConnection.replace(/^public:/, '')}-store`
          : undefined,
        additionalUpstreams: take<string[]>('additionalUpstreams') ?? [],
        propOf: (field) => sources[field] ?? own(field),
      };
    });
  }

  private validate(props: PackageRegistryProps, formats: ResolvedFormat[]): void {
    const ca = Limits.codeArtifact;
    checkPattern(this, 'domainName', props.domainName, ca.domainNamePattern,
      '2-50 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen');
    const repoAllowed = '2-100 characters: letters, digits, ".", "_" and "-", starting with a letter or digit';

    const served = Object.values(PackageFormat) as string[];
    checkCount(this, 'formats', props.formats, 1, served.length);
    (props.formats ?? []).forEach((entry, index) => {
      if (!served.includes(entry.format)) fail(this, `formats[${index}].format`, entry.format, `one of ${served.join(', ')}`);
    });
    checkUnique(this, 'formats', formats.map((f) => f.format));

    const names: Array<{ name: string; prop: string }> = [];
    for (const f of formats) {
      checkPattern(this, f.propOf('repositoryName'), f.repositoryName, ca.repositoryNamePattern, repoAllowed);
      names.push({ name: f.repositoryName, prop: f.propOf('repositoryName') });
      if (f.externalConnection) {
        const allowed = Limits.codeArtifactFormats.externalConnections[f.format];
        if (!isUnresolved(f.externalConnection) && !allowed.includes(f.externalConnection)) {
          fail(this, f.propOf('externalConnection'), f.externalConnection, `an external connection for ${f.format} packages: ${allowed.join(', ')}`);
        }
        checkPattern(this, f.propOf('storeRepositoryName'), f.storeRepositoryName, ca.repositoryNamePattern, repoAllowed);
        names.push({ name: f.storeRepositoryName!, prop: f.propOf('storeRepositoryName') });
      }
      const upstreamsProp = f.propOf('additionalUpstreams');
      checkEach(this, upstreamsProp, f.additionalUpstreams, ca.repositoryNamePattern, repoAllowed);
      // At most 10 upstreams per repository: the store counts as one.
      checkCount(this, upstreamsProp, f.additionalUpstreams, 0, ca.maxUpstreamRepositories - (f.externalConnection ? 1 : 0));
      checkUnique(this, upstreamsProp, f.additionalUpstreams);
      if (!isUnresolved(f.repositoryName) && f.additionalUpstreams.includes(f.repositoryName)) {
        fail(this, upstreamsProp, f.repositoryName, `repositories other than the ${f.format} repository itself (a repository cannot be its own upstream)`);
      }
    }
    // Repository names are unique in a domain.
    const seen = new Map<string, string>();
    for (const { name, prop } of names) {
      if (isUnresolved(name)) continue;
      const other = seen.get(name);
      if (other) fail(this, prop, name, `a repository name not used by another repository of the domain (${other} has it)`);
      seen.set(name, prop);
    }

    (props.internalNamespaces ?? []).forEach((namespace, index) => this.validateNamespace(namespace, `internalNamespaces[${index}]`, formats));
    checkUnique(this, 'internalNamespaces', (props.internalNamespaces ?? []).map((n) => n.pattern));

    checkCount(this, 'readerAccountIds', props.readerAccountIds, 1, 100);
    checkEach(this, 'readerAccountIds', props.readerAccountIds, Limits.organizations.accountIdPattern, 'a 12-digit AWS account id');
    checkPattern(this, 'readerOrganizationId', props.readerOrganizationId, Limits.organizations.organizationIdPattern,
      'an AWS Organizations id: "o-" followed by 10-32 lowercase letters or digits');
    checkCount(this, 'packageVersionChangeTargets', props.packageVersionChangeTargets, 0, Limits.eventBridge.maxTargetsPerRule);
  }

  /** A package must be of a served format and have coordinates CodeArtifact can store (tokens pass). */
  private validatePackage(pkg: RegistryPackage, prop: string): void {
    if (!this.formats.includes(pkg.format)) fail(this, `${prop}.format`, pkg.format, `a format this registry serves: ${this.formats.join(', ')}`);
    if (isUnresolved(pkg.namespace) || isUnresolved(pkg.name)) return;
    const coordinates = `/${pkg.format}/${pkg.namespace}/${pkg.name}`;
    const check = pkg.name.includes('$') ? { problem: 'no "$" in a name' } : checkPackageGroupPattern(`${coordinates}$`);
    if (check.problem !== undefined) {
      fail(this, prop, `${coordinates}`, `a package CodeArtifact can store: ${check.problem}; e.g. RegistryPackage.npm('@acme/cdk'), RegistryPackage.pypi('acme-cdk'), RegistryPackage.maven('com.acme', 'acme-cdk')`);
    }
  }

  private validateNamespace(namespace: PackageNamespace, prop: string, formats: ResolvedFormat[]): void {
    const pattern = namespace.pattern;
    if (isUnresolved(pattern)) return;
    const examples = 'e.g. /npm/acme/* (npm scope @acme), /pypi//acme~ (Python names starting with acme), /maven/com.acme/* (groupId com.acme)';
    const check = checkPackageGroupPattern(pattern);
    if (check.problem !== undefined) fail(this, prop, pattern, `a CodeArtifact package group pattern: ${check.problem}; ${examples}`);
    const parsed = check.parsed;
    // Blocking the public upstream for a whole format (or every unscoped package) would cut the
    // registry off from every public dependency: a namespace must name the organization's own packages.
    if (parsed.kind === 'all' || parsed.kind === 'format' || (parsed.kind === 'namespace' && parsed.namespace === '')) {
      fail(this, prop, pattern, `a pattern naming the organization's own namespace or name prefix (this one covers every public ${parsed.format ?? ''} package, so none could be installed); ${examples}`.replace('  ', ' '));
    }
    if (!formats.some((f) => f.format === parsed.format)) {
      fail(this, prop, pattern, `a namespace of a format this registry serves (${formats.map((f) => f.format).join(', ')}); add { format: '${parsed.format}' } to formats`);
    }
  }
}
