import { App, Stack, Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { NAG_MAJORS, runNag } from './nag';
import { countRawFindings, packOf } from './raw-findings';
import { suppressNagFindings } from '../../constructs/core';

// The nag harness must fail when it should: these tests prove it catches what it is for, under
// every cdk-nag major Gantry supports (2 reads `cdk_nag` metadata, 3 reads aws-cdk-lib acknowledgements).

function stackWithPlainBucket() {
  const app = new App();
  const stack = new Stack(app, 'Bad');
  const bucket = new s3.Bucket(stack, 'Plain'); // no logging, no TLS-only policy, no KMS
  return { stack, bucket };
}

describe.each(NAG_MAJORS)('cdk-nag %d', (major) => {
  test('an unsuppressed finding is reported', () => {
    const { stack } = stackWithPlainBucket();
    const result = runNag(stack, major);
    const ids = result.unsuppressed.map((f) => f.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10', 'NIST.800.53.R5-S3BucketLoggingEnabled']));
    expect(result.unsuppressed.every((f) => f.path === 'Bad/Plain/Resource')).toBe(true);
  });

  test('a suppression with a reason moves exactly its finding to suppressed', () => {
    const { stack, bucket } = stackWithPlainBucket();
    suppressNagFindings(bucket, [{ id: 'AwsSolutions-S1', reason: 'Deliberate: this test proves a suppression takes effect.' }]);
    const result = runNag(stack, major);
    expect(result.unsuppressed.map((f) => f.ruleId)).not.toContain('AwsSolutions-S1');
    expect(result.suppressed.map((f) => f.ruleId)).toEqual(['AwsSolutions-S1']);
    expect(result.suppressed[0].reason).toBe('Deliberate: this test proves a suppression takes effect.');
    expect(result.unusedSuppressions).toEqual([]);
  });

  test('a suppression that matches no finding is reported as dead', () => {
    const { stack, bucket } = stackWithPlainBucket();
    suppressNagFindings(bucket, [{ id: 'AwsSolutions-IAM4', reason: 'Deliberate: a bucket has no managed policies to suppress.' }]);
    const result = runNag(stack, major);
    expect(result.unusedSuppressions).toEqual([expect.objectContaining({ id: 'AwsSolutions-IAM4', path: 'Bad/Plain/Resource' })]);
  });

  test('a granular suppression only covers the findings it names', () => {
    const app = new App();
    const stack = new Stack(app, 'Granular');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject*'], resources: ['*'] }));
    const policy = role.node.findChild('DefaultPolicy');
    suppressNagFindings(policy, [{ id: 'AwsSolutions-IAM5', reason: 'Deliberate: only the action wildcard is accepted here.', appliesTo: ['Action::s3:GetObject*'] }]);
    const result = runNag(stack, major);
    const iam5 = (list: typeof result.unsuppressed) => list.filter((f) => f.ruleId === 'AwsSolutions-IAM5').map((f) => f.findingId);
    expect(iam5(result.suppressed)).toEqual(['Action::s3:GetObject*']);
    expect(iam5(result.unsuppressed)).toEqual(['Resource::*']);
  });

  test('a finding in a stack of a Stage, or of a Stage nested in another, is reported', () => {
    // Aspects added to the App stop at a Stage boundary: without the harness adding the packs to
    // each Stage (cdk-nag 2), these buckets would pass unseen.
    const app = new App();
    const outer = new Stage(app, 'Outer');
    new s3.Bucket(new Stack(outer, 'Direct'), 'Plain');
    const inner = new Stage(outer, 'Inner');
    const deep = new s3.Bucket(new Stack(inner, 'Deep'), 'Plain');
    suppressNagFindings(deep, [{ id: 'AwsSolutions-S1', reason: 'Deliberate: this test proves a suppression in a nested Stage takes effect.' }]);
    suppressNagFindings(deep, [{ id: 'AwsSolutions-IAM4', reason: 'Deliberate: a bucket has no managed policies, so this one is dead.' }]);
    const result = runNag(app, major);
    const on = (list: Array<{ path: string; ruleId: string }>, path: string) => list.filter((f) => f.path === path).map((f) => f.ruleId);
    expect(on(result.unsuppressed, 'Outer/Direct/Plain/Resource')).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10', 'NIST.800.53.R5-S3BucketLoggingEnabled']));
    expect(on(result.unsuppressed, 'Outer/Inner/Deep/Plain/Resource')).toEqual(expect.arrayContaining(['AwsSolutions-S10', 'NIST.800.53.R5-S3BucketLoggingEnabled']));
    expect(on(result.unsuppressed, 'Outer/Inner/Deep/Plain/Resource')).not.toContain('AwsSolutions-S1');
    expect(on(result.suppressed, 'Outer/Inner/Deep/Plain/Resource')).toEqual(['AwsSolutions-S1']);
    expect(result.unusedSuppressions).toEqual([expect.objectContaining({ id: 'AwsSolutions-IAM4', path: 'Outer/Inner/Deep/Plain/Resource' })]);
  });

  test('a Stage under the stack that is checked is checked with it', () => {
    const app = new App();
    const pipeline = new Stack(app, 'Pipeline');
    new s3.Bucket(new Stack(new Stage(pipeline, 'Prod'), 'Service'), 'Plain');
    new s3.Bucket(new Stack(app, 'Elsewhere'), 'Plain');
    const result = runNag(pipeline, major);
    expect(result.unsuppressed.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['AwsSolutions-S10']));
    expect(new Set(result.unsuppressed.map((f) => f.path))).toEqual(new Set(['Pipeline/Prod/Service/Plain/Resource']));
  });

  test("a granular finding whose id holds several '::' (an AWS managed policy ARN) is acknowledged", () => {
    // aws-cdk-lib 2.257's Validations.acknowledge refuses such ids; the core helper records them anyway.
    const app = new App();
    const stack = new Stack(app, 'Managed');
    const role = new iam.Role(stack, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
    });
    const finding = 'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
    suppressNagFindings(role, [{ id: 'AwsSolutions-IAM4', reason: 'Deliberate: this test proves a multi-delimiter finding is acknowledged.', appliesTo: [finding] }]);
    const result = runNag(stack, major);
    expect(result.suppressed.filter((f) => f.ruleId === 'AwsSolutions-IAM4').map((f) => f.findingId)).toEqual([finding]);
    expect(result.unsuppressed.map((f) => f.ruleId)).not.toContain('AwsSolutions-IAM4');
    expect(result.unusedSuppressions).toEqual([]);
  });
});

