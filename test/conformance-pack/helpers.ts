import { existsSync } from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as YAML from 'yaml';
import { ConformancePack, ConformancePackProps } from '../../constructs';

/**
 * The AWS sample packs (test data outside the repository, in the shared/ folder beside the clone,
 * or one level further up from a worktree).
 */
export const SAMPLE_PACKS_DIR = [
  path.join(__dirname, '../../../shared/data/conformance-packs'),
  path.join(__dirname, '../../../../shared/data/conformance-packs'),
].find((dir) => existsSync(dir)) ?? path.join(__dirname, '../../../shared/data/conformance-packs');

export function newStack(id = 'Governance'): Stack {
  return new Stack(new App(), id, { env: { account: '111111111111', region: 'eu-west-1' } });
}

/** Builds a pack in a fresh stack and returns it with its template. */
export function build(props: ConformancePackProps): { pack: ConformancePack; stack: Stack; template: Template } {
  const stack = newStack();
  const pack = new ConformancePack(stack, 'Pack', props);
  return { pack, stack, template: Template.fromStack(stack) };
}

/** The parsed pack template of every AWS::Config::ConformancePack with an inline body, by logical id. */
export function packBodies(template: Template, type = 'AWS::Config::ConformancePack'): Record<string, any> {
  const bodies: Record<string, any> = {};
  for (const [id, resource] of Object.entries(template.findResources(type))) {
    const body = (resource as any).Properties.TemplateBody;
    if (typeof body === 'string') bodies[id] = YAML.parse(body);
  }
  return bodies;
}

/** The single inline pack template. */
export function onlyBody(template: Template, type = 'AWS::Config::ConformancePack'): any {
  const bodies = Object.values(packBodies(template, type));
  if (bodies.length !== 1) throw new Error(`expected one inline pack template, found ${bodies.length}`);
  return bodies[0];
}

/** Runs a builder and returns the error message it throws (fails the test if it does not throw). */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error, none was thrown');
}
