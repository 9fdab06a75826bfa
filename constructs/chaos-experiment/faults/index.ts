import { asgInsufficientCapacity } from './asg-insufficient-capacity';
import { ec2RebootInstances } from './ec2-reboot-instances';
import { ec2StopInstances } from './ec2-stop-instances';
import { ec2TerminateInstances } from './ec2-terminate-instances';
import { ecsStopTask } from './ecs-stop-task';
import { ecsTaskCpuStress } from './ecs-task-cpu-stress';
import { ecsTaskNetworkLatency } from './ecs-task-network-latency';
import { ecsTaskNetworkPacketLoss } from './ecs-task-network-packet-loss';
import { fisWait } from './fis-wait';
import { lambdaInvocationDelay } from './lambda-invocation-delay';
import { lambdaInvocationError } from './lambda-invocation-error';
import { networkDisruptConnectivity } from './network-disrupt-connectivity';
import { rdsFailoverDbCluster } from './rds-failover-db-cluster';
import { ssmCpuStress } from './ssm-cpu-stress';
import { ssmSendCommand } from './ssm-send-command';
import { FaultDefinition } from '../private/fault-definition';

/**
 * The registry: every fault of the catalogue by its name. Adding a fault is one file in faults/,
 * one line here, its options in fault-options.ts and a factory on `Fault`.
 */
export const FAULTS = {
  stopInstances: ec2StopInstances,
  terminateInstances: ec2TerminateInstances,
  rebootInstances: ec2RebootInstances,
  autoScalingInsufficientCapacity: asgInsufficientCapacity,
  stopTasks: ecsStopTask,
  taskCpuStress: ecsTaskCpuStress,
  taskNetworkLatency: ecsTaskNetworkLatency,
  taskNetworkPacketLoss: ecsTaskNetworkPacketLoss,
  lambdaInvocationDelay: lambdaInvocationDelay,
  lambdaInvocationError: lambdaInvocationError,
  failoverDbCluster: rdsFailoverDbCluster,
  disruptConnectivity: networkDisruptConnectivity,
  sendCommand: ssmSendCommand,
  instanceCpuStress: ssmCpuStress,
  wait: fisWait,
} satisfies Record<string, FaultDefinition>;

export type FaultName = keyof typeof FAULTS;
