import { Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';

// Options of the typed faults (one interface per fault of the catalogue in faults/). Durations are
// CDK Durations rendered as ISO 8601 (Duration.minutes(5) is PT5M); FIS accepts one minute to 12 hours.

/** Options of `Fault.stopInstances` (aws:ec2:stop-instances). */
export interface StopInstancesOptions {
  /**
   * Start the instances again after this time (one minute to 12 hours).
   * @default - the instances stay stopped
   */
  readonly startInstancesAfter?: Duration;
  /**
   * Do not fail when an instance was terminated outside FIS (an Auto Scaling group replacing it)
   * and cannot be restarted. Needs `startInstancesAfter`.
   * @default false
   */
  readonly completeIfInstancesTerminated?: boolean;
  /**
   * KMS keys of encrypted EBS volumes of the instances: restarting them needs kms:CreateGrant on
   * these keys (granted only for AWS resources).
   * @default - none (instances without customer-managed volume keys)
   */
  readonly volumeKeys?: kms.IKey[];
}

/** Options of `Fault.autoScalingInsufficientCapacity` (aws:ec2:asg-insufficient-instance-capacity-error). */
export interface InsufficientCapacityOptions {
  /** How long launches fail. */
  readonly duration: Duration;
  /** Availability Zones (names such as eu-west-1a or ids such as euw1-az1) whose launches fail. */
  readonly availabilityZones: string[];
  /**
   * Percentage (1-100) of the group's launch requests that fail.
   * @default 100
   */
  readonly percentage?: number;
}

/** Options of `Fault.taskCpuStress` (aws:ecs:task-cpu-stress). */
export interface TaskCpuStressOptions {
  /** How long the stress runs. */
  readonly duration: Duration;
  /**
   * Target load percentage (0-100).
   * @default 100
   */
  readonly percent?: number;
  /**
   * Number of stressors (0 uses all).
   * @default 0
   */
  readonly workers?: number;
  /**
   * Let Systems Manager install stress-ng on the SSM agent sidecar.
   * @default true
   */
  readonly installDependencies?: boolean;
}

/** Options of `Fault.taskNetworkLatency` (aws:ecs:task-network-latency). */
export interface TaskNetworkLatencyOptions {
  /** How long the latency lasts. */
  readonly duration: Duration;
  /**
   * Added delay.
   * @default Duration.millis(200)
   */
  readonly delay?: Duration;
  /**
   * Jitter.
   * @default Duration.millis(10)
   */
  readonly jitter?: Duration;
  /**
   * Percentage (1-100) of network flows affected.
   * @default 100
   */
  readonly flowsPercent?: number;
  /**
   * Destinations affected: IPv4 addresses or CIDRs, domain names, AZ names or ids, `DYNAMODB`, `S3`.
   * @default - ALL (every IPv4 destination)
   */
  readonly sources?: string[];
  /**
   * Use the ECS agent's fault injection endpoints (the task definition must set
   * `enableFaultInjection`); false uses tc on the SSM agent sidecar.
   * @default true
   */
  readonly useEcsFaultInjectionEndpoints?: boolean;
}

/** Options of `Fault.taskNetworkPacketLoss` (aws:ecs:task-network-packet-loss). */
export interface TaskPacketLossOptions {
  /** How long the packet loss lasts. */
  readonly duration: Duration;
  /**
   * Percentage (1-100) of packets lost.
   * @default 7
   */
  readonly lossPercent?: number;
  /**
   * Percentage (1-100) of network flows affected.
   * @default 100
   */
  readonly flowsPercent?: number;
  /**
   * Destinations affected, as for latency.
   * @default - ALL
   */
  readonly sources?: string[];
  /**
   * Use the ECS agent's fault injection endpoints (the task definition must set `enableFaultInjection`).
   * @default true
   */
  readonly useEcsFaultInjectionEndpoints?: boolean;
}

/** Options of `Fault.lambdaInvocationDelay` (aws:lambda:invocation-add-delay). */
export interface LambdaInvocationDelayOptions {
  /** How long invocations are delayed. */
  readonly duration: Duration;
  /**
   * Percentage (1-100) of invocations delayed.
   * @default 100
   */
  readonly invocationPercentage?: number;
  /**
   * Delay between invocation and the function code (0 to 900 seconds).
   * @default Duration.seconds(1)
   */
  readonly startupDelay?: Duration;
}

/** Options of `Fault.lambdaInvocationError` (aws:lambda:invocation-error). */
export interface LambdaInvocationErrorOptions {
  /** How long invocations fail. */
  readonly duration: Duration;
  /**
   * Percentage (1-100) of invocations failed.
   * @default 100
   */
  readonly invocationPercentage?: number;
  /**
   * Return the error without running the function code.
   * @default false
   */
  readonly preventExecution?: boolean;
}

/** What `Fault.disruptConnectivity` denies (aws:network:disrupt-connectivity `scope`). */
export enum ConnectivityScope {
  /** All traffic entering and leaving the subnet (intra-subnet traffic still flows). */
  ALL = 'all',
  /** Intra-VPC traffic to and from subnets in other Availability Zones. */
  AVAILABILITY_ZONE = 'availability-zone',
  /** Traffic to the Regional DynamoDB endpoint. */
  DYNAMODB = 'dynamodb',
  /** Traffic to a customer-managed prefix list (`prefixListId`). */
  PREFIX_LIST = 'prefix-list',
  /** Traffic to the Regional S3 endpoint. */
  S3 = 's3',
  /** Traffic to the S3 Express One Zone endpoint of the subnet's AZ. */
  S3_EXPRESS = 's3express',
  /** Traffic entering and leaving the VPC. */
  VPC = 'vpc',
}

/** Options of `Fault.disruptConnectivity` (aws:network:disrupt-connectivity). */
export interface DisruptConnectivityOptions {
  /** How long the traffic is denied. */
  readonly duration: Duration;
  /**
   * What traffic is denied.
   * @default ConnectivityScope.ALL
   */
  readonly scope?: ConnectivityScope;
  /**
   * Customer-managed prefix list (name, id or ARN; at most 10 entries); only with `ConnectivityScope.PREFIX_LIST`.
   * @default - none
   */
  readonly prefixListId?: string;
}

/** Options of `Fault.sendCommand` (aws:ssm:send-command). */
export interface SendCommandOptions {
  /** ARN of the SSM document to run on the target instances. */
  readonly documentArn: string;
  /**
   * The document's parameters.
   * @default - none
   */
  readonly documentParameters?: Record<string, string>;
  /**
   * Document version.
   * @default - the default version
   */
  readonly documentVersion?: string;
  /** How long FIS waits for the command. */
  readonly duration: Duration;
}

/** Options of `Fault.instanceCpuStress` (aws:ssm:send-command with AWSFIS-Run-CPU-Stress). */
export interface InstanceCpuStressOptions {
  /** How long the stress runs (whole seconds, also the action's duration). */
  readonly duration: Duration;
  /**
   * Target CPU load percentage (0-100).
   * @default 100
   */
  readonly loadPercent?: number;
  /**
   * Number of CPU stressors (0 uses all CPUs).
   * @default 0
   */
  readonly cpu?: number;
  /**
   * Let Systems Manager install stress-ng on the instance.
   * @default true
   */
  readonly installDependencies?: boolean;
}
