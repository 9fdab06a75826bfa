import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { checkRange, fail } from '../core';
import { AlarmLevel } from './types';

/** Good/bad/total event counts of an availability objective (use statistic `Sum`). */
export interface AvailabilityObjectiveProps {
  /** All events (requests, invocations). */
  readonly totalEvents: cloudwatch.IMetric;
  /** Good events; give this or `badEvents`. @default - total minus bad */
  readonly goodEvents?: cloudwatch.IMetric;
  /** Bad events (errors); give this or `goodEvents`. @default - total minus good */
  readonly badEvents?: cloudwatch.IMetric;
}

/** A latency objective: the share of requests at or under a threshold. */
export interface LatencyObjectiveProps {
  /** The latency metric (its statistic is replaced by the percentile rank `PR(:threshold)`). */
  readonly latency: cloudwatch.IMetric;
  /** Requests at or under this many milliseconds count as good. */
  readonly thresholdMillis: number;
}

/** What an SLO measures, as a ratio of bad events to all events built with metric math. */
export class SloObjective {
  /** Availability: good events out of all events. */
  public static availability(props: AvailabilityObjectiveProps): SloObjective {
    return new SloObjective('availability', props, undefined);
  }

  /** Latency: the share of requests served within a threshold (percentile rank statistic). */
  public static latency(props: LatencyObjectiveProps): SloObjective {
    return new SloObjective('latency', undefined, props);
  }

  /** `availability` or `latency`. */
  public readonly kind: string;
  private readonly availabilityProps?: AvailabilityObjectiveProps;
  private readonly latencyProps?: LatencyObjectiveProps;

  private constructor(kind: string, availabilityProps?: AvailabilityObjectiveProps, latencyProps?: LatencyObjectiveProps) {
    this.kind = kind;
    this.availabilityProps = availabilityProps;
    this.latencyProps = latencyProps;
  }

  /**
   * The bad-event ratio as metric math over `period` (0 when there is no traffic).
   * @internal
   */
  public _errorRatio(period: Duration, suffix = ''): { expression: string; usingMetrics: Record<string, cloudwatch.IMetric> } {
    // Ids carry the window (suffix) so several windows can share one graph.
    const at = (m: cloudwatch.IMetric) => (m instanceof cloudwatch.Metric ? m.with({ period }) : m);
    const [under, good, bad, total] = ['under', 'good', 'bad', 'total'].map((id) => `${id}${suffix}`);
    if (this.latencyProps) {
      const metric = (this.latencyProps.latency as cloudwatch.Metric).with({ statistic: `PR(:${this.latencyProps.thresholdMillis})`, period });
      return { expression: `(100 - FILL(${under}, 100)) / 100`, usingMetrics: { [under]: metric } };
    }
    const p = this.availabilityProps!;
    if (p.goodEvents) {
      return { expression: `IF(${total} > 0, (${total} - ${good}) / ${total}, 0)`, usingMetrics: { [good]: at(p.goodEvents), [total]: at(p.totalEvents) } };
    }
    return { expression: `IF(${total} > 0, ${bad} / ${total}, 0)`, usingMetrics: { [bad]: at(p.badEvents!), [total]: at(p.totalEvents) } };
  }

  /** @internal */
  public _validate(scope: Construct): void {
    if (this.availabilityProps && !!this.availabilityProps.goodEvents === !!this.availabilityProps.badEvents) {
      fail(scope, 'objective', 'availability', 'exactly one of goodEvents and badEvents');
    }
    if (this.latencyProps) checkRange(scope, 'objective.thresholdMillis', this.latencyProps.thresholdMillis, 0, Number.MAX_VALUE);
  }
}

/** One multi-window burn-rate condition: both windows burn faster than `burnRate`. */
export interface BurnRateWindow {
  /** The long window (e.g. 1 hour): makes the alert significant. */
  readonly longWindow: Duration;
  /** The short window (e.g. 5 minutes), shorter than the long one: makes the alert reset quickly. */
  readonly shortWindow: Duration;
  /** How many times faster than sustainable the budget burns (14.4 spends 2% of 30 days' budget in 1 hour). */
  readonly burnRate: number;
  /**
   * Level of the alert: critical pairs page through the SLO's composite alarm (they carry no
   * action themselves); warning pairs notify the dashboard's warning topic, when one was given.
   * @default AlarmLevel.CRITICAL
   */
  readonly level?: AlarmLevel;
}

/** A service level objective with multi-window multi-burn-rate alarms. */
export interface SloProps {
  /** Name, unique on the dashboard: the section title and part of the alarm names. */
  readonly name: string;
  /** What is measured. */
  readonly objective: SloObjective;
  /** Target in percent, above 0 and below 100 (e.g. 99.9). */
  readonly targetPercent: number;
  /** Window the error budget is counted over. @default Duration.days(30) */
  readonly window?: Duration;
  /**
   * Burn-rate conditions, each a pair of windows.
   * @default - 1 h and 5 min at 14.4x, 6 h and 30 min at 6x (both critical)
   */
  readonly burnRateWindows?: BurnRateWindow[];
}

/** What an SLO created. */
export interface SloAlarms {
  /** The burn-rate alarm of each window length (metric math), shared between pairs; no actions (they feed the pairs). */
  readonly windowAlarms: cloudwatch.Alarm[];
  /** One composite per pair: long AND short window burning; warning pairs notify the warning topic when one is given. */
  readonly pairAlarms: cloudwatch.CompositeAlarm[];
  /** The SLO's alarm, the one that pages: any critical pair burning (a composite of composites). */
  readonly alarm: cloudwatch.CompositeAlarm;
  /** Burn-rate and error-budget widgets. */
  readonly widgets: cloudwatch.IWidget[];
}
