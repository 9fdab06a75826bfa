import { Aws, BootstraplessSynthesizer, DefaultStackSynthesizer, Names, PhysicalName, Stack, Stage, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { fail, secureBucket } from '../../core';

/**
 * The artifact store of a pipeline in another region (CodePipeline copies the artifacts an action
 * of that region reads into a bucket there). Made the way the home store is (`secureBucket`: a
 * rotating customer-managed key, TLS only, versioned, access-logged, retained), in a Gantry
 * support stack deployed to that region (a bucket of region X lives in a stack of region X), one
 * stack per pipeline stack and region, shared by that stack's pipelines.
 */
export class RegionalArtifactStore {
  public readonly region: string;
  /** The support stack (region `region`, the pipeline's account). */
  public readonly stack: Stack;
  /** The bucket (in the support stack), named at synth so the pipeline's stack can refer to it. */
  public readonly bucket: s3.Bucket;
  /** Its key (in the support stack). */
  public readonly key: kms.IKey;
  /** The key's alias: the pipeline's stack names the key by it (its key id is not known there). */
  public readonly aliasName: string;
  /**
   * What the CodePipeline L2 is given for the region: the bucket by name, its key by alias ARN.
   * The L2's own grants on it then stay key-scoped: on the named bucket, and none on the key (an
   * alias imported by name grants nothing), so no `kms:*` on `*` as for a key of another region.
   */
  public readonly storeView: s3.IBucket;

  constructor(pipeline: IConstruct, region: string) {
    const pipelineStack = Stack.of(pipeline);
    const prop = 'stages (a stage in another region)';
    if (Token.isUnresolved(pipelineStack.account) || Token.isUnresolved(pipelineStack.region)) {
      fail(pipeline, prop, region, 'a pipeline stack with a concrete env (account and region): its artifact store in that region lives in a support stack of the pipeline\'s account');
    }
    const scope = Stage.of(pipelineStack);
    if (!scope) fail(pipeline, prop, region, 'a pipeline stack inside a CDK App or Stage (the support stack of the region is made beside it)');
    const stackId = `${pipelineStack.artifactId}-artifacts-${region}`;
    const synthesizer = pipelineStack.synthesizer;
    const roles = synthesizer instanceof DefaultStackSynthesizer
      ? { deployRoleArn: synthesizer.deployRoleArn, cloudFormationExecutionRoleArn: synthesizer.cloudFormationExecutionRoleArn }
      : undefined;
    this.region = region;
    // No assets in the support stack: it deploys through the pipeline account's bootstrap roles of
    // the home region, so the other region needs no bootstrap (as the CodePipeline L2's does).
    this.stack = scope.node.tryFindChild(stackId) as Stack | undefined ?? new Stack(scope, stackId, {
      stackName: `${pipelineStack.stackName}-artifacts-${region}`.slice(0, 128),
      env: { account: pipelineStack.account, region },
      description: `Artifact stores in ${region} of the pipelines of ${pipelineStack.stackName}`,
      synthesizer: roles ? new BootstraplessSynthesizer(roles) : undefined,
    });
    const owner = new Construct(this.stack, Names.uniqueId(pipeline));
    const store = secureBucket(owner, 'Artifacts', { bucketProps: { bucketName: PhysicalName.GENERATE_IF_NEEDED } });
    this.bucket = store.bucket;
    this.key = store.encryptionKey;
    this.aliasName = `alias/gantry/${pipelineStack.stackName}/${Names.uniqueId(pipeline)}`.slice(0, 256);
    new kms.Alias(owner, 'ArtifactsKeyAlias', { aliasName: this.aliasName, targetKey: this.key });
    // CodePipeline takes a key ARN, a key id or an alias ARN as an artifact store's key (AWS
    // CodePipeline API reference, EncryptionKey: "you can use the key ID, the key ARN, or the
    // alias ARN"; aliases resolve in the key's account only, which is the pipeline's: actions of
    // other accounts only read artifacts here, decrypting with the key recorded on each object).
    this.storeView = s3.Bucket.fromBucketAttributes(owner, 'StoreView', {
      bucketName: this.bucket.bucketName,
      account: pipelineStack.account,
      region,
      encryptionKey: kms.Alias.fromAliasName(owner, 'StoreKeyView', this.aliasName),
    });
  }

  /**
   * A role of the pipeline's account may use the key, through S3 of the region: by alias (the key
   * id is not known to the pipeline's stack), `kms:ResourceAliases` naming this key's alias alone
   * (AWS KMS developer guide, "kms:ResourceAliases": controls access to KMS keys by the aliases
   * associated with them). Decrypt to read artifacts, GenerateDataKey to write them (SSE-KMS).
   */
  public grantKeyToOwnAccount(role: iam.IRole): void {
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [this.keyArnPattern()],
      conditions: {
        'ForAnyValue:StringEquals': { 'kms:ResourceAliases': [this.aliasName] },
        'StringEquals': { 'kms:ViaService': `s3.${this.region}.amazonaws.com` },
      },
    }));
  }

  /**
   * A role given by ARN (a stage's deploy role, of another account or imported) may read the
   * artifacts: what the home store grants a deploy role of another account, on this bucket and
   * this key only, by their resource policies (a CDK bootstrap deploy role's own policy allows
   * the artifact buckets and keys of other accounts; in the key's own account the key policy and
   * the bucket policy suffice).
   */
  public grantReadByResourcePolicy(roleArn: string): void {
    const principal = new iam.ArnPrincipal(roleArn);
    this.bucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [principal],
      actions: ['s3:GetObject*', 's3:GetBucket*', 's3:List*'],
      resources: [this.bucket.bucketArn, this.bucket.arnForObjects('*')],
    }));
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      principals: [principal],
      actions: ['kms:Decrypt', 'kms:DescribeKey'],
      resources: ['*'], // in a key policy, '*' is this key
    }));
  }

  /** The keys of the region in the pipeline's account (narrowed by the alias condition). */
  public keyArnPattern(): string {
    return `arn:${Aws.PARTITION}:kms:${this.region}:${this.stack.account}:key/*`;
  }
}
