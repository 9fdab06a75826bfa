import { FaultDefinition, requireDuration } from '../private/fault-definition';

/** aws:fis:wait: waits, e.g. between a fault and the next; needs no permissions. */
export const fisWait: FaultDefinition<{ duration: import('aws-cdk-lib').Duration }> = {
  actionId: 'aws:fis:wait',
  validate: ({ scope, prop, options }) => requireDuration(scope, `${prop}.duration`, options.duration),
  parameters: ({ options }) => ({ duration: options.duration.toIsoString() }),
  permissions: () => [],
};
