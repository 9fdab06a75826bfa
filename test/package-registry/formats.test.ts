import { App, CfnParameter, Lazy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { PackageFormat, PackageNamespace, PackageRegistry, PackageRegistryProps, RegistryPackage } from '../../constructs';
import { runNag } from '../harness/nag';

const env = { account: '111111111111', region: 'eu-west-1' };
const ALL = [{ format: PackageFormat.NPM }, { format: PackageFormat.PYPI }, { format: PackageFormat.MAVEN }, { format: PackageFormat.NUGET }];

function build(props: Partial<PackageRegistryProps> = {}) {
  const app = new App();
  const stack = new Stack(app, 'Test', { env });
  const registry = new PackageRegistry(stack, 'Registry', { domainName: 'acme', ...props });
  return { stack, registry, template: Template.fromStack(stack) };
}

/** The repository resource with this name, by logical id. */
function repository(template: Template, name: string): [string, any] {
  const found = Object.entries(template.findResources('AWS::CodeArtifact::Repository', { Properties: { RepositoryName: name } }));
  expect(found).toHaveLength(1);
  return found[0];
}

describe('repositories per format', () => {
  test('npm only by default', () => {
    const { template, registry } = build();
    template.resourceCountIs('AWS::CodeArtifact::Repository', 2);
    template.resourceCountIs('AWS::CodeArtifact::PackageGroup', 0);
    expect(registry.formats).toEqual([PackageFormat.NPM]);
  });

  test.each([
    [PackageFormat.NPM, 'npm', 'npm-npmjs-store', 'public:npmjs'],
    [PackageFormat.PYPI, 'pypi', 'pypi-pypi-store', 'public:pypi'],
    [PackageFormat.MAVEN, 'maven', 'maven-maven-central-store', 'public:maven-central'],
    [PackageFormat.NUGET, 'nuget', 'nuget-nuget-org-store', 'public:nuget-org'],
  ])('%s: a repository reading through its own store with the %s external connection', (format, repo, store, connection) => {
    const { template, registry } = build({ formats: ALL });
    template.resourceCountIs('AWS::CodeArtifact::Repository', 8);
    const [storeId, storeResource] = repository(template, store);
    expect(storeResource.Properties.ExternalConnections).toEqual([connection]);
    expect(storeResource.Properties.Upstreams).toBeUndefined();
    const [, repoResource] = repository(template, repo);
    expect(repoResource.Properties.ExternalConnections).toBeUndefined();
    expect(repoResource.Properties.Upstreams).toEqual([{ 'Fn::GetAtt': [storeId, 'Name'] }]);
    expect(repoResource.Properties.DomainName).toEqual({ 'Fn::GetAtt': ['RegistryDomainF3B9647E', 'Name'] });
    expect(registry.storeRepositoryFor(format)).toBeDefined();
  });

  test('one external connection per repository and one store per format', () => {
    const { template } = build({ formats: ALL });
    const repos = Object.values(template.findResources('AWS::CodeArtifact::Repository'));
    for (const r of repos) expect((r.Properties.ExternalConnections ?? []).length).toBeLessThanOrEqual(1);
    const connections = repos.flatMap((r) => r.Properties.ExternalConnections ?? []);
    expect(connections.sort()).toEqual(['public:maven-central', 'public:npmjs', 'public:nuget-org', 'public:pypi']);
  });

  test('npm keeps its logical ids when other formats are added (a rename would replace the repository)', () => {
    const { stack, registry } = build({ formats: [{ format: PackageFormat.PYPI }, { format: PackageFormat.NPM }] });
    expect(stack.getLogicalId(registry.repository)).toBe('RegistryRepository5A933889');
    expect(stack.getLogicalId(registry.npmStoreRepository!)).toMatch(/^RegistryNpmStore[0-9A-F]{8}$/);
    expect(stack.getLogicalId(registry.repositoryFor(PackageFormat.PYPI))).toMatch(/^RegistryPypiRepository[0-9A-F]{8}$/);
    expect(stack.getLogicalId(registry.storeRepositoryFor(PackageFormat.PYPI)!)).toMatch(/^RegistryPypiStore[0-9A-F]{8}$/);
  });

  test('without npm, repository is the first format\'s and npm props are refused', () => {
    const { registry, stack } = build({ formats: [{ format: PackageFormat.MAVEN }] });
    expect(stack.resolve(registry.repositoryName)).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(registry.repositoryFor(PackageFormat.MAVEN)), 'Name'] });
    expect(registry.npmStoreRepository).toBeUndefined();
    expect(() => build({ formats: [{ format: PackageFormat.MAVEN }], repositoryName: 'team-npm' }))
      .toThrow(/invalid 'repositoryName': got "team-npm"; allowed: only with an npm repository/);
    expect(() => registry.repositoryFor(PackageFormat.NPM)).toThrow(/invalid 'format': got "npm"; allowed: a format this registry serves: maven/);
  });

  test('names, descriptions, another Maven connection, no public connection, extra upstreams', () => {
    const { template } = build({
      formats: [
        { format: PackageFormat.NPM, repositoryName: 'team-npm' },
        { format: PackageFormat.PYPI, repositoryName: 'team-py', storeRepositoryName: 'pypi-cache', description: 'Python wheels', additionalUpstreams: ['shared-py'] },
        { format: PackageFormat.MAVEN, externalConnection: 'public:maven-gradleplugins' },
        { format: PackageFormat.NUGET, connectToPublic: false },
      ],
    });
    repository(template, 'team-npm-npmjs-store');
    const [cacheId] = repository(template, 'pypi-cache');
    expect(repository(template, 'team-py')[1].Properties).toMatchObject({
      Description: 'Python wheels',
      Upstreams: [{ 'Fn::GetAtt': [cacheId, 'Name'] }, 'shared-py'],
    });
    expect(repository(template, 'maven-maven-gradleplugins-store')[1].Properties.ExternalConnections).toEqual(['public:maven-gradleplugins']);
    expect(repository(template, 'nuget')[1].Properties.Upstreams).toBeUndefined();
    template.resourceCountIs('AWS::CodeArtifact::Repository', 7);
  });

  test('the legacy npm props still configure the npm entry', () => {
    const { template } = build({ repositoryName: 'team-npm', npmStoreRepositoryName: 'npm-cache', formats: [{ format: PackageFormat.NPM }, { format: PackageFormat.PYPI }] });
    const [cacheId] = repository(template, 'npm-cache');
    expect(repository(template, 'team-npm')[1].Properties.Upstreams).toEqual([{ 'Fn::GetAtt': [cacheId, 'Name'] }]);
  });

  test('read policies cover every repository, and the package version rule all of them', () => {
    const { template } = build({ formats: ALL, readerOrganizationId: 'o-a1b2c3d4e5', packageVersionChangeTargets: [] });
    for (const name of ['npm', 'pypi', 'maven', 'nuget']) {
      const policy = repository(template, name)[1].Properties.PermissionsPolicyDocument;
      expect(policy.Statement).toEqual([expect.objectContaining({
        Sid: 'ReaderOrganization',
        Action: expect.arrayContaining(['codeartifact:ReadFromRepository']),
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      })]);
      expect(JSON.stringify(policy)).not.toMatch(/Publish|PutPackageMetadata/);
    }
    // Stores are read through the repositories, never directly.
    expect(repository(template, 'pypi-pypi-store')[1].Properties.PermissionsPolicyDocument).toBeUndefined();
  });

  test('package version changes of every repository reach the targets', () => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env });
    const target = { bind: () => ({ arn: 'arn:aws:sns:eu-west-1:111111111111:releases' }) };
    new PackageRegistry(stack, 'Registry', { domainName: 'acme', formats: [{ format: PackageFormat.NPM }, { format: PackageFormat.PYPI }], packageVersionChangeTargets: [target] });
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { detail: { domainName: ['acme'], repositoryName: ['npm', 'pypi'] } },
    });
  });
});

