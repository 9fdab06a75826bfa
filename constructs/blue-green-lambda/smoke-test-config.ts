// Shared by the construct (which writes it) and the bundled hook handler (which reads it); it must
// stay free of imports so neither side pulls the other in.

/** Environment variables of the shared hook holding one deployment group's smoke test each (JSON). */
export const CONFIG_ENV_PREFIX = 'GANTRY_SMOKE_TEST_';

/** What the construct stores for one deployment group. */
export interface SmokeTestConfig {
  /** Deployment group the test belongs to. */
  readonly deploymentGroup: string;
  /** Event sent to the new version. */
  readonly payload: unknown;
  /** Required `statusCode` field of the response, when set. */
  readonly expectedStatusCode?: number;
  /** JSON the response must contain (a subset match), when set. */
  readonly expectedResponse?: unknown;
  /** Time allowed for the invocation, in milliseconds. */
  readonly timeoutMs: number;
}
