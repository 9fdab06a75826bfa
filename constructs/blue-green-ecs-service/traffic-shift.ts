import { Duration } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { IConstruct } from 'constructs';
import { checkRange, fail, isUnresolved, Limits } from '../core';

/** A canary shift: a share of production traffic first, the rest after the canary bake time. */
export interface CanaryTrafficShiftProps {
  /**
   * Share of production traffic the new revision gets first: a multiple of 0.1 from 0.1 to 100 percent.
   * @default 10
   */
  readonly percent?: number;
  /**
   * How long the canary runs before the rest of the traffic moves: whole minutes, 0 to 24 hours.
   * @default Duration.minutes(5)
   */
  readonly bakeTime?: Duration;
}

/** A linear shift: equal steps of production traffic with a bake time after each step but the last. */
export interface LinearTrafficShiftProps {
  /**
   * Share of production traffic moved per step: a multiple of 0.1 from 3 to 100 percent.
   * @default 10
   */
  readonly stepPercent?: number;
  /**
   * Wait after each step (not after the last): whole minutes, 0 to 24 hours.
   * @default Duration.minutes(1)
   */
  readonly stepBakeTime?: Duration;
}

/**
 * How production traffic moves from the running revision to the new one: all at once (blue/green),
 * canary or linear. The deployment bake time (`BlueGreenEcsServiceProps.bakeTime`) follows every shift.
 */
export class TrafficShift {
  /** All production traffic at once, after test traffic (strategy `BLUE_GREEN`). */
  public static allAtOnce(): TrafficShift {
    return new TrafficShift(ecs.DeploymentStrategy.BLUE_GREEN);
  }

  /** A canary (strategy `CANARY`). */
  public static canary(props: CanaryTrafficShiftProps = {}): TrafficShift {
    return new TrafficShift(ecs.DeploymentStrategy.CANARY, props.percent ?? 10, props.bakeTime ?? Duration.minutes(5));
  }

  /** Equal steps (strategy `LINEAR`). */
  public static linear(props: LinearTrafficShiftProps = {}): TrafficShift {
    return new TrafficShift(ecs.DeploymentStrategy.LINEAR, props.stepPercent ?? 10, props.stepBakeTime ?? Duration.minutes(1));
  }

  /** The ECS deployment strategy. */
  public readonly strategy: ecs.DeploymentStrategy;
  /** Canary percent or linear step percent (none for all at once). */
  public readonly percent?: number;
  /** Canary bake or linear step bake (none for all at once). */
  public readonly stepBakeTime?: Duration;

  private constructor(strategy: ecs.DeploymentStrategy, percent?: number, stepBakeTime?: Duration) {
    this.strategy = strategy;
    this.percent = percent;
    this.stepBakeTime = stepBakeTime;
  }

  /**
   * Minutes CloudFormation computes for the deployment from the template (bake time included), or
   * undefined when a token hides a part of it.
   * @internal
   */
  public _computedMinutes(bakeMinutes: number | undefined): number | undefined {
    if (bakeMinutes === undefined) return undefined;
    if (this.strategy === ecs.DeploymentStrategy.BLUE_GREEN) return bakeMinutes;
    const step = this.stepBakeTime;
    if (step === undefined || step.isUnresolved() || this.percent === undefined || isUnresolved(this.percent)) return undefined;
    const stepMinutes = step.toMinutes({ integral: false });
    if (this.strategy === ecs.DeploymentStrategy.CANARY) return bakeMinutes + stepMinutes;
    // CloudFormation's count: no step bake after the final shift to 100%.
    const ratio = 100 / this.percent;
    const steps = Number.isInteger(Math.round(ratio * 1e9) / 1e9) ? Math.round(ratio) - 1 : Math.floor(ratio);
    return bakeMinutes + stepMinutes * steps;
  }

  /** @internal */
  public _validate(scope: IConstruct, prop: string): void {
    if (this.strategy === ecs.DeploymentStrategy.BLUE_GREEN) return;
    const canary = this.strategy === ecs.DeploymentStrategy.CANARY;
    const percentProp = canary ? `${prop}.percent` : `${prop}.stepPercent`;
    const min = canary ? Limits.ecs.minCanaryPercent : Limits.ecs.minLinearStepPercent;
    const max = canary ? Limits.ecs.maxCanaryPercent : Limits.ecs.maxLinearStepPercent;
    checkRange(scope, percentProp, this.percent, min, max, { unit: 'percent' });
    if (this.percent !== undefined && !isUnresolved(this.percent)) {
      const tenths = this.percent / Limits.ecs.trafficPercentStep;
      if (Math.abs(tenths - Math.round(tenths)) > 1e-9) {
        fail(scope, percentProp, this.percent, `a multiple of ${Limits.ecs.trafficPercentStep} from ${min} to ${max} percent`);
      }
    }
    checkMinutes(scope, canary ? `${prop}.bakeTime` : `${prop}.stepBakeTime`, this.stepBakeTime, Limits.ecs.maxStepBakeMinutes);
  }
}

/** A duration of whole minutes from 0 to `max`. Skipped when undefined or a token. */
export function checkMinutes(scope: IConstruct, prop: string, value: Duration | undefined, max: number, min = 0): void {
  if (value === undefined || value.isUnresolved()) return;
  const minutes = value.toMinutes({ integral: false });
  if (!Number.isInteger(minutes) || minutes < min || minutes > max) {
    fail(scope, prop, `${value.toHumanString()}`, `whole minutes from ${min} to ${max}`);
  }
}