test('a suppression without a real reason is refused', () => {
  const { bucket } = stackWithPlainBucket();
  expect(() => suppressNagFindings(bucket, [{ id: 'AwsSolutions-S1', reason: 'because' }])).toThrow(/invalid 'reason of AwsSolutions-S1': got "because"; allowed: a reason of at least 20 characters/);
  expect(() => suppressNagFindings(bucket, [{ id: 'AwsSolutions-IAM5[Resource::*]', reason: 'A finding id belongs in appliesTo, not id.' }])).toThrow(/appliesTo/);
});

test('the raw count sees acknowledged findings too (what an auditor sees before acknowledgements)', () => {
  const { stack, bucket } = stackWithPlainBucket();
  const before = countRawFindings(stack.node.root as App);
  suppressNagFindings(bucket, [{ id: 'AwsSolutions-S1', reason: 'Deliberate: this test proves the raw count ignores acknowledgements.' }]);
  const after = countRawFindings(stack.node.root as App);
  expect(after.byRule['AwsSolutions-S1']).toBe(1);
  expect(after.total).toBe(before.total);
  expect(after.byPack.AwsSolutions).toBeGreaterThan(0);
  expect(packOf('NIST.800.53.R5-S3BucketLoggingEnabled')).toBe('NIST.800.53.R5');
});

test('the raw count reads the templates of every Stage assembly, nested ones included', () => {
  const app = new App();
  const outer = new Stage(app, 'Outer');
  new s3.Bucket(new Stack(outer, 'Direct'), 'Plain');
  new s3.Bucket(new Stack(new Stage(outer, 'Inner'), 'Deep'), 'Plain');
  const raw = countRawFindings(app);
  const templates = Object.keys(raw.byTemplate).sort();
  expect(templates).toEqual([
    expect.stringMatching(/^assembly-Outer\/OuterDirect[0-9A-F]+\.template\.json$/),
    expect.stringMatching(/^assembly-Outer\/assembly-Outer-Inner\/OuterInnerDeep[0-9A-F]+\.template\.json$/),
  ]);
  for (const template of templates) expect(raw.byTemplate[template]).toBeGreaterThan(0);
  expect(raw.byRule['AwsSolutions-S10']).toBe(2);
});
