import { Control, ControlBehavior } from './control';

/** AWS-GR_MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS: elective, detective. Source: Control Tower Controls Reference, "Resource identifiers for APIs and controls, legacy Elective controls". */
export const MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS = Control.legacy({
  name: 'AWS-GR_MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS',
  behavior: ControlBehavior.DETECTIVE,
  purpose: 'Detect whether MFA is enabled for IAM users with console access.',
});
