import { Control, ControlBehavior } from './control';

/** AWS-GR_S3_BUCKET_PUBLIC_WRITE_PROHIBITED: strongly recommended, detective. Source: Control Tower Controls Reference, "Strongly recommended controls with detective behavior". */
export const S3_BUCKET_PUBLIC_WRITE_PROHIBITED = Control.legacy({
  name: 'AWS-GR_S3_BUCKET_PUBLIC_WRITE_PROHIBITED',
  behavior: ControlBehavior.DETECTIVE,
  purpose: 'Detect whether public write access to Amazon S3 buckets is allowed.',
});
