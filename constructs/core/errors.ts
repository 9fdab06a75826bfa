import { IConstruct } from 'constructs';

/** Marks Gantry's validation errors, also across copies of the library in one program. */
const VALIDATION_ERROR = Symbol.for('@gantry/cdk.ValidationError');

/**
 * Thrown at synth time when a prop is invalid. The message names the construct path, the prop,
 * the rejected value and what is allowed, so the fix is obvious without a failed deployment.
 *
 * Not itself on the jsii surface (jsii cannot export subclasses of Error): users tell it apart with
 * the public `GantryErrors.isValidationError(error)`, which TypeScript narrows to this class.
 */
export class ValidationError extends Error {
  public readonly constructPath: string;
  public readonly prop: string;
  public readonly allowed: string;

  constructor(scope: IConstruct, prop: string, value: unknown, allowed: string) {
    const path = scope.node.path || '<root>';
    const construct = constructName(scope);
    super(`[${construct} at '${path}'] invalid '${prop}': got ${describe(value)}; allowed: ${allowed}`);
    this.name = 'ValidationError';
    this.constructPath = path;
    this.prop = prop;
    this.allowed = allowed;
    Object.defineProperty(this, VALIDATION_ERROR, { value: true });
  }
}

/**
 * Tells Gantry's errors apart from others, so an app can catch the props Gantry rejects at synth.
 * Each such error's message names the construct path, the prop, the rejected value and what is
 * allowed; in TypeScript its `constructPath`, `prop` and `allowed` are also fields.
 */
export class GantryErrors {
  /**
   * Whether `error` is a Gantry validation error: a prop rejected at synth time.
   * @param error anything caught
   */
  public static isValidationError(error: unknown): error is ValidationError {
    return error !== null && typeof error === 'object' && VALIDATION_ERROR in error;
  }

  private constructor() {}
}

function constructName(scope: IConstruct): string {
  return scope.constructor?.name ?? 'Construct';
}

/** A short, safe rendering of a rejected value for an error message. */
export function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value.length > 120 ? `${value.slice(0, 117)}...` : value);
  if (Array.isArray(value)) return describeList(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 120 ? `${json.slice(0, 117)}...` : json;
  } catch {
    return typeof value;
  }
}

/** A list as its items (`["a", "b"]`), shortened with its length when the items do not fit. */
function describeList(values: readonly unknown[]): string {
  const items = values.map((v) => (Array.isArray(v) ? `a list of ${v.length}` : describe(v)));
  const all = `[${items.join(', ')}]`;
  if (all.length <= 120) return all;
  const shown: string[] = [];
  for (const item of items) {
    if (`[${[...shown, item].join(', ')}, ...]`.length > 100) break;
    shown.push(item);
  }
  return shown.length > 0 ? `[${[...shown, '...'].join(', ')}] (${values.length} items)` : `a list of ${values.length} items`;
}
