import { Control, ControlBehavior } from './control';

/** AWS-GR_RESTRICT_S3_DELETE_WITHOUT_MFA: elective, preventive. Source: Control Tower Controls Reference, "Resource identifiers for APIs and controls, legacy Elective controls". */
export const RESTRICT_S3_DELETE_WITHOUT_MFA = Control.legacy({
  name: 'AWS-GR_RESTRICT_S3_DELETE_WITHOUT_MFA',
  behavior: ControlBehavior.PREVENTIVE,
  purpose: 'Disallow deleting Amazon S3 buckets without MFA.',
});
