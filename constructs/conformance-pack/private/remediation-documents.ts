import { Stack } from 'aws-cdk-lib';

/**
 * SSM Automation documents Gantry knows for remediation: their parameters (so a remediation naming
 * a parameter the document does not have fails at synth) and the IAM actions the document runs (so
 * the automation role gets exactly those). Source: AWS Systems Manager Automation runbook
 * reference (one page per document). Add a document by adding one entry.
 */
export interface RemediationDocumentDefinition {
  readonly name: string;
  /** Every input parameter of the document. */
  readonly parameters: string[];
  /** The parameter that receives the non-compliant resource's id in the usual setup. */
  readonly resourceIdParameter: string;
  /** Resource type of the resources the document fixes (RemediationConfiguration ResourceType). */
  readonly resourceType: string;
  /** IAM actions the document calls. */
  readonly actions: string[];
  /** Read actions the document calls that have no resource-level permissions (IAM needs `*`). */
  readonly unscopedActions?: string[];
  /** ARN pattern of the resources those actions touch. */
  resourceArns(stack: Stack): string[];
}

const anyBucket = (stack: Stack) => [`arn:${stack.partition}:s3:::*`];
const anySecurityGroup = (stack: Stack) => [`arn:${stack.partition}:ec2:${stack.region}:${stack.account}:security-group/*`];

const DOCUMENTS: RemediationDocumentDefinition[] = [
  {
    name: 'AWS-EnableS3BucketEncryption',
    parameters: ['AutomationAssumeRole', 'BucketName', 'SSEAlgorithm', 'KMSMasterKey'],
    resourceIdParameter: 'BucketName',
    resourceType: 'AWS::S3::Bucket',
    actions: ['s3:PutEncryptionConfiguration', 's3:GetEncryptionConfiguration'],
    resourceArns: anyBucket,
  },
  {
    name: 'AWS-ConfigureS3BucketVersioning',
    parameters: ['AutomationAssumeRole', 'BucketName', 'VersioningState'],
    resourceIdParameter: 'BucketName',
    resourceType: 'AWS::S3::Bucket',
    actions: ['s3:PutBucketVersioning', 's3:GetBucketVersioning'],
    resourceArns: anyBucket,
  },
  {
    name: 'AWS-DisableS3BucketPublicReadWrite',
    parameters: ['AutomationAssumeRole', 'S3BucketName'],
    resourceIdParameter: 'S3BucketName',
    resourceType: 'AWS::S3::Bucket',
    actions: ['s3:PutBucketPublicAccessBlock', 's3:GetBucketPublicAccessBlock'],
    resourceArns: anyBucket,
  },
  {
    name: 'AWSConfigRemediation-ConfigureS3BucketPublicAccessBlock',
    parameters: ['AutomationAssumeRole', 'BucketName', 'RestrictPublicBuckets', 'BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy'],
    resourceIdParameter: 'BucketName',
    resourceType: 'AWS::S3::Bucket',
    actions: ['s3:PutBucketPublicAccessBlock', 's3:GetBucketPublicAccessBlock'],
    resourceArns: anyBucket,
  },
  {
    name: 'AWS-ConfigureS3BucketLogging',
    parameters: ['AutomationAssumeRole', 'BucketName', 'GrantedPermission', 'GranteeType', 'GranteeEmailAddress', 'GranteeId', 'GranteeUri', 'TargetBucket', 'TargetPrefix'],
    resourceIdParameter: 'BucketName',
    resourceType: 'AWS::S3::Bucket',
    actions: ['s3:PutBucketLogging', 's3:GetBucketLogging', 's3:GetBucketAcl', 's3:PutBucketAcl'],
    resourceArns: anyBucket,
  },
  {
    name: 'AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules',
    parameters: ['AutomationAssumeRole', 'GroupId'],
    resourceIdParameter: 'GroupId',
    resourceType: 'AWS::EC2::SecurityGroup',
    actions: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'],
    resourceArns: anySecurityGroup,
    unscopedActions: ['ec2:DescribeSecurityGroups'],
  },
];

/** The documents by name. */
export const REMEDIATION_DOCUMENTS: ReadonlyMap<string, RemediationDocumentDefinition> = new Map(DOCUMENTS.map((d) => [d.name, d]));
