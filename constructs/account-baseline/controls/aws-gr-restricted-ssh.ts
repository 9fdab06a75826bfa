import { Control, ControlBehavior } from './control';

/** AWS-GR_RESTRICTED_SSH: strongly recommended, detective. Source: Control Tower Controls Reference, "Strongly recommended controls with detective behavior". */
export const RESTRICTED_SSH = Control.legacy({
  name: 'AWS-GR_RESTRICTED_SSH',
  behavior: ControlBehavior.DETECTIVE,
  purpose: 'Detect whether unrestricted incoming SSH traffic is allowed.',
});
