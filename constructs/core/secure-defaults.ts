import { Annotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { suppressNagFindings } from './nag';
import type { SecureLogGroupOptions, SecureTopicOptions, ServiceKeyGrant } from './secure-resources';
import { SharedKeys } from './shared-keys';

/**
 * Secure defaults for the resources every construct needs. Each factory applies Gantry's
 * baseline (encryption with a rotating customer-managed key, TLS only, access logging, retained
 * data) and lets the caller override with the resource's own props, which win. Without a key of
 * the caller's, resources use the stack's shared key of their data class (`SharedKeys`).
 * The public face of these for users and the examples is `SecureDefaults` (secure-resources.ts).
 */

/** A customer-managed KMS key with yearly rotation, retained on stack deletion. */
export function secureKey(scope: Construct, id: string, description: string, overrides: Partial<kms.KeyProps> = {}): kms.Key {
  return new kms.Key(scope, id, {
    description,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
    ...overrides,
  });
}

/** Statement ids already in the policy of each key, so a grant repeated by several constructs is added once. */
const GRANTED_SIDS = new WeakMap<kms.IKey, Set<string>>();

/**
 * Lets AWS services use a key on behalf of this account only (condition `aws:SourceAccount`, and
 * `aws:SourceArn` when given), for example EventBridge writing to an encrypted queue or SNS topic.
 * A grant whose `sid` the key already has is not added again (shared keys are granted by every
 * construct that joins). A no-op on imported keys, whose policy is not managed here.
 */
export function allowServicesToUseKey(key: kms.IKey, grant: ServiceKeyGrant): void {
  let sids = GRANTED_SIDS.get(key);
  if (!sids) {
    sids = new Set();
    GRANTED_SIDS.set(key, sids);
  }
  if (sids.has(grant.sid)) return;
  sids.add(grant.sid);
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: grant.sid,
    principals: grant.services.map((service) => new iam.ServicePrincipal(service)),
    actions: grant.actions ?? ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'], // in a key policy, '*' is this key
    conditions: {
      StringEquals: { 'aws:SourceAccount': Stack.of(key).account },
      ...(grant.sourceArn ? { ArnLike: { 'aws:SourceArn': grant.sourceArn } } : {}),
    },
  }));
}

/**
 * Lets CloudWatch Logs of the stack's Region encrypt this account's log groups with a key (condition
 * on the log-group ARN in the encryption context), once per key. A no-op on imported keys.
 * Source: CloudWatch Logs User Guide, "Encrypt log data in CloudWatch Logs using AWS KMS".
 */
