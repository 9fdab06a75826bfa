import { IConstruct } from 'constructs';
import { fail } from '../core';
import { PackRule } from './rule';

/**
 * Managed rules of the operational best practices for DevOps and serverless workloads: build and
 * deployment safety (CodeBuild, CodeDeploy, CodePipeline, CloudFormation), containers, and the
 * serverless data path (Lambda, API Gateway, DynamoDB, logs and alarms). Source: the AWS sample
 * packs "Operational Best Practices for DevOps" and "... for Serverless".
 */
const DEVOPS_RULES: ReadonlyArray<[string, { [name: string]: any }?]> = [
  ['CLOUDFORMATION_STACK_NOTIFICATION_CHECK'],
  ['CODEBUILD_PROJECT_ARTIFACT_ENCRYPTION'],
  ['CODEBUILD_PROJECT_ENVIRONMENT_PRIVILEGED_CHECK'],
  ['CODEBUILD_PROJECT_ENVVAR_AWSCRED_CHECK'],
  ['CODEBUILD_PROJECT_LOGGING_ENABLED'],
  ['CODEBUILD_PROJECT_S3_LOGS_ENCRYPTED'],
  ['CODEBUILD_PROJECT_SOURCE_REPO_URL_CHECK'],
  ['CODEDEPLOY_AUTO_ROLLBACK_MONITOR_ENABLED'],
  ['CODEDEPLOY_EC2_MINIMUM_HEALTHY_HOSTS_CONFIGURED'],
  ['CODEDEPLOY_LAMBDA_ALLATONCE_TRAFFIC_SHIFT_DISABLED'],
  ['CODEPIPELINE_DEPLOYMENT_COUNT_CHECK'],
  ['CODEPIPELINE_REGION_FANOUT_CHECK', { regionFanoutFactor: 3 }],
  ['ECR_PRIVATE_IMAGE_SCANNING_ENABLED'],
  ['ECR_PRIVATE_LIFECYCLE_POLICY_CONFIGURED'],
  ['ECR_PRIVATE_TAG_IMMUTABILITY_ENABLED'],
  ['ECS_CONTAINER_INSIGHTS_ENABLED'],
  ['ECS_CONTAINERS_NONPRIVILEGED'],
  ['ECS_CONTAINERS_READONLY_ACCESS'],
  ['ECS_TASK_DEFINITION_NONROOT_USER'],
  ['ECS_TASK_DEFINITION_USER_FOR_HOST_MODE_CHECK'],
  ['API_GW_EXECUTION_LOGGING_ENABLED'],
  ['API_GW_SSL_ENABLED'],
  ['API_GW_XRAY_ENABLED'],
  ['API_GW_ASSOCIATED_WITH_WAF'],
  ['DYNAMODB_PITR_ENABLED'],
  ['DYNAMODB_TABLE_ENCRYPTED_KMS'],
  ['DYNAMODB_AUTOSCALING_ENABLED'],
  ['LAMBDA_CONCURRENCY_CHECK'],
  ['LAMBDA_DLQ_CHECK'],
  ['LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED'],
  ['LAMBDA_INSIDE_VPC'],
  ['CW_LOGGROUP_RETENTION_PERIOD_CHECK'],
  ['CLOUDWATCH_LOG_GROUP_ENCRYPTED'],
  ['CLOUDWATCH_ALARM_ACTION_CHECK', { alarmActionRequired: true, insufficientDataActionRequired: false, okActionRequired: false }],
  ['SNS_ENCRYPTED_KMS'],
  ['S3_BUCKET_SSL_REQUESTS_ONLY'],
  ['S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED'],
  ['S3_DEFAULT_ENCRYPTION_KMS'],
];

/**
 * The detective controls (guardrails) AWS Control Tower deploys as Config rules. Source: the AWS
 * sample pack "AWS Control Tower Detective Guardrails".
 */
