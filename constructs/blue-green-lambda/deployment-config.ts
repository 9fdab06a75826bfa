import { Duration, Token } from 'aws-cdk-lib';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import { IConstruct } from 'constructs';
import { checkRange, fail, Limits } from '../core';

/** CodeDeploy's predefined Lambda configurations. */
const PREDEFINED = codedeploy.LambdaDeploymentConfig;

/** How traffic moves from the old version to the new one. */
export enum TrafficShiftType {
  /** All traffic at once. */
  ALL_AT_ONCE = 'AllAtOnce',
  /** A share first, the rest after an interval. */
  CANARY = 'Canary',
  /** Equal shares at equal intervals. */
  LINEAR = 'Linear',
}

/**
 * A CodeDeploy deployment configuration for a Lambda alias: one of the predefined ones, or a
 * custom time-based canary or linear shift (percentage 1-99, interval in whole minutes).
 */
export class BlueGreenDeploymentConfig {
  /** Shift all traffic at once. */
  public static readonly ALL_AT_ONCE = new BlueGreenDeploymentConfig(TrafficShiftType.ALL_AT_ONCE, PREDEFINED.ALL_AT_ONCE);
  /** 10% first, the rest after 5 minutes. */
  public static readonly CANARY_10PERCENT_5MINUTES = new BlueGreenDeploymentConfig(
    TrafficShiftType.CANARY, PREDEFINED.CANARY_10PERCENT_5MINUTES, 10, 5);
  /** 10% first, the rest after 10 minutes. */
  public static readonly CANARY_10PERCENT_10MINUTES = new BlueGreenDeploymentConfig(
    TrafficShiftType.CANARY, PREDEFINED.CANARY_10PERCENT_10MINUTES, 10, 10);
  /** 10% first, the rest after 15 minutes. */
  public static readonly CANARY_10PERCENT_15MINUTES = new BlueGreenDeploymentConfig(
    TrafficShiftType.CANARY, PREDEFINED.CANARY_10PERCENT_15MINUTES, 10, 15);
  /** 10% first, the rest after 30 minutes. */
  public static readonly CANARY_10PERCENT_30MINUTES = new BlueGreenDeploymentConfig(
    TrafficShiftType.CANARY, PREDEFINED.CANARY_10PERCENT_30MINUTES, 10, 30);
  /** 10% more every minute. */
  public static readonly LINEAR_10PERCENT_EVERY_1MINUTE = new BlueGreenDeploymentConfig(
    TrafficShiftType.LINEAR, PREDEFINED.LINEAR_10PERCENT_EVERY_1MINUTE, 10, 1);
  /** 10% more every 2 minutes. */
  public static readonly LINEAR_10PERCENT_EVERY_2MINUTES = new BlueGreenDeploymentConfig(
    TrafficShiftType.LINEAR, PREDEFINED.LINEAR_10PERCENT_EVERY_2MINUTES, 10, 2);
  /** 10% more every 3 minutes. */
  public static readonly LINEAR_10PERCENT_EVERY_3MINUTES = new BlueGreenDeploymentConfig(
    TrafficShiftType.LINEAR, PREDEFINED.LINEAR_10PERCENT_EVERY_3MINUTES, 10, 3);
  /** 10% more every 10 minutes. */
  public static readonly LINEAR_10PERCENT_EVERY_10MINUTES = new BlueGreenDeploymentConfig(
    TrafficShiftType.LINEAR, PREDEFINED.LINEAR_10PERCENT_EVERY_10MINUTES, 10, 10);

  /**
   * A custom canary: `percentage` of traffic first, the rest after `interval`.
   * @param percentage share of traffic in the first step, 1-99
   * @param interval time before the rest, in whole minutes
   */
  public static canary(percentage: number, interval: Duration): BlueGreenDeploymentConfig {
    return new BlueGreenDeploymentConfig(TrafficShiftType.CANARY, undefined, percentage, undefined, interval);
  }

  /**
   * A custom linear shift: `percentage` more traffic every `interval`.
   * @param percentage share of traffic added per step, 1-99
   * @param interval time between steps, in whole minutes
   */
  public static linear(percentage: number, interval: Duration): BlueGreenDeploymentConfig {
    return new BlueGreenDeploymentConfig(TrafficShiftType.LINEAR, undefined, percentage, undefined, interval);
  }

  /** How traffic moves. */
  public readonly type: TrafficShiftType;
  /** Share of traffic per step (canary: first step); undefined for all-at-once. */
  public readonly percentage?: number;
  /** Minutes between steps; undefined for all-at-once. May be a token for a custom config. */
  public readonly intervalMinutes?: number;
  /** True for one of CodeDeploy's predefined configurations. */
  public readonly predefined: boolean;

  private readonly config?: codedeploy.ILambdaDeploymentConfig;
  private readonly interval?: Duration;

  private constructor(
    type: TrafficShiftType, config?: codedeploy.ILambdaDeploymentConfig, percentage?: number, minutes?: number, interval?: Duration,
  ) {
    this.type = type;
    this.config = config;
    this.predefined = config !== undefined;
    this.percentage = percentage;
    this.interval = interval;
    this.intervalMinutes = minutes ?? (interval && !interval.isUnresolved() ? interval.toMinutes({ integral: false }) : undefined);
  }

  /**
   * Checks a custom configuration against what CodeDeploy accepts, naming `prop` in errors.
   * @internal
   */
  public _validate(scope: IConstruct, prop: string): void {
    if (this.predefined) return;
    const cd = Limits.codeDeploy;
    checkRange(scope, `${prop}.percentage`, this.percentage, cd.minTrafficPercent, cd.maxTrafficPercent, { integer: true, unit: 'percent' });
    if (this.interval === undefined || this.interval.isUnresolved()) return;
    const minutes = this.intervalMinutes;
    if (minutes === undefined || !Number.isInteger(minutes)) {
      fail(scope, `${prop}.interval`, this.interval.toString(), `whole minutes from ${cd.minIntervalMinutes} to ${cd.maxIntervalMinutes}`);
    }
    checkRange(scope, `${prop}.interval`, minutes, cd.minIntervalMinutes, cd.maxIntervalMinutes, { integer: true, unit: 'minutes' });
  }

  /**
   * The CodeDeploy configuration: the predefined one, or a custom one made by `create`. The key
   * names the custom shape so equal shapes can share one resource; it is undefined when the shape
   * holds tokens.
   * @internal
   */
  public _bind(
    create: (key: string | undefined, routing: codedeploy.TrafficRouting) => codedeploy.ILambdaDeploymentConfig,
  ): codedeploy.ILambdaDeploymentConfig {
    if (this.config) return this.config;
    const props = { percentage: this.percentage!, interval: this.interval! };
    const routing = this.type === TrafficShiftType.CANARY
      ? codedeploy.TrafficRouting.timeBasedCanary(props)
      : codedeploy.TrafficRouting.timeBasedLinear(props);
    const resolved = !Token.isUnresolved(props.percentage) && !props.interval.isUnresolved();
    return create(resolved ? `${this.type}${props.percentage}PercentEvery${this.intervalMinutes}Minutes` : undefined, routing);
  }
}
