import { IConstruct } from 'constructs';
import { fail, isUnresolved, Limits } from '../../core';
import { FeatureFlag, FlagAttribute, FlagAttributeType } from '../flag';

const AppConfig = Limits.appConfig;

/**
 * JSON with every object's keys in code-point order at every depth, two-space indented, so equal
 * flags always render to equal bytes: a new hosted version appears only when the content changed.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), undefined, 2);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value as object).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** The `AWS.AppConfig.FeatureFlags` document of the flags (version "1", flags, values). */
export function renderFlags(flags: FeatureFlag[]): object {
  const definitions: Record<string, object> = {};
  const values: Record<string, object> = {};
  for (const flag of flags) {
    const attributes = Object.fromEntries(flag.attributes.map((a) => [a.name, {
      ...(a.description ? { description: a.description } : {}),
      constraints: constraintsOf(a),
    }]));
    definitions[flag.key] = {
      name: flag.displayName,
      ...(flag.description ? { description: flag.description } : {}),
      ...(flag.removeAfter ? { _deprecation: { status: 'planned', date: flag.removeAfter } } : {}),
      ...(flag.attributes.length > 0 ? { attributes } : {}),
    };
    values[flag.key] = {
      enabled: flag.enabled,
      ...Object.fromEntries(flag.attributes.map((a) => [a.name, a._value])),
    };
  }
  return { version: AppConfig.flagSchemaVersion, flags: definitions, values };
}

function constraintsOf(a: FlagAttribute): object {
  const c = a._constraints;
  const required = a.required ? { required: true } : {};
  const stringRules = { ...(c.pattern !== undefined ? { pattern: c.pattern } : {}), ...(c.allowedValues ? { enum: c.allowedValues } : {}) };
  const numberRules = { ...(c.minimum !== undefined ? { minimum: c.minimum } : {}), ...(c.maximum !== undefined ? { maximum: c.maximum } : {}) };
  switch (a.type) {
    case FlagAttributeType.STRING: return { type: 'string', ...required, ...stringRules };
    case FlagAttributeType.NUMBER: return { type: 'number', ...required, ...numberRules };
    case FlagAttributeType.BOOLEAN: return { type: 'boolean', ...required };
    case FlagAttributeType.STRING_LIST: return { type: 'array', ...required, elements: { type: 'string', ...stringRules } };
    case FlagAttributeType.NUMBER_LIST: return { type: 'array', ...required, elements: { type: 'number', ...numberRules } };
  }
}

/**
 * Checks flags against AppConfig's format before AppConfig does: key patterns, names and
 * descriptions, duplicates, at most 25 attributes, each value within its own constraints.
 */
export function validateFlags(scope: IConstruct, flags: FeatureFlag[]): void {
  const keyAllowed = `${AppConfig.flagKeyPattern.source} (a lowercase letter, then letters, digits, '_' or '-'; up to 64 characters)`;
  const seen = new Set<string>();
  flags.forEach((flag, i) => {
    const prop = `flags[${i}]`;
    if (!whole(AppConfig.flagKeyPattern).test(flag.key)) fail(scope, `${prop}.key`, flag.key, keyAllowed);
    if (seen.has(flag.key)) fail(scope, `${prop}.key`, flag.key, 'each flag key at most once (this one is repeated)');
    seen.add(flag.key);
    if (!whole(AppConfig.flagNamePattern).test(flag.displayName)) fail(scope, `${prop}.displayName`, flag.displayName, '1-64 characters without a line break');
    checkDescription(scope, `${prop}.description`, flag.description);
    if (flag.removeAfter !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(flag.removeAfter)) {
      fail(scope, `${prop}.removeAfter`, flag.removeAfter, 'a date as YYYY-MM-DD');
    }
    if (flag.attributes.length > AppConfig.maxAttributesPerFlag) {
      fail(scope, `${prop}.attributes`, flag.attributes, `at most ${AppConfig.maxAttributesPerFlag} attributes per flag`);
    }
    const names = new Set<string>();
    flag.attributes.forEach((a, j) => {
      const aprop = `${prop}.attributes[${j}]`;
      if (!whole(AppConfig.flagKeyPattern).test(a.name)) fail(scope, `${aprop}.name`, a.name, keyAllowed);
      if (a.name === 'enabled') fail(scope, `${aprop}.name`, a.name, 'any key but "enabled", which AppConfig uses for the flag\'s own state');
      if (names.has(a.name)) fail(scope, `${aprop}.name`, a.name, 'each attribute name at most once per flag (this one is repeated)');
      names.add(a.name);
      checkDescription(scope, `${aprop}.description`, a.description);
      validateAttribute(scope, aprop, a);
    });
  });
}

