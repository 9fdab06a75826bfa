import { Control, ControlBehavior } from './control';

/** AWS-GR_RDS_STORAGE_ENCRYPTED: strongly recommended, detective. Source: Control Tower Controls Reference, "Strongly recommended controls with detective behavior". */
export const RDS_STORAGE_ENCRYPTED = Control.legacy({
  name: 'AWS-GR_RDS_STORAGE_ENCRYPTED',
  behavior: ControlBehavior.DETECTIVE,
  purpose: 'Detect whether storage encryption is enabled for Amazon RDS database instances.',
});
