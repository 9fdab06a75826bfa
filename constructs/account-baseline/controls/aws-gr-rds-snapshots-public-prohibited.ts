import { Control, ControlBehavior } from './control';

/** AWS-GR_RDS_SNAPSHOTS_PUBLIC_PROHIBITED: strongly recommended, detective. Source: Control Tower Controls Reference, "Strongly recommended controls with detective behavior". */
export const RDS_SNAPSHOTS_PUBLIC_PROHIBITED = Control.legacy({
  name: 'AWS-GR_RDS_SNAPSHOTS_PUBLIC_PROHIBITED',
  behavior: ControlBehavior.DETECTIVE,
  purpose: 'Detect whether public access to Amazon RDS database snapshots is enabled.',
});