describe('grants per format', () => {
  function statements(grant: (r: PackageRegistry, role: iam.Role) => void) {
    const app = new App();
    const stack = new Stack(app, 'Test', { env });
    const registry = new PackageRegistry(stack, 'Registry', { domainName: 'acme', formats: ALL });
    const role = new iam.Role(stack, 'Ci', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
    grant(registry, role);
    const policies = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
    return { stack, registry, statements: policies.flatMap((p) => p.Properties.PolicyDocument.Statement) as any[] };
  }
  const packages = (stack: Stack, registry: PackageRegistry, format: PackageFormat) => stack.resolve(registry.packageArns(format));
  const repoArn = (stack: Stack, registry: PackageRegistry, format: PackageFormat) => stack.resolve(registry.repositoryFor(format).attrArn);

  test('grantPublish(PYPI): publish on the Python packages of the PyPI repository only, read on that repository only', () => {
    const { stack, registry, statements: st } = statements((r, role) => r.grantPublish(role, PackageFormat.PYPI));
    const publish = st.filter((s) => [s.Action].flat().includes('codeartifact:PublishPackageVersion'));
    expect(publish).toEqual([expect.objectContaining({
      Action: ['codeartifact:PublishPackageVersion', 'codeartifact:PutPackageMetadata'],
      Resource: packages(stack, registry, PackageFormat.PYPI),
    })]);
    expect(JSON.stringify(publish[0].Resource)).toContain('/pypi/*');
    const read = st.find((s) => [s.Action].flat().includes('codeartifact:ReadFromRepository'));
    expect(read.Resource).toEqual([repoArn(stack, registry, PackageFormat.PYPI), packages(stack, registry, PackageFormat.PYPI)]);
  });

  test('grantPublish() covers every format, each on its own repository', () => {
    const { stack, registry, statements: st } = statements((r, role) => r.grantPublish(role));
    const publish = st.find((s) => [s.Action].flat().includes('codeartifact:PublishPackageVersion'));
    expect(publish.Resource).toEqual(ALL.map((f) => packages(stack, registry, f.format)));
    const formats = (publish.Resource as any[]).map((r) => JSON.stringify(r).match(/\/(npm|pypi|maven|nuget)\/\*/)![1]);
    expect(formats).toEqual(['npm', 'pypi', 'maven', 'nuget']);
  });

  test('grantRead(MAVEN) never grants publishing', () => {
    const { stack, registry, statements: st } = statements((r, role) => r.grantRead(role, PackageFormat.MAVEN));
    expect(JSON.stringify(st)).not.toMatch(/PublishPackageVersion|PutPackageMetadata/);
    const read = st.find((s) => [s.Action].flat().includes('codeartifact:ReadFromRepository'));
    expect(read.Resource).toEqual([repoArn(stack, registry, PackageFormat.MAVEN), packages(stack, registry, PackageFormat.MAVEN)]);
  });

  test('a grant for a format the registry does not serve fails at synth', () => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env });
    const registry = new PackageRegistry(stack, 'Registry', { domainName: 'acme' });
    const role = new iam.Role(stack, 'Ci', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
    expect(() => registry.grantPublish(role, PackageFormat.MAVEN)).toThrow(/\[PackageRegistry at 'Test\/Registry'\] invalid 'format': got "maven"; allowed: a format this registry serves: npm/);
  });
});

