import { Duration } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';

/** The built-in smoke test: what the new revision must answer on the test listener. */
export interface EcsSmokeTestProps {
  /**
   * Run the smoke test. It needs the test listener (`testTraffic`).
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * Path requested on the test listener; must start with `/`.
   * @default '/'
   */
  readonly path?: string;

  /**
   * The DNS name on the listener certificate, needed when the service has `certificates`: the
   * load balancer's own DNS name is not on the certificate, so the hook connects to the load
   * balancer, sends this name as TLS SNI and Host header, and verifies the certificate against it
   * (verification is never turned off: the certificate must chain to a CA the Lambda Node.js
   * runtime trusts, as public ACM certificates do). Over plain HTTP it is sent as Host header only.
   * @default - none: the request goes to the load balancer's DNS name (plain HTTP listeners only)
   */
  readonly hostName?: string;

  /**
   * HTTP status the answer must carry.
   * @default 200
   */
  readonly expectedStatus?: number;

  /**
   * Text the body must contain.
   * @default - the body is not checked
   */
  readonly expectedBodyContains?: string;

  /**
   * Checks before the deployment fails (the first included): while the new tasks warm up, the
   * hook answers IN_PROGRESS and Amazon ECS calls it again after `retryDelay`. 1 to 60.
   * @default 10
   */
  readonly maxAttempts?: number;

  /**
   * Wait between checks (the hook's callBackDelay): whole seconds, 5 seconds to 5 minutes.
   * @default Duration.seconds(15)
   */
  readonly retryDelay?: Duration;

  /**
   * How long one request may take: whole seconds, 1 to 50 (the hook's timeout is one minute).
   * @default Duration.seconds(5)
   */
  readonly requestTimeout?: Duration;

  /**
   * The lifecycle stage the smoke test runs at.
   * @default ecs.DeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT
   */
  readonly stage?: ecs.DeploymentLifecycleStage;
}

/** Thresholds of the deployment alarms, evaluated over both target groups. */
export interface EcsDeploymentAlarmThresholds {
  /**
   * Share of requests answered with a 5xx by the targets of either target group, in percent.
   * @default 5
   */
  readonly errorRatePercent?: number;

  /**
   * p99 target response time of either target group, in milliseconds.
   * @default 1000
   */
  readonly p99LatencyMs?: number;

  /**
   * One-minute periods a threshold must be breached before the alarm fires (1 to 60).
   * @default 2
   */
  readonly evaluationPeriods?: number;
}
