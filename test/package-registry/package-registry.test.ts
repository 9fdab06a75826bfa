import { App, Lazy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { PackageFormat, PackageRegistry, PackageRegistryProps } from '../../constructs';
import { runNag } from '../harness/nag';

const env = { account: '111111111111', region: 'eu-west-1' };

function build(props: Partial<PackageRegistryProps> = {}) {
  const app = new App();
  const stack = new Stack(app, 'Test', { env });
  const registry = new PackageRegistry(stack, 'Registry', { domainName: 'acme', ...props });
  return { stack, registry, template: Template.fromStack(stack) };
}

describe('domain and repositories', () => {
  test('the domain is encrypted with a rotating customer-managed key that is retained', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::CodeArtifact::Domain', {
      DomainName: 'acme',
      EncryptionKey: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RegistryKey'), 'Arn'] },
    });
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('the npm repository reads through an upstream that holds the public:npmjs connection', () => {
    const { template } = build();
    template.resourceCountIs('AWS::CodeArtifact::Repository', 2);
    template.hasResourceProperties('AWS::CodeArtifact::Repository', {
      RepositoryName: 'npm-npmjs-store',
      ExternalConnections: ['public:npmjs'],
    });
    template.hasResourceProperties('AWS::CodeArtifact::Repository', {
      RepositoryName: 'npm',
      ExternalConnections: Match.absent(),
      Upstreams: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^RegistryNpmStore'), 'Name'] }],
    });
  });

  test('repositories are created in the domain (ordering by reference)', () => {
    const { template } = build({ repositoryName: 'team-npm' });
    template.hasResourceProperties('AWS::CodeArtifact::Repository', {
      RepositoryName: 'team-npm',
      DomainName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RegistryDomain'), 'Name'] },
    });
  });

  test('additional upstreams follow the npm store, in order', () => {
    const { template } = build({ additionalUpstreams: ['shared-libs', 'legacy'] });
    template.hasResourceProperties('AWS::CodeArtifact::Repository', {
      RepositoryName: 'npm',
      Upstreams: [{ 'Fn::GetAtt': [Match.anyValue(), 'Name'] }, 'shared-libs', 'legacy'],
    });
  });

  test('without the npmjs connection there is a single repository and no upstream', () => {
    const { template, registry } = build({ connectToNpmjs: false });
    template.resourceCountIs('AWS::CodeArtifact::Repository', 1);
    template.hasResourceProperties('AWS::CodeArtifact::Repository', { Upstreams: Match.absent() });
    expect(registry.npmStoreRepository).toBeUndefined();
  });

  test('a given key is used and no key is created', () => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env });
    const key = kms.Key.fromKeyArn(stack, 'Given', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    new PackageRegistry(stack, 'Registry', { domainName: 'acme', encryptionKey: key });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.hasResourceProperties('AWS::CodeArtifact::Domain', { EncryptionKey: key.keyArn });
  });

  test('every created resource is exposed', () => {
    const { registry } = build({ packageVersionChangeTargets: [] });
    expect(registry.domain).toBeDefined();
    expect(registry.repository).toBeDefined();
    expect(registry.npmStoreRepository).toBeDefined();
    expect(registry.encryptionKey).toBeDefined();
    expect(registry.packageVersionChangeRule).toBeUndefined();
  });

  test('logical ids are a public contract', () => {
    const { stack, registry } = build();
    const logicalId = (c: any) => stack.getLogicalId(c);
    expect(logicalId(registry.domain)).toMatch(/^RegistryDomain[0-9A-F]{8}$/);
    expect(logicalId(registry.repository)).toMatch(/^RegistryRepository[0-9A-F]{8}$/);
    expect(logicalId(registry.npmStoreRepository)).toMatch(/^RegistryNpmStore[0-9A-F]{8}$/);
    // Renaming these ids would replace the domain and lose every package in it.
    expect([logicalId(registry.domain), logicalId(registry.repository)]).toEqual(['RegistryDomainF3B9647E', 'RegistryRepository5A933889']);
  });
});

