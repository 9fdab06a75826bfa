import { Control, ControlBehavior } from './control';

/** AWS-GR_ROOT_ACCOUNT_MFA_ENABLED: strongly recommended, detective. Source: Control Tower Controls Reference, "Strongly recommended controls with detective behavior". */
export const ROOT_ACCOUNT_MFA_ENABLED = Control.legacy({
  name: 'AWS-GR_ROOT_ACCOUNT_MFA_ENABLED',
  behavior: ControlBehavior.DETECTIVE,
  purpose: 'Detect whether MFA is enabled for the root user.',
});
