import { MonitorOptions } from '../core';

/** How urgent an alarm is: it decides which topic the alarm notifies. */
export enum AlarmLevel {
  /** Someone must act now (paged): notifies the alarm topic. */
  CRITICAL = 'Critical',
  /** Worth a look during working hours: notifies the warning topic (the alarm topic by default). */
  WARNING = 'Warning',
}

/** Where the dashboard puts its alarms and dashboard pages. */
export enum ResourcePlacement {
  /**
   * In the dashboard's stack while it stays well within CloudFormation's resource and template
   * size limits, then in nested stacks (each also kept within the limits).
   */
  AUTO = 'AUTO',
  /** Always in the dashboard's own stack (the synth-time check still fails over the limits). */
  SAME_STACK = 'SAME_STACK',
  /** Always in nested stacks. */
  NESTED_STACKS = 'NESTED_STACKS',
}

/**
 * Thresholds of one alarm of a monitor, overriding its defaults. Give `critical` and/or
 * `warning` for static thresholds, or `anomalyStdDevs` for an anomaly-detection alarm instead.
 */
export interface AlarmThresholds {
  /** Threshold of the critical alarm. @default - the monitor's default (none for some alarms) */
  readonly critical?: number;
  /** Threshold of the warning alarm. @default - no warning alarm */
  readonly warning?: number;
  /** Turn this alarm off. @default false */
  readonly disabled?: boolean;
  /**
   * Alarm when the metric leaves an anomaly-detection band of this many standard deviations,
   * instead of a static threshold (one alarm, at the critical level).
   * @default - static thresholds
   */
  readonly anomalyStdDevs?: number;
  /** Periods evaluated. @default - the monitor's default (usually 3) */
  readonly evaluationPeriods?: number;
  /** Breaching periods (of `evaluationPeriods`) that raise the alarm. @default - the monitor's default */
  readonly datapointsToAlarm?: number;
}

/** One metric filter on a log group: a pattern that counts matching log events. */
export interface LogPattern {
  /** Name of the metric (and of the alarm), e.g. `Errors`: letters, digits, `-` and `_`. */
  readonly name: string;
  /** CloudWatch Logs filter pattern, e.g. `?ERROR ?Exception` or `{ $.status = 500 }`. */
  readonly pattern: string;
  /** Critical alarm when more events match in a period than this. @default - no alarm */
  readonly alarmThreshold?: number;
}

/**
 * How an {@link ObservabilityDashboard} monitors a resource: the monitoring contract's options
 * (title, the resource's own alarms, whether the defaults apply) and the dashboard's own.
 */
export interface DashboardMonitorOptions extends MonitorOptions {
  /**
   * Overrides of the monitor's default alarms, by alarm id (for a Lambda function: `ErrorRate`,
   * `LatencyP99`; the error for an unknown id lists the ids of the monitor).
   * @default - the monitor's default thresholds
   */
  readonly thresholds?: { [alarmId: string]: AlarmThresholds };
  /**
   * Account the resource lives in, for cross-account dashboards (widgets only: alarms are made
   * in the resource's own account). @default - the resource's account
   */
  readonly account?: string;
  /** Region the resource lives in, for cross-region dashboards (widgets only). @default - the resource's region */
  readonly region?: string;
  /** Log groups only: metric filters to create. @default - one `Errors` filter on `?ERROR ?Exception` alarming above 0 */
  readonly logPatterns?: LogPattern[];
  /**
   * Log groups only: Logs Insights queries shown as widgets (one query per widget, lines joined
   * with `|`). @default - the 20 latest errors
   */
  readonly insightsQueries?: string[];
}

/** A CloudWatch cross-account observability sink, in the central monitoring account. */
export interface ObservabilitySinkOptions {
  /** Sink name: 1-255 letters, digits, `_`, `.` and `-`. @default 'gantry-monitoring' */
  readonly sinkName?: string;
  /** Accounts allowed to link to the sink. @default - none (give these or `organizationId`) */
  readonly sourceAccountIds?: string[];
  /** Every account of this organization may link. @default - none */
  readonly organizationId?: string;
  /** Types the source accounts may share. @default metrics, log groups and traces */
  readonly resourceTypes?: string[];
}

/** A link from this (source) account to a central account's sink. */
export interface ObservabilityLinkOptions {
  /** ARN of the sink in the monitoring account. */
  readonly sinkArn: string;
  /** Types shared. @default metrics, log groups and traces */
  readonly resourceTypes?: string[];
  /** How this account is labelled in the monitoring account. @default '$AccountName' */
  readonly labelTemplate?: string;
}

/** Options of scope-wide monitoring. */
export interface ScopeMonitoringOptions {
  /**
   * Monitor only resources of these kinds (as in the supported-types list, e.g. `Lambda function`,
   * `SQS queue`). @default - every supported kind
   */
  readonly kinds?: string[];
}
