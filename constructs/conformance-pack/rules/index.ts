import { ACCOUNT_RULES } from './account';
import { BACKUP_AND_STORAGE_RULES } from './backup-and-storage';
import { CLOUDTRAIL_RULES } from './cloudtrail';
import { CLOUDWATCH_RULES } from './cloudwatch';
import { CONTAINERS_RULES } from './containers';
import { DATA_RULES } from './data';
import { ManagedRuleDefinition } from './definition';
import { DEVOPS_RULES } from './devops';
import { DYNAMODB_RULES } from './dynamodb';
import { EC2_RULES } from './ec2';
import { ELB_RULES } from './elb';
import { IAM_RULES } from './iam';
import { KEYS_AND_SECRETS_RULES } from './keys-and-secrets';
import { LAMBDA_RULES } from './lambda';
import { RDS_RULES } from './rds';
import { S3_RULES } from './s3';
import { SERVERLESS_RULES } from './serverless';
import { VPC_RULES } from './vpc';
import { WAF_RULES } from './waf';

export * from './definition';

/**
 * The registry of managed rules Gantry knows, by identifier. Add a rule by adding one line to its
 * service file (or a new service file listed here).
 */
export const MANAGED_RULES: ReadonlyMap<string, ManagedRuleDefinition> = new Map(
  [
    ACCOUNT_RULES, BACKUP_AND_STORAGE_RULES, CLOUDTRAIL_RULES, CLOUDWATCH_RULES, CONTAINERS_RULES, DATA_RULES, DEVOPS_RULES,
    DYNAMODB_RULES, EC2_RULES, ELB_RULES, IAM_RULES, KEYS_AND_SECRETS_RULES, LAMBDA_RULES, RDS_RULES, S3_RULES, SERVERLESS_RULES,
    VPC_RULES, WAF_RULES,
  ].flat().map((rule) => [rule.identifier, rule]),
);
