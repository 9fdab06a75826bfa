/**
 * What the step's state machine and its runner handler agree on (bundled into the handler, so it
 * imports nothing).
 */

/** Tag put on every experiment the step starts; the step's role may read and tag only experiments with it. */
export const TEMPLATE_TAG = 'gantry:experiment-template';