describe('read access for other accounts and the organization', () => {
  const readActions = [
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

  test('no resource policy without readers', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::CodeArtifact::Domain', { PermissionsPolicyDocument: Match.absent() });
    template.hasResourceProperties('AWS::CodeArtifact::Repository', { RepositoryName: 'npm', PermissionsPolicyDocument: Match.absent() });
  });

  test('reader accounts get a token on the domain and read-only actions on the repository', () => {
    const { template } = build({ readerAccountIds: ['222222222222', '333333333333'] });
    const accounts = [
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:root']] },
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::333333333333:root']] },
    ];
    template.hasResourceProperties('AWS::CodeArtifact::Domain', {
      PermissionsPolicyDocument: {
        Statement: [{ Sid: 'ReaderAccounts', Effect: 'Allow', Action: 'codeartifact:GetAuthorizationToken', Principal: { AWS: accounts }, Resource: '*' }],
      },
    });
    template.hasResourceProperties('AWS::CodeArtifact::Repository', {
      RepositoryName: 'npm',
      PermissionsPolicyDocument: {
        Statement: [{ Sid: 'ReaderAccounts', Effect: 'Allow', Action: readActions, Principal: { AWS: accounts }, Resource: '*' }],
      },
    });
  });

  test('an organization reads on the aws:PrincipalOrgID condition, never unconditionally', () => {
    const { template } = build({ readerOrganizationId: 'o-a1b2c3d4e5' });
    template.hasResourceProperties('AWS::CodeArtifact::Repository', {
      RepositoryName: 'npm',
      PermissionsPolicyDocument: {
        Statement: [{
          Sid: 'ReaderOrganization',
          Principal: { AWS: '*' },
          Action: readActions,
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
        }],
      },
    });
  });

  test('read policy never grants publishing', () => {
    const { template } = build({ readerAccountIds: ['222222222222'], readerOrganizationId: 'o-a1b2c3d4e5' });
    const json = JSON.stringify(template.toJSON());
    expect(json).not.toMatch(/PublishPackageVersion|PutPackageMetadata|codeartifact:\*/);
  });
});

describe('package version change events', () => {
  test('a rule on this repository routes to the given target, with a dead-letter queue', () => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env });
    const topic = new sns.Topic(stack, 'Topic');
    const registry = new PackageRegistry(stack, 'Registry', { domainName: 'acme', packageVersionChangeTargets: [new targets.SnsTopic(topic)] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.codeartifact'],
        'detail-type': ['CodeArtifact Package Version State Change'],
        'detail': { domainName: ['acme'], repositoryName: ['npm'] },
      },
      Targets: [{
        Arn: { Ref: Match.stringLikeRegexp('^Topic') },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GantryDeadLettersQueue'), 'Arn'] } },
      }],
    });
    // Only this rule may send dead letters to the queue.
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: 'sqs:SendMessage',
          Principal: { Service: 'events.amazonaws.com' },
          Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [Match.stringLikeRegexp('^RegistryPackageVersionChange'), 'Arn'] } } },
        })]),
      },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue(), MessageRetentionPeriod: 1209600 });
    expect(registry.packageVersionChangeRule).toBeDefined();
  });

  test('a given dead-letter queue is used', () => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env });
    const queue = new sqs.Queue(stack, 'MyDlq');
    const topic = new sns.Topic(stack, 'Topic');
    new PackageRegistry(stack, 'Registry', { domainName: 'acme', packageVersionChangeTargets: [new targets.SnsTopic(topic)], deadLetterQueue: queue });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SQS::Queue', 1);
    template.hasResourceProperties('AWS::Events::Rule', {
      Targets: [Match.objectLike({ DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MyDlq'), 'Arn'] } } })],
    });
  });
});

