import { ManagedRuleDefinition, RuleTrigger } from './definition';

/** AWS Config managed rules for Amazon ECR, ECS and EKS. */
export const CONTAINERS_RULES: ManagedRuleDefinition[] = [
  { identifier: 'ECR_PRIVATE_IMAGE_SCANNING_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ECR::Repository'] },
  { identifier: 'ECR_PRIVATE_LIFECYCLE_POLICY_CONFIGURED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ECR::Repository'] },
  { identifier: 'ECR_PRIVATE_TAG_IMMUTABILITY_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ECR::Repository'] },
  { identifier: 'ECS_CONTAINER_INSIGHTS_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ECS::Cluster'], nagRuleIds: ['AwsSolutions-ECS4'] },
  { identifier: 'ECS_CONTAINERS_NONPRIVILEGED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ECS::TaskDefinition'] },
  { identifier: 'ECS_CONTAINERS_READONLY_ACCESS', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ECS::TaskDefinition'] },
  { identifier: 'ECS_FARGATE_LATEST_PLATFORM_VERSION', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ECS::Service'] },
  { identifier: 'ECS_TASK_DEFINITION_LOG_CONFIGURATION', trigger: RuleTrigger.PERIODIC },
  { identifier: 'ECS_TASK_DEFINITION_MEMORY_HARD_LIMIT', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ECS::TaskDefinition'] },
  { identifier: 'ECS_TASK_DEFINITION_NONROOT_USER', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ECS::TaskDefinition'] },
  { identifier: 'ECS_TASK_DEFINITION_PID_MODE_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ECS::TaskDefinition'] },
  { identifier: 'ECS_TASK_DEFINITION_USER_FOR_HOST_MODE_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ECS::TaskDefinition'], nagRuleIds: ['NIST.800.53.R5-ECSTaskDefinitionUserForHostMode', 'HIPAA.Security-ECSTaskDefinitionUserForHostMode', 'PCI.DSS.321-ECSTaskDefinitionUserForHostMode'] },
  { identifier: 'EKS_CLUSTER_LOGGING_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::EKS::Cluster'], nagRuleIds: ['AwsSolutions-EKS2'] },
  { identifier: 'EKS_CLUSTER_OLDEST_SUPPORTED_VERSION', trigger: RuleTrigger.HYBRID, resourceTypes: ['AWS::EKS::Cluster'], parameters: { oldestVersionSupported: { type: 'String', required: true } } },
  { identifier: 'EKS_CLUSTER_SECRETS_ENCRYPTED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::EKS::Cluster'] },
  { identifier: 'EKS_ENDPOINT_NO_PUBLIC_ACCESS', trigger: RuleTrigger.PERIODIC, resourceTypes: ['AWS::EKS::Cluster'], nagRuleIds: ['AwsSolutions-EKS1'] },
  { identifier: 'EKS_SECRETS_ENCRYPTED', trigger: RuleTrigger.PERIODIC, resourceTypes: ['AWS::EKS::Cluster'] },
];
