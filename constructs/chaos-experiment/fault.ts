import { Duration } from 'aws-cdk-lib';
import {
  DisruptConnectivityOptions, InstanceCpuStressOptions, InsufficientCapacityOptions, LambdaInvocationDelayOptions,
  LambdaInvocationErrorOptions, SendCommandOptions, StopInstancesOptions, TaskCpuStressOptions, TaskNetworkLatencyOptions,
  TaskPacketLossOptions,
} from './fault-options';
import { FAULTS, FaultName } from './faults';
import { FaultDefinition } from './private/fault-definition';
import { ChaosTarget } from './targets';

/**
 * A typed FIS fault: an action with checked parameters on a target, and the IAM it needs. Each
 * factory is one entry of the catalogue in faults/.
 */
export class Fault {
  /** aws:ec2:stop-instances: stops the target instances, optionally starting them again after a while. */
  public static stopInstances(target: ChaosTarget, options: StopInstancesOptions = {}): Fault {
    return new Fault('stopInstances', target, options);
  }

  /** aws:ec2:terminate-instances: terminates the target instances. */
  public static terminateInstances(target: ChaosTarget): Fault {
    return new Fault('terminateInstances', target, {});
  }

  /** aws:ec2:reboot-instances: reboots the target instances. */
  public static rebootInstances(target: ChaosTarget): Fault {
    return new Fault('rebootInstances', target, {});
  }

  /** aws:ec2:asg-insufficient-instance-capacity-error: launches of the target Auto Scaling groups fail for lack of capacity. */
  public static autoScalingInsufficientCapacity(target: ChaosTarget, options: InsufficientCapacityOptions): Fault {
    return new Fault('autoScalingInsufficientCapacity', target, options);
  }

  /** aws:ecs:stop-task: stops the target tasks (their service starts new ones). */
  public static stopTasks(target: ChaosTarget): Fault {
    return new Fault('stopTasks', target, {});
  }

  /** aws:ecs:task-cpu-stress: CPU stress in the target tasks (SSM agent sidecar required). */
  public static taskCpuStress(target: ChaosTarget, options: TaskCpuStressOptions): Fault {
    return new Fault('taskCpuStress', target, options);
  }

  /** aws:ecs:task-network-latency: latency on the target tasks' egress traffic. */
  public static taskNetworkLatency(target: ChaosTarget, options: TaskNetworkLatencyOptions): Fault {
    return new Fault('taskNetworkLatency', target, options);
  }

  /** aws:ecs:task-network-packet-loss: packet loss on the target tasks' egress traffic. */
  public static taskNetworkPacketLoss(target: ChaosTarget, options: TaskPacketLossOptions): Fault {
    return new Fault('taskNetworkPacketLoss', target, options);
  }

  /** aws:lambda:invocation-add-delay: delays the target function's invocations (FIS Lambda extension required). */
  public static lambdaInvocationDelay(target: ChaosTarget, options: LambdaInvocationDelayOptions): Fault {
    return new Fault('lambdaInvocationDelay', target, options);
  }

  /** aws:lambda:invocation-error: fails the target function's invocations (FIS Lambda extension required). */
  public static lambdaInvocationError(target: ChaosTarget, options: LambdaInvocationErrorOptions): Fault {
    return new Fault('lambdaInvocationError', target, options);
  }

  /** aws:rds:failover-db-cluster: fails over the target Aurora clusters. */
  public static failoverDbCluster(target: ChaosTarget): Fault {
    return new Fault('failoverDbCluster', target, {});
  }

  /** aws:network:disrupt-connectivity: denies traffic of the target subnets. */
  public static disruptConnectivity(target: ChaosTarget, options: DisruptConnectivityOptions): Fault {
    return new Fault('disruptConnectivity', target, options);
  }

  /** aws:ssm:send-command: runs an SSM document on the target instances. */
  public static sendCommand(target: ChaosTarget, options: SendCommandOptions): Fault {
    return new Fault('sendCommand', target, options);
  }

  /** aws:ssm:send-command with AWSFIS-Run-CPU-Stress: CPU stress on the target instances. */
  public static instanceCpuStress(target: ChaosTarget, options: InstanceCpuStressOptions): Fault {
    return new Fault('instanceCpuStress', target, options);
  }

  /** aws:fis:wait: waits (one minute to 12 hours), e.g. before the next action. */
  public static wait(duration: Duration): Fault {
    return new Fault('wait', undefined, { duration });
  }

  /** The FIS action id, e.g. `aws:ec2:stop-instances`. */
  public readonly actionId: string;

  private constructor(
    private readonly faultName: FaultName,
    private readonly faultTarget: ChaosTarget | undefined,
    private readonly options: object,
  ) {
    this.actionId = FAULTS[faultName].actionId;
  }

  /** @internal */
  public get _definition(): FaultDefinition {
    return FAULTS[this.faultName];
  }

  /** @internal */
  public get _target(): ChaosTarget | undefined {
    return this.faultTarget;
  }

  /** @internal */
  public get _options(): object {
    return this.options;
  }
}
