import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DeadLetteredTarget, eventDeadLetterQueue, SecureDefaults, secureBucket, secureKey, secureLogGroup, secureTopic } from '../../constructs/core';
import { formatFindings, runNag } from '../harness/nag';

const env = { account: '111111111111', region: 'eu-west-1' };

function stack() {
  return new Stack(new App(), 'Core', { env });
}

test('secureKey rotates and is retained', () => {
  const s = stack();
  secureKey(s, 'Key', 'test key');
  Template.fromStack(s).hasResource('AWS::KMS::Key', {
    Properties: { EnableKeyRotation: true, Description: 'test key' },
    DeletionPolicy: 'Retain',
  });
});

test('secureBucket: SSE-KMS with a rotating key, TLS only, versioned, no public access, access logs, retained', () => {
  const s = stack();
  const { bucket, serverAccessLogsBucket } = secureBucket(s, 'Data');
  const t = Template.fromStack(s);
  t.hasResource('AWS::S3::Bucket', {
    Properties: {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^GantryAccessLogsBucket') }, LogFilePrefix: 'Data/' },
    },
    DeletionPolicy: 'Retain',
  });
  t.hasResourceProperties('AWS::S3::BucketPolicy', {
    Bucket: { Ref: Match.stringLikeRegexp('^Data[0-9A-F]{8}$') },
    PolicyDocument: {
      Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
    },
  });
  expect(bucket).toBeDefined();
  expect(serverAccessLogsBucket.node.path).toBe('Core/GantryAccessLogs/Bucket');
  // The log-delivery policy is on the shared log bucket, so aws-cdk-lib's warning is acknowledged.
  Annotations.fromStack(s).hasNoWarning('*', Match.stringLikeRegexp('Unable to add necessary logging permissions'));
});

/** The statements of the bucket policy of the bucket whose logical id starts with `prefix`. */
function bucketPolicyStatements(t: Template, prefix: string): any[] {
  const policies = Object.values(t.findResources('AWS::S3::BucketPolicy'))
    .filter((p: any) => String(p.Properties.Bucket.Ref).startsWith(prefix));
  expect(policies).toHaveLength(1);
  return (policies[0] as any).Properties.PolicyDocument.Statement;
}

test('server access logs: SSE-S3 (what AWS supports for a log target), no key policy statement for log delivery', () => {
  const s = stack();
  secureBucket(s, 'Data');
  const t = Template.fromStack(s);
  const logBuckets = t.findResources('AWS::S3::Bucket', { Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } } });
  expect(Object.keys(logBuckets)).toEqual([expect.stringMatching(/^GantryAccessLogsBucket[0-9A-F]{8}$/)]);
  const logBucket = Object.values(logBuckets)[0] as any;
  expect(logBucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
  expect(logBucket.Properties.LoggingConfiguration).toBeUndefined();
  // The acknowledgement says why SSE-S3: AWS supports no SSE-KMS default encryption on a log target.
  const suppressed = logBucket.Metadata.cdk_nag.rules_to_suppress.find((r: any) => r.id === 'NIST.800.53.R5-S3DefaultEncryptionKMS');
  expect(suppressed.reason).toMatch(/SSE-KMS is not supported/);
  // Neither Gantry nor aws-cdk-lib lets the logging service use a key: no key statement names it.
  for (const key of Object.values(t.findResources('AWS::KMS::Key')) as any[]) {
    expect(JSON.stringify(key.Properties.KeyPolicy)).not.toContain('logging.s3.amazonaws.com');
  }
});

