import { Control, ControlBehavior } from './control';

/** AWS-GR_RESTRICT_S3_CROSS_REGION_REPLICATION: elective, preventive. Source: Control Tower Controls Reference, "Resource identifiers for APIs and controls, legacy Elective controls". */
export const RESTRICT_S3_CROSS_REGION_REPLICATION = Control.legacy({
  name: 'AWS-GR_RESTRICT_S3_CROSS_REGION_REPLICATION',
  behavior: ControlBehavior.PREVENTIVE,
  purpose: 'Disallow cross-region replication for Amazon S3 buckets.',
});
