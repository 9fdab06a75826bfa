import { Control, ControlBehavior } from './control';

/** AWS-GR_EC2_VOLUME_INUSE_CHECK: strongly recommended, detective. Source: Control Tower Controls Reference, "Strongly recommended controls with detective behavior". */
export const EC2_VOLUME_INUSE_CHECK = Control.legacy({
  name: 'AWS-GR_EC2_VOLUME_INUSE_CHECK',
  behavior: ControlBehavior.DETECTIVE,
  purpose: 'Detect whether Amazon EBS volumes are attached to EC2 instances.',
});
