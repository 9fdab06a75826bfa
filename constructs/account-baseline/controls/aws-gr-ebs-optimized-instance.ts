import { Control, ControlBehavior } from './control';

/** AWS-GR_EBS_OPTIMIZED_INSTANCE: strongly recommended, detective. Source: Control Tower Controls Reference, "Strongly recommended controls with detective behavior". */
export const EBS_OPTIMIZED_INSTANCE = Control.legacy({
  name: 'AWS-GR_EBS_OPTIMIZED_INSTANCE',
  behavior: ControlBehavior.DETECTIVE,
  purpose: 'Detect whether Amazon EBS optimization is enabled for EC2 instances.',
});
