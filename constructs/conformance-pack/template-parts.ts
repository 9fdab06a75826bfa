import { createHash } from 'crypto';
import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import * as YAML from 'yaml';
import { fail, isUnresolved } from '../core';

/*
 * Internal: a pack template as rules with their remediations, split into parts under the rule
 * limit and rendered to YAML. Not part of the public surface.
 */

/** A rule of a pack with its remediations, as template resources. */
export interface PackEntry {
  readonly ruleName: string;
  readonly logicalId: string;
  readonly rule: Record<string, unknown>;
  readonly remediations: Array<{ logicalId: string; resource: Record<string, unknown> }>;
}

/** A pack template in parts. */
export interface PackDocument {
  readonly parameters: Record<string, unknown>;
  readonly conditions?: Record<string, unknown>;
  readonly entries: PackEntry[];
  /** The text as given, delivered unchanged when the pack is not split. */
  readonly originalText?: string;
}

/** One pack to deploy: its template text and the input parameters that carry CDK tokens. */
export interface RenderedPart {
  readonly index: number;
  readonly ruleNames: string[];
  readonly text: string;
  readonly bytes: number;
  /** Parameters the renderer added for unresolved values (name -> token). */
  readonly tokenParameters: Record<string, string>;
}

/**
 * Fails on a repeated rule name. `origins` (same order as `names`) say where each rule was given
 * (`rules[2]`, `ruleSets[0] (DevOps).rules[5]`, `template (pack.yaml) Resources.Foo`), so the message
 * names both places.
 */
export function checkUniqueRuleNames(scope: IConstruct, prop: string, names: string[], origins?: string[]): void {
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    if (isUnresolved(name)) return;
    const first = seen.get(name);
    if (first !== undefined) {
      const where = origins ? `: given in ${origins[first]} and again in ${origins[index]}` : '';
      fail(scope, prop, name, `unique rule names (Config keys rules by name; this one is repeated${where})`);
    }
    seen.set(name, index);
  });
}

/**
 * Splits the document into as few parts as the rule limit allows, filling each part up to the limit
 * in the document's order (260 rules -> 130 + 130, 261 -> 130 + 130 + 1), and renders each part.
 * Appending a rule never moves an existing one to another part, so Config never deletes and
 * re-creates it (which would lose its evaluation history). The same rules always give the same parts.
 */
export function renderParts(document: PackDocument, maxRules: number): RenderedPart[] {
  const total = document.entries.length;
  const count = Math.max(1, Math.ceil(total / maxRules));
  const parts: RenderedPart[] = [];
  for (let index = 0; index < count; index++) {
    const entries = document.entries.slice(index * maxRules, (index + 1) * maxRules);
    parts.push(renderPart(document, entries, index + 1, count === 1));
  }
  return parts;
}

function renderPart(document: PackDocument, entries: PackEntry[], index: number, whole: boolean): RenderedPart {
  const ruleNames = entries.map((e) => e.ruleName);
  if (whole && document.originalText !== undefined) {
    return { index, ruleNames, text: document.originalText, bytes: Buffer.byteLength(document.originalText, 'utf-8'), tokenParameters: {} };
  }
  const resources: Record<string, unknown> = {};
  for (const entry of entries) {
    resources[entry.logicalId] = entry.rule;
    for (const remediation of entry.remediations) resources[remediation.logicalId] = remediation.resource;
  }
  const tokenParameters: Record<string, string> = {};
  const byToken = new Map<string, string>();
  const replaced = replaceTokens(resources, (token) => {
    let name = byToken.get(token);
    if (!name) {
      name = `GantryInput${byToken.size + 1}`;
      byToken.set(token, name);
      tokenParameters[name] = token;
    }
    return { Ref: name };
  });
  const parameters: Record<string, unknown> = { ...document.parameters };
  for (const name of Object.keys(tokenParameters)) parameters[name] = { Type: 'String', Description: 'Set by the CDK app at deploy time' };
  const template: Record<string, unknown> = {};
  if (Object.keys(parameters).length) template.Parameters = parameters;
  if (document.conditions) template.Conditions = document.conditions;
  template.Resources = replaced;
  // YAML 1.1 quoting: CloudFormation reads yes/no/on/off and dates as scalars of other types.
  const text = YAML.stringify(template, { lineWidth: 0, version: '1.1' });
  return { index, ruleNames, text, bytes: Buffer.byteLength(text, 'utf-8'), tokenParameters };
}

/** Deep copy with every string that holds an unresolved CDK token replaced. */
function replaceTokens(value: unknown, replace: (token: string) => unknown): any {
  if (typeof value === 'string') return Token.isUnresolved(value) ? replace(value) : value;
  if (Array.isArray(value)) return value.map((v) => replaceTokens(v, replace));
  if (isRecord(value)) {
    if (Token.isUnresolved(value)) throw new Error('[ConformancePack] an unresolved object cannot be rendered into a pack template; pass a string');
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceTokens(v, replace)]));
  }
  if (typeof value === 'number' && Token.isUnresolved(value)) return replace(Token.asString(value));
  return value;
}

/** Short content hash used to name template files. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function refersTo(dependsOn: unknown, logicalId: string): boolean {
  return dependsOn === logicalId || (Array.isArray(dependsOn) && dependsOn.includes(logicalId));
}

export function describeShape(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return `a mapping without Resources (keys: ${Object.keys(value).join(', ') || 'none'})`;
  return String(value);
}

/** The CloudFormation short-form intrinsic functions (`!Ref`, `!If` ...), read as their long form. */
export const CLOUDFORMATION_TAGS: YAML.Tags = (() => {
  const functions = ['Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or'];
  const tags: YAML.Tags = [];
  for (const kind of ['scalar', 'seq', 'map'] as const) {
    const collection = kind === 'scalar' ? undefined : kind;
    tags.push({ tag: '!Ref', collection, resolve: (v: any) => ({ Ref: toJs(v) }) } as any);
    tags.push({ tag: '!Condition', collection, resolve: (v: any) => ({ Condition: toJs(v) }) } as any);
    tags.push({ tag: '!GetAtt', collection, resolve: (v: any) => ({ 'Fn::GetAtt': typeof toJs(v) === 'string' ? String(toJs(v)).split('.') : toJs(v) }) } as any);
    for (const fn of functions) tags.push({ tag: `!${fn}`, collection, resolve: (v: any) => ({ [`Fn::${fn}`]: toJs(v) }) } as any);
  }
  return tags;
})();

function toJs(value: any): unknown {
  return value && typeof value.toJSON === 'function' ? value.toJSON() : value;
}

/**
 * A pack name from a template file name: the name without its extension, characters Config does not
 * allow as hyphens, a leading letter; a name over `max` is cut and ends with 8 characters of its hash.
 */
export function packNameFromFile(fileName: string, max: number): string {
  let name = fileName.replace(/\.(ya?ml|json|template)$/i, '').replace(/[^A-Za-z0-9-]+/g, '-').replace(/-+$/, '');
  if (!/^[A-Za-z]/.test(name)) name = `pack-${name}`;
  if (name.length <= max) return name;
  const hash = contentHash(name).slice(0, 8);
  return `${name.slice(0, max - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}
