import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { checkPattern, Limits } from '../core';

/** Options of `FisLambdaExtension.attach`. */
export interface FisLambdaExtensionOptions {
  /** Bucket FIS writes the fault configuration to and the extension reads it from (one per Region). */
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
    // Read access to the configuration folder only (the FIS User Guide's extension policy).
    fn.addToRolePolicy(new iam.PolicyStatement({
      sid: 'ListFisConfigurationLocation',
      actions: ['s3:ListBucket'],
      resources: [options.bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } },
    }));
    fn.addToRolePolicy(new iam.PolicyStatement({
      sid: 'ReadFisConfiguration',
      actions: ['s3:GetObject'],
      resources: [`${location}*`],
    }));
    options.bucket.encryptionKey?.grantDecrypt(fn);
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
