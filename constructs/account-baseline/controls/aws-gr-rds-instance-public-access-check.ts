import { Control, ControlBehavior } from './control';

/** AWS-GR_RDS_INSTANCE_PUBLIC_ACCESS_CHECK: strongly recommended, detective. Source: Control Tower Controls Reference, "Strongly recommended controls with detective behavior". */
export const RDS_INSTANCE_PUBLIC_ACCESS_CHECK = Control.legacy({
  name: 'AWS-GR_RDS_INSTANCE_PUBLIC_ACCESS_CHECK',
  behavior: ControlBehavior.DETECTIVE,
  purpose: 'Detect whether public access to Amazon RDS database instances is enabled.',
});
