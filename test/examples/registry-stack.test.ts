import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { RegistryStack, RegistryStackProps } from '../../examples/registry-stack';
import { referenceStacks } from '../harness/reference-app';

const PLACEHOLDER_CONNECTION = 'arn:aws:codeconnections:eu-west-1:111111111111:connection/00000000-0000-0000-0000-000000000000';
const LOGIN = 'aws codeartifact login --tool npm --domain gantry --domain-owner 111111111111 --repository gantry-npm --region eu-west-1';

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
    Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^PackageReleases') } })],
  });
  template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
});

describe('release pipeline', () => {
  const stack = referenceRegistry();
  const template = Template.fromStack(stack);

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

  test('builds, tests and packages, then deploys the candidate, then publishes only after a manual approval', () => {
    const pipeline = Object.values(template.findResources('AWS::CodePipeline::Pipeline'))[0];
    const stages = pipeline.Properties.Stages;
    expect(stages.map((s: any) => s.Name)).toEqual(['Source', 'Build', 'Candidate', 'Publish']);
    const publish = stages[3].Actions;
    expect(publish.map((a: any) => [a.Name, a.ActionTypeId.Category, a.RunOrder])).toEqual([
      ['ApproveRelease', 'Approval', 1],
      ['PublishToCodeArtifact', 'Build', 2],
    ]);
    expect(publish[1].InputArtifacts).toEqual([{ Name: 'BuildOutput' }]);
    expect(publish[1].Configuration.ProjectName).toEqual({ Ref: project(template, /^Logs npm in/).id });

    const build = project(template, /^Build and test of/);
    expect(build.buildSpec.phases.install.commands).toEqual(['npm ci']);
    expect(build.buildSpec.phases.build.commands).toEqual(expect.arrayContaining(['npm run verify', 'npx projen package:js']));
    // The approved artifact carries the package and the script that publishes it.
    expect(build.buildSpec.artifacts.files).toEqual(expect.arrayContaining(['dist/js/*.tgz', 'scripts/release/publish.sh']));
  });

  test('the candidate deploys a stack the reference app really synthesizes (the blue/green service)', () => {
    const pipeline = Object.values(template.findResources('AWS::CodePipeline::Pipeline'))[0];
    const candidate = pipeline.Properties.Stages.find((s: any) => s.Name === 'Candidate');
    expect(candidate.Actions).toHaveLength(1);
    const config = candidate.Actions[0].Configuration;
    expect(config.StackName).toBe('GantryReleaseCandidate');
    const [, templateFile] = /^BuildOutput::cdk\.out\/(.+)\.template\.json$/.exec(config.TemplatePath) ?? [];
    expect(templateFile).toBe('GantryService');
    expect(referenceStacks().map((s) => s.artifactId)).toContain(templateFile);
  });

  test('the publish step logs npm in with a CodeArtifact token, then runs publish.sh', () => {
    const { buildSpec, props } = project(template, /^Logs npm in/);
    const commands: string[] = buildSpec.phases.build.commands;
    expect(commands).toEqual([LOGIN, 'bash scripts/release/publish.sh "$(ls dist/js/*.tgz)" "$(npm config get registry)"']);
    expect(props.Source.Type).toBe('CODEPIPELINE');
    expect(props.EncryptionKey['Fn::GetAtt'][0]).toMatch(/^ReleaseArtifactsKey/);
  });

  test('the publish role may publish to this repository\'s packages and nothing broader', () => {
    const { props } = project(template, /^Logs npm in/);
    const roleId = props.ServiceRole['Fn::GetAtt'][0];
    const statements = statementsOf(template, roleId);
    const stackJson = (value: unknown) => JSON.stringify(stack.resolve(value));
    const packages = '{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":codeartifact:eu-west-1:111111111111:package/",{"Fn::GetAtt":["RegistryDomainF3B9647E","Name"]},"/",{"Fn::GetAtt":["RegistryRepository5A933889","Name"]},"/npm/*"]]}';

    const publish = statements.filter((s) => actionsOf(s).includes('codeartifact:PublishPackageVersion'));
    expect(publish).toHaveLength(1);
    expect(publish[0].Effect).toBe('Allow');
    expect(actionsOf(publish[0]).sort()).toEqual(['codeartifact:PublishPackageVersion', 'codeartifact:PutPackageMetadata']);
    expect(JSON.stringify(publish[0].Resource)).toBe(packages);

    const bearer = statements.filter((s) => actionsOf(s).includes('sts:GetServiceBearerToken'));
    expect(bearer).toEqual([{
      Action: 'sts:GetServiceBearerToken',
      Effect: 'Allow',
      Resource: '*',
      Condition: { StringEquals: { 'sts:AWSServiceName': 'codeartifact.amazonaws.com' } },
    }]);

    // Nothing broader: no codeartifact wildcard, the token only for this domain, every
    // CodeArtifact action on this repository or its packages.
    const ca = codeArtifactStatements(statements);
    for (const s of ca) {
      expect(actionsOf(s).filter((a) => a.includes('*'))).toEqual([]);
      if (actionsOf(s).includes('sts:GetServiceBearerToken')) continue;
      const resources = [s.Resource].flat().map((r) => JSON.stringify(r));
      for (const r of resources) {
        expect([packages, stackJson(stack.registry.repository.attrArn), stackJson(stack.registry.domain.attrArn)]).toContain(r);
      }
      if (actionsOf(s).includes('codeartifact:GetAuthorizationToken')) expect(resources).toEqual([stackJson(stack.registry.domain.attrArn)]);
    }
    expect(ca.flatMap(actionsOf).sort()).toEqual(expect.arrayContaining(['codeartifact:GetAuthorizationToken', 'codeartifact:ReadFromRepository']));
  });

  test('the publish role has exact actions: the input artifact read and decrypt, its log group, no report groups', () => {
    const { props } = project(template, /^Logs npm in/);
    const statements = statementsOf(template, props.ServiceRole['Fn::GetAtt'][0]);
    const actions = statements.flatMap((st) => [st.Action].flat());
    expect(actions.filter((a: string) => a.includes('*'))).toEqual([]);
    expect(actions.filter((a: string) => a.startsWith('codebuild:'))).toEqual([]);
    expect(statements).toContainEqual(expect.objectContaining({ Sid: 'ReadInputArtifact', Action: ['s3:GetObject', 's3:GetObjectVersion'] }));
    expect(statements).toContainEqual(expect.objectContaining({
      Sid: 'DecryptInputArtifact', Action: 'kms:Decrypt', Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
    }));
    expect(statements).toContainEqual(expect.objectContaining({ Sid: 'WriteBuildLogs', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^ReleaseLogs|Logs/), 'Arn'] } }));
  });

  test('the registry\'s rule publishes release announcements through a statement scoped to it (aws:SourceArn)', () => {
    const statements = Object.values(template.findResources('AWS::SNS::TopicPolicy'))
      .flatMap((r: any) => r.Properties.PolicyDocument.Statement)
      .filter((st: any) => [st.Principal?.Service].flat().includes('events.amazonaws.com'));
    const rule = Object.keys(template.findResources('AWS::Events::Rule')).find((id) => id.startsWith('RegistryPackageVersionChange'))!;
    expect(statements).toContainEqual(expect.objectContaining({ Action: 'sns:Publish', Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [rule, 'Arn'] } } } }));
  });

  test('no other role of the stack has any CodeArtifact permission (the build that runs the repository\'s code cannot publish)', () => {
    const publishRole = project(template, /^Logs npm in/).props.ServiceRole['Fn::GetAtt'][0];
    const others = Object.keys(template.findResources('AWS::IAM::Role')).filter((id) => id !== publishRole);
    expect(others.length).toBeGreaterThan(1);
    for (const id of others) expect([id, codeArtifactStatements(statementsOf(template, id))]).toEqual([id, []]);
  });

  test('release approvers are granted exactly the approval before publishing', () => {
    const app = new App();
    const env = { account: '111111111111', region: 'eu-west-1' };
    const approversStack = new Stack(app, 'Approvers', { env });
    const approvers = new iam.Role(approversStack, 'ReleaseManagers', { assumedBy: new iam.AccountRootPrincipal() });
    const registry = new RegistryStack(app, 'Registry', { env, domainName: 'gantry', repositoryName: 'gantry-npm', releaseApprovers: [approvers] });
    expect(registry.releaseApproval.actionProperties.actionName).toBe('ApproveRelease');

    const policies = Object.values(Template.fromStack(approversStack).findResources('AWS::IAM::Policy'));
    const statements = policies.flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    expect(statements.map((st: any) => st.Action).sort()).toEqual(['codepipeline:GetPipeline', 'codepipeline:PutApprovalResult']);
    const put = statements.find((st: any) => st.Action === 'codepipeline:PutApprovalResult');
    expect(JSON.stringify(put.Resource)).toMatch(/\/Publish\/ApproveRelease"\]\]\}$/);
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
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^PackageReleases') } })],
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ detail: { state: ['FAILED', 'CANCELED', 'SUCCEEDED'] } }),
    });
  });
});
