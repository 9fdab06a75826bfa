import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ManagedPolicyRole, narrowStatementsInStack } from './managed-policy-role';

/**
 * What CodePipeline and CodeBuild do on a pipeline's artifact store, as exact actions (instead of
 * the CDK L2 grant groups `s3:GetObject*`, `s3:GetBucket*`, `s3:List*`, `s3:DeleteObject*`,
 * `s3:Abort*`, `kms:GenerateDataKey*`, `kms:ReEncrypt*`).
 *
 * Source: AWS CodePipeline User Guide, "Manage the CodePipeline service role" (CodePipeline
 * service role policy: `s3:GetBucketVersioning`, `s3:GetBucketAcl`, `s3:GetBucketLocation` on the
 * artifact buckets; `s3:PutObject`, `s3:PutObjectAcl`, `s3:GetObject`, `s3:GetObjectVersion` on
 * their objects), https://docs.aws.amazon.com/codepipeline/latest/userguide/how-to-custom-role.html,
 * read 2026-12-02; the CodeBuild service role of AWS CodeBuild User Guide, "Allow CodeBuild to
 * interact with other AWS services" grants the same object and bucket actions on the pipeline's
 * bucket. Artifacts are SSE-KMS objects: writing one takes `kms:GenerateDataKey`, reading it
 * `kms:Decrypt` (Amazon S3 User Guide, "Using server-side encryption with AWS KMS keys
 * (SSE-KMS)"); nothing re-encrypts, lists or deletes artifacts.
 */
export const ArtifactStoreActions = {
  /** On the bucket. */
  bucket: ['s3:GetBucketVersioning', 's3:GetBucketAcl', 's3:GetBucketLocation'],
  /** On its objects, to read artifacts. */
  objectRead: ['s3:GetObject', 's3:GetObjectVersion'],
  /** On its objects, to write artifacts (besides reading). */
  objectWrite: ['s3:PutObject'],
  /** What replaces `kms:GenerateDataKey*` on the artifact key (`kms:ReEncrypt*` is dropped). */
  keyGenerateDataKey: 'kms:GenerateDataKey',
} as const;

/**
 * The `ManagedPolicyRole`s of a pipeline's stack get exact actions where a CDK L2 grant (the
 * CodePipeline and CodeBuild L2s' `grantRead` / `grantReadWrite` of the artifact bucket, a
 * project's `encryptionKey`) writes action groups on the artifact bucket or its key. Only
 * statements naming exactly that bucket (and its objects) or that key and holding a wildcard
 * action are rewritten; every other statement stays as granted.
 */
export function exactArtifactStoreGrants(stack: Stack, bucket: s3.IBucket, key?: kms.IKey): void {
  const bucketArn = JSON.stringify(stack.resolve(bucket.bucketArn));
  const objectsArn = JSON.stringify(stack.resolve(bucket.arnForObjects('*')));
  const keyArn = key ? JSON.stringify(stack.resolve(key.keyArn)) : undefined;
  narrowStatementsInStack(stack, (statement) => {
    if (!plainAllowWithWildcard(statement)) return undefined;
    const resources = statement.resources.map((r) => JSON.stringify(stack.resolve(r)));
    if (statement.actions.every((a) => a.startsWith('s3:')) && resources.every((r) => r === bucketArn || r === objectsArn)) {
      const write = statement.actions.includes('s3:PutObject');
      const result: iam.PolicyStatement[] = [];
      if (resources.includes(bucketArn)) {
        result.push(new iam.PolicyStatement({ actions: [...ArtifactStoreActions.bucket], resources: [bucket.bucketArn] }));
      }
      if (resources.includes(objectsArn)) {
        const actions = [...ArtifactStoreActions.objectRead, ...(write ? ArtifactStoreActions.objectWrite : [])];
        result.push(new iam.PolicyStatement({ actions, resources: [bucket.arnForObjects('*')] }));
      }
      return result;
    }
    if (keyArn) return exactKeyStatement(statement, resources, keyArn, key!);
    return undefined;
  });
}

