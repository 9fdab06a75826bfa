import { ManagedRuleDefinition, RuleTrigger } from './definition';

/** AWS Config managed rules for CodeBuild, CodeDeploy, CodePipeline and CloudFormation. */
export const DEVOPS_RULES: ManagedRuleDefinition[] = [
  { identifier: 'CLOUDFORMATION_STACK_NOTIFICATION_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::CloudFormation::Stack'] },
  { identifier: 'CODEBUILD_PROJECT_ARTIFACT_ENCRYPTION', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::CodeBuild::Project'], nagRuleIds: ['AwsSolutions-CB4'] },
  { identifier: 'CODEBUILD_PROJECT_ENVIRONMENT_PRIVILEGED_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::CodeBuild::Project'] },
  { identifier: 'CODEBUILD_PROJECT_ENVVAR_AWSCRED_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::CodeBuild::Project'], nagRuleIds: ['HIPAA.Security-CodeBuildProjectEnvVarAwsCred', 'PCI.DSS.321-CodeBuildProjectEnvVarAwsCred'] },
  { identifier: 'CODEBUILD_PROJECT_LOGGING_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::CodeBuild::Project'] },
  { identifier: 'CODEBUILD_PROJECT_S3_LOGS_ENCRYPTED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::CodeBuild::Project'] },
  { identifier: 'CODEBUILD_PROJECT_SOURCE_REPO_URL_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::CodeBuild::Project'], nagRuleIds: ['HIPAA.Security-CodeBuildProjectSourceRepoUrl', 'PCI.DSS.321-CodeBuildProjectSourceRepoUrl'] },
  { identifier: 'CODEDEPLOY_AUTO_ROLLBACK_MONITOR_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::CodeDeploy::DeploymentGroup'] },
  { identifier: 'CODEDEPLOY_EC2_MINIMUM_HEALTHY_HOSTS_CONFIGURED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::CodeDeploy::DeploymentGroup'] },
  { identifier: 'CODEDEPLOY_LAMBDA_ALLATONCE_TRAFFIC_SHIFT_DISABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::CodeDeploy::DeploymentGroup'] },
  { identifier: 'CODEPIPELINE_DEPLOYMENT_COUNT_CHECK', trigger: RuleTrigger.HYBRID, resourceTypes: ['AWS::CodePipeline::Pipeline'] },
  { identifier: 'CODEPIPELINE_REGION_FANOUT_CHECK', trigger: RuleTrigger.HYBRID, resourceTypes: ['AWS::CodePipeline::Pipeline'], parameters: { regionFanoutFactor: { type: 'Int' } } },
];
