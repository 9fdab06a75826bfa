import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CodeBuildStep, PackageFormat } from '../../constructs';
import { GANTRY_PACKAGES, RegistryStack, RegistryStackProps } from '../../examples/registry-stack';
import { runNag } from '../harness/nag';
import { referenceStacks } from '../harness/reference-app';

const PLACEHOLDER_CONNECTION = 'arn:aws:codeconnections:eu-west-1:111111111111:connection/00000000-0000-0000-0000-000000000000';
const CA = '--domain gantry --domain-owner 111111111111 --region eu-west-1';
const LOGIN = `aws codeartifact login ${CA} --tool npm --repository gantry-npm`;
/** The project the pipeline creates for the Publish step of the Release stage. */
const PUBLISH = /^Step Publish of stage Release in /;

function referenceRegistry(): RegistryStack {
  return referenceStacks().find((s) => s instanceof RegistryStack) as RegistryStack;
}

function registryStack(extra: Partial<RegistryStackProps> = {}): RegistryStack {
  return new RegistryStack(new App(), 'Registry', {
    env: { account: '111111111111', region: 'eu-west-1' },
    domainName: 'gantry',
    repositoryName: 'gantry-npm',
    ...extra,
  });
}

/** The CodeBuild project with this description, and its parsed build spec. */
function project(template: Template, description: RegExp): { id: string; props: any; buildSpec: any } {
  const found = Object.entries(template.findResources('AWS::CodeBuild::Project'))
    .filter(([, r]) => description.test(r.Properties.Description));
  expect(found).toHaveLength(1);
  const [id, resource] = found[0];
  const spec = resource.Properties.Source.BuildSpec;
  expect(typeof spec).toBe('string'); // no tokens: the login command is spelled out
  return { id, props: resource.Properties, buildSpec: JSON.parse(spec) };
}

/** Every statement of the policies attached to the role with this logical id. */
function statementsOf(template: Template, roleId: string): any[] {
  const policies = [
    ...Object.values(template.findResources('AWS::IAM::ManagedPolicy')),
    ...Object.values(template.findResources('AWS::IAM::Policy')),
  ].filter((p) => (p.Properties.Roles ?? []).some((r: any) => r.Ref === roleId));
  return policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
}

const actionsOf = (s: any): string[] => [s.Action].flat();
const codeArtifactStatements = (statements: any[]) =>
  statements.filter((s) => actionsOf(s).some((a) => a.startsWith('codeartifact:') || a === 'sts:GetServiceBearerToken'));

test('the registry stack takes its ids from cdk.json context and needs no lookups', () => {
  const stack = referenceRegistry();
  expect(stack.account).toBe('111111111111');
  expect(stack.region).toBe('eu-west-1');
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::CodeArtifact::Domain', { DomainName: 'gantry' });
  template.hasResourceProperties('AWS::CodeArtifact::Repository', {
    RepositoryName: 'gantry-npm',
    PermissionsPolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'ReaderOrganization' })]) },
  });
  template.hasOutput('LoginCommand', { Value: LOGIN });
});

test('package releases are announced on an encrypted topic', () => {
  const template = Template.fromStack(referenceRegistry());
  template.hasResourceProperties('AWS::Events::Rule', {
    EventPattern: Match.objectLike({ source: ['aws.codeartifact'] }),
    Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^GantryNotificationsTopic') } })],
  });
  // The stack's shared topic (the release pipeline's too), encrypted with the stack's messages key, with a subscriber.
  const [topicId] = Object.keys(template.findResources('AWS::SNS::Topic'));
  expect(topicId).toMatch(/^GantryNotificationsTopic/);
  template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', TopicArn: { Ref: topicId } });
  template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GantryKeysMessages'), 'Arn'] } });
});

