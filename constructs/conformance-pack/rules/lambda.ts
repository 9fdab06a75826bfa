import { ManagedRuleDefinition, RuleTrigger } from './definition';

/** AWS Config managed rules for AWS Lambda. */
export const LAMBDA_RULES: ManagedRuleDefinition[] = [
  { identifier: 'LAMBDA_CONCURRENCY_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::Lambda::Function'], parameters: { ConcurrencyLimitHigh: { type: 'Int' }, ConcurrencyLimitLow: { type: 'Int' } }, nagRuleIds: ['NIST.800.53.R5-LambdaConcurrency', 'HIPAA.Security-LambdaConcurrency'] },
  { identifier: 'LAMBDA_DLQ_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::Lambda::Function'], nagRuleIds: ['NIST.800.53.R5-LambdaDLQ', 'HIPAA.Security-LambdaDLQ', 'Serverless-LambdaDLQ'] },
  { identifier: 'LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED', trigger: RuleTrigger.HYBRID, resourceTypes: ['AWS::Lambda::Function'], nagRuleIds: ['NIST.800.53.R5-LambdaFunctionPublicAccessProhibited', 'HIPAA.Security-LambdaFunctionPublicAccessProhibited', 'PCI.DSS.321-LambdaFunctionPublicAccessProhibited'] },
  { identifier: 'LAMBDA_FUNCTION_SETTINGS_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::Lambda::Function'], parameters: { runtime: { type: 'CSV', required: true }, timeout: { type: 'Int' }, memorySize: { type: 'Int' }, role: { type: 'String' } } },
  { identifier: 'LAMBDA_INSIDE_VPC', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::Lambda::Function'], nagRuleIds: ['NIST.800.53.R5-LambdaInsideVPC', 'HIPAA.Security-LambdaInsideVPC', 'PCI.DSS.321-LambdaInsideVPC'] },
  { identifier: 'LAMBDA_VPC_MULTI_AZ_CHECK', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::Lambda::Function'] },
];
