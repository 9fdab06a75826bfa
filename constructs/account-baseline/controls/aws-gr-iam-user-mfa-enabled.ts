import { Control, ControlBehavior } from './control';

/** AWS-GR_IAM_USER_MFA_ENABLED: elective, detective. Source: Control Tower Controls Reference, "Resource identifiers for APIs and controls, legacy Elective controls". */
export const IAM_USER_MFA_ENABLED = Control.legacy({
  name: 'AWS-GR_IAM_USER_MFA_ENABLED',
  behavior: ControlBehavior.DETECTIVE,
  purpose: 'Detect whether MFA is enabled for IAM users.',
});
