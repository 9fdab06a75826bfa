import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { buildReferenceApp } from '../../examples/reference-app';

/** The context of cdk.json, so tests synthesize the stacks exactly as `cdk synth` does. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf-8'));
  return cdkJson.context ?? {};
}

/** A fresh reference app (nothing synthesized yet) and its stacks. */
export function referenceStacks(): Stack[] {
  const app = new App({ context: cdkJsonContext() });
  return buildReferenceApp(app);
}

/**
 * A template as JSON with what changes between builds (asset hashes) masked, so a snapshot
 * changes only when the template does.
 */
export function normalisedTemplate(template: object): object {
  const json = JSON.stringify(template)
    .replace(/[0-9a-f]{64}(\.(zip|json|jar|tar))?/g, '<asset-hash>$1');
  return JSON.parse(json);
}
