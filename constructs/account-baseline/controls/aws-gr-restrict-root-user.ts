import { Control, ControlBehavior, ControlParameterType } from './control';

/** AWS-GR_RESTRICT_ROOT_USER: strongly recommended, preventive. Source: Control Tower Controls Reference, "Strongly recommended controls with preventive behavior". */
export const RESTRICT_ROOT_USER = Control.legacy({
  name: 'AWS-GR_RESTRICT_ROOT_USER',
  behavior: ControlBehavior.PREVENTIVE,
  purpose: 'Disallow actions as the root user.',
  parameters: [{
    name: 'ExemptAssumeRoot',
    type: ControlParameterType.BOOLEAN,
    description: 'Exempt root sessions started with sts:AssumeRoot (IAM centralized root access) from the control.',
  }],
});
