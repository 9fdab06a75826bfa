import { Control, ControlBehavior } from './control';

/** AWS-GR_RESTRICTED_COMMON_PORTS: strongly recommended, detective. Source: Control Tower Controls Reference, "Strongly recommended controls with detective behavior". */
export const RESTRICTED_COMMON_PORTS = Control.legacy({
  name: 'AWS-GR_RESTRICTED_COMMON_PORTS',
  behavior: ControlBehavior.DETECTIVE,
  purpose: 'Detect whether unrestricted incoming TCP traffic is allowed on common ports.',
});
