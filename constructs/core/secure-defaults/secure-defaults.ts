import { Annotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import type { SecureLogGroupOptions, SecureTopicOptions, ServiceKeyGrant } from './secure-resources';
import { SharedKeys } from './shared-keys';
import { suppressNagFindings } from '../nag/nag';
import { shortHash } from '../validation/short-hash';
import { stackSingleton } from '../validation/singleton';
import { fail } from '../validation/validate';

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

/** Statement ids already in each resource policy (a key's, a topic's), so a grant repeated by several constructs is added once. */
const ADDED_SIDS = new WeakMap<object, Set<string>>();

/**
 * Adds the statement `sid` to a resource policy (a key's or a topic's) unless it already has it;
 * `statement` is built only when added. A no-op on imported resources, whose policy is not managed here.
 */
export function addResourceStatementOnce(
  resource: { addToResourcePolicy(statement: iam.PolicyStatement): unknown }, sid: string, statement: () => iam.PolicyStatement,
): void {
  let sids = ADDED_SIDS.get(resource);
  if (!sids) {
    sids = new Set();
    ADDED_SIDS.set(resource, sids);
  }
  if (sids.has(sid)) return;
  sids.add(sid);
  resource.addToResourcePolicy(statement());
}

/**
 * Lets AWS services use a key on behalf of this account only (condition `aws:SourceAccount`, and
 * `aws:SourceArn` when given), for example EventBridge writing to an encrypted queue or SNS topic.
 * A grant whose `sid` the key already has is not added again (shared keys are granted by every
 * construct that joins). A no-op on imported keys, whose policy is not managed here.
 */
export function allowServicesToUseKey(key: kms.IKey, grant: ServiceKeyGrant): void {
  addResourceStatementOnce(key, grant.sid, () => serviceKeyStatement(Stack.of(key).account, grant));
}

/** The key-policy statement of a service grant, on behalf of `account` (see `allowServicesToUseKey`). */
export function serviceKeyStatement(account: string, grant: ServiceKeyGrant): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: grant.sid,
    principals: grant.services.map((service) => new iam.ServicePrincipal(service)),
    actions: grant.actions ?? ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'], // in a key policy, '*' is this key
    conditions: {
      StringEquals: { 'aws:SourceAccount': account },
      ...(grant.sourceArn ? { ArnLike: { 'aws:SourceArn': grant.sourceArn } } : {}),
    },
  });
}

/**
 * Lets CloudWatch Logs of the stack's Region encrypt this account's log groups with a key (condition
 * on the log-group ARN in the encryption context), once per key. A no-op on imported keys.
 * Source: CloudWatch Logs User Guide, "Encrypt log data in CloudWatch Logs using AWS KMS".
 */
