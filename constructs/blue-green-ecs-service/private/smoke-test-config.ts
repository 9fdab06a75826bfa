/**
 * What the built-in smoke test of one service checks, passed to the shared hook function in the
 * lifecycle hook's `hookDetails` (so one function serves every service of a stack).
 */
export interface EcsSmokeTestConfig {
  /** Service path, for the logs. */
  readonly service: string;
  /** The test listener URL, path included. */
  readonly url: string;
  /** Name sent as TLS SNI and Host header, and verified against the certificate, when set. */
  readonly hostName?: string;
  /** HTTP status the new revision must answer. */
  readonly expectedStatus: number;
  /** Text the body must contain, when set. */
  readonly expectedBodyContains?: string;
  /** Checks before the hook gives up and fails the deployment (the first included). */
  readonly maxAttempts: number;
  /** Seconds ECS waits before invoking the hook again (callBackDelay). */
  readonly retryDelaySeconds: number;
  /** Milliseconds one request may take. */
  readonly requestTimeoutMs: number;
}

/** What the hook returns to itself with IN_PROGRESS: the configuration plus its progress. */
export interface EcsSmokeTestState extends EcsSmokeTestConfig {
  /** Checks made so far for `revision`. */
  readonly attempt?: number;
  /** The service revision those checks were for. */
  readonly revision?: string;
}
