import * as fc from 'fast-check';
import { countStarWarsMentions, isHttpEvent, textOf } from '../../../examples/service/count';

describe('countStarWarsMentions', () => {
  test.each([
    ['Star Wars! I love star wars.', 2],
    ['STAR WARS, star-wars, star_wars and Star   Wars', 4],
    ['starwars counts too', 1],
    ['', 0],
    ['Star Trek and a war among stars', 0],
    ['superstar warship', 0], // word boundaries: neither word stands alone
  ])('%j mentions Star Wars %d times', (text, expected) => {
    expect(countStarWarsMentions(text)).toBe(expected);
  });

  test('the count of joined texts is the sum of their counts (property)', () => {
    // Filler without letters cannot create or break a mention at the joins.
    const filler = fc.string({ unit: fc.constantFrom(' ', '.', '!', '1', '\n'), maxLength: 5 });
    fc.assert(fc.property(fc.array(fc.tuple(fc.boolean(), filler), { maxLength: 20 }), (parts) => {
      const text = parts.map(([mention, f]) => (mention ? ` Star Wars ${f}` : ` ${f}`)).join('');
      expect(countStarWarsMentions(text)).toBe(parts.filter(([mention]) => mention).length);
    }));
  });
});

describe('textOf', () => {
  test('reads a direct invocation, a string and HTTP bodies (JSON, plain, base64)', () => {
    expect(textOf({ text: 'star wars' })).toBe('star wars');
    expect(textOf('star wars')).toBe('star wars');
    expect(textOf({ body: JSON.stringify({ text: 'a star wars fan' }) })).toBe('a star wars fan');
    expect(textOf({ body: 'plain star wars' })).toBe('plain star wars');
    expect(textOf({ body: Buffer.from('{"text":"encoded star wars"}').toString('base64'), isBase64Encoded: true })).toBe('encoded star wars');
  });

  test('an event without text is the empty text', () => {
    expect(textOf(undefined)).toBe('');
    expect(textOf(null)).toBe('');
    expect(textOf(42)).toBe('');
    expect(textOf({ text: 42 })).toBe('');
    expect(textOf({ body: { text: 'not a string body' } })).toBe('');
  });
});

test('isHttpEvent tells HTTP events from direct invocations', () => {
  expect(isHttpEvent({ body: '{}' })).toBe(true);
  expect(isHttpEvent({ requestContext: {}, body: null })).toBe(true);
  expect(isHttpEvent({ text: 'star wars' })).toBe(false);
  expect(isHttpEvent('star wars')).toBe(false);
  expect(isHttpEvent(undefined)).toBe(false);
});
