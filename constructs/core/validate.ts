import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ValidationError } from './errors';
import { didYouMean } from './suggest';

/**
 * Synth-time prop checks shared by every construct. Each check names the construct (from its
 * scope), the prop and what is allowed; unresolved tokens are always let through, since their
 * value is only known at deploy time.
 */

/** True when the value (or any part of it) is an unresolved token that cannot be checked now. */
export function isUnresolved(value: unknown): boolean {
  return Token.isUnresolved(value);
}

/** Throws a ValidationError naming the prop. */
export function fail(scope: IConstruct, prop: string, value: unknown, allowed: string): never {
  throw new ValidationError(scope, prop, value, allowed);
}

/** A string that must match a pattern (whole string). Skipped when undefined or a token. */
export function checkPattern(scope: IConstruct, prop: string, value: string | undefined, pattern: RegExp, allowed: string): void {
  if (value === undefined || isUnresolved(value)) return;
  const anchored = new RegExp(`^(?:${pattern.source})$`, pattern.flags);
  if (!anchored.test(value)) fail(scope, prop, value, allowed);
}

/** A number within [min, max]; integers only when `integer` is set. */
export function checkRange(
  scope: IConstruct, prop: string, value: number | undefined,
  min: number, max: number, options: { integer?: boolean; unit?: string } = {},
): void {
  if (value === undefined || isUnresolved(value)) return;
  const unit = options.unit ? ` ${options.unit}` : '';
  const kind = options.integer ? 'a whole number' : 'a number';
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max || (options.integer && !Number.isInteger(value))) {
    fail(scope, prop, value, `${kind} from ${min} to ${max}${unit}`);
  }
}

/** A list whose length is within [min, max]. Skipped when undefined or a token list. */
export function checkCount(scope: IConstruct, prop: string, value: readonly unknown[] | undefined, min: number, max: number): void {
  if (value === undefined || isUnresolved(value)) return;
  if (value.length < min || value.length > max) {
    const allowed = min === max ? `exactly ${min} item(s)` : `${min} to ${max} item(s)`;
    fail(scope, prop, value, allowed);
  }
}

/** Each (resolved) item of a list must match a pattern. */
export function checkEach(scope: IConstruct, prop: string, values: readonly string[] | undefined, pattern: RegExp, allowed: string): void {
  if (values === undefined || isUnresolved(values)) return;
  values.forEach((value, index) => checkPattern(scope, `${prop}[${index}]`, value, pattern, allowed));
}

/** No two (resolved) items of a list may be equal. */
export function checkUnique(scope: IConstruct, prop: string, values: readonly string[] | undefined): void {
  if (values === undefined || isUnresolved(values)) return;
  const seen = new Set<string>();
  for (const value of values) {
    if (isUnresolved(value)) continue;
    if (seen.has(value)) fail(scope, prop, value, 'each value at most once (this one is repeated)');
    seen.add(value);
  }
}

/** One of a fixed set of values. */
export function checkOneOf<T extends string | number>(scope: IConstruct, prop: string, value: T | undefined, allowed: readonly T[]): void {
  if (value === undefined || isUnresolved(value)) return;
  if (allowed.includes(value)) return;
  const suggestion = typeof value === 'string' ? didYouMean(value, allowed.filter((a): a is T & string => typeof a === 'string')) : '';
  fail(scope, prop, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}${suggestion}`);
}
