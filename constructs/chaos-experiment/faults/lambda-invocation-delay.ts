import { Limits } from '../../core';
import { checkRange } from '../../core/validation/validate';
import { LambdaInvocationDelayOptions } from '../fault-options';
import { lambdaStatements } from './lambda-invocation-error';
import { checkPercent, compact, FaultDefinition, requireDuration, str } from '../private/fault-definition';

/** aws:lambda:invocation-add-delay: delays the start of the target function's invocations. */
export const lambdaInvocationDelay: FaultDefinition<LambdaInvocationDelayOptions> = {
  actionId: 'aws:lambda:invocation-add-delay',
  resourceType: 'aws:lambda:function',
  targetKey: 'Functions',
  validate: ({ scope, prop, options }) => {
    requireDuration(scope, `${prop}.duration`, options.duration);
    checkPercent(scope, `${prop}.invocationPercentage`, options.invocationPercentage);
    if (options.startupDelay && !options.startupDelay.isUnresolved()) {
      checkRange(scope, `${prop}.startupDelay`, options.startupDelay.toMilliseconds(), 0, Limits.fis.maxLambdaStartupDelayMilliseconds, { integer: true, unit: 'milliseconds' });
    }
  },
  parameters: ({ options }) => compact({
    duration: options.duration.toIsoString(),
    invocationPercentage: str(options.invocationPercentage),
    startupDelayMilliseconds: str(options.startupDelay?.toMilliseconds()),
  }),
  permissions: (ctx) => lambdaStatements(ctx),
};
