import { Duration } from 'aws-cdk-lib';

/** How the share of targets grows during a rollout. */
export enum FlagRolloutGrowth {
  /** The same share every step. */
  LINEAR = 'LINEAR',
  /** The share grows exponentially (`G*(2^N)`), a canary-like start. */
  EXPONENTIAL = 'EXPONENTIAL',
}

/** Settings of a custom rollout. */
export interface FlagRolloutProps {
  /** Percentage of targets that receive the new flags each step: 1-100. */
  readonly growthFactor: number;
  /** How long the rollout takes: whole minutes, 0-1440 (24 hours). */
  readonly deploymentDuration: Duration;
  /**
   * How long AppConfig keeps watching the environment's alarms after 100% (rolling back on
   * alarm): whole minutes, 0-1440.
   * @default Duration.minutes(10)
   */
  readonly finalBakeTime?: Duration;
}

/**
 * How AppConfig rolls a flag version out to an environment. AWS's predefined strategies are used
 * by id (they do not count against the account's quota of 20 custom strategies), and a custom
 * `linear` or `exponential` rollout whose settings equal a predefined one maps to it as well;
 * any other setting becomes one custom strategy per distinct setting in the stack.
 */
export class FlagRollout {
  /**
   * `AppConfig.AllAtOnce`: every target at once, 10 minutes of alarm watching.
   * Source: AppConfig User Guide, "Using predefined deployment strategies".
   */
  public static readonly ALL_AT_ONCE = new FlagRollout(FlagRolloutGrowth.LINEAR, 100, 0, 10, 'AppConfig.AllAtOnce');
  /** `AppConfig.Linear50PercentEvery30Seconds`: half the targets every 30 seconds, 1 minute bake (testing and demonstrations). */
  public static readonly LINEAR_50_PERCENT_EVERY_30_SECONDS = new FlagRollout(FlagRolloutGrowth.LINEAR, 50, 1, 1, 'AppConfig.Linear50PercentEvery30Seconds');
  /** `AppConfig.Canary10Percent20Minutes`: exponential from 10% over 20 minutes, 10 minutes bake (AWS recommended for production). */
  public static readonly CANARY_10_PERCENT_20_MINUTES = new FlagRollout(FlagRolloutGrowth.EXPONENTIAL, 10, 20, 10, 'AppConfig.Canary10Percent20Minutes');
  /** `AppConfig.Linear20PercentEvery6Minutes`: 20% every 6 minutes over 30 minutes, 30 minutes bake (AWS recommended for production). */
  public static readonly LINEAR_20_PERCENT_EVERY_6_MINUTES = new FlagRollout(FlagRolloutGrowth.LINEAR, 20, 30, 30, 'AppConfig.Linear20PercentEvery6Minutes');

  /** A linear rollout; a predefined strategy when the settings equal one. */
  public static linear(props: FlagRolloutProps): FlagRollout {
    return FlagRollout.custom(FlagRolloutGrowth.LINEAR, props);
  }

  /** An exponential rollout; a predefined strategy when the settings equal one. */
  public static exponential(props: FlagRolloutProps): FlagRollout {
    return FlagRollout.custom(FlagRolloutGrowth.EXPONENTIAL, props);
  }

  /** The predefined strategies, in the order AWS lists them. */
  public static predefined(): FlagRollout[] {
    return [
      FlagRollout.LINEAR_20_PERCENT_EVERY_6_MINUTES, FlagRollout.CANARY_10_PERCENT_20_MINUTES,
      FlagRollout.ALL_AT_ONCE, FlagRollout.LINEAR_50_PERCENT_EVERY_30_SECONDS,
    ];
  }

  private static custom(growthType: FlagRolloutGrowth, props: FlagRolloutProps): FlagRollout {
    const duration = props.deploymentDuration.toMinutes({ integral: false });
    const bake = (props.finalBakeTime ?? Duration.minutes(10)).toMinutes({ integral: false });
    const match = FlagRollout.predefined().find((p) =>
      p.growthType === growthType && p.growthFactor === props.growthFactor
      && p.deploymentDurationMinutes === duration && p.finalBakeTimeMinutes === bake);
    return match ?? new FlagRollout(growthType, props.growthFactor, duration, bake, undefined);
  }

  /** How the share grows. */
  public readonly growthType: FlagRolloutGrowth;
  /** Percentage per step. */
  public readonly growthFactor: number;
  /** Duration of the rollout in minutes. */
  public readonly deploymentDurationMinutes: number;
  /** Alarm watching after 100%, in minutes. */
  public readonly finalBakeTimeMinutes: number;
  /** Id of the AWS predefined strategy, when this is one. */
  public readonly predefinedId?: string;

  private constructor(
    growthType: FlagRolloutGrowth, growthFactor: number, durationMinutes: number, bakeMinutes: number, predefinedId: string | undefined,
  ) {
    this.growthType = growthType;
    this.growthFactor = growthFactor;
    this.deploymentDurationMinutes = durationMinutes;
    this.finalBakeTimeMinutes = bakeMinutes;
    this.predefinedId = predefinedId;
  }

  /** A key naming the setting: equal keys share one custom strategy. */
  public get settingKey(): string {
    return `${this.growthType}-${this.growthFactor}pct-${this.deploymentDurationMinutes}min-bake${this.finalBakeTimeMinutes}min`;
  }
}
