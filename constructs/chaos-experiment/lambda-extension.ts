import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { checkPattern, flattenReference, grantsPolicyOf, Limits, secureBucket, suppressNagFindings } from '../core';

/** Options of `FisLambdaExtension.attach`. */
export interface FisLambdaExtensionOptions {
  /**
   * Bucket FIS writes the fault configuration to and the extension reads it from (one per Region).
   * The function reads it only while the bucket is owned by the bucket's account (`bucket.env.account`,
   * the importing stack's account for `Bucket.fromBucketName`): import a bucket of another account
   * with `Bucket.fromBucketAttributes({ bucketName, account })`.
   */
  readonly bucket: s3.IBucket;
  /**
   * Folder of the configuration in the bucket, ending with `/`.
   * @default 'FisConfigs/'
   */
  readonly prefix?: string;
  /**
   * The extension layer.
   * @default - the AWS FIS extension of the function's architecture, from its public SSM parameter in this Region
   */
  readonly layer?: lambda.ILayerVersion;
  /**
   * The bucket is encrypted with a customer-managed KMS key this app cannot reference (a bucket of
   * another stack, imported by name): the function may then decrypt with any key of this account and
   * Region, but only through S3 in this Region and only for this bucket's objects (conditions
   * kms:ViaService and kms:EncryptionContext:aws:s3:arn). A bucket with a known key
   * (`bucket.encryptionKey`) is granted that key instead.
   * @default false
   */
  readonly kmsEncrypted?: boolean;
}

/** What `FisLambdaExtension.attach` configured. */
export interface FisLambdaExtensionConfig {
  /** The S3 location, `arn:<partition>:s3:::<bucket>/<prefix>`, FIS writes faults to. */
  readonly configurationLocation: string;
  /** The bucket. */
  readonly bucket: s3.IBucket;
}

const attached = new WeakMap<lambda.IFunction, FisLambdaExtensionConfig>();

/**
 * The AWS FIS Lambda extension, the prerequisite of the aws:lambda:function faults: a layer on the
 * function, the runtime wrapper `/opt/aws-fis/bootstrap`, and an S3 location (the function's
 * AWS_FIS_CONFIGURATION_LOCATION) FIS writes the fault to and the function may read.
 */
export class FisLambdaExtension {
  /**
   * The bucket FIS writes Lambda fault configuration to (the location `attach` points the
   * extension at), made with Gantry's secure defaults: a customer-managed KMS key, TLS only,
   * versioned, public access blocked, server access logs to a bucket of its own, retained.
   * @param scope where the bucket (`id`), its key (`<id>Key`) and its log bucket (`<id>AccessLogs`) are created
   * @param bucketName a name known to the functions' stacks (they import the bucket by name)
   * @default - a generated name
   */
  public static configurationBucket(scope: Construct, id: string, bucketName?: string): s3.Bucket {
    return secureBucket(scope, id, { bucketProps: bucketName === undefined ? {} : { bucketName } }).bucket;
  }