describe('release pipeline', () => {
  const stack = referenceRegistry();
  const template = Template.fromStack(stack);
  const pipeline = () => Object.values(template.findResources('AWS::CodePipeline::Pipeline'))[0];
  const releaseStage = () => pipeline().Properties.Stages.find((s: any) => s.Name === 'Release');

  test('builds the Gantry repository through the placeholder connection by default', () => {
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      PipelineType: 'V2',
      Stages: Match.arrayWith([Match.objectLike({
        Name: 'Source',
        Actions: [Match.objectLike({
          ActionTypeId: Match.objectLike({ Provider: 'CodeStarSourceConnection' }),
          Configuration: Match.objectLike({ ConnectionArn: PLACEHOLDER_CONNECTION, FullRepositoryId: 'example-org/gantry', BranchName: 'main' }),
        })],
      })]),
    });
  });

  test('builds, tests and packages every language, then deploys the candidate, then publishes only after a manual approval', () => {
    const stages = pipeline().Properties.Stages;
    expect(stages.map((s: any) => s.Name)).toEqual(['Source', 'Build', 'Release']);
    const actions = releaseStage().Actions;
    expect(actions.map((a: any) => [a.Name, a.ActionTypeId.Category, a.RunOrder])).toEqual([
      ['Deploy-GantryReleaseCandidate', 'Deploy', 1],
      ['ApproveRelease', 'Approval', 2],
      ['Publish', 'Build', 3],
    ]);
    expect(actions[1].Configuration.CustomData).toBe('Publish the release candidate of commit #{Source.CommitId} to gantry (npm gantry-npm, PyPI gantry-pypi, Maven gantry-maven)?');
    expect(actions[2].InputArtifacts).toEqual([{ Name: 'BuildOutput' }]);
    expect(actions[2].Configuration.ProjectName).toEqual({ Ref: project(template, PUBLISH).id });

    const build = project(template, /^Build and test of/);
    expect(build.buildSpec.phases.install.commands).toEqual(['npm ci']);
    // jsii-pacmak needs Python and Java beside Node.
    expect(build.buildSpec.phases.install['runtime-versions']).toEqual({ nodejs: '22', python: '3.12', java: 'corretto17' });
    expect(build.buildSpec.phases.build.commands).toEqual(['npm run verify', 'npx projen package-all']);
    // The approved artifact carries every language's package, the script that publishes them and the candidate's assembly.
    expect(build.buildSpec.artifacts.files).toEqual(['dist/js/*.tgz', 'dist/python/*', 'dist/java/**/*', 'scripts/release/publish.sh', 'cdk.out/**/*']);
  });

  test('the candidate is the blue/green service as a CDK stage: deployed from its nested assembly, its assets published by the build', () => {
    const [service] = stack.candidate.node.children.filter((c) => c instanceof Stack) as Stack[];
    expect(service.stackName).toBe('GantryReleaseCandidate');
    expect(service.account).toBe(stack.account);
    const deploy = releaseStage().Actions[0];
    expect(deploy.ActionTypeId).toEqual(expect.objectContaining({ Provider: 'CloudFormation' }));
    expect(deploy.Configuration).toEqual(expect.objectContaining({
      ActionMode: 'CREATE_UPDATE',
      StackName: 'GantryReleaseCandidate',
      TemplatePath: `BuildOutput::cdk.out/assembly-GantryRegistry-Candidate/${service.templateFile}`,
    }));
    // The bootstrap roles of the candidate's account, as the stage's assembly names them.
    expect(JSON.stringify(deploy.RoleArn)).toContain('cdk-hnb659fds-deploy-role-111111111111-eu-west-1');
    expect(JSON.stringify(deploy.Configuration.RoleArn)).toContain('cdk-hnb659fds-cfn-exec-role-111111111111-eu-west-1');
    // No user command for assets: the build publishes exactly the candidate's.
    expect(project(template, /^Build and test of/).buildSpec.phases.post_build.commands).toEqual([
      `npx --yes cdk-assets@4.7.3 --path "cdk.out/assembly-GantryRegistry-Candidate/${service.artifactId}.assets.json" --verbose publish`,
    ]);
  });

  test('the publish step logs in per format with 15-minute tokens and publishes npm, Python and Java', () => {
    const { buildSpec, props } = project(template, PUBLISH);
    // twine itself comes through the registry's PyPI repository.
    expect(buildSpec.phases.install.commands).toEqual([
      `aws codeartifact login ${CA} --tool pip --repository gantry-pypi --duration-seconds 900`,
      'pip install twine',
    ]);
    expect(buildSpec.phases.build.commands).toEqual([
      `${LOGIN} --duration-seconds 900`,
      'bash scripts/release/publish.sh npm "$(ls dist/js/*.tgz)" "$(npm config get registry)"',
      `aws codeartifact login ${CA} --tool twine --repository gantry-pypi --duration-seconds 900`,
      'bash scripts/release/publish.sh python dist/python',
      `export CODEARTIFACT_AUTH_TOKEN="$(aws codeartifact get-authorization-token ${CA} --query authorizationToken --output text --duration-seconds 900)"`,
      `bash scripts/release/publish.sh maven dist/java "$(aws codeartifact get-repository-endpoint ${CA} --repository gantry-maven --format maven --query repositoryEndpoint --output text)"`,
    ]);
    expect(buildSpec.phases.install['runtime-versions']).toEqual({ nodejs: '22', python: '3.12', java: 'corretto17' });
    expect(props.Source.Type).toBe('CODEPIPELINE');
    expect(props.TimeoutInMinutes).toBe(15);
    expect(props.EncryptionKey['Fn::GetAtt'][0]).toMatch(/^RegistryKey/);
  });

  test('publish.sh takes exactly the arguments the publish step passes', () => {
    const script = readFileSync(join(__dirname, '../../scripts/release/publish.sh'), 'utf8');
    for (const language of ['npm', 'python', 'maven']) expect(script).toMatch(new RegExp(`^  ${language}\\) publish_${language} "\\$@" ;;$`, 'm'));
    // The Maven server id the step's settings.xml authenticates is the one deploy-file names.
    expect(script).toContain('<id>codeartifact</id>');
    expect(script).toContain('-DrepositoryId=codeartifact');
    expect(script).toContain('<password>${env.CODEARTIFACT_AUTH_TOKEN}</password>');
  });

  test('the registry serves npm, PyPI and Maven, and keeps Gantry\'s own names off the public upstreams', () => {
    for (const [name, store, connection] of [
      ['gantry-npm', 'gantry-npm-npmjs-store', 'public:npmjs'],
      ['gantry-pypi', 'gantry-pypi-pypi-store', 'public:pypi'],
      ['gantry-maven', 'gantry-maven-maven-central-store', 'public:maven-central'],
    ]) {
      template.hasResourceProperties('AWS::CodeArtifact::Repository', { RepositoryName: store, ExternalConnections: [connection] });
      template.hasResourceProperties('AWS::CodeArtifact::Repository', {
        RepositoryName: name,
        Upstreams: [Match.anyValue()],
        PermissionsPolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'ReaderOrganization' })]) },
      });
    }
    const groups = Object.values(template.findResources('AWS::CodeArtifact::PackageGroup'));
    expect(groups.map((g) => g.Properties.Pattern).sort()).toEqual(['/maven/dev.gantry/*', '/npm/gantry/*', '/pypi//gantry~']);
    for (const g of groups) {
      expect(g.Properties.OriginConfiguration.Restrictions.ExternalUpstream).toEqual({ RestrictionMode: 'BLOCK' });
      expect(g.Properties.OriginConfiguration.Restrictions.Publish.RestrictionMode).toBe('ALLOW_SPECIFIC_REPOSITORIES');
    }
  });

  test('the publish step\'s role may publish exactly Gantry\'s three packages, by name, and nothing broader', () => {
    const { props } = project(template, PUBLISH);
    const roleId = props.ServiceRole['Fn::GetAtt'][0];
    // The publish step's own role (a CodeBuildStep, granted by the registry), its grants in a managed policy.
    expect(roleId).toMatch(/^PublishRole[0-9A-F]{8}$/);
    expect(Object.values(template.findResources('AWS::IAM::Policy')).filter((p: any) => (p.Properties.Roles ?? []).some((r: any) => r.Ref === roleId))).toEqual([]);
    const statements = statementsOf(template, roleId);
    const stackJson = (value: unknown) => JSON.stringify(stack.resolve(value));
    const formats = [PackageFormat.NPM, PackageFormat.PYPI, PackageFormat.MAVEN];
    const packages = GANTRY_PACKAGES.map((p) => stackJson(stack.registry.packageArn(p)));
    // The npm repository keeps its logical id; each ARN names one package (the npm scope without "@", no Python namespace).
    expect(packages[0]).toBe('{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":codeartifact:eu-west-1:111111111111:package/",{"Fn::GetAtt":["RegistryDomainF3B9647E","Name"]},"/",{"Fn::GetAtt":["RegistryRepository5A933889","Name"]},"/npm/gantry/cdk"]]}');
    expect(packages[1]).toMatch(/RegistryPypiRepository[0-9A-F]{8}","Name"\]\},"\/pypi\/\/gantry-cdk"/);
    expect(packages[2]).toMatch(/RegistryMavenRepository[0-9A-F]{8}","Name"\]\},"\/maven\/dev.gantry\/gantry-cdk"/);
    const repositories = formats.map((f) => stackJson(stack.registry.repositoryFor(f).attrArn));

    // One grant: publishing on those three packages only, no wildcard.
    const publish = statements.filter((s) => actionsOf(s).includes('codeartifact:PublishPackageVersion'));
    expect(publish).toHaveLength(1);
    expect(publish[0].Effect).toBe('Allow');
    expect(actionsOf(publish[0])).toEqual(expect.arrayContaining(['codeartifact:PublishPackageVersion', 'codeartifact:PutPackageMetadata']));
    expect([publish[0].Resource].flat().map((r) => JSON.stringify(r))).toEqual(packages);
    expect(JSON.stringify(publish[0].Resource)).not.toContain('*');

    const bearer = statements.filter((s) => actionsOf(s).includes('sts:GetServiceBearerToken'));
    expect(bearer).toEqual([{
      Action: 'sts:GetServiceBearerToken',
      Effect: 'Allow',
      Resource: '*',
      Condition: { StringEquals: { 'sts:AWSServiceName': 'codeartifact.amazonaws.com' } },
    }]);

    // Nothing broader: no codeartifact wildcard, the token only for this domain, every
    // CodeArtifact action on these repositories or their packages, never a store.
    const ca = codeArtifactStatements(statements);
    for (const s of ca) {
      expect(actionsOf(s).filter((a) => a.includes('*'))).toEqual([]);
      if (actionsOf(s).includes('sts:GetServiceBearerToken')) continue;
      const resources = [s.Resource].flat().map((r) => JSON.stringify(r));
      for (const r of resources) expect([...packages, ...repositories, stackJson(stack.registry.domain.attrArn)]).toContain(r);
      if (actionsOf(s).includes('codeartifact:GetAuthorizationToken')) expect(resources).toEqual([stackJson(stack.registry.domain.attrArn)]);
    }
    expect(ca.flatMap(actionsOf).sort()).toEqual(expect.arrayContaining(['codeartifact:GetAuthorizationToken', 'codeartifact:ReadFromRepository']));
  });

  test('the packages the publish step may publish are the names the project builds (package.json: npm name, Python distName, Maven coordinates)', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
    const [scope, name] = (manifest.name as string).slice(1).split('/');
    const targets = manifest.jsii.targets;
    expect(GANTRY_PACKAGES.map((p) => [p.format, p.namespace, p.name])).toEqual([
      ['npm', scope, name],
      ['pypi', '', targets.python.distName],
      ['maven', targets.java.maven.groupId, targets.java.maven.artifactId],
    ]);
  });

  test('no other role of the stack has any CodeArtifact permission (the build that runs the repository\'s code cannot publish)', () => {
    const publishRole = project(template, PUBLISH).props.ServiceRole['Fn::GetAtt'][0];
    const others = Object.keys(template.findResources('AWS::IAM::Role')).filter((id) => id !== publishRole);
    expect(others.length).toBeGreaterThan(1);
    for (const id of others) expect([id, codeArtifactStatements(statementsOf(template, id))]).toEqual([id, []]);
  });

  test('the acknowledged wildcards are the publish role\'s alone, and a new wildcard on it stays a cdk-nag finding', () => {
    const custom = registryStack();
    // Widen the publish step's role: the registry and the pipeline acknowledged only their own wildcards.
    const publish = custom.node.findAll().find((c): c is CodeBuildStep => c instanceof CodeBuildStep)!;
    publish.role!.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['codeartifact:*'], resources: ['*'] }));
    const findings = runNag(custom).unsuppressed.filter((f) => f.ruleId === 'AwsSolutions-IAM5').map((f) => f.findingId);
    expect(findings).toEqual(['Action::codeartifact:*']);
  });

  test('release approvers are granted exactly what approving the release needs, through the pipeline\'s grantApproval', () => {
    const app = new App();
    const env = { account: '111111111111', region: 'eu-west-1' };
    const approversStack = new Stack(app, 'Approvers', { env });
    const managers = new iam.Role(approversStack, 'ReleaseManagers', { assumedBy: new iam.AccountRootPrincipal() });
    const registry = new RegistryStack(app, 'Registry', { env, domainName: 'gantry', repositoryName: 'gantry-npm', releaseApprovers: [managers] });
    const auditor = new iam.Role(registry, 'Auditor', { assumedBy: new iam.AccountRootPrincipal() });
    registry.release.grantApproval('Release', auditor, 'ApproveRelease');

    // The pipeline by reference (an import in the approvers' stack), the approval action by its path.
    const arn = (...suffix: string[]) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':codepipeline:eu-west-1:111111111111:', Match.anyValue(), ...suffix]] });
    const expected = [
      { Action: 'codepipeline:PutApprovalResult', Effect: 'Allow', Resource: arn('/Release/ApproveRelease') },
      { Action: ['codepipeline:GetPipeline', 'codepipeline:GetPipelineState'], Effect: 'Allow', Resource: arn() },
    ];
    // A role of another stack and one of this stack: each in one managed policy beside it, no inline policy, nothing more.
    for (const [approverTemplate, roleId] of [[Template.fromStack(approversStack), 'ReleaseManagers'], [Template.fromStack(registry), 'Auditor']] as const) {
      expect(approverTemplate.findResources('AWS::IAM::Policy')).toEqual({});
      const policies = approverTemplate.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp(`^${roleId}`) }] } });
      expect(Object.keys(policies)).toHaveLength(1);
      approverTemplate.hasResourceProperties('AWS::IAM::ManagedPolicy', { Roles: [{ Ref: Match.stringLikeRegexp(`^${roleId}`) }], PolicyDocument: { Statement: expected } });
    }
    expect(() => registry.release.grantApproval('Release', auditor, 'Publish')).toThrow(/invalid 'grantApproval\(actionName\)': got "Publish".*ApproveRelease/);
  });

  test('a given connection, repository and branch are used', () => {
    const connectionArn = 'arn:aws:codeconnections:eu-west-1:111111111111:connection/12345678-aaaa-bbbb-cccc-1234567890ab';
    const custom = Template.fromStack(registryStack({
      releaseConnectionArn: connectionArn, releaseRepositoryOwner: 'acme', releaseRepositoryName: 'gantry-fork', releaseBranch: 'release',
    }));
    custom.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      Stages: Match.arrayWith([Match.objectLike({
        Name: 'Source',
        Actions: [Match.objectLike({ Configuration: Match.objectLike({ ConnectionArn: connectionArn, FullRepositoryId: 'acme/gantry-fork', BranchName: 'release' }) })],
      })]),
    });
  });

  test('pipeline failures, successes and waiting approvals are told on the release topic', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ 'detail-type': ['CodePipeline Action Execution State Change'] }),
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^GantryNotificationsTopic') } })],
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ detail: { state: ['FAILED', 'CANCELED', 'SUCCEEDED'] } }),
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^GantryNotificationsTopic') } })],
    });
  });
});