describe('dependency-confusion protection', () => {
  const namespaces = [
    PackageNamespace.npmScope('@acme'),
    PackageNamespace.pythonPrefix('Acme_'),
    PackageNamespace.mavenGroup('com.acme'),
    PackageNamespace.mavenGroupPrefix('io.acme'),
    PackageNamespace.nugetPrefix('Acme'),
    PackageNamespace.fromPattern('/maven/com.example/example-core$'),
  ];

  test('the factories write the patterns CodeArtifact matches (npm scope without @, normalised names)', () => {
    expect(namespaces.map((n) => n.pattern)).toEqual([
      '/npm/acme/*', '/pypi//acme-~', '/maven/com.acme/*', '/maven/io.acme~', '/nuget//acme~', '/maven/com.example/example-core$',
    ]);
  });

  test.each([
    ['/npm/acme/*', 'npm'],
    ['/pypi//acme-~', 'pypi'],
    ['/maven/com.acme/*', 'maven'],
    ['/nuget//acme~', 'nuget'],
  ])('%s: publishing only to the %s repository, external upstream blocked, internal upstream allowed', (pattern, repo) => {
    const { template } = build({ formats: ALL, internalNamespaces: namespaces });
    const [repoId] = repository(template, repo);
    template.hasResourceProperties('AWS::CodeArtifact::PackageGroup', {
      Pattern: pattern,
      DomainName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RegistryDomain'), 'Name'] },
      OriginConfiguration: {
        Restrictions: {
          Publish: { RestrictionMode: 'ALLOW_SPECIFIC_REPOSITORIES', Repositories: [{ 'Fn::GetAtt': [repoId, 'Name'] }] },
          ExternalUpstream: { RestrictionMode: 'BLOCK', Repositories: Match.absent() },
          InternalUpstream: { RestrictionMode: 'ALLOW' },
        },
      },
    });
  });

  test('one package group per namespace, with logical ids that follow the pattern, not the order', () => {
    const { template, registry, stack } = build({ formats: ALL, internalNamespaces: namespaces });
    template.resourceCountIs('AWS::CodeArtifact::PackageGroup', namespaces.length);
    const ids = registry.packageGroups.map((g) => stack.getLogicalId(g));
    const reversed = build({ formats: ALL, internalNamespaces: [...namespaces].reverse() });
    expect(reversed.registry.packageGroups.map((g) => reversed.stack.getLogicalId(g))).toEqual([...ids].reverse());
  });

  test('no package group touches the root group or a whole format', () => {
    const { template } = build({ formats: ALL, internalNamespaces: namespaces });
    const patterns = Object.values(template.findResources('AWS::CodeArtifact::PackageGroup')).map((g) => g.Properties.Pattern);
    for (const p of patterns) expect(p).not.toMatch(/^\/(\*|[a-z]+\/\*|[a-z]+\/\/\*)$/);
  });
});