  /** Adds the extension to a function this app creates and grants it read access to the configuration location. */
  public static attach(fn: lambda.Function, options: FisLambdaExtensionOptions): FisLambdaExtensionConfig {
    const prefix = options.prefix ?? 'FisConfigs/';
    checkPattern(fn, 'prefix', prefix, /[A-Za-z0-9!_.*'()\/-]{1,512}\//, 'an S3 key prefix ending with "/"');
    const arm = fn.architecture.name === lambda.Architecture.ARM_64.name;
    const layer = options.layer ?? lambda.LayerVersion.fromLayerVersionArn(fn, 'FisExtensionLayer',
      ssm.StringParameter.valueForStringParameter(fn,
        arm ? Limits.fis.lambdaExtensionLayerParameterArm64 : Limits.fis.lambdaExtensionLayerParameter));
    fn.addLayers(layer);
    const location = `${options.bucket.bucketArn}/${prefix}`;
    fn.addEnvironment(Limits.fis.lambdaExtensionWrapperVariable, Limits.fis.lambdaExtensionWrapperPath);
    fn.addEnvironment(Limits.fis.lambdaExtensionConfigurationVariable, location);
    // Read access to the configuration folder only (the FIS User Guide's extension policy), and
    // only while the bucket belongs to the bucket's account: bucket names are global, so a bucket
    // imported by name (one in an account or Region where it was never created, say) could be
    // created by anyone and feed the function faults. s3:ResourceAccount limits a request to
    // buckets owned by the accounts named (Amazon S3 condition keys; AWS What's New, 2020-12-21,
    // "New IAM condition keys for Amazon S3 limit requests to buckets owned by specific AWS
    // accounts", read 2026-12-02).
    const owner = { 's3:ResourceAccount': options.bucket.env.account };
    fn.addToRolePolicy(new iam.PolicyStatement({
      sid: 'ListFisConfigurationLocation',
      actions: ['s3:ListBucket'],
      resources: [options.bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': [`${prefix}*`] }, StringEquals: owner },
    }));
    const read = new iam.PolicyStatement({
      sid: 'ReadFisConfiguration',
      actions: ['s3:GetObject'],
      resources: [`${location}*`],
      conditions: { StringEquals: owner },
    });
    fn.addToRolePolicy(read);
    const wildcards = [read];
    if (options.bucket.encryptionKey) {
      options.bucket.encryptionKey.grantDecrypt(fn);
    } else if (options.kmsEncrypted) {
      const stack = Stack.of(fn);
      // An IAM policy names a KMS key by its key ARN only, not by alias: an alias ARN in Resource
      // applies to the alias, and access by alias is a condition (kms:ResourceAliases) on a key
      // ARN pattern (AWS KMS Developer Guide, "Specifying KMS keys in IAM policy statements" and
      // "Use aliases to control access to KMS keys", read 2026-12-02). The key of a bucket of
      // another stack has a generated id, so `key/*` narrowed by the conditions below.
      const decrypt = new iam.PolicyStatement({
        sid: 'DecryptFisConfiguration',
        actions: ['kms:Decrypt'],
        resources: [stack.formatArn({ service: 'kms', resource: 'key', resourceName: '*' })],
        conditions: {
          StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` },
          // With an S3 Bucket Key the context is the bucket's ARN, without one the object's.
          StringLike: { 'kms:EncryptionContext:aws:s3:arn': [options.bucket.bucketArn, `${location}*`] },
        },
      });
      fn.addToRolePolicy(decrypt);
      wildcards.push(decrypt);
    }
    acknowledgeConfigurationWildcards(fn, wildcards);
    const config = { configurationLocation: location, bucket: options.bucket };
    attached.set(fn, config);
    return config;
  }

  /** The configuration location attached to a function, if `attach` was called for it. */
  public static configurationLocationOf(fn: lambda.IFunction): string | undefined {
    return attached.get(fn)?.configurationLocation;
  }

  /** The configuration `attach` recorded for a function. @internal */
  public static _configOf(fn: lambda.IFunction): FisLambdaExtensionConfig | undefined {
    return attached.get(fn);
  }

  private constructor() {}
}

/**
 * Acknowledges exactly the wildcards `attach` wrote: the objects of the configuration folder (FIS
 * writes one per experiment) and, for an imported bucket, the key condition-scoped to this bucket.
 */
function acknowledgeConfigurationWildcards(fn: lambda.Function, statements: iam.PolicyStatement[]): void {
  const policy = grantsPolicyOf(fn.role);
  if (!policy) return;
  const stack = Stack.of(fn);
  const findings = statements.flatMap((st) => st.resources)
    .map((r) => `Resource::${flattenReference(stack.resolve(r))}`)
    .filter((f) => f.includes('*'));
  if (findings.length === 0) return;
  suppressNagFindings(policy, [{
    id: 'AwsSolutions-IAM5',
    reason: 'The FIS Lambda extension reads the fault configuration objects FIS writes per experiment under its folder; an imported bucket\'s key is unknown here, so kms:Decrypt is limited by kms:ViaService to S3 and by the encryption context to this bucket.',
    appliesTo: [...new Set(findings)],
  }]);
}
