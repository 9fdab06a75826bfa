import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import {
  allowedNames, declaredNames, difference, differenceMessage, namesOfApiMd, namesOfAssembly, UPDATE_COMMAND,
} from '../scripts/api-surface';

describe('public API surface', () => {
  test('the exported names are exactly the committed allow-list', () => {
    const { source, names } = declaredNames();
    const diff = difference(names, allowedNames());
    if (diff.added.length + diff.removed.length > 0) throw new Error(differenceMessage(source, diff));
    expect(names.length).toBeGreaterThan(0);
  });

  test('no generated handler function or delivery-event capture is public', () => {
    const { names } = declaredNames();
    expect(names.filter((name) => /Function(Props)?$/.test(name))).toEqual([]);
    expect(names).not.toContain('DeliveryEvents');
  });
});

describe('allow-list check', () => {
  const markdown = [
    '## Constructs <a name="Constructs" id="Constructs"></a>',
    '### AccountBaseline <a name="AccountBaseline" id="@gantry/cdk.AccountBaseline"></a>',
    '#### Initializers <a name="Initializers" id="@gantry/cdk.AccountBaseline.Initializer"></a>',
    '## Structs <a name="Structs" id="Structs"></a>',
    '### AccountBaselineProps <a name="AccountBaselineProps" id="@gantry/cdk.AccountBaselineProps"></a>',
  ].join('\n');

  test('reads the type names API.md declares, not its sections or members', () => {
    expect(namesOfApiMd(markdown)).toEqual(['AccountBaseline', 'AccountBaselineProps']);
  });

  test('reads the type names of a jsii assembly', () => {
    const assembly = JSON.stringify({ name: '@gantry/cdk', types: { '@gantry/cdk.B': {}, '@gantry/cdk.A': {} } });
    expect(namesOfAssembly(assembly)).toEqual(['A', 'B']);
  });

  test('ignores comments and blank lines of the allow-list', () => {
    expect(allowedNames('# header\n\nB\nA # why\n')).toEqual(['A', 'B']);
  });

  test('an export added or removed fails with what changed and the command to accept it', () => {
    const diff = difference(['A', 'NewThing'], ['A', 'Gone']);
    expect(diff).toEqual({ added: ['NewThing'], removed: ['Gone'] });
    const message = differenceMessage('API.md', diff);
    expect(message).toContain('+ NewThing');
    expect(message).toContain('- Gone');
    expect(message).toContain(UPDATE_COMMAND);
  });
});

// JSON documents are jsii's `any` (the one JSON type every target language has), and so is the error
// type guard's argument (anything caught, as aws-cdk-lib's Errors.isValidationError); nothing else may be.
const JSON_DOCUMENT_PROPS = [
  'BuildStepProps.buildSpec',
  'CodeBuildStepProps.buildSpec',
  'DeployStackProps.parameterOverrides',
  'EnabledControlOptions.parameters',
  'GantryErrors.isValidationError(error)',
  'ManagedRuleOptions.inputParameters',
  'SmokeTestProps.expectedResponse',
  'SmokeTestProps.payload',
];

const assemblyPath = path.join(__dirname, '..', '.jsii');
(existsSync(assemblyPath) ? test : test.skip)('no public type is `any` but the JSON documents (needs `npx projen compile`)', () => {
  const assembly = JSON.parse(readFileSync(assemblyPath, 'utf-8')) as { name: string; types: Record<string, JsiiType> };
  const found: string[] = [];
  for (const [fqn, type] of Object.entries(assembly.types)) {
    const name = fqn.slice(assembly.name.length + 1);
    for (const p of type.properties ?? []) if (mentionsAny(p.type)) found.push(`${name}.${p.name}`);
    for (const m of [...(type.methods ?? []), ...(type.initializer ? [{ ...type.initializer, name: 'constructor' }] : [])]) {
      if (mentionsAny(m.returns?.type)) found.push(`${name}.${m.name}()`);
      for (const p of m.parameters ?? []) if (mentionsAny(p.type)) found.push(`${name}.${m.name}(${p.name})`);
    }
  }
  expect(found.sort()).toEqual(JSON_DOCUMENT_PROPS);
});

interface JsiiType {
  readonly properties?: { name: string; type: unknown }[];
  readonly methods?: { name: string; returns?: { type: unknown }; parameters?: { name: string; type: unknown }[] }[];
  readonly initializer?: { returns?: { type: unknown }; parameters?: { name: string; type: unknown }[] };
}

function mentionsAny(type: unknown): boolean {
  if (Array.isArray(type)) return type.some(mentionsAny);
  if (type === null || typeof type !== 'object') return false;
  const record = type as Record<string, unknown>;
  return record.primitive === 'any' || Object.values(record).some(mentionsAny);
}
