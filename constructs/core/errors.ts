import { IConstruct } from 'constructs';

/**
 * Thrown at synth time when a prop is invalid. The message names the construct path, the prop,
 * the rejected value and what is allowed, so the fix is obvious without a failed deployment.
 *
 * Internal: not part of the jsii surface (jsii cannot export subclasses of Error).
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
  }
}

function constructName(scope: IConstruct): string {
  return scope.constructor?.name ?? 'Construct';
}

/** A short, safe rendering of a rejected value for an error message. */
export function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value.length > 120 ? `${value.slice(0, 117)}...` : value);
  if (Array.isArray(value)) return `a list of ${value.length} item(s)`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 120 ? `${json.slice(0, 117)}...` : json;
  } catch {
    return typeof value;
  }
}