export function allowCloudWatchLogsToUseKey(key: kms.IKey): void {
  const sid = 'AllowCloudWatchLogsOfThisAccount';
  const stack = Stack.of(key);
  addResourceStatementOnce(key, sid, () => new iam.PolicyStatement({
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

/** What every Gantry bucket has: TLS 1.2+ only, versioning, no public access, no ACLs, retained on stack deletion. */
const BUCKET_BASELINE: Partial<s3.BucketProps> = {
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  versioned: true,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  removalPolicy: RemovalPolicy.RETAIN,
};

export interface SecureBucketOptions {
  /** Key for default encryption. @default the stack's shared artifacts key */
  readonly encryptionKey?: kms.IKey;
  /**
   * Bucket for server access logs (the caller admits log delivery there).
   * @default - the stack's shared server-access-log bucket (`ServerAccessLogs`), under a prefix of this bucket's own
   */
  readonly serverAccessLogsBucket?: s3.IBucket;
  /** Overrides for the bucket. */
  readonly bucketProps?: s3.BucketProps;
}

/**
 * An S3 bucket: SSE-KMS with a rotating key (bucket keys on), TLS-only policy, versioning, all
 * public access blocked, server access logging, RETAIN. Without a log bucket of the caller's, the
 * access logs go to the stack's shared log bucket under a prefix of this bucket's own.
 */
export function secureBucket(scope: Construct, id: string, options: SecureBucketOptions = {}) {
  const encryptionKey = options.encryptionKey ?? SharedKeys.of(scope).artifactsKey;
  const ownTarget = options.serverAccessLogsBucket ?? options.bucketProps?.serverAccessLogsBucket;
  const shared = ownTarget ? undefined : ServerAccessLogs.of(scope);
  const prefix = options.bucketProps?.serverAccessLogsPrefix ?? (shared ? shared.prefixFor(scope, id) : `${id}/`);
  const bucket = new s3.Bucket(scope, id, {
    ...BUCKET_BASELINE,
    encryption: s3.BucketEncryption.KMS,
    encryptionKey,
    bucketKeyEnabled: true,
    serverAccessLogsBucket: ownTarget ?? shared!.target,
    serverAccessLogsPrefix: prefix,
    ...options.bucketProps,
  });
  if (shared) shared.admit(bucket, prefix);
  suppressNagFindings(bucket, REPLICATION_SUPPRESSIONS);
  return { bucket, encryptionKey, serverAccessLogsBucket: ownTarget ?? shared!.bucket };
}

/**
 * Why log buckets keep SSE-S3 (one place per fact; looked up 2026-12-02 in stored copies of AWS's
 * documentation: the ELB sentence from the page itself, the S3 sentence as quoted from the page in
 * September 2025, the newest copy of its text found; no AWS page found documents SSE-KMS support):
 * - S3 server access logs: "You can use default bucket encryption on the destination bucket only if
 *   you use server-side encryption with Amazon S3 managed keys (SSE-S3) ... Default server-side
 *   encryption with AWS Key Management Service (AWS KMS) keys (SSE-KMS) is not supported."
 *   Amazon S3 User Guide, "Enabling Amazon S3 server access logging",
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 * - Application Load Balancer access logs: "The only server-side encryption option that's supported
 *   is Amazon S3-managed keys (SSE-S3)." Elastic Load Balancing User Guide, "Enable access logs for
 *   your Application Load Balancer",
 *   https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
 */
const SERVER_ACCESS_LOGS_SSE_S3_REASON = 'Target of S3 server access logs (request metadata), encrypted with SSE-S3: AWS supports only SSE-S3 '
  + 'default encryption on a server-access-log destination bucket, SSE-KMS is not supported (S3 User Guide, Enabling Amazon S3 server access logging).';
const LOAD_BALANCER_LOGS_SSE_S3_REASON = 'Target of load-balancer access logs, encrypted with SSE-S3: Elastic Load Balancing supports only SSE-S3 '
  + 'on the access-log bucket (ELB User Guide, Enable access logs for your Application Load Balancer).';

/** Fixed id of the per-stack singleton holding the shared server-access-log bucket. */
const SERVER_ACCESS_LOGS_ID = 'GantryAccessLogs';

/**
 * The one bucket that receives the S3 server access logs of every Gantry bucket of a stack (same
 * account and Region, as S3 requires), each source bucket under a prefix of its own that only it may
 * write: the bucket policy admits `logging.s3.amazonaws.com` per source, conditioned on the source
 * bucket's ARN (`aws:SourceArn`) and this account (`aws:SourceAccount`), limited to that prefix.
 * Encrypted with SSE-S3, the only default encryption AWS supports for server-access-log targets.
 */
export class ServerAccessLogs extends Construct {
  /** The singleton of the stack `scope` belongs to (created on first call). */
  public static of(scope: IConstruct): ServerAccessLogs {
    return stackSingleton(scope, SERVER_ACCESS_LOGS_ID, 'ServerAccessLogs', (c): c is ServerAccessLogs => c instanceof ServerAccessLogs,
      (stack, id) => new ServerAccessLogs(stack, id));
  }

  /** The stack's server-access-log bucket. */
  public readonly bucket: s3.Bucket;
  /**
   * The bucket by reference, for a source bucket's `serverAccessLogsBucket`: aws-cdk-lib then neither
   * adds its own log-delivery statement (which falls back to ACLs without the
   * serverAccessLogsUseBucketPolicy feature flag) nor, for a bucket with a key, a key grant.
   */
  public readonly target: s3.IBucket;
  private readonly prefixes = new Set<string>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bucket = sseS3LogBucket(this, 'Bucket', SERVER_ACCESS_LOGS_SSE_S3_REASON);
    this.target = s3.Bucket.fromBucketAttributes(this, 'Target', { bucketArn: this.bucket.bucketArn, bucketName: this.bucket.bucketName });
  }

  /** The prefix of the bucket `id` created in `scope`: its construct path below the stack, which no other bucket of the stack has. */
  public prefixFor(scope: IConstruct, id: string): string {
    const stack = Stack.of(scope);
    const below = scope.node.scopes.slice(stack.node.scopes.length).map((c) => c.node.id);
    return `${[...below, id].join('/')}/`;
  }

  /**
   * Lets S3 log delivery write the access logs of `source` under `prefix` (and nowhere else), on
   * behalf of that bucket of this account only. Source: S3 User Guide, "Permissions for server access
   * log delivery" (bucket policy for `logging.s3.amazonaws.com`: `s3:PutObject` on the destination
   * prefix, conditions `aws:SourceArn` of the source bucket and `aws:SourceAccount`).
   */
  public admit(source: s3.IBucket, prefix: string): void {
    if (this.prefixes.has(prefix)) {
      fail(source, 'serverAccessLogsPrefix', prefix, `a prefix no other bucket of stack ${Stack.of(this).node.path} delivers its access logs under`);
    }
    this.prefixes.add(prefix);
    this.bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: `AllowServerAccessLogsOf${prefix.replace(/[^A-Za-z0-9]/g, '').slice(0, 100)}${shortHash(prefix)}`,
      principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [this.bucket.arnForObjects(`${prefix}*`)],
      conditions: {
        ArnLike: { 'aws:SourceArn': source.bucketArn },
        StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
      },
    }));
    // The policy aws-cdk-lib would add for a referenced target is the statement above.
    Annotations.of(source).acknowledgeWarning('@aws-cdk/aws-s3:accessLogsPolicyNotAdded',
      `The stack's server-access-log bucket ${this.bucket.node.path} admits this bucket's log delivery by its bucket policy`);
  }
}


