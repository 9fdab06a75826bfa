import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as logs from 'aws-cdk-lib/aws-logs';
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
      LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^DataAccessLogs') }, LogFilePrefix: 'Data/' },
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
  expect(serverAccessLogsBucket).toBeDefined();
  // The log-delivery policy is on the created log bucket, so aws-cdk-lib's warning is acknowledged.
  Annotations.fromStack(s).hasNoWarning('*', Match.stringLikeRegexp('Unable to add necessary logging permissions'));
  t.hasResourceProperties('AWS::S3::BucketPolicy', {
    Bucket: { Ref: Match.stringLikeRegexp('^DataAccessLogs') },
    PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject' })]) },
  });
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