/**
 * A statement with wildcard actions on exactly `key`, granted by an L2 for server-side encryption
 * (S3, SNS), in exact actions: `kms:GenerateDataKey*` is `kms:GenerateDataKey`, other groups
 * (`kms:ReEncrypt*`) go; exact actions stay. Server-side encryption asks for a data key and
 * decrypts it, nothing else: Amazon SNS's own key policy statements for services publishing to an
 * encrypted topic name `kms:GenerateDataKey` and `kms:Decrypt` (e.g. AWS End User Messaging SMS
 * User Guide, "Amazon SNS access policy": access policy for encrypted Amazon SNS topics, read 2026-12-02).
 */
function exactKeyStatement(statement: iam.PolicyStatement, resources: string[], keyArn: string, key: kms.IKey): iam.PolicyStatement[] | undefined {
  if (!statement.actions.every((a) => a.startsWith('kms:')) || !resources.every((r) => r === keyArn)) return undefined;
  const actions = statement.actions.flatMap((a) => {
    if (a === 'kms:GenerateDataKey*') return [ArtifactStoreActions.keyGenerateDataKey];
    return a.includes('*') ? [] : [a];
  });
  return [new iam.PolicyStatement({ actions, resources: [key.keyArn] })];
}

/**
 * The role gets exact actions where an L2 grant (a topic's `grantPublish`, say) writes
 * `kms:GenerateDataKey*` / `kms:ReEncrypt*` on exactly `key`, a key of server-side encryption
 * (see `exactKeyStatement`). Unconditioned Allow statements with a wildcard action only.
 */
export function exactEncryptionKeyGrants(role: ManagedPolicyRole, key: kms.IKey): void {
  const stack = Stack.of(role);
  const keyArn = JSON.stringify(stack.resolve(key.keyArn));
  role._narrowGrants((statement) => {
    if (!plainAllowWithWildcard(statement)) return undefined;
    return exactKeyStatement(statement, statement.resources.map((r) => JSON.stringify(stack.resolve(r))), keyArn, key);
  });
}

/** An identity-policy Allow, no conditions or Not* elements, with a wildcard action. */
function plainAllowWithWildcard(statement: iam.PolicyStatement): boolean {
  return statement.effect === iam.Effect.ALLOW && !statement.hasPrincipal && statement.notActions.length === 0
    && statement.notResources.length === 0 && Object.keys(statement.conditions).length === 0
    && statement.actions.some((a) => a.includes('*')) && statement.resources.length > 0;
}

/**
 * A CodeBuild project that logs to a given CloudWatch Logs group (`logging.cloudWatch.logGroup`)
 * writes its build logs there only (AWS CodeBuild API Reference, `CloudWatchLogsConfig.groupName`:
 * the group the build logs go to, `/aws/codebuild/<project>` when none is given, read 2026-12-02),
 * so the CodeBuild L2's grant on that default group (`logs:CreateLogGroup`, `CreateLogStream`,
 * `PutLogEvents` on `/aws/codebuild/<project>` and `:*`) is dropped from the project's role; the
 * given group's own grant stays. Call before the project is made.
 */
export function withoutDefaultCodeBuildLogGroup(role: ManagedPolicyRole): void {
  const stack = Stack.of(role);
  role._narrowGrants((statement) => {
    const resources = statement.resources.map((r) => JSON.stringify(stack.resolve(r)));
    const defaultGroup = resources.length > 0 && resources.every((r) => r.includes(':log-group:/aws/codebuild/'));
    return defaultGroup && statement.actions.every((a) => a.startsWith('logs:')) ? [] : undefined;
  });
}

/**
 * A project whose build spec names no report group (its reports, if any, are report groups given
 * by ARN and granted on their own) never creates the `<project>-<name>` groups the CodeBuild L2
 * grants on `report-group/<project>-*` (AWS CodeBuild User Guide, "Create a report group": a
 * report group named in the build spec by name is created as `<project>-<name>`): that grant is
 * dropped from the project's role. Call before the project is made.
 */
export function withoutNamedReportGroups(role: ManagedPolicyRole): void {
  const stack = Stack.of(role);
  role._narrowGrants((statement) => {
    const resources = statement.resources.map((r) => JSON.stringify(stack.resolve(r)));
    const named = resources.length > 0 && resources.every((r) => r.includes(':report-group/') && r.includes('-*'));
    return named && statement.actions.includes('codebuild:CreateReportGroup') ? [] : undefined;
  });
}
