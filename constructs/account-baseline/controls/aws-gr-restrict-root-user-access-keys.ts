import { Control, ControlBehavior } from './control';

/** AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS: strongly recommended, preventive. Source: Control Tower Controls Reference, "Strongly recommended controls with preventive behavior". */
export const RESTRICT_ROOT_USER_ACCESS_KEYS = Control.legacy({
  name: 'AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS',
  behavior: ControlBehavior.PREVENTIVE,
  purpose: 'Disallow creation of access keys for the root user.',
});
