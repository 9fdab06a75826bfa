// The public surface's exported names, held against the committed allow-list
// (test/api-surface.allow-list.txt): an addition or a removal is a reviewed change.
//
//   ts-node scripts/api-surface.ts write   rewrites the allow-list from the current assembly
//   ts-node scripts/api-surface.ts check   prints the difference, exits 1 when there is one
//
// `npx projen api:allow-list` compiles first (jsii), so the list is written from the current sources.
import { existsSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
export const ALLOW_LIST = path.join(ROOT, 'test', 'api-surface.allow-list.txt');
const ASSEMBLY = path.join(ROOT, '.jsii');
const API_MD = path.join(ROOT, 'API.md');
export const UPDATE_COMMAND = 'npx projen api:allow-list';

/** Where the declared names were read from, and the names (sorted, unique). */
export interface DeclaredNames {
  readonly source: string;
  readonly names: string[];
}

/**
 * The names the package exports: from the jsii assembly (`.jsii`, written by `npx projen compile`) when it
 * is there, else from API.md (generated from that assembly by `npx projen docgen`, and committed).
 */
export function declaredNames(): DeclaredNames {
  if (existsSync(ASSEMBLY)) return { source: '.jsii', names: namesOfAssembly(readFileSync(ASSEMBLY, 'utf-8')) };
  return { source: 'API.md', names: namesOfApiMd(readFileSync(API_MD, 'utf-8')) };
}

/** Type names of a jsii assembly (its `types`, keyed by `<package>.<Name>`; submodule types keep their path). */
export function namesOfAssembly(json: string): string[] {
  const assembly = JSON.parse(json) as { name: string; types?: Record<string, unknown> };
  const prefix = `${assembly.name}.`;
  return sorted(Object.keys(assembly.types ?? {}).map((fqn) => (fqn.startsWith(prefix) ? fqn.slice(prefix.length) : fqn)));
}

/** Type names API.md declares: jsii-docgen heads each type `### Name <a name="Name" id="<package>.Name">`. */
export function namesOfApiMd(markdown: string): string[] {
  const names: string[] = [];
  for (const match of markdown.matchAll(/^### \S+ <a name="[^"]*" id="([^"]+)"><\/a>$/gm)) {
    const id = match[1];
    // The package name may hold a dot (`@gantry/cdk`); the type path follows the package's last segment.
    const slash = id.lastIndexOf('/');
    const rest = id.slice(slash + 1);
    names.push(rest.slice(rest.indexOf('.') + 1));
  }
  return sorted(names);
}

/** The committed allow-list: one name a line; `#` starts a comment. */
export function allowedNames(text = readFileSync(ALLOW_LIST, 'utf-8')): string[] {
  return sorted(text.split('\n').map((line) => line.replace(/#.*/, '').trim()).filter((line) => line.length > 0));
}

/** What the surface adds to and removes from the allow-list. */
export function difference(declared: readonly string[], allowed: readonly string[]): { added: string[]; removed: string[] } {
  const allowedSet = new Set(allowed);
  const declaredSet = new Set(declared);
  return {
    added: declared.filter((name) => !allowedSet.has(name)),
    removed: allowed.filter((name) => !declaredSet.has(name)),
  };
}

/** The message for a difference: what changed and how to accept it after review. */
export function differenceMessage(source: string, diff: { added: string[]; removed: string[] }): string {
  const lines = [`The public API (read from ${source}) differs from ${path.relative(ROOT, ALLOW_LIST)}:`];
  for (const name of diff.added) lines.push(`  + ${name}   (exported, not on the allow-list)`);
  for (const name of diff.removed) lines.push(`  - ${name}   (on the allow-list, no longer exported)`);
  lines.push(
    'Every exported name is public API for TypeScript, Python, Java and Go users. If a name is an internal,',
    'stop exporting it from its folder\'s index.ts (internals live under private/). If the change is intended,',
    `run \`${UPDATE_COMMAND}\` (compiles, then rewrites the list) and commit the list with the change, for review.`,
    source === '.jsii'
      ? '(Read from the last `npx projen compile`: compile again if the sources changed since.)'
      : '(Read from the committed API.md: if it is out of date, `npx projen compile` writes .jsii, which is read first.)',
  );
  return lines.join('\n');
}

export function renderAllowList(names: readonly string[]): string {
  return [
    '# Every name the public API (constructs/index.ts, as jsii exports it) declares, one a line.',
    '# An addition or a removal is a reviewed change: test/api-surface.test.ts fails on any difference.',
    `# Regenerate after review with \`${UPDATE_COMMAND}\`.`,
    ...sorted(names),
    '',
  ].join('\n');
}

function sorted(names: readonly string[]): string[] {
  return [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function main(command: string | undefined): void {
  const { source, names } = declaredNames();
  if (command === 'write') {
    writeFileSync(ALLOW_LIST, renderAllowList(names));
    console.log(`wrote ${names.length} names from ${source} to ${path.relative(ROOT, ALLOW_LIST)}`);
    return;
  }
  if (command === 'check') {
    const diff = difference(names, allowedNames());
    if (diff.added.length + diff.removed.length === 0) {
      console.log(`the ${names.length} names of ${source} match the allow-list`);
      return;
    }
    console.error(differenceMessage(source, diff));
    process.exit(1);
  }
  console.error('usage: ts-node scripts/api-surface.ts write|check');
  process.exit(2);
}

if (require.main === module) main(process.argv[2]);
