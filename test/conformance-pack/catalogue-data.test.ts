import { readFileSync } from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { newStack } from './helpers';
import { PackRule } from '../../constructs';
import { RuleRenderContext } from '../../constructs/conformance-pack/private/internal';
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
    expect(rule.documented).toBe(fact.source === 'packs' ? false : undefined);
    expect(rule.page).toBe(fact.currentPage);
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
    } else if (fact.trigger === RuleTrigger.MANUAL) {
      expect(() => render(rule)).toThrow(new RegExp(`periodicHours'.*${identifier} is a process check`));
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

/** The hand-read current guide pages: the registry follows each page, whatever the older sources said. */
const current = JSON.parse(readFileSync(path.join(__dirname, '../../data/config-rules/current-pages.json'), 'utf-8'));
const pages: any[] = current.pages;

describe('current guide pages', () => {
  test('each page is cited with its URL and the date it was read', () => {
    expect(current.pages.length).toBeGreaterThanOrEqual(60);
    for (const page of current.pages) {
      expect(page.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/config\/latest\/developerguide\/[a-z0-9-]+\.html$/);
      expect(page.checkedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(catalogue.currentPages).toEqual(expect.objectContaining({ pages: current.pages.length, checkedAt: current.checkedAt }));
  });

  test.each(pages.map((p) => [p.identifier, p]))('%s: trigger, default scope and parameters as its page says', (identifier, page) => {
    const rule = MANAGED_RULES.get(identifier as string)!;
    expect(rule.page).toBe(page.url);
    expect(rule.documented).toBeUndefined();
    expect(rule.resourceTypes ?? []).toEqual(page.resourceTypes);
    // A frequency AWS's own packs give to a change-triggered rule keeps it deployable (recorded as a correction).
    const widened = catalogue.corrections.some((c: any) => c.identifier === identifier && c.field === 'trigger' && c.used === 'HYBRID' && /sample packs/.test(c.reason));
    expect(rule.trigger).toBe(widened ? RuleTrigger.HYBRID : page.trigger);
    for (const parameter of page.parameters) {
      expect({ name: parameter.name, ...rule.parameters![parameter.name] }).toEqual({
        name: parameter.name,
        type: parameter.type,
        ...(parameter.optional ? {} : { required: true }),
        ...(parameter.default !== undefined ? { defaultValue: parameter.default } : {}),
      });
    }
    const { properties } = render(PackRule.managed(identifier as string, { inputParameters: requiredValues({ parameters: page.parameters }) }));
    expect((properties.Scope as any)?.ComplianceResourceTypes ?? []).toEqual(page.resourceTypes);
  });

  test('a change-triggered rule the sample packs only knew refuses a frequency now, citing its page', () => {
    const page = current.pages.find((p: any) => p.identifier === 'DMS_ENDPOINT_SSL_CONFIGURED');
    expect(page.trigger).toBe('CHANGE');
    expect(() => render(PackRule.managed('DMS_ENDPOINT_SSL_CONFIGURED', { periodicHours: 24 })))
      .toThrow(`DMS_ENDPOINT_SSL_CONFIGURED is change-triggered, Config refuses a periodic frequency for it (${page.url})`);
  });

  test('a periodic rule the packs gave no scope gets its documented default scope', () => {
    const { properties } = render(PackRule.managed('NEPTUNE_CLUSTER_IAM_DATABASE_AUTHENTICATION'));
    expect(properties.Scope).toEqual({ ComplianceResourceTypes: ['AWS::RDS::DBCluster'] });
    expect(render(PackRule.managed('GUARDDUTY_S3_PROTECTION_ENABLED', { periodicHours: 12 })).properties.MaximumExecutionFrequency).toBe('Twelve_Hours');
  });

  test('documented parameters the packs never pass are typed (e.g. minimumBackupRetentionPeriod, an int)', () => {
    expect(() => render(PackRule.managed('NEPTUNE_CLUSTER_BACKUP_RETENTION_CHECK', { inputParameters: { minimumBackupRetentionPeriod: 'a week' } })))
      .toThrow('a whole number (parameter type Int)');
    const { properties } = render(PackRule.managed('EBS_RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT', { inputParameters: { recoveryPointAgeValue: 2, recoveryPointAgeUnit: 'days', resourceTags: '{"backup":"yes"}' } }));
    expect(properties.InputParameters).toEqual({ recoveryPointAgeValue: '2', recoveryPointAgeUnit: 'days', resourceTags: '{"backup":"yes"}' });
  });

  test('rules neither archived source had are added from their pages', () => {
    for (const identifier of ['NEPTUNE_CLUSTER_SNAPSHOT_IAM_DATABASE_AUTH_ENABLED', 'GLB_LISTENER_TAGGED']) {
      const fact = rules.find((r) => r.identifier === identifier);
      expect(fact.source).toBe('current-page');
      expect(fact.usedByPacks).toBeUndefined();
    }
  });

  test('the process check refuses a frequency and any parameter', () => {
    expect(MANAGED_RULES.get('AWS_CONFIG_PROCESS_CHECK')!.trigger).toBe(RuleTrigger.MANUAL);
    expect(() => render(PackRule.managed('AWS_CONFIG_PROCESS_CHECK', { periodicHours: 24 }))).toThrow('is a process check, Config never evaluates it');
    expect(render(PackRule.managed('AWS_CONFIG_PROCESS_CHECK')).properties.Source).toEqual({ Owner: 'AWS', SourceIdentifier: 'AWS_CONFIG_PROCESS_CHECK' });
  });

  test('what is still without a documented trigger is listed with why, and allows both triggers', () => {
    const packsOnly = rules.filter((r) => r.source === 'packs');
    expect(catalogue.undocumented.map((u: any) => u.identifier)).toEqual(packsOnly.map((r) => r.identifier));
    for (const entry of catalogue.undocumented) expect(entry.reason).toMatch(/\w/);
    for (const fact of packsOnly.filter((r) => r.trigger === 'HYBRID')) {
      expect(render(PackRule.managed(fact.identifier, { periodicHours: 1 })).properties.MaximumExecutionFrequency).toBe('One_Hour');
    }
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
