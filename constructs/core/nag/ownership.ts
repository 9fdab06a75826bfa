import { IConstruct } from 'constructs';

/**
 * Construct metadata (cloud assembly only, not the template) on a resource Gantry builds from the
 * user's own props, e.g. `BlueGreenLambda`'s function from `functionProps`: its configuration
 * (memory, VPC, dead-letter queue, concurrency, runtime) is the user's, so compliance findings on it
 * are the user's to fix or acknowledge, not Gantry's. The compatibility matrix
 * (scripts/compat/nag-check.js) reads it to tell the consumer's own findings from Gantry's.
 */
export const USER_CONFIGURED_METADATA_KEY = 'gantry:user-configured';

/** Marks `resource` as built from the user's prop `prop` (see `USER_CONFIGURED_METADATA_KEY`). */
export function markUserConfigured(resource: IConstruct, prop: string): void {
  resource.node.addMetadata(USER_CONFIGURED_METADATA_KEY, { prop });
}