test('server access logs: one log bucket per stack, a prefix per source bucket, each admitted by its ARN and this account only', () => {
  const s = stack();
  secureBucket(s, 'Data');
  const nested = new Construct(s, 'Pipeline');
  secureBucket(nested, 'Artifacts');
  const t = Template.fromStack(s);
  t.resourceCountIs('AWS::S3::Bucket', 3);
  t.resourceCountIs('AWS::KMS::Key', 1);
  const logRef = { Ref: Match.stringLikeRegexp('^GantryAccessLogsBucket') };
  t.hasResourceProperties('AWS::S3::Bucket', { LoggingConfiguration: { DestinationBucketName: logRef, LogFilePrefix: 'Data/' } });
  t.hasResourceProperties('AWS::S3::Bucket', { LoggingConfiguration: { DestinationBucketName: logRef, LogFilePrefix: 'Pipeline/Artifacts/' } });
  const delivery = bucketPolicyStatements(t, 'GantryAccessLogsBucket').filter((st) => st.Principal?.Service === 'logging.s3.amazonaws.com');
  expect(delivery).toHaveLength(2);
  const bySource = Object.fromEntries(delivery.map((st) => [st.Condition.ArnLike['aws:SourceArn']['Fn::GetAtt'][0].replace(/[0-9A-F]{8}$/, ''), st]));
  expect(Object.keys(bySource).sort()).toEqual(['Data', 'PipelineArtifacts']);
  for (const [source, prefix] of [['Data', 'Data/'], ['PipelineArtifacts', 'Pipeline/Artifacts/']]) {
    const st = bySource[source];
    expect(st.Effect).toBe('Allow');
    expect(st.Action).toBe('s3:PutObject');
    expect(st.Condition.StringEquals).toEqual({ 'aws:SourceAccount': '111111111111' });
    // Only under its own prefix.
    expect(JSON.stringify(st.Resource)).toContain(`/${prefix}*`);
  }
  // No statement admits log delivery for the whole bucket or without the source condition.
  for (const st of delivery) expect(st.Condition.ArnLike).toBeDefined();
});

test('server access logs: buckets of two stacks log to their own stack\'s bucket', () => {
  const app = new App();
  const a = new Stack(app, 'A', { env });
  const b = new Stack(app, 'B', { env });
  secureBucket(a, 'Data');
  secureBucket(b, 'Data');
  for (const s of [a, b]) {
    const t = Template.fromStack(s);
    t.resourceCountIs('AWS::S3::Bucket', 2);
    t.hasResourceProperties('AWS::S3::Bucket', { LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^GantryAccessLogsBucket') } } });
  }
});

test('server access logs: two buckets asking for the same prefix in a stack fail clearly', () => {
  const s = stack();
  secureBucket(s, 'First', { bucketProps: { serverAccessLogsPrefix: 'shared/' } });
  expect(() => secureBucket(s, 'Second', { bucketProps: { serverAccessLogsPrefix: 'shared/' } }))
    .toThrow(/Core\/Second.*serverAccessLogsPrefix.*shared\/.*a prefix no other bucket of stack Core delivers its access logs under/s);
});

test('secureBucket keeps a log bucket of the caller\'s', () => {
  const s = stack();
  const own = SecureDefaults.accessLogsBucket(s, 'OwnLogs');
  // By reference: its policy already admits log delivery (a Bucket object would make aws-cdk-lib add ACLs without its feature flag).
  secureBucket(s, 'Data', { serverAccessLogsBucket: s3.Bucket.fromBucketAttributes(s, 'OwnLogsRef', { bucketArn: own.bucketArn, bucketName: own.bucketName }) });
  const t = Template.fromStack(s);
  expect(s.node.tryFindChild('GantryAccessLogs')).toBeUndefined();
  t.hasResourceProperties('AWS::S3::Bucket', { LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^OwnLogs') }, LogFilePrefix: 'Data/' } });
});

test('loadBalancerLogsBucket: SSE-S3 (what ELB supports), its own access logs to the stack\'s log bucket, admitted by ARN', () => {
  const s = stack();
  const lbLogs = SecureDefaults.loadBalancerLogsBucket(s, 'LoadBalancerLogs');
  expect(lbLogs.node.path).toBe('Core/LoadBalancerLogs');
  const t = Template.fromStack(s);
  t.hasResourceProperties('AWS::S3::Bucket', {
    BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^GantryAccessLogsBucket') }, LogFilePrefix: 'LoadBalancerLogs/' },
  });
  const delivery = bucketPolicyStatements(t, 'GantryAccessLogsBucket').filter((st) => st.Principal?.Service === 'logging.s3.amazonaws.com');
  expect(delivery).toEqual([expect.objectContaining({
    Condition: {
      ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [expect.stringMatching(/^LoadBalancerLogs[0-9A-F]{8}$/), 'Arn'] } },
      StringEquals: { 'aws:SourceAccount': '111111111111' },
    },
  })]);
  // S3 log delivery may not write to the load-balancer log bucket itself.
  t.resourcePropertiesCountIs('AWS::S3::BucketPolicy', { Bucket: { Ref: Match.stringLikeRegexp('^LoadBalancerLogs') }, PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'logging.s3.amazonaws.com' } })]) } }, 0);
  const result = runNag(s);
  if (result.unsuppressed.length > 0) throw new Error(formatFindings(result.unsuppressed));
  if (result.unusedSuppressions.length > 0) throw new Error(formatFindings(result.unusedSuppressions));
});

