import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { App, Stack, Token } from 'aws-cdk-lib';
import { FeatureFlag, FeatureFlags, FlagAttribute } from '../../constructs';

// Golden files: the exact bytes AppConfig hosts. Rewrite them on purpose with UPDATE_GOLDEN=1.
function expectGolden(name: string, actual: string): void {
  const file = join(__dirname, 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, `${actual}\n`);
  expect(actual).toBe(readFileSync(file, 'utf-8').replace(/\n$/, ''));
}

const checkout = () => FeatureFlag.boolean('newCheckout', {
  displayName: 'New checkout',
  description: 'The one-page checkout',
  enabled: true,
  removeAfter: '2027-06-30',
  attributes: [
    FlagAttribute.number('rolloutPercent', { value: 25, minimum: 0, maximum: 100, required: true, description: 'Share of sessions' }),
    FlagAttribute.string('theme', { value: 'dark', allowedValues: ['dark', 'light'] }),
    FlagAttribute.string('banner', { value: 'NEW-1', pattern: '^[A-Z]+-\\d+$' }),
    FlagAttribute.boolean('showSurvey', { value: false }),
    FlagAttribute.stringList('betaCustomers', { value: ['acme', 'globex'], elementPattern: '^[a-z]+$' }),
    FlagAttribute.numberList('tiers', { value: [1, 2, 3], minimum: 1, maximum: 5 }),
  ],
});
const killSwitch = () => FeatureFlag.killSwitch('disableRecommendations', { description: 'Stops calling the recommendation service' });

test('renders AppConfig\'s feature-flag format: version "1", flag definitions with constraints, values', () => {
  const json = FeatureFlags.render([checkout(), killSwitch()]);
  expectGolden('checkout-and-kill-switch.json', json);
  const doc = JSON.parse(json);
  expect(doc.version).toBe('1');
  expect(doc.flags.newCheckout).toEqual({
    name: 'New checkout',
    description: 'The one-page checkout',
    _deprecation: { status: 'planned', date: '2027-06-30' },
    attributes: {
      rolloutPercent: { description: 'Share of sessions', constraints: { type: 'number', required: true, minimum: 0, maximum: 100 } },
      theme: { constraints: { type: 'string', enum: ['dark', 'light'] } },
      banner: { constraints: { type: 'string', pattern: '^[A-Z]+-\\d+$' } },
      showSurvey: { constraints: { type: 'boolean' } },
      betaCustomers: { constraints: { type: 'array', elements: { type: 'string', pattern: '^[a-z]+$' } } },
      tiers: { constraints: { type: 'array', elements: { type: 'number', minimum: 1, maximum: 5 } } },
    },
  });
  expect(doc.values.newCheckout).toEqual({ enabled: true, rolloutPercent: 25, theme: 'dark', banner: 'NEW-1', showSurvey: false, betaCustomers: ['acme', 'globex'], tiers: [1, 2, 3] });
  expect(doc.flags.disableRecommendations).toEqual({ name: 'disableRecommendations', description: 'Stops calling the recommendation service' });
  expect(doc.values.disableRecommendations).toEqual({ enabled: false });
});

test('a minimal flag renders without optional keys', () => {
  expectGolden('minimal.json', FeatureFlags.render([FeatureFlag.boolean('beta')]));
});

test('rendering is deterministic: the order flags and attributes are given in does not change a byte', () => {
  const a = FeatureFlags.render([checkout(), killSwitch()]);
  const reordered = checkout();
  const shuffled = FeatureFlag.boolean('newCheckout', {
    displayName: reordered.displayName,
    description: reordered.description,
    enabled: true,
    removeAfter: reordered.removeAfter,
    attributes: [...reordered.attributes].reverse(),
  });
  expect(FeatureFlags.render([killSwitch(), shuffled])).toBe(a);
  // Keys are sorted at every depth.
  const keysInOrder = (o: any): boolean => typeof o !== 'object' || o === null || Array.isArray(o)
    || (Object.keys(o).join() === [...Object.keys(o)].sort().join() && Object.values(o).every(keysInOrder));
  expect(keysInOrder(JSON.parse(a))).toBe(true);
});

test('the same flags give the same hosted version; a changed value gives new content', () => {
  const content = (enabled: boolean) => {
    const stack = new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
    return new FeatureFlags(stack, 'Flags', { flags: [FeatureFlag.boolean('beta', { enabled })], environments: [{ name: 'Dev' }] }).content;
  };
  expect(content(false)).toBe(content(false));
  expect(content(true)).not.toBe(content(false));
});