describe('bad input', () => {
  const error = (prop: string) => new RegExp(`\\[PackageRegistry at 'Test/Registry'\\] invalid '${prop.replace(/[[\].]/g, '\\$&')}'`);

  test.each([
    ['/npm/@acme/*', /npm scopes are stored without the "@": write \/npm\/acme\/\*/],
    ['npm/acme/*', /allowed: a CodeArtifact package group pattern: one of \/\*, \/\{format\}\/\*/],
    ['/npm/acme', /one of \/\*/],
    ['/npm/acme/*/x', /one of \/\*/],
    ['/npm/ac me/*', /no whitespace/],
    ['/npm/acme*', /one of \/\*/],
    ['/rubygems/acme/*', /a package format CodeArtifact knows \(npm, pypi, maven, nuget, generic, ruby, swift, cargo\), not "rubygems"/],
    ['/pypi/acme~', /pypi packages have no namespace: leave the namespace section blank, e\.g\. \/pypi\/\/acme~/],
    ['/pypi/acme/*', /pypi packages have no namespace/],
    ['/pypi//Acme_Utils$', /pypi names as CodeArtifact normalises them: write "acme-utils" instead of "Acme_Utils"/],
    ['/nuget//Acme.Core$', /write "acme.core"/],
    ['/maven//acme-core$', /maven packages always have a namespace \(the groupId\)/],
    [`/npm/${'a'.repeat(256)}/*`, /at most 255 characters/],
    [`/npm/acme/${'a'.repeat(520)}$`, /2-520 characters/],
    ['/*', /a pattern naming the organization's own namespace or name prefix \(this one covers every public package/],
    ['/npm/*', /covers every public npm package/],
    ['/pypi//*', /covers every public pypi package/],
  ])('a namespace pattern CodeArtifact rejects (or that would match nothing): %s', (pattern, message) => {
    const props = { formats: ALL, internalNamespaces: [PackageNamespace.npmScope('acme'), PackageNamespace.fromPattern(pattern)] };
    expect(() => build(props)).toThrow(error('internalNamespaces[1]'));
    expect(() => build(props)).toThrow(message);
  });

  test('a namespace of a format the registry does not serve', () => {
    expect(() => build({ internalNamespaces: [PackageNamespace.mavenGroup('com.acme')] }))
      .toThrow(/invalid 'internalNamespaces\[0\]': got "\/maven\/com\.acme\/\*"; allowed: a namespace of a format this registry serves \(npm\); add \{ format: 'maven' \} to formats/);
  });

  test('a namespace given twice', () => {
    expect(() => build({ internalNamespaces: [PackageNamespace.npmScope('acme'), PackageNamespace.npmScope('@acme')] }))
      .toThrow(/invalid 'internalNamespaces': got "\/npm\/acme\/\*"; allowed: each value at most once/);
  });

  test('a format named twice', () => {
    expect(() => build({ formats: [{ format: PackageFormat.PYPI }, { format: PackageFormat.NPM }, { format: PackageFormat.PYPI }] }))
      .toThrow(/invalid 'formats': got "pypi"; allowed: each value at most once/);
    expect(() => build({ formats: [] })).toThrow(/invalid 'formats': got \[\]; allowed: 1 to 4 item\(s\)/);
  });

  test.each([
    [PackageFormat.PYPI, 'public:npmjs', /an external connection for pypi packages: public:pypi/],
    [PackageFormat.MAVEN, 'public:pypi', /an external connection for maven packages: public:maven-central, public:maven-googleandroid, public:maven-gradleplugins, public:maven-commonsware, public:maven-clojars/],
    [PackageFormat.NPM, 'public:maven-central', /an external connection for npm packages: public:npmjs/],
    [PackageFormat.NUGET, 'nuget-org', /public:nuget-org/],
  ])('an external connection not valid for the format: %s with %s', (format, externalConnection, message) => {
    const formats = [{ format: PackageFormat.NPM }, { format: PackageFormat.PYPI }, { format: PackageFormat.MAVEN }, { format: PackageFormat.NUGET }]
      .map((f) => (f.format === format ? { ...f, externalConnection } : f));
    const index = formats.findIndex((f) => f.format === format);
    expect(() => build({ formats })).toThrow(error(`formats[${index}].externalConnection`));
    expect(() => build({ formats })).toThrow(message);
  });

  test('more than 10 upstreams for a repository (its store counts as one)', () => {
    const ups = (n: number) => Array.from({ length: n }, (_, i) => `up-${i}`);
    expect(() => build({ formats: [{ format: PackageFormat.MAVEN, additionalUpstreams: ups(9) }] })).not.toThrow();
    expect(() => build({ formats: [{ format: PackageFormat.MAVEN, additionalUpstreams: ups(10) }] }))
      .toThrow(/invalid 'formats\[0\]\.additionalUpstreams': got \["up-0", "up-1", .*"up-9"\]; allowed: 0 to 9 item\(s\)/);
    expect(() => build({ formats: [{ format: PackageFormat.PYPI, connectToPublic: false, additionalUpstreams: ups(10) }] })).not.toThrow();
    expect(() => build({ formats: [{ format: PackageFormat.PYPI, connectToPublic: false, additionalUpstreams: ups(11) }] })).toThrow(error('formats[0].additionalUpstreams'));
  });

  test('repository names clash, or one setting is given twice', () => {
    expect(() => build({ formats: [{ format: PackageFormat.NPM }, { format: PackageFormat.PYPI, repositoryName: 'npm' }] }))
      .toThrow(/invalid 'formats\[1\]\.repositoryName': got "npm"; allowed: a repository name not used by another repository of the domain \(repositoryName has it\)/);
    expect(() => build({ formats: [{ format: PackageFormat.MAVEN, storeRepositoryName: 'maven' }] })).toThrow(error('formats[0].storeRepositoryName'));
    expect(() => build({ repositoryName: 'a-npm', formats: [{ format: PackageFormat.NPM, repositoryName: 'b-npm' }] }))
      .toThrow(/invalid 'formats\[0\]\.repositoryName': got "b-npm"; allowed: either formats\[0\]\.repositoryName or repositoryName, not both/);
    expect(() => build({ formats: [{ format: PackageFormat.PYPI, repositoryName: 'bad name' }] })).toThrow(error('formats[0].repositoryName'));
    expect(() => build({ formats: [{ format: PackageFormat.PYPI, additionalUpstreams: ['pypi'] }] })).toThrow(/a repository cannot be its own upstream/);
  });

  test('tokens pass', () => {
    const token = Lazy.string({ produce: () => 'Anything Goes' });
    expect(() => build({
      formats: [
        { format: PackageFormat.NPM, repositoryName: token },
        { format: PackageFormat.PYPI, repositoryName: token, externalConnection: token, storeRepositoryName: token },
      ],
      internalNamespaces: [PackageNamespace.fromPattern(token), PackageNamespace.npmScope(token), PackageNamespace.pythonPrefix(token)],
    })).not.toThrow();
  });
});

describe('grants of named packages', () => {
  function granted(packages: () => RegistryPackage[], formats = ALL) {
    const app = new App();
    const stack = new Stack(app, 'Test', { env });
    const registry = new PackageRegistry(stack, 'Registry', { domainName: 'acme', formats });
    const role = new iam.Role(stack, 'Release', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
    registry.grantPublishPackages(role, packages());
    const policies = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
    return { app, stack, registry, statements: policies.flatMap((p) => p.Properties.PolicyDocument.Statement) as any[] };
  }
  const tail = (stack: Stack, arn: string) => JSON.stringify(stack.resolve(arn)).match(/"(\/[a-z]+\/[^"]*)"\]\]\}$/)![1];

  test.each([
    [RegistryPackage.npm('@acme/cdk'), '/npm/acme/cdk'],
    [RegistryPackage.npm('left-pad'), '/npm//left-pad'],
    [RegistryPackage.pypi('Acme_CDK.tools'), '/pypi//acme-cdk-tools'],
    [RegistryPackage.maven('com.acme', 'acme-core'), '/maven/com.acme/acme-core'],
    [RegistryPackage.nuget('Acme.Core'), '/nuget//acme.core'],
    [RegistryPackage.of(PackageFormat.NPM, 'acme', 'cli'), '/npm/acme/cli'],
  ])('%o has the package ARN ending %s (namespace section blank without one, names stored normalised)', (pkg, expected) => {
    const { stack, registry } = granted(() => [pkg]);
    expect(tail(stack, registry.packageArn(pkg))).toBe(expected);
  });

  test('publish and version reads on exactly those packages, installing through their repositories only, no wildcard but the bearer token', () => {
    const pkgs = [RegistryPackage.npm('@acme/cdk'), RegistryPackage.pypi('acme-cdk')];
    const { app, stack, registry, statements: st } = granted(() => pkgs);
    const json = (v: unknown) => JSON.stringify(stack.resolve(v));
    const publish = st.filter((s) => [s.Action].flat().includes('codeartifact:PublishPackageVersion'));
    expect(publish).toHaveLength(1);
    expect([publish[0].Resource].flat().map((r) => JSON.stringify(r))).toEqual(pkgs.map((p) => json(registry.packageArn(p))));
    expect([publish[0].Action].flat()).toEqual(expect.arrayContaining(['codeartifact:PublishPackageVersion', 'codeartifact:PutPackageMetadata', 'codeartifact:ListPackageVersions']));
    const install = st.find((s) => [s.Action].flat().includes('codeartifact:ReadFromRepository'));
    const repositories = [PackageFormat.NPM, PackageFormat.PYPI].map((f) => json(registry.repositoryFor(f).attrArn));
    expect([install.Resource].flat().map((r: unknown) => JSON.stringify(r))).toEqual(repositories);
    expect([install.Action].flat()).not.toContain('codeartifact:PublishPackageVersion');
    // Nothing for the formats not named (Maven, NuGet), and no package wildcard anywhere.
    const text = JSON.stringify(st);
    expect(text).not.toMatch(/Maven|Nuget/);
    expect(text).not.toMatch(/\/(npm|pypi|maven|nuget)\/\*/);
    // The only IAM5 finding is the bearer token's `*`, acknowledged; nothing else needs acknowledging.
    const result = runNag(app);
    expect(result.unsuppressed.filter((f) => f.ruleId === 'AwsSolutions-IAM5')).toEqual([]);
    expect(result.suppressed.filter((f) => f.ruleId === 'AwsSolutions-IAM5').map((f) => f.findingId)).toEqual(['Resource::*']);
    expect(result.unusedSuppressions).toEqual([]);
  });

  test('bad packages fail at synth naming the registry, the package and what is allowed', () => {
    expect(() => granted(() => [])).toThrow(/\[PackageRegistry at 'Test\/Registry'\] invalid 'packages': got \[\]; allowed: at least one package/);
    expect(() => granted(() => [RegistryPackage.maven('com.acme', 'core')], [{ format: PackageFormat.NPM }]))
      .toThrow(/invalid 'packages\[0\]\.format': got "maven"; allowed: a format this registry serves: npm/);
    expect(() => granted(() => [RegistryPackage.of(PackageFormat.MAVEN, '', 'core')]))
      .toThrow(/invalid 'packages\[0\]': got "\/maven\/\/core"; allowed: a package CodeArtifact can store: maven packages always have a namespace/);
    expect(() => granted(() => [RegistryPackage.npm('ok'), RegistryPackage.of(PackageFormat.PYPI, 'acme', 'cdk')]))
      .toThrow(/invalid 'packages\[1\]': got "\/pypi\/acme\/cdk"; allowed: a package CodeArtifact can store: pypi packages have no namespace/);
    expect(() => granted(() => [RegistryPackage.of(PackageFormat.PYPI, '', 'Acme_CDK')]))
      .toThrow(/invalid 'packages\[0\]'.*pypi names as CodeArtifact normalises them: write "acme-cdk"/);
  });

  test('a package name from a token passes', () => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env });
    const registry = new PackageRegistry(stack, 'Registry', { domainName: 'acme' });
    const role = new iam.Role(stack, 'Release', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
    registry.grantPublishPackages(role, [RegistryPackage.npm(new CfnParameter(stack, 'Name').valueAsString)]);
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).toContain('"/npm//",{"Ref":"Name"}');
  });
});
