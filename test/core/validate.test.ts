import { App, Lazy, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { GantryErrors } from '../../constructs';
import { checkCount, checkEach, checkOneOf, checkPattern, checkRange, checkUnique, describe as describeValue, Limits, ValidationError } from '../../constructs/core';

class Widget extends Construct {}

function scope() {
  const app = new App();
  return new Widget(new Stack(app, 'S'), 'W');
}

test('the error names the construct, its path, the prop, the value and what is allowed', () => {
  const w = scope();
  let error: unknown;
  try {
    checkRange(w, 'percentage', 150, 1, 99, { integer: true, unit: 'percent' });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  const v = error as ValidationError;
  expect(v.message).toBe("[Widget at 'S/W'] invalid 'percentage': got 150; allowed: a whole number from 1 to 99 percent");
  expect(v.prop).toBe('percentage');
  expect(v.constructPath).toBe('S/W');
});

test('checkPattern matches the whole string', () => {
  const w = scope();
  expect(() => checkPattern(w, 'name', 'abc', /[a-z]+/, 'lowercase')).not.toThrow();
  expect(() => checkPattern(w, 'name', 'abc1', /[a-z]+/, 'lowercase')).toThrow(/invalid 'name': got "abc1"; allowed: lowercase/);
  expect(() => checkPattern(w, 'name', undefined, /[a-z]+/, 'lowercase')).not.toThrow();
});

test('checkRange rejects out of range, NaN and fractions when whole numbers are asked for', () => {
  const w = scope();
  expect(() => checkRange(w, 'n', 1, 1, 10)).not.toThrow();
  expect(() => checkRange(w, 'n', 10, 1, 10)).not.toThrow();
  expect(() => checkRange(w, 'n', 0, 1, 10)).toThrow(/from 1 to 10/);
  expect(() => checkRange(w, 'n', Number.NaN, 1, 10)).toThrow(/got NaN/);
  expect(() => checkRange(w, 'n', 2.5, 1, 10, { integer: true })).toThrow(/a whole number/);
  expect(() => checkRange(w, 'n', 2.5, 1, 10)).not.toThrow();
});

test('checkCount, checkEach, checkUnique and checkOneOf', () => {
  const w = scope();
  expect(() => checkCount(w, 'list', [], 1, 3)).toThrow(/1 to 3 item/);
  expect(() => checkCount(w, 'list', [1, 2, 3, 4], 1, 3)).toThrow("invalid 'list': got [1, 2, 3, 4]; allowed: 1 to 3 item(s)");
  expect(() => checkEach(w, 'ids', ['111111111111', 'x'], Limits.organizations.accountIdPattern, '12 digits')).toThrow(/invalid 'ids\[1\]': got "x"/);
  expect(() => checkUnique(w, 'names', ['a', 'b', 'a'])).toThrow(/invalid 'names': got "a"; allowed: each value at most once/);
  expect(() => checkOneOf(w, 'mode', 'FAST', ['QUEUED', 'SUPERSEDED'])).toThrow(/one of "QUEUED", "SUPERSEDED"/);
});

test('unresolved tokens are never rejected', () => {
  const w = scope();
  const str = Lazy.string({ produce: () => 'x' });
  const num = Lazy.number({ produce: () => 1000 });
  const list = Token.asList(Lazy.any({ produce: () => ['a'] }));
  expect(() => checkPattern(w, 'p', str, /[a-z]/, 'a letter')).not.toThrow();
  expect(() => checkRange(w, 'r', num, 1, 2)).not.toThrow();
  expect(() => checkCount(w, 'c', list, 5, 6)).not.toThrow();
  expect(() => checkEach(w, 'e', [str], /\d+/, 'digits')).not.toThrow();
  expect(() => checkUnique(w, 'u', [str, str])).not.toThrow();
  expect(() => checkOneOf(w, 'o', str, ['A'])).not.toThrow();
});

test('property: checkRange accepts exactly the whole numbers in range', () => {
  const w = scope();
  fc.assert(fc.property(fc.integer({ min: -1000, max: 1000 }), (n) => {
    let threw = false;
    try {
      checkRange(w, 'n', n, 1, 99, { integer: true });
    } catch {
      threw = true;
    }
    return threw === (n < 1 || n > 99);
  }));
});

test('property: CodeArtifact domain names the pattern accepts are 2-50 chars of [a-z0-9-], starting with a letter', () => {
  const w = scope();
  fc.assert(fc.property(fc.string({ maxLength: 60 }), (s) => {
    let ok = true;
    try {
      checkPattern(w, 'domainName', s, Limits.codeArtifact.domainNamePattern, '');
    } catch {
      ok = false;
    }
    const expected = s.length >= 2 && s.length <= 50 && /^[a-z]/.test(s) && /^[a-z0-9-]+$/.test(s) && !s.endsWith('-');
    return ok === expected;
  }));
});

test('users tell a Gantry validation error apart with the public GantryErrors.isValidationError', () => {
  const w = scope();
  let caught: unknown;
  try {
    checkOneOf(w, 'mode', 'fast', ['FAST', 'SAFE']);
  } catch (e) {
    caught = e;
  }
  expect(GantryErrors.isValidationError(caught)).toBe(true);
  if (!GantryErrors.isValidationError(caught)) throw new Error('unreachable');
  // TypeScript narrows to the error's fields.
  expect([caught.constructPath, caught.prop]).toEqual(['S/W', 'mode']);
  expect(GantryErrors.isValidationError(new Error('other'))).toBe(false);
  expect(GantryErrors.isValidationError(undefined)).toBe(false);
  expect(GantryErrors.isValidationError('a string')).toBe(false);
});

test('checkOneOf suggests the nearest allowed value', () => {
  expect(() => checkOneOf(scope(), 'mode', 'fast', ['FAST', 'SAFE'])).toThrow('allowed: one of "FAST", "SAFE"; did you mean "FAST"?');
  expect(() => checkOneOf(scope(), 'mode', 'unrelated', ['FAST', 'SAFE'])).toThrow(/allowed: one of "FAST", "SAFE"$/);
});

test('a rejected list shows its items, shortened with its length when they do not fit', () => {
  expect(describeValue([])).toBe('[]');
  expect(describeValue(['eu-west-1', 'us-east-1'])).toBe('["eu-west-1", "us-east-1"]');
  expect(describeValue([1, [2, 3], { a: 1 }])).toBe('[1, a list of 2, {"a":1}]');
  const arns = Array.from({ length: 6 }, (_, i) => `arn:aws:lambda:eu-west-1:111111111111:function:service-${i}`);
  const shown = describeValue(arns);
  expect(shown).toMatch(/^\["arn:aws:lambda:eu-west-1:111111111111:function:service-0", \.\.\.\] \(6 items\)$/);
  expect(shown.length).toBeLessThanOrEqual(120);
});

test('one CloudFormation name rule for stacks, stack sets and change sets: a letter, then letters, digits and hyphens, up to 128', () => {
  const w = scope();
  const check = (name: string) => () => checkPattern(w, 'stackName', name, Limits.cloudFormation.namePattern, Limits.cloudFormation.nameAllowed);
  expect(check(`a${'-1'.repeat(63)}b`)).not.toThrow(); // 128 characters
  expect(check(`a${'b'.repeat(128)}`)).toThrow('allowed: a letter, then letters, digits and hyphens (up to 128 characters)');
  expect(check('1stack')).toThrow(/got "1stack"/);
  expect(check('my_stack')).toThrow(/got "my_stack"/);
});
