import { Control, ControlBehavior } from './control';

/** AWS-GR_ENCRYPTED_VOLUMES: strongly recommended, detective. Source: Control Tower Controls Reference, "Strongly recommended controls with detective behavior". */
export const ENCRYPTED_VOLUMES = Control.legacy({
  name: 'AWS-GR_ENCRYPTED_VOLUMES',
  behavior: ControlBehavior.DETECTIVE,
  purpose: 'Detect whether Amazon EBS volumes attached to EC2 instances are encrypted.',
});
