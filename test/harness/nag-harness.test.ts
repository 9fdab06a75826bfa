import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { runNag } from './nag';
import { countRawFindings, packOf } from './raw-findings';
import { suppressNagFindings } from '../../constructs/core';

// The nag harness must fail when it should: these tests prove it catches what it is for.

function stackWithPlainBucket() {
  const app = new App();
  const stack = new Stack(app, 'Bad');
  const bucket = new s3.Bucket(stack, 'Plain'); // no logging, no TLS-only policy, no KMS
  return { stack, bucket };
}

test('an unsuppressed finding is reported', () => {
  const { stack } = stackWithPlainBucket();
  const result = runNag(stack);
  const ids = result.unsuppressed.map((f) => f.ruleId);
  expect(ids).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10', 'NIST.800.53.R5-S3BucketLoggingEnabled']));
  expect(result.unsuppressed.every((f) => f.path === 'Bad/Plain/Resource')).toBe(true);
});

test('a suppression with a reason moves exactly its finding to suppressed', () => {
  const { stack, bucket } = stackWithPlainBucket();
  suppressNagFindings(bucket, [{ id: 'AwsSolutions-S1', reason: 'Deliberate: this test proves a suppression takes effect.' }]);
  const result = runNag(stack);
  expect(result.unsuppressed.map((f) => f.ruleId)).not.toContain('AwsSolutions-S1');
  expect(result.suppressed.map((f) => f.ruleId)).toEqual(['AwsSolutions-S1']);
  expect(result.unusedSuppressions).toEqual([]);
});

test('a suppression that matches no finding is reported as dead', () => {
  const { stack, bucket } = stackWithPlainBucket();
  suppressNagFindings(bucket, [{ id: 'AwsSolutions-IAM4', reason: 'Deliberate: a bucket has no managed policies to suppress.' }]);
  const result = runNag(stack);
  expect(result.unusedSuppressions).toEqual([expect.objectContaining({ id: 'AwsSolutions-IAM4', path: 'Bad/Plain/Resource' })]);
});

test('a granular suppression only covers the findings it names', () => {
  const app = new App();
  const stack = new Stack(app, 'Granular');
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject*'], resources: ['*'] }));
  const policy = role.node.findChild('DefaultPolicy');
  suppressNagFindings(policy, [{ id: 'AwsSolutions-IAM5', reason: 'Deliberate: only the action wildcard is accepted here.', appliesTo: ['Action::s3:GetObject*'] }]);
  const result = runNag(stack);
  const iam5 = (list: typeof result.unsuppressed) => list.filter((f) => f.ruleId === 'AwsSolutions-IAM5').map((f) => f.findingId);
  expect(iam5(result.suppressed)).toEqual(['Action::s3:GetObject*']);
  expect(iam5(result.unsuppressed)).toEqual(['Resource::*']);
});

test('a suppression without a real reason is refused', () => {
  const { bucket } = stackWithPlainBucket();
  expect(() => suppressNagFindings(bucket, [{ id: 'AwsSolutions-S1', reason: 'because' }])).toThrow(/needs a reason of at least 20 characters/);
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
