import { App, Stack } from 'aws-cdk-lib';

/**
 * One benchmark row. A scenario builds its stacks into a fresh app; the runner synthesizes it
 * several times and measures. Add a scenario by adding one file to bench/scenarios/ that
 * default-exports an array of these.
 */
export interface BenchScenario {
  /** Row name, e.g. "PackageRegistry (1 registry)". */
  readonly name: string;
  /**
   * Pre-bundled handler files this scenario deploys (paths relative to the repository root, e.g.
   * `assets/blue-green-lambda/smoke-test.lambda/index.js`); their bytes are summed.
   */
  readonly handlerFiles?: string[];
  /** Builds the stacks to measure into the given app and returns them. */
  build(app: App): Stack[];
  /**
   * Further figures of the built stacks, printed after the row's name (e.g. a critical path);
   * computed once, outside the timed runs.
   */
  figures?(stacks: Stack[]): string;
  /** Further figures read from the synthesized assembly (printed in the notes column). @default - none */
  notes?(assemblyDir: string): string;
}