describe('bad flags are refused at synth with the construct path, the prop and what is allowed', () => {
  const build = (flags: FeatureFlag[]) => () => new FeatureFlags(new Stack(new App(), 'S'), 'Flags', { flags, environments: [{ name: 'Dev' }] });

  test.each([
    ['NewCheckout', 'starts with a capital'],
    ['1flag', 'starts with a digit'],
    ['new.checkout', 'has a dot'],
    ['a'.repeat(65), 'is 65 characters'],
  ])('flag key %j (%s)', (key) => {
    expect(build([FeatureFlag.boolean(key)])).toThrow(/\[FeatureFlags at 'S\/Flags'\] invalid 'flags\[0\]\.key'.*a lowercase letter, then letters, digits/);
  });

  test('a key of 64 characters is accepted', () => {
    expect(build([FeatureFlag.boolean(`a${'b'.repeat(63)}`)])).not.toThrow();
  });

  test('duplicate flag keys', () => {
    expect(build([FeatureFlag.boolean('beta'), FeatureFlag.killSwitch('beta')])).toThrow(/invalid 'flags\[1\]\.key': got "beta"; allowed: each flag key at most once/);
  });

  test('more than 25 attributes', () => {
    const attributes = Array.from({ length: 26 }, (_, i) => FlagAttribute.boolean(`a${i}`, { value: true }));
    expect(build([FeatureFlag.boolean('beta', { attributes })])).toThrow(/invalid 'flags\[0\]\.attributes': got \[{"name":"a0".*\] \(26 items\); allowed: at most 25 attributes per flag/);
    expect(build([FeatureFlag.boolean('beta', { attributes: attributes.slice(0, 25) })])).not.toThrow();
  });

  test('a number outside its bounds', () => {
    expect(build([FeatureFlag.boolean('beta', { attributes: [FlagAttribute.number('percent', { value: 101, minimum: 0, maximum: 100 })] })]))
      .toThrow(/invalid 'flags\[0\]\.attributes\[0\]\.value': got 101; allowed: a number from 0 to 100/);
  });

  test('a list element outside its bounds names the element', () => {
    expect(build([FeatureFlag.boolean('beta', { attributes: [FlagAttribute.numberList('tiers', { value: [1, 9], maximum: 5 })] })]))
      .toThrow(/invalid 'flags\[0\]\.attributes\[0\]\.value\[1\]': got 9/);
  });

  test('a string not in its allowed values, or not matching its pattern', () => {
    expect(build([FeatureFlag.boolean('beta', { attributes: [FlagAttribute.string('theme', { value: 'blue', allowedValues: ['dark', 'light'] })] })]))
      .toThrow(/invalid 'flags\[0\]\.attributes\[0\]\.value': got "blue"; allowed: one of "dark", "light"/);
    expect(build([FeatureFlag.boolean('beta', { attributes: [FlagAttribute.stringList('ids', { value: ['ok', 'NO'], elementPattern: '^[a-z]+$' })] })]))
      .toThrow(/invalid 'flags\[0\]\.attributes\[0\]\.value\[1\]': got "NO"; allowed: a value matching/);
  });

  test('both a pattern and allowed values, a non-integer bound, an "enabled" attribute, a duplicate attribute', () => {
    expect(build([FeatureFlag.boolean('beta', { attributes: [FlagAttribute.string('t', { value: 'a', pattern: 'a', allowedValues: ['a'] })] })]))
      .toThrow(/either a pattern or allowed values, not both/);
    expect(build([FeatureFlag.boolean('beta', { attributes: [FlagAttribute.number('n', { value: 1, minimum: 0.5 })] })]))
      .toThrow(/invalid 'flags\[0\]\.attributes\[0\]\.minimum': got 0.5; allowed: a whole number/);
    expect(build([FeatureFlag.boolean('beta', { attributes: [FlagAttribute.boolean('enabled', { value: true })] })]))
      .toThrow(/invalid 'flags\[0\]\.attributes\[0\]\.name': got "enabled"/);
    expect(build([FeatureFlag.boolean('beta', { attributes: [FlagAttribute.boolean('x', { value: true }), FlagAttribute.boolean('x', { value: false })] })]))
      .toThrow(/invalid 'flags\[0\]\.attributes\[1\]\.name': got "x"; allowed: each attribute name at most once/);
  });

  test('a display name with a line break, a too-long string, a bad removal date', () => {
    expect(build([FeatureFlag.boolean('beta', { displayName: 'two\nlines' })])).toThrow(/invalid 'flags\[0\]\.displayName'/);
    expect(build([FeatureFlag.boolean('beta', { attributes: [FlagAttribute.string('s', { value: 'x'.repeat(1025) })] })])).toThrow(/at most 1024 characters/);
    expect(build([FeatureFlag.boolean('beta', { removeAfter: '30.06.2027' })])).toThrow(/invalid 'flags\[0\]\.removeAfter'.*YYYY-MM-DD/);
  });

  test('token values pass (checked by AppConfig at deploy time)', () => {
    const value = Token.asNumber({ Ref: 'Percent' });
    expect(build([FeatureFlag.boolean('beta', { attributes: [FlagAttribute.number('percent', { value, maximum: 100 })] })])).not.toThrow();
  });
});