const CONTROL_TOWER_DETECTIVE_RULES: ReadonlyArray<[string, { [name: string]: any }?]> = [
  ['AUTOSCALING_LAUNCH_CONFIG_PUBLIC_IP_DISABLED'],
  ['CLOUD_TRAIL_ENABLED'],
  ['DMS_REPLICATION_NOT_PUBLIC'],
  ['EBS_OPTIMIZED_INSTANCE'],
  ['EBS_SNAPSHOT_PUBLIC_RESTORABLE_CHECK'],
  ['EC2_INSTANCE_NO_PUBLIC_IP'],
  ['EC2_VOLUME_INUSE_CHECK'],
  ['EKS_ENDPOINT_NO_PUBLIC_ACCESS'],
  ['ELASTICSEARCH_IN_VPC_ONLY'],
  ['EMR_MASTER_NO_PUBLIC_IP'],
  ['ENCRYPTED_VOLUMES'],
  ['IAM_USER_MFA_ENABLED'],
  ['INCOMING_SSH_DISABLED'],
  ['LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED'],
  ['MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS'],
  ['NO_UNRESTRICTED_ROUTE_TO_IGW'],
  ['RDS_INSTANCE_PUBLIC_ACCESS_CHECK'],
  ['RDS_SNAPSHOTS_PUBLIC_PROHIBITED'],
  ['RDS_STORAGE_ENCRYPTED'],
  ['REDSHIFT_CLUSTER_PUBLIC_ACCESS_CHECK'],
  ['RESTRICTED_INCOMING_TRAFFIC', { blockedPort1: 20, blockedPort2: 21, blockedPort3: 3389, blockedPort4: 3306, blockedPort5: 4333 }],
  ['ROOT_ACCOUNT_HARDWARE_MFA_ENABLED'],
  ['ROOT_ACCOUNT_MFA_ENABLED'],
  ['S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC'],
  ['S3_BUCKET_PUBLIC_READ_PROHIBITED'],
  ['S3_BUCKET_PUBLIC_WRITE_PROHIBITED'],
  ['S3_BUCKET_VERSIONING_ENABLED'],
  ['SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS'],
  ['SSM_DOCUMENT_NOT_PUBLIC'],
  ['SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED'],
];

function managedRules(list: ReadonlyArray<[string, { [name: string]: any }?]>): PackRule[] {
  return list.map(([identifier, inputParameters]) => PackRule.managed(identifier, inputParameters ? { inputParameters } : {}));
}

/**
 * A named, ready-made list of rules that a pack takes as a whole. Sets are immutable: `withRules`,
 * `withoutRules`, `replacing` and `onlyResourceTypes` return a new set, so a team extends or narrows
 * a framework without copying it.
 */
export class RuleSet {
  /** Operational best practices for DevOps and serverless workloads (38 managed rules). */
  public static devOpsBestPractices(): RuleSet {
    return new RuleSet('DevOpsBestPractices', managedRules(DEVOPS_RULES));
  }

  /** The Control Tower detective guardrails (30 managed rules). */
  public static controlTowerDetective(): RuleSet {
    return new RuleSet('ControlTowerDetective', managedRules(CONTROL_TOWER_DETECTIVE_RULES));
  }

  /** A set of your own rules. */
  public static fromRules(name: string, rules: PackRule[]): RuleSet {
    return new RuleSet(name, [...rules]);
  }

  private constructor(
    /** Name of the set. */
    public readonly name: string,
    private readonly members: PackRule[],
    private readonly missing: string[] = [],
  ) {}

  /** The rules of the set, in order. */
  public get rules(): PackRule[] {
    return [...this.members];
  }

  /** Names of the rules of the set, in order. */
  public get ruleNames(): string[] {
    return this.members.map((r) => r.ruleName);
  }

  /** The set with more rules appended. */
  public withRules(...rules: PackRule[]): RuleSet {
    return new RuleSet(this.name, [...this.members, ...rules], this.missing);
  }

  /** The set without the named rules (the pack fails if a name is not in the set). */
  public withoutRules(...ruleNames: string[]): RuleSet {
    const names = new Set(ruleNames);
    const missing = ruleNames.filter((n) => !this.members.some((r) => r.ruleName === n));
    return new RuleSet(this.name, this.members.filter((r) => !names.has(r.ruleName)), [...this.missing, ...missing]);
  }

  /**
   * The set with rules replaced by rules of the same name (to set parameters, scope or a
   * remediation on a ready-made rule).
   */
  public replacing(...rules: PackRule[]): RuleSet {
    const missing = rules.map((r) => r.ruleName).filter((n) => !this.members.some((r) => r.ruleName === n));
    const byName = new Map(rules.map((r) => [r.ruleName, r]));
    return new RuleSet(this.name, this.members.map((r) => byName.get(r.ruleName) ?? r), [...this.missing, ...missing]);
  }

  /** Only the rules that evaluate at least one of these resource types. */
  public onlyResourceTypes(...resourceTypes: string[]): RuleSet {
    const wanted = new Set(resourceTypes);
    return new RuleSet(this.name, this.members.filter((r) => r.resourceTypes.some((t) => wanted.has(t))), this.missing);
  }

  /**
   * Fails when `withoutRules` or `replacing` named rules the set does not have.
   * @internal
   */
  public _check(scope: IConstruct, prop: string): void {
    if (this.missing.length) {
      fail(scope, `${prop} (${this.name})`, this.missing[0], `names of rules in the set: ${this.ruleNames.join(', ')}`);
    }
  }
}
