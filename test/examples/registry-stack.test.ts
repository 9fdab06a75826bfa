import { Match, Template } from 'aws-cdk-lib/assertions';
import { RegistryStack } from '../../examples/registry-stack';
import { referenceStacks } from '../harness/reference-app';

test('the registry stack takes its ids from cdk.json context and needs no lookups', () => {
  const stack = referenceStacks().find((s) => s instanceof RegistryStack)!;
  expect(stack.account).toBe('111111111111');
  expect(stack.region).toBe('eu-west-1');
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::CodeArtifact::Domain', { DomainName: 'gantry' });
  template.hasResourceProperties('AWS::CodeArtifact::Repository', {
    RepositoryName: 'gantry-npm',
    PermissionsPolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'ReaderOrganization' })]) },
  });
  template.hasOutput('LoginCommand', {
    Value: 'aws codeartifact login --tool npm --domain gantry --domain-owner 111111111111 --repository gantry-npm --region eu-west-1',
  });
});

test('package releases are announced on an encrypted topic', () => {
  const stack = referenceStacks().find((s) => s instanceof RegistryStack)!;
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::Events::Rule', {
    Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^PackageReleases') } })],
  });
  template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
});
