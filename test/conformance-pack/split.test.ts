import * as fc from 'fast-check';
import { PackEntry, renderParts } from '../../constructs/conformance-pack/private/template-parts';

const entries = (count: number): PackEntry[] => Array.from({ length: count }, (_, i) => ({
  ruleName: `rule-${i}`,
  logicalId: `Rule${i}`,
  rule: { Type: 'AWS::Config::ConfigRule', Properties: { ConfigRuleName: `rule-${i}`, Source: { Owner: 'AWS', SourceIdentifier: 'ACCESS_KEYS_ROTATED' } } },
  remediations: [],
}));

/** Part index of every rule name. */
function partOf(count: number): Map<string, number> {
  const parts = renderParts({ parameters: {}, entries: entries(count) }, 130);
  return new Map(parts.flatMap((p) => p.ruleNames.map((name) => [name, p.index] as [string, number])));
}

/** Rules of `before` that sit in another part once `after` rules are given. */
function moved(before: number, after: number): string[] {
  const was = partOf(before);
  const now = partOf(after);
  return [...was.entries()].filter(([name, part]) => now.get(name) !== part).map(([name]) => name);
}

test('any number of rules: fewest parts, at most 130 rules each, filled in order, same input same output', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 700 }), (count) => {
    const document = { parameters: {}, entries: entries(count) };
    const parts = renderParts(document, 130);
    const sizes = parts.map((p) => p.ruleNames.length);
    expect(parts).toHaveLength(Math.ceil(count / 130));
    // Every part but the last is full.
    expect(sizes.slice(0, -1).every((size) => size === 130)).toBe(true);
    expect(sizes[sizes.length - 1]).toBe(count - 130 * (parts.length - 1));
    expect(parts.flatMap((p) => p.ruleNames)).toEqual(document.entries.map((e) => e.ruleName));
    expect(parts.map((p) => p.index)).toEqual(parts.map((_, i) => i + 1));
    expect(renderParts(document, 130).map((p) => p.text)).toEqual(parts.map((p) => p.text));
  }), { numRuns: 60 });
});

test('appending rules never moves an existing rule to another part', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 200 }), (count, added) => {
    expect(moved(count, count + added)).toEqual([]);
  }), { numRuns: 60 });
});

test('130 -> 131 and 260 -> 261 move nothing (the balanced split moved 64 and 129 rules)', () => {
  expect(moved(130, 131)).toEqual([]);
  expect(moved(260, 261)).toEqual([]);
  expect(partOf(131).get('rule-130')).toBe(2);
  expect(partOf(261).get('rule-260')).toBe(3);
});

test('an unsplit template given as text is delivered unchanged; a split one is re-rendered', () => {
  const text = '# comment kept\nResources: {}\n';
  expect(renderParts({ parameters: {}, entries: entries(3), originalText: text }, 130)[0].text).toBe(text);
  expect(renderParts({ parameters: {}, entries: entries(131), originalText: text }, 130)[0].text).not.toContain('# comment kept');
});

test('strings that YAML 1.1 would read as booleans or dates stay quoted strings', () => {
  const document = {
    parameters: {},
    entries: [{
      ruleName: 'r',
      logicalId: 'R',
      remediations: [],
      rule: { Type: 'AWS::Config::ConfigRule', Properties: { ConfigRuleName: 'r', InputParameters: { a: 'yes', b: 'on', c: '2026-01-01' }, Source: { Owner: 'AWS', SourceIdentifier: 'X' } } },
    }],
  };
  const text = renderParts(document, 130)[0].text;
  expect(text).toContain('a: "yes"');
  expect(text).toContain('b: "on"');
  expect(text).toContain('c: "2026-01-01"');
});
