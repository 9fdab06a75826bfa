import { ec2InstancesFault } from '../private/fault-definition';

/** aws:ec2:terminate-instances: TerminateInstances on the target instances. */
export const ec2TerminateInstances = ec2InstancesFault('terminate', 'TerminateInstances');
