import { Control, ControlBehavior } from './control';

/** AWS-GR_S3_VERSIONING_ENABLED: elective, detective. Source: Control Tower Controls Reference, "Resource identifiers for APIs and controls, legacy Elective controls". */
export const S3_VERSIONING_ENABLED = Control.legacy({
  name: 'AWS-GR_S3_VERSIONING_ENABLED',
  behavior: ControlBehavior.DETECTIVE,
  purpose: 'Detect whether versioning is enabled for Amazon S3 buckets.',
});
