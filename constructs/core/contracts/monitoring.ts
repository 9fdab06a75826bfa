import { Duration } from 'aws-cdk-lib';
import { ComparisonOperator, IAlarm, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { IConstruct } from 'constructs';

/**
 * Alarms read when the monitoring renders (at synth), not when the resource is registered, so an
 * alarm added afterwards (say, `BlueGreenLambda.addAlarm`) is still drawn and routed.
 */
export interface IAlarmSource {
  /** The alarms, as they are at synth. */
  readonly alarms: IAlarm[];
}

/** How a construct registers one resource it owns with an {@link IMonitoring}: one call per resource. */
export interface MonitorOptions {
  /**
   * Section title, unique on the dashboard. Pass none: the construct path is unique where a
   * constant is not (two copies of a construct would clash).
   * @default - the resource's construct path (relative to its stack when it is in the monitoring's stack)
   */
  readonly title?: string;

  /**
   * Alarms that watch this resource: drawn in the resource's section and routed to the
   * monitoring's alarm topic. Given alarms replace the resource's default alarms (one set of
   * thresholds per resource) unless `defaultAlarms` is true.
   * @default - none
   */
  readonly alarms?: IAlarm[];

  /**
   * Like `alarms`, read at synth: for a construct that may gain alarms after it registers.
   * @default - none
   */
  readonly alarmSource?: IAlarmSource;

  /**
   * Whether the monitoring creates its default alarms for the resource (a Lambda function's
   * error rate and p99 duration, a queue's message age ...).
   * @default - true, unless `alarms` or `alarmSource` is given
   */
  readonly defaultAlarms?: boolean;
}

/**
 * Where constructs register what they create so that dashboards and alarms come for free.
 * `ObservabilityDashboard` implements it; any construct with a `monitoring` prop calls it, once
 * per resource it owns, with the alarms it made for that resource.
 */
export interface IMonitoring {
  /**
   * Monitor a resource: the implementation picks the monitor by the resource's type and draws the
   * resource with its alarms in one section. Registering the same resource again does nothing.
   * @param resource the construct to monitor (a Lambda alias, a queue, a pipeline ...)
   * @param options title, the resource's own alarms, whether the defaults apply
   */
  monitor(resource: IConstruct, options?: MonitorOptions): void;

  /**
   * Show alarms that belong to no monitored resource (register a resource's own alarms with
   * `monitor`) and route them like the monitoring's own alarms.
   * @param title section title, unique on the dashboard
   */
  addAlarms(title: string, alarms: IAlarm[]): void;
}

/**
 * Anything that exposes the alarms that should stop or roll back a deployment, so a pipeline
 * stage can gate on a blue/green deployment's alarms without knowing its class.
 */
export interface IDeploymentAlarmSource {
  /** Alarms that signal an unhealthy deployment. */
  readonly deploymentAlarms: IAlarm[];

  /**
   * The same signals described by literal metric identity, so that a pipeline in another account
   * can re-create them on this source's metrics (CloudWatch cross-account observability) and gate
   * a stage on them. Every dimension must be known at synth (no reference to a resource: a
   * version's number or a generated name cannot be copied to another account).
   * @default - none: the source can gate stages in its own account only
   */
  readonly deploymentGateAlarms?: DeploymentGateAlarm[];
}

/** One metric of a {@link DeploymentGateAlarm}, by literal identity. */
export interface GateMetric {
  /** Namespace, e.g. `AWS/Lambda`. */
  readonly namespace: string;
  /** Metric name, e.g. `Errors`. */
  readonly metricName: string;
  /** Dimensions by name, values known at synth. @default - none */
  readonly dimensions?: { [name: string]: string };
  /** Statistic: `Sum`, `Average`, `Maximum`, `p99`, ... */
  readonly statistic: string;
  /** Period of the statistic. */
  readonly period: Duration;
}

/**
 * A deployment alarm described by what it watches, so that it can be re-created elsewhere: one
 * metric, or several combined by a metric-math expression.
 */
export interface DeploymentGateAlarm {
  /**
   * Name unique among the gate alarms of a stage; a pipeline names its copy
   * `<pipeline stack>-<stage>-<name>`. May refer to the source's stack name (`Aws.STACK_NAME`).
   */
  readonly name: string;
  /** What the alarm means. @default - none */
  readonly description?: string;
  /** The metrics, by the ids the expression uses; exactly one when there is no expression. */
  readonly metrics: { [id: string]: GateMetric };
  /** Metric-math expression over the metrics' ids. @default - the only metric itself */
  readonly expression?: string;
  /** Threshold compared with the metric or expression. */
  readonly threshold: number;
  /** How the value is compared with the threshold. */
  readonly comparisonOperator: ComparisonOperator;
  /** Periods evaluated. */
  readonly evaluationPeriods: number;
  /** Breaching periods that raise the alarm. @default - evaluationPeriods */
  readonly datapointsToAlarm?: number;
  /** How missing data is treated. @default TreatMissingData.NOT_BREACHING */
  readonly treatMissingData?: TreatMissingData;
}
