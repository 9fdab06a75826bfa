import { readFileSync } from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { newStack } from './helpers';
import { PackRule } from '../../constructs';
import { RuleRenderContext } from '../../constructs/conformance-pack/internal';
import { MANAGED_RULES, RuleParameterType, RuleTrigger } from '../../constructs/conformance-pack/rules';

/** The extracted catalogue: the tests follow the data, not a hand-picked list. */
const catalogue = JSON.parse(readFileSync(path.join(__dirname, '../../data/config-rules/managed-rules.json'), 'utf-8'));
const rules: any[] = catalogue.rules;

const context: RuleRenderContext = {
  builtInEvaluator: () => { throw new Error('not used by managed rules'); },
  allowConfigToInvoke: () => undefined,
};

/** A valid value of each documented type, and how Config gets it. */
const SAMPLE: Record<RuleParameterType, [unknown, string]> = {
  Int: [7, '7'],
  Double: [0.5, '0.5'],
  Boolean: [true, 'true'],
  CSV: [['a', 'b'], 'a,b'],
  String: ['value', 'value'],
  StringMap: [{ team: 'platform', owner: '' }, 'team:platform,owner'],
};

/** A value for each parameter the rule requires. */
function requiredValues(fact: any): Record<string, unknown> {
  return Object.fromEntries(fact.parameters.filter((p: any) => !p.optional).map((p: any) => [p.name, SAMPLE[p.type as RuleParameterType][0]]));
}

function render(rule: PackRule, stack: Stack = new Stack(new App(), 'S')) {
  return rule._render(stack, 'rules[0]', context);
}

test('the data names its sources, their commits and dates, and when it was extracted', () => {
  expect(catalogue.extractedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(catalogue.sources.map((s: any) => s.repository)).toEqual(['awsdocs/aws-config-developer-guide', 'awslabs/aws-config-rules']);
  for (const source of catalogue.sources) {
    expect(source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(source.commitDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  }
  // The archived guide documents 317 rules; AWS's packs add the newer ones.
  expect(rules.filter((r) => r.source === 'docs').length).toBeGreaterThanOrEqual(317);
  expect(rules.length).toBeGreaterThanOrEqual(400);
});

test('the generated registry is the data: every rule, trigger, default scope and parameter', () => {
  expect([...MANAGED_RULES.keys()].sort()).toEqual(rules.map((r) => r.identifier).sort());
  for (const fact of rules) {
    const rule = MANAGED_RULES.get(fact.identifier)!;
    expect({ id: fact.identifier, trigger: rule.trigger }).toEqual({ id: fact.identifier, trigger: fact.trigger });
    expect(rule.resourceTypes ?? []).toEqual(fact.resourceTypes);
    expect(Object.keys(rule.parameters ?? {})).toEqual(fact.parameters.map((p: any) => p.name));
    for (const parameter of fact.parameters) {
      const generated = rule.parameters![parameter.name];
      expect({ name: parameter.name, type: generated.type, required: generated.required === true })
        .toEqual({ name: parameter.name, type: parameter.type, required: !parameter.optional });
    }
    expect(rule.documented).toBe(fact.source === 'docs' ? undefined : false);
  }
});

describe.each(rules.map((r) => [r.identifier, r]))('%s', (identifier, fact) => {
  test('accepts every documented parameter, renders them as Config takes them, scoped to the documented types', () => {
    const inputParameters: Record<string, unknown> = {};
    const expected: Record<string, string> = {};
    for (const p of fact.parameters) {
      inputParameters[p.name] = SAMPLE[p.type as RuleParameterType][0];
      expected[p.name] = SAMPLE[p.type as RuleParameterType][1];
    }
    const { properties } = render(PackRule.managed(identifier, { inputParameters }));
    expect(properties.Source).toEqual({ Owner: 'AWS', SourceIdentifier: identifier });
    expect(properties.InputParameters ?? {}).toEqual(expected);
    expect((properties.Scope as any)?.ComplianceResourceTypes ?? []).toEqual(fact.resourceTypes);
  });

  test('honours the trigger type: a frequency only where Config runs it periodically', () => {
    const required = requiredValues(fact);
    const rule = PackRule.managed(identifier, { inputParameters: required, periodicHours: 6 });
    if (fact.trigger === RuleTrigger.CHANGE) {
      expect(() => render(rule)).toThrow(new RegExp(`periodicHours'.*${identifier} is change-triggered`));
    } else {
      expect(render(rule).properties.MaximumExecutionFrequency).toBe('Six_Hours');
    }
  });

  test('refuses an unknown parameter and names the documented ones', () => {
    const required = requiredValues(fact);
    const names = fact.parameters.map((p: any) => p.name);
    expect(() => render(PackRule.managed(identifier, { inputParameters: { ...required, notAParameterOfThisRule: 'x' } })))
      .toThrow(names.length ? `a parameter of ${identifier}: ${names.join(', ')}` : `no parameters (${identifier} takes none)`);
  });
});

test('a rule without a parameter the guide lists as required is refused, naming it', () => {
  const withRequired = rules.filter((r) => r.parameters.some((p: any) => !p.optional));
  expect(withRequired.length).toBeGreaterThan(20);
  for (const fact of withRequired) {
    const missing = fact.parameters.find((p: any) => !p.optional);
    expect(() => render(PackRule.managed(fact.identifier))).toThrow(`requires parameter ${missing.name}`);
  }
});

test('REQUIRED_TAGS is scoped to every resource type the guide lists, not one', () => {
  const { properties } = render(PackRule.managed('REQUIRED_TAGS', { inputParameters: { tag1Key: 'CostCenter' } }));
  const types = (properties.Scope as any).ComplianceResourceTypes;
  expect(types).toEqual(expect.arrayContaining(['AWS::EC2::Volume', 'AWS::EC2::Instance', 'AWS::S3::Bucket', 'AWS::RDS::DBInstance']));
  expect(types.length).toBe(rules.find((r) => r.identifier === 'REQUIRED_TAGS').resourceTypes.length);
});

test('a rule newer than the data passes with skipCatalogueCheck, any parameters and a frequency', () => {
  const stack = newStack();
  const { properties } = render(PackRule.managed('A_RULE_AWS_ADDS_NEXT_YEAR', { skipCatalogueCheck: true, inputParameters: { anything: 3 }, periodicHours: 12 }), stack);
  expect(properties).toEqual(expect.objectContaining({
    InputParameters: { anything: '3' },
    MaximumExecutionFrequency: 'Twelve_Hours',
    Source: { Owner: 'AWS', SourceIdentifier: 'A_RULE_AWS_ADDS_NEXT_YEAR' },
  }));
});
