import { ec2InstancesFault } from '../private/fault-definition';

/** aws:ec2:reboot-instances: RebootInstances on the target instances. */
export const ec2RebootInstances = ec2InstancesFault('reboot', 'RebootInstances');
