/**
 * Thresholds of the alarms on the version under deployment. Each alarm looks only at invocations
 * through the alias that ran the new version, so errors of the old version never stop a fix.
 */
export interface VersionAlarmThresholds {
  /**
   * Alarm when more than this share of the new version's invocations fail in a period (0-100).
   * @default 1
   */
  readonly errorRatePercent?: number;

  /**
   * Alarm when at least this many invocations of the new version are throttled in a period.
   * @default 5
   */
  readonly throttles?: number;

  /**
   * Alarm when the new version's p99 duration exceeds this many milliseconds (1-900000).
   * @default - 80% of the function's timeout (of Lambda's default timeout, 3 seconds, when it is not known)
   */
  readonly p99DurationMs?: number;

  /**
   * Consecutive one-minute periods a threshold must be breached before the alarm fires (1-60).
   * @default 1
   */
  readonly evaluationPeriods?: number;
}