test('secureTopic: KMS-encrypted with the stack\'s messages key, TLS only, and the key lets this account\'s EventBridge and alarms publish', () => {
  const s = stack();
  secureTopic(s, 'Alerts');
  secureTopic(s, 'More');
  const t = Template.fromStack(s);
  t.resourceCountIs('AWS::KMS::Key', 1);
  t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GantryKeysMessages'), 'Arn'] } });
  t.hasResourceProperties('AWS::SNS::TopicPolicy', {
    PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
  });
  t.hasResourceProperties('AWS::KMS::Key', {
    KeyPolicy: {
      Statement: Match.arrayWith([
        Match.objectLike({
          Principal: { Service: 'events.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
        }),
        Match.objectLike({
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Condition: {
            StringEquals: { 'aws:SourceAccount': '111111111111' },
            ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:eu-west-1:111111111111:alarm:*']] } },
          },
        }),
        Match.objectLike({ Principal: { Service: 'codestar-notifications.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } } }),
      ]),
    },
  });
});

test('secureLogGroup: retention, KMS key usable only by CloudWatch Logs of this account and region, retained', () => {
  const s = stack();
  secureLogGroup(s, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS });
  const t = Template.fromStack(s);
  t.hasResource('AWS::Logs::LogGroup', {
    Properties: { RetentionInDays: 90, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GantryKeysLogs'), 'Arn'] } },
    DeletionPolicy: 'Retain',
  });
  t.hasResourceProperties('AWS::KMS::Key', {
    KeyPolicy: {
      Statement: Match.arrayWith([Match.objectLike({
        Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:111111111111:log-group:*']] } } },
      })]),
    },
  });
});

test('DeadLetteredTarget keeps a target\'s own dead-letter queue', () => {
  const s = stack();
  const own = SecureDefaults.deadLetterQueue(s, 'Own');
  const fallback = eventDeadLetterQueue(s);
  const { topic } = secureTopic(s, 'T');
  new events.Rule(s, 'Rule', {
    schedule: events.Schedule.rate(Duration.hours(1)),
    targets: [new DeadLetteredTarget(new targets.SnsTopic(topic, { deadLetterQueue: own }), fallback)],
  });
  Template.fromStack(s).hasResourceProperties('AWS::Events::Rule', {
    Targets: [Match.objectLike({ DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Own'), 'Arn'] } } })],
  });
});

test('every secure default is clean on all five cdk-nag packs', () => {
  const s = stack();
  secureBucket(s, 'Data');
  const { topic } = secureTopic(s, 'Alerts');
  secureLogGroup(s, 'Logs');
  const dlq = eventDeadLetterQueue(s);
  new events.Rule(s, 'Rule', {
    eventPattern: { source: ['aws.codeartifact'] },
    targets: [new DeadLetteredTarget(new targets.SnsTopic(topic), dlq)],
  });
  const result = runNag(s);
  if (result.unsuppressed.length > 0) throw new Error(formatFindings(result.unsuppressed));
  if (result.unusedSuppressions.length > 0) throw new Error(formatFindings(result.unusedSuppressions));
});