/**
 * A bucket that only receives logs from AWS services: SSE-S3 (see the sources above), TLS only,
 * versioned, no public access, no ACLs, logs expired after a year, RETAIN; the SSE-KMS and
 * replication findings are acknowledged with `encryptionReason`. (cdk-nag recognises a
 * server-access-log target and does not ask it to log its own access.)
 */
function sseS3LogBucket(scope: Construct, id: string, encryptionReason: string, overrides: Partial<s3.BucketProps> = {}): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    ...BUCKET_BASELINE,
    encryption: s3.BucketEncryption.S3_MANAGED,
    lifecycleRules: [{ id: 'ExpireOldAccessLogs', expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
    ...overrides,
  });
  suppressNagFindings(bucket, [
    { id: 'NIST.800.53.R5-S3DefaultEncryptionKMS', reason: encryptionReason },
    { id: 'HIPAA.Security-S3DefaultEncryptionKMS', reason: encryptionReason },
    { id: 'PCI.DSS.321-S3DefaultEncryptionKMS', reason: encryptionReason },
    ...REPLICATION_SUPPRESSIONS,
  ]);
  return bucket;
}

/**
 * A stand-alone target of S3 server access logs (SSE-S3, see above) whose policy admits S3 log
 * delivery for any bucket of this account. Gantry's own buckets log to the stack's shared
 * `ServerAccessLogs` bucket instead, which admits each source bucket by ARN.
 */
export function accessLogsBucket(scope: Construct, id: string): s3.Bucket {
  const bucket = sseS3LogBucket(scope, id, SERVER_ACCESS_LOGS_SSE_S3_REASON);
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowS3ServerAccessLogDelivery',
    principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [bucket.arnForObjects('*')],
    conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
  }));
  return bucket;
}

/**
 * The target of a load balancer's access logs: SSE-S3 (the only encryption ELB supports, see
 * above), and its own server access logs go to the stack's shared `ServerAccessLogs` bucket.
 * The load balancer's `logAccessLogs` adds the statement that admits ELB log delivery.
 */
export function loadBalancerLogsBucket(scope: Construct, id: string): s3.Bucket {
  const shared = ServerAccessLogs.of(scope);
  const prefix = shared.prefixFor(scope, id);
  const bucket = sseS3LogBucket(scope, id, LOAD_BALANCER_LOGS_SSE_S3_REASON, {
    serverAccessLogsBucket: shared.target,
    serverAccessLogsPrefix: prefix,
  });
  shared.admit(bucket, prefix);
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
