import { Stack } from 'aws-cdk-lib';
import { LambdaInvocationErrorOptions } from '../fault-options';
import { allow, allowUnscoped, checkPercent, compact, FaultContext, FaultDefinition, requireDuration, str } from '../private/fault-definition';

/** aws:lambda:invocation-error: marks the target function's invocations as failed. */
export const lambdaInvocationError: FaultDefinition<LambdaInvocationErrorOptions> = {
  actionId: 'aws:lambda:invocation-error',
  resourceType: 'aws:lambda:function',
  targetKey: 'Functions',
  validate: ({ scope, prop, options }) => {
    requireDuration(scope, `${prop}.duration`, options.duration);
    checkPercent(scope, `${prop}.invocationPercentage`, options.invocationPercentage);
  },
  parameters: ({ options }) => compact({
    duration: options.duration.toIsoString(),
    invocationPercentage: str(options.invocationPercentage),
    preventExecution: str(options.preventExecution),
  }),
  permissions: (ctx) => lambdaStatements(ctx),
};

/**
 * The Lambda faults' statements: FIS reads the function and writes the fault configuration to the
 * extension's S3 location (and deletes it after), only there.
 */
export function lambdaStatements({ scope, target }: FaultContext<unknown>) {
  const location = target?.lambdaConfigurationLocation;
  const statements = [
    allow('ReadTargetFunctions', ['lambda:GetFunction'], target?.resourceArns ?? []),
    allowUnscoped('ResolveTargetsByTag', ['tag:GetResources']),
  ];
  if (location) statements.push(allow('WriteFaultConfiguration', ['s3:PutObject', 's3:DeleteObject'], [`${location}*`]));
  if (target?.lambdaConfigurationKeyArn) {
    statements.push(allow('EncryptFaultConfiguration', ['kms:GenerateDataKey'], [target.lambdaConfigurationKeyArn], {
      StringEquals: { 'kms:ViaService': `s3.${Stack.of(scope).region}.amazonaws.com` },
    }));
  }
  return statements;
}