describe('grants', () => {
  function grantTemplate(grant: (r: PackageRegistry, role: iam.Role) => void) {
    const app = new App();
    const stack = new Stack(app, 'Test', { env });
    const registry = new PackageRegistry(stack, 'Registry', { domainName: 'acme' });
    const role = new iam.Role(stack, 'Ci', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
    grant(registry, role);
    return Template.fromStack(stack);
  }

  test('grantRead: token on the domain, bearer token only for CodeArtifact, read on the repository', () => {
    const template = grantTemplate((r, role) => r.grantRead(role));
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'codeartifact:GetAuthorizationToken', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RegistryDomain'), 'Arn'] } }),
          Match.objectLike({ Action: 'sts:GetServiceBearerToken', Resource: '*', Condition: { StringEquals: { 'sts:AWSServiceName': 'codeartifact.amazonaws.com' } } }),
          Match.objectLike({ Action: Match.arrayWith(['codeartifact:ReadFromRepository']) }),
        ]),
      },
    });
    expect(JSON.stringify(template.toJSON())).not.toContain('PublishPackageVersion');
  });

  test('grantPublish and grantRead acknowledge exactly their own wildcards: the packages of each granted repository and the bearer token', () => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env });
    const registry = new PackageRegistry(stack, 'Registry', { domainName: 'acme', formats: [{ format: PackageFormat.NPM }, { format: PackageFormat.PYPI }] });
    const publisher = new iam.Role(stack, 'Publisher', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
    registry.grantPublish(publisher, PackageFormat.NPM);
    const reader = new iam.User(stack, 'Reader');
    registry.grantRead(reader);
    // A wildcard of the caller's own stays a finding.
    publisher.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['codeartifact:Describe*'], resources: [registry.domain.attrArn] }));
    const result = runNag(app);
    const iam5 = result.unsuppressed.filter((f) => f.ruleId === 'AwsSolutions-IAM5').map((f) => `${f.path} ${f.findingId}`);
    expect(iam5).toEqual(['Test/Publisher/DefaultPolicy/Resource Action::codeartifact:Describe*']);
    const acknowledged = result.suppressed.filter((f) => f.ruleId === 'AwsSolutions-IAM5').map((f) => `${f.path} ${f.findingId}`).sort();
    expect(acknowledged).toEqual([
      'Test/Publisher/DefaultPolicy/Resource Resource::*',
      expect.stringMatching(/^Test\/Publisher\/DefaultPolicy\/Resource Resource::arn:<AWS::Partition>:codeartifact:eu-west-1:\d{12}:package\/<RegistryDomain[0-9A-F]{8}\.Name>\/<RegistryRepository[0-9A-F]{8}\.Name>\/npm\/\*$/),
      'Test/Reader/DefaultPolicy/Resource Resource::*',
      expect.stringMatching(/^Test\/Reader\/DefaultPolicy\/Resource Resource::arn:.*\/pypi\/\*$/),
      expect.stringMatching(/^Test\/Reader\/DefaultPolicy\/Resource Resource::arn:.*\/npm\/\*$/),
    ]);
    expect(result.unusedSuppressions).toEqual([]);
  });

  test('grantPublish adds publishing on the npm packages of this repository only', () => {
    const template = grantTemplate((r, role) => r.grantPublish(role));
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['codeartifact:PublishPackageVersion', 'codeartifact:PutPackageMetadata'],
            Resource: {
              'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':package/$'), '/', '/npm/*'])],
            },
          }),
        ]),
      },
    });
  });
});

describe('bad input', () => {
  test.each([
    ['domainName', { domainName: 'Acme' }],
    ['domainName', { domainName: 'a' }],
    ['domainName', { domainName: '1acme' }],
    ['domainName', { domainName: 'acme-' }],
    ['domainName', { domainName: 'a'.repeat(51) }],
    ['repositoryName', { repositoryName: '-npm' }],
    ['repositoryName', { repositoryName: 'n' }],
    ['repositoryName', { repositoryName: 'npm repo' }],
    ['repositoryName', { repositoryName: 'x'.repeat(101) }],
    ['npmStoreRepositoryName', { npmStoreRepositoryName: 'bad name' }],
    ['npmStoreRepositoryName', { repositoryName: 'npm', npmStoreRepositoryName: 'npm' }],
    ['additionalUpstreams', { additionalUpstreams: Array.from({ length: 10 }, (_, i) => `up-${i}`) }],
    ['additionalUpstreams[0]', { additionalUpstreams: ['bad name'] }],
    ['additionalUpstreams', { additionalUpstreams: ['npm'] }],
    ['readerAccountIds', { readerAccountIds: [] }],
    ['readerAccountIds[1]', { readerAccountIds: ['222222222222', '12345'] }],
    ['readerOrganizationId', { readerOrganizationId: 'org-123' }],
  ] as Array<[string, Partial<PackageRegistryProps>]>)('rejects %s = %j', (prop, props) => {
    expect(() => build(props)).toThrow(new RegExp(`\\[PackageRegistry at 'Test/Registry'\\] invalid '${prop.replace(/[[\]]/g, '\\$&')}'`));
  });

  test('the error says what is allowed', () => {
    expect(() => build({ domainName: 'Acme' })).toThrow(/got "Acme"; allowed: 2-50 characters: lowercase letters, digits and hyphens/);
    expect(() => build({ additionalUpstreams: Array.from({ length: 10 }, (_, i) => `up-${i}`) })).toThrow(/allowed: 0 to 9 item\(s\)/);
  });

  test('ten upstreams are allowed without the npmjs store', () => {
    expect(() => build({ connectToNpmjs: false, additionalUpstreams: Array.from({ length: 10 }, (_, i) => `up-${i}`) })).not.toThrow();
    expect(() => build({ connectToNpmjs: false, additionalUpstreams: Array.from({ length: 11 }, (_, i) => `up-${i}`) })).toThrow(/'additionalUpstreams'/);
  });

  test('unresolved tokens are accepted', () => {
    const token = Lazy.string({ produce: () => 'Anything Goes' });
    expect(() => build({ domainName: token, repositoryName: token, readerOrganizationId: token, readerAccountIds: [token] })).not.toThrow();
  });
});
