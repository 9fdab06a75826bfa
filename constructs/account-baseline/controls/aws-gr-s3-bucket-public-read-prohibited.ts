import { Control, ControlBehavior } from './control';

/** AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED: strongly recommended, detective. Source: Control Tower Controls Reference, "Strongly recommended controls with detective behavior". */
export const S3_BUCKET_PUBLIC_READ_PROHIBITED = Control.legacy({
  name: 'AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED',
  behavior: ControlBehavior.DETECTIVE,
  purpose: 'Detect whether public read access to Amazon S3 buckets is allowed.',
});