function validateAttribute(scope: IConstruct, prop: string, a: FlagAttribute): void {
  const c = a._constraints;
  if (c.pattern !== undefined && c.allowedValues !== undefined) {
    fail(scope, `${prop}.pattern`, c.pattern, 'either a pattern or allowed values, not both (AppConfig\'s string constraints)');
  }
  if (c.pattern !== undefined) {
    if (c.pattern.length > AppConfig.maxStringValueLength) fail(scope, `${prop}.pattern`, c.pattern, `a pattern of at most ${AppConfig.maxStringValueLength} characters`);
    try {
      new RegExp(c.pattern);
    } catch {
      fail(scope, `${prop}.pattern`, c.pattern, 'a valid regular expression');
    }
  }
  if (c.allowedValues !== undefined && (c.allowedValues.length === 0 || c.allowedValues.length > AppConfig.maxEnumValues)) {
    fail(scope, `${prop}.allowedValues`, c.allowedValues, `1 to ${AppConfig.maxEnumValues} values`);
  }
  for (const [name, bound] of [['minimum', c.minimum], ['maximum', c.maximum]] as const) {
    if (bound !== undefined && !Number.isInteger(bound)) fail(scope, `${prop}.${name}`, bound, 'a whole number (AppConfig\'s number constraints take integers)');
  }
  if (c.minimum !== undefined && c.maximum !== undefined && c.minimum > c.maximum) {
    fail(scope, `${prop}.minimum`, c.minimum, `at most the maximum (${c.maximum})`);
  }
  const checkString = (value: unknown, vprop: string) => {
    if (isUnresolved(value)) return;
    if (typeof value !== 'string') return fail(scope, vprop, value, 'a string');
    if (value.length > AppConfig.maxStringValueLength) fail(scope, vprop, value, `at most ${AppConfig.maxStringValueLength} characters`);
    if (c.pattern !== undefined && !new RegExp(c.pattern).test(value)) fail(scope, vprop, value, `a value matching the attribute's pattern ${c.pattern}`);
    if (c.allowedValues !== undefined && !c.allowedValues.includes(value)) {
      fail(scope, vprop, value, `one of ${c.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`);
    }
  };
  const checkNumber = (value: unknown, vprop: string) => {
    if (isUnresolved(value)) return;
    if (typeof value !== 'number' || !Number.isFinite(value)) return fail(scope, vprop, value, 'a finite number');
    if ((c.minimum !== undefined && value < c.minimum) || (c.maximum !== undefined && value > c.maximum)) {
      fail(scope, vprop, value, `a number from ${c.minimum ?? '-infinity'} to ${c.maximum ?? 'infinity'}`);
    }
  };
  const value = a._value;
  if (isUnresolved(value)) return;
  switch (a.type) {
    case FlagAttributeType.STRING: return checkString(value, `${prop}.value`);
    case FlagAttributeType.NUMBER: return checkNumber(value, `${prop}.value`);
    case FlagAttributeType.BOOLEAN:
      if (typeof value !== 'boolean') fail(scope, `${prop}.value`, value, 'true or false');
      return;
    case FlagAttributeType.STRING_LIST:
      if (!Array.isArray(value)) return fail(scope, `${prop}.value`, value, 'a list of strings');
      return value.forEach((v, k) => checkString(v, `${prop}.value[${k}]`));
    case FlagAttributeType.NUMBER_LIST:
      if (!Array.isArray(value)) return fail(scope, `${prop}.value`, value, 'a list of numbers');
      return value.forEach((v, k) => checkNumber(v, `${prop}.value[${k}]`));
  }
}

function checkDescription(scope: IConstruct, prop: string, description: string | undefined): void {
  if (description !== undefined && description.length > AppConfig.maxDescriptionLength) {
    fail(scope, prop, description, `at most ${AppConfig.maxDescriptionLength} characters`);
  }
}

function whole(pattern: RegExp): RegExp {
  return new RegExp(`^(?:${pattern.source})$`);
}
