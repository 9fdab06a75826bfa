import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ManagedPolicyRole, NagAcknowledgement } from '../../constructs';
import { ValidationError } from '../../constructs/core';
import { NAG_MAJORS, runNag } from '../harness/nag';

function stackWithPlainBucket() {
  const stack = new Stack(new App(), 'Acknowledged');
  const bucket = new s3.Bucket(stack, 'Plain'); // no access logs: AwsSolutions-S1 and the packs' logging rules
  return { stack, bucket };
}

const REASON = 'This bucket only holds test fixtures that are rebuilt on every run; nothing reads its access logs.';

describe.each(NAG_MAJORS)('cdk-nag %d honours a public acknowledgement', (major) => {
  test('the acknowledged rule moves to suppressed with its reason; the others stay', () => {
    const { stack, bucket } = stackWithPlainBucket();
    NagAcknowledgement.add(bucket, { ruleId: 'AwsSolutions-S1', reason: REASON });
    const result = runNag(stack, major);
    expect(result.suppressed.map((f) => [f.ruleId, f.reason])).toEqual([['AwsSolutions-S1', REASON]]);
    expect(result.unsuppressed.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['NIST.800.53.R5-S3BucketLoggingEnabled']));
    expect(result.unusedSuppressions).toEqual([]);
  });

  test('appliesTo acknowledges only the granular findings it names', () => {
    const stack = new Stack(new App(), 'Granular');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject*'], resources: ['*'] }));
    NagAcknowledgement.add(role.node.findChild('DefaultPolicy'), {
      ruleId: 'AwsSolutions-IAM5',
      reason: 'GetObject* covers the object and its ACL, tags and versions, all of which the reader needs.',
      appliesTo: ['Action::s3:GetObject*'],
    });
    const result = runNag(stack, major);
    const iam5 = (list: typeof result.unsuppressed) => list.filter((f) => f.ruleId === 'AwsSolutions-IAM5').map((f) => f.findingId);
    expect(iam5(result.suppressed)).toEqual(['Action::s3:GetObject*']);
    expect(iam5(result.unsuppressed)).toEqual(['Resource::*']);
  });
});

test('writes what both cdk-nag majors read: cdk_nag metadata and aws-cdk-lib acknowledgements', () => {
  const { bucket } = stackWithPlainBucket();
  NagAcknowledgement.add(bucket, { ruleId: 'AwsSolutions-IAM5', reason: REASON, appliesTo: ['Resource::*'] });
  const resource = bucket.node.defaultChild as s3.CfnBucket;
  expect(resource.getMetadata('cdk_nag')).toEqual({ rules_to_suppress: [{ id: 'AwsSolutions-IAM5', reason: REASON, applies_to: ['Resource::*'] }] });
  const acknowledged = resource.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules' || m.type.includes('acknowledge'));
  expect(JSON.stringify(acknowledged)).toContain('AwsSolutions-IAM5[Resource::*]');
});

test('applyToChildren acknowledges on every CloudFormation resource below the scope', () => {
  const stack = new Stack(new App(), 'Children');
  const role = new ManagedPolicyRole(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
  NagAcknowledgement.add(role, { ruleId: 'AwsSolutions-IAM5', reason: REASON, applyToChildren: true });
  const resources = role.node.findAll().filter((c) => (c as { cfnResourceType?: string }).cfnResourceType !== undefined);
  expect(resources.map((r) => r.node.path).sort()).toEqual(['Children/Role/Grants/Resource', 'Children/Role/Resource']);
  for (const r of resources) expect(JSON.stringify((r as s3.CfnBucket).getMetadata('cdk_nag'))).toContain('AwsSolutions-IAM5');
});

describe('a reason has to say why', () => {
  test.each([
    ['too short', 'because'],
    ['fewer than three words', 'Acceptable-for-this-particular-bucket'],
    ['a placeholder', 'TODO: write the real reason here'],
    ['only the rule id', 'AwsSolutions-S1 AwsSolutions-S1 AwsSolutions-S1'],
    ['blank', '                           '],
  ])('%s is refused with the path, the value and what is allowed', (_case, reason) => {
    const { bucket } = stackWithPlainBucket();
    const act = () => NagAcknowledgement.add(bucket, { ruleId: 'AwsSolutions-S1', reason });
    expect(act).toThrow(ValidationError);
    expect(act).toThrow(/at 'Acknowledged\/Plain'\] invalid 'reason of AwsSolutions-S1'.*allowed: a reason of at least 20 characters and three words/);
  });

  test('a finding in the rule id is refused, pointing at appliesTo', () => {
    const { bucket } = stackWithPlainBucket();
    expect(() => NagAcknowledgement.add(bucket, { ruleId: 'AwsSolutions-IAM5[Resource::*]', reason: REASON }))
      .toThrow(/invalid 'ruleId': got "AwsSolutions-IAM5\[Resource::\*\]"; allowed: a rule id alone.*put the finding in appliesTo/);
  });

  test('a construct without a CloudFormation resource is refused, suggesting applyToChildren', () => {
    const stack = new Stack(new App(), 'NoResource');
    expect(() => NagAcknowledgement.add(stack, { ruleId: 'AwsSolutions-S1', reason: REASON })).toThrow(/or apply to its children/);
  });
});

describe.each(NAG_MAJORS)('cdk-nag %d: expected wildcards of a ManagedPolicyRole', (major) => {
  test('only the wildcards a pattern matches are acknowledged; the others stay findings', () => {
    const stack = new Stack(new App(), 'Wildcards');
    const bucket = new s3.Bucket(stack, 'Artifacts');
    const role = new ManagedPolicyRole(stack, 'Role', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
    bucket.grantRead(role);
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['logs:PutLogEvents'], resources: ['*'] }));
    NagAcknowledgement.addExpectedWildcards(role, [
      { findingPattern: 'Action::s3:(GetObject|GetBucket|List)\\*', reason: 'Action groups of the S3 L2 read grant, scoped to the artifact bucket.' },
      { findingPattern: 'Resource::<Artifacts[A-F0-9]{8}\\.Arn>/\\*', reason: 'Objects of the artifact bucket: their keys are generated per build.' },
    ]);
    const result = runNag(stack, major);
    const iam5 = (list: typeof result.unsuppressed) => list.filter((f) => f.ruleId === 'AwsSolutions-IAM5').map((f) => f.findingId).sort();
    expect(iam5(result.suppressed)).toEqual(['Action::s3:GetBucket*', 'Action::s3:GetObject*', 'Action::s3:List*', expect.stringMatching(/^Resource::<Artifacts[A-F0-9]{8}\.Arn>\/\*$/)]);
    expect(iam5(result.unsuppressed)).toEqual(['Resource::*']);
  });
});

test('an invalid wildcard pattern is refused with the role, the prop and the reason', () => {
  const stack = new Stack(new App(), 'BadPattern');
  const role = new ManagedPolicyRole(stack, 'Role', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
  expect(() => NagAcknowledgement.addExpectedWildcards(role, [{ findingPattern: 'Action::s3:(Get', reason: REASON }]))
    .toThrow(/\[ManagedPolicyRole at 'BadPattern\/Role'\] invalid 'wildcards\[0\]\.findingPattern': got "Action::s3:\(Get"; allowed: a JavaScript regular expression/);
});