export function allowCloudWatchLogsToUseKey(key: kms.IKey): void {
  const sid = 'AllowCloudWatchLogsOfThisAccount';
  let sids = GRANTED_SIDS.get(key);
  if (!sids) {
    sids = new Set();
    GRANTED_SIDS.set(key, sids);
  }
  if (sids.has(sid)) return;
  sids.add(sid);
  const stack = Stack.of(key);
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid,
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'], // in a key policy, '*' is this key
    conditions: {
      ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*` },
    },
  }));
}

/**
 * The key statements a topic's key needs for each service Gantry lets publish to topics: alarms
 * (CloudWatch, scoped to alarms of this account and Region), EventBridge rules and CodeStar
 * notifications (this account). Source: SNS Developer Guide, "Key management", enabling
 * compatibility between event sources from AWS services and encrypted topics (the service needs
 * kms:Decrypt and kms:GenerateDataKey* on the topic's key).
 */
export function topicPublisherKeyGrant(stack: Stack, service: TopicPublisher): ServiceKeyGrant {
  switch (service) {
    case 'cloudwatch.amazonaws.com':
      return {
        sid: 'AllowCloudWatchAlarmsToPublishToEncryptedTopics',
        services: [service],
        sourceArn: `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*`,
      };
    case 'events.amazonaws.com':
      return { sid: 'AllowEventBridgeToPublishToEncryptedTopics', services: [service] };
    case 'codestar-notifications.amazonaws.com':
      return { sid: 'AllowCodeStarNotificationsToPublishToEncryptedTopics', services: [service] };
    case 'budgets.amazonaws.com':
      return { sid: 'AllowBudgetsToPublishToEncryptedTopics', services: [service] };
  }
}

/** Services that publish to the topics Gantry creates or is given. */
export type TopicPublisher = 'cloudwatch.amazonaws.com' | 'events.amazonaws.com' | 'codestar-notifications.amazonaws.com' | 'budgets.amazonaws.com';

/** Publishers admitted on the key of every topic created here. */
const DEFAULT_TOPIC_PUBLISHERS: TopicPublisher[] = ['events.amazonaws.com', 'cloudwatch.amazonaws.com', 'codestar-notifications.amazonaws.com'];

/**
 * An SNS topic encrypted with a customer-managed key (by default the stack's shared messages key)
 * and a TLS-only topic policy. When the key is not the caller's, its policy lets EventBridge,
 * CloudWatch alarms and CodeStar notifications of this account publish (they must decrypt the data key).
 */
export function secureTopic(scope: Construct, id: string, options: SecureTopicOptions = {}): { topic: sns.Topic; key: kms.IKey } {
  const key = options.masterKey ?? SharedKeys.of(scope).messagesKey;
  if (!options.masterKey) {
    const stack = Stack.of(scope);
    for (const publisher of DEFAULT_TOPIC_PUBLISHERS) allowServicesToUseKey(key, topicPublisherKeyGrant(stack, publisher));
  }
  const topic = new sns.Topic(scope, id, {
    masterKey: key,
    enforceSSL: true,
    ...options.topicProps,
  });
  return { topic, key };
}

export interface SecureBucketOptions {
  /** Key for default encryption. @default the stack's shared artifacts key */
  readonly encryptionKey?: kms.IKey;
  /** Bucket for server access logs; a dedicated, retained log bucket is created when omitted. */
  readonly serverAccessLogsBucket?: s3.IBucket;
  /** Overrides for the bucket. */
  readonly bucketProps?: s3.BucketProps;
}

/**
 * An S3 bucket: SSE-KMS with a rotating key (bucket keys on), TLS-only policy, versioning, all
 * public access blocked, server access logging, RETAIN.
 */
export function secureBucket(scope: Construct, id: string, options: SecureBucketOptions = {}) {
  const encryptionKey = options.encryptionKey ?? SharedKeys.of(scope).artifactsKey;
  const serverAccessLogsBucket = options.serverAccessLogsBucket ?? accessLogsBucket(scope, `${id}AccessLogs`);
  // A created log bucket already admits log delivery by its policy (see accessLogsBucket); passing
  // it by reference keeps aws-cdk-lib from falling back to ACLs when the app lacks the
  // serverAccessLogsUseBucketPolicy feature flag.
  const logTarget = options.serverAccessLogsBucket
    ?? s3.Bucket.fromBucketAttributes(scope, `${id}AccessLogsTarget`, { bucketArn: serverAccessLogsBucket.bucketArn, bucketName: serverAccessLogsBucket.bucketName });
  const bucket = new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey,
    bucketKeyEnabled: true,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    serverAccessLogsBucket: logTarget,
    serverAccessLogsPrefix: `${id}/`,
    removalPolicy: RemovalPolicy.RETAIN,
    ...options.bucketProps,
  });
  if (!options.serverAccessLogsBucket) {
    // The policy aws-cdk-lib would add is already on the log bucket we created.
    Annotations.of(bucket).acknowledgeWarning('@aws-cdk/aws-s3:accessLogsPolicyNotAdded',
      'The log bucket created with this bucket already admits S3 log delivery by its bucket policy');
  }
  suppressNagFindings(bucket, REPLICATION_SUPPRESSIONS);
  return { bucket, encryptionKey, serverAccessLogsBucket };
}

/**
 * The target of server access logs, encrypted at rest with SSE-S3: S3 log delivery writes there
 * without any key grant, where an SSE-KMS key would have to admit the logging service, for logs of
 * request metadata. The SSE-KMS findings are accepted with that reason. (cdk-nag recognises a
 * log-delivery target and does not ask it to log its own access.)
 */
export function accessLogsBucket(scope: Construct, id: string): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [{ id: 'ExpireOldAccessLogs', expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
  });
  // S3 log delivery writes with a bucket policy (the recommended way; no ACLs), only for this account.
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowS3ServerAccessLogDelivery',
    principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [bucket.arnForObjects('*')],
    conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
  }));
  const sseS3Only = 'Target of S3 server access logs (request metadata), encrypted at rest with SSE-S3, which log delivery writes '
    + 'without a key grant; an SSE-KMS key would have to admit the logging service principal.';
  suppressNagFindings(bucket, [
    { id: 'NIST.800.53.R5-S3DefaultEncryptionKMS', reason: sseS3Only },
    { id: 'HIPAA.Security-S3DefaultEncryptionKMS', reason: sseS3Only },
    { id: 'PCI.DSS.321-S3DefaultEncryptionKMS', reason: sseS3Only },
    ...REPLICATION_SUPPRESSIONS,
  ]);
  return bucket;
}

const REPLICATION_REASON = 'Cross-region replication needs a second bucket in another region: a disaster-recovery choice left to the user (bucketProps.replicationRules).';
const REPLICATION_SUPPRESSIONS = [
  { id: 'NIST.800.53.R5-S3BucketReplicationEnabled', reason: REPLICATION_REASON },
  { id: 'HIPAA.Security-S3BucketReplicationEnabled', reason: REPLICATION_REASON },
  { id: 'PCI.DSS.321-S3BucketReplicationEnabled', reason: REPLICATION_REASON },
];

/** A log group encrypted with a customer-managed key (the stack's shared logs key by default), with retention set and RETAIN. */
export function secureLogGroup(scope: Construct, id: string, options: SecureLogGroupOptions = {}) {
  const encryptionKey = options.encryptionKey ?? SharedKeys.of(scope).logsKey;
  // A key of the app given for logs must admit CloudWatch Logs, or the log group cannot be created.
  if (encryptionKey instanceof kms.Key) allowCloudWatchLogsToUseKey(encryptionKey);
  const logGroup = new logs.LogGroup(scope, id, {
    retention: options.retention ?? logs.RetentionDays.ONE_YEAR,
    encryptionKey,
    removalPolicy: RemovalPolicy.RETAIN,
    ...options.logGroupProps,
  });
  return { logGroup, encryptionKey };
}
