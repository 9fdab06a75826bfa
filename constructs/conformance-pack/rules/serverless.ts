import { ManagedRuleDefinition, RuleTrigger } from './definition';

/** AWS Config managed rules for API Gateway, AppSync, Step Functions, SNS and other serverless services. */
export const SERVERLESS_RULES: ManagedRuleDefinition[] = [
  { identifier: 'API_GW_ASSOCIATED_WITH_WAF', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ApiGateway::Stage'], nagRuleIds: ['NIST.800.53.R5-APIGWAssociatedWithWAF', 'PCI.DSS.321-APIGWAssociatedWithWAF', 'AwsSolutions-APIG3'] },
  { identifier: 'API_GW_CACHE_ENABLED_AND_ENCRYPTED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ApiGateway::Stage'], nagRuleIds: ['NIST.800.53.R5-APIGWCacheEnabledAndEncrypted', 'HIPAA.Security-APIGWCacheEnabledAndEncrypted', 'PCI.DSS.321-APIGWCacheEnabledAndEncrypted'] },
  { identifier: 'API_GW_ENDPOINT_TYPE_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ApiGateway::RestApi'], parameters: { endpointConfigurationTypes: { type: 'CSV' } } },
  { identifier: 'API_GW_EXECUTION_LOGGING_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage'], nagRuleIds: ['NIST.800.53.R5-APIGWExecutionLoggingEnabled', 'HIPAA.Security-APIGWExecutionLoggingEnabled', 'PCI.DSS.321-APIGWExecutionLoggingEnabled', 'AwsSolutions-APIG6'] },
  { identifier: 'API_GW_SSL_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ApiGateway::Stage'], nagRuleIds: ['NIST.800.53.R5-APIGWSSLEnabled', 'HIPAA.Security-APIGWSSLEnabled', 'PCI.DSS.321-APIGWSSLEnabled'] },
  { identifier: 'API_GW_XRAY_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::ApiGateway::Stage'], nagRuleIds: ['HIPAA.Security-APIGWXrayEnabled', 'Serverless-APIGWXrayEnabled'] },
  { identifier: 'API_GWV2_ACCESS_LOGS_ENABLED', trigger: RuleTrigger.PERIODIC },
  { identifier: 'APPSYNC_ASSOCIATED_WITH_WAF', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::AppSync::GraphQLApi'] },
  { identifier: 'APPSYNC_LOGGING_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::AppSync::GraphQLApi'] },
  { identifier: 'KINESIS_STREAM_ENCRYPTED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::Kinesis::Stream'] },
  { identifier: 'MQ_CLOUDWATCH_AUDIT_LOG_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::AmazonMQ::Broker'] },
  { identifier: 'MQ_CLOUDWATCH_AUDIT_LOGGING_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::AmazonMQ::Broker'] },
  { identifier: 'SNS_ENCRYPTED_KMS', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::SNS::Topic'], nagRuleIds: ['NIST.800.53.R5-SNSEncryptedKMS', 'HIPAA.Security-SNSEncryptedKMS', 'PCI.DSS.321-SNSEncryptedKMS'] },
  { identifier: 'SNS_TOPIC_MESSAGE_DELIVERY_NOTIFICATION_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::SNS::Topic'] },
  { identifier: 'STEP_FUNCTIONS_STATE_MACHINE_LOGGING_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::StepFunctions::StateMachine'] },
];
