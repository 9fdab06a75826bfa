import { readFileSync } from 'fs';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import { build, errorOf, newStack, SAMPLE_PACKS_DIR } from './helpers';
import { ConformancePack, PackRule, PackTemplate } from '../../constructs';
import { packNameFromFile } from '../../constructs/conformance-pack/template-parts';
import { Limits } from '../../constructs/core';

const NAME_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-'.split('');
/** A valid pack name of exactly `length` characters. */
const packName = (length: number) => fc.array(fc.constantFrom(...NAME_CHARS), { minLength: length - 1, maxLength: length - 1 })
  .map((rest) => `p${rest.join('')}`);

describe.each([
  ['account', false, Limits.conformancePack.maxNameLength - 8],
  ['organization', true, Limits.conformancePack.maxOrganizationNameLength - 8],
])('%s pack names', (_, organization, max) => {
  test(`every length from 1 to ${max} synthesizes with notifications on; every derived name is within its limit`, () => {
    // Every length, each with random characters.
    for (let length = 1; length <= max; length++) {
      fc.assert(fc.property(packName(length), (name) => {
        const stack = newStack();
        const pack = new ConformancePack(stack, 'Pack', { packName: name, organization, rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')] });
        const template = Template.fromStack(stack);
        const type = organization ? 'AWS::Config::OrganizationConformancePack' : 'AWS::Config::ConformancePack';
        const nameProp = organization ? 'OrganizationConformancePackName' : 'ConformancePackName';
        template.hasResourceProperties(type, { [nameProp]: name });
        const topic = Object.values(template.findResources('AWS::SNS::Topic'))[0] as any;
        expect(topic.Properties.DisplayName.length).toBeLessThanOrEqual(Limits.sns.maxDisplayNameLength);
        expect(`${name}-part99`.length).toBeLessThanOrEqual(max + 8);
        expect(pack.packName).toBe(name);
      }), { numRuns: 1 });
    }
  });

  test(`${max + 1} characters are refused with the limit, at the construct`, () => {
    expect(errorOf(() => build({ packName: `p${'a'.repeat(max)}`, organization, rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')] })))
      .toMatch(new RegExp(`Governance/Pack.*'packName'.*at most ${max} characters`));
  });
});

test('a pack name derived from a file name is valid and within the limit', () => {
  expect(packNameFromFile('Operational-Best-Practices-for-HIPAA-Security.yaml', 248)).toBe('Operational-Best-Practices-for-HIPAA-Security');
  expect(packNameFromFile('Operational-Best-Practices-for-PCI-DSS-v4.0-excluding-global-resourcetypes.yml', 248))
    .toBe('Operational-Best-Practices-for-PCI-DSS-v4-0-excluding-global-resourcetypes');
  expect(packNameFromFile('3-tier pack.yaml', 248)).toBe('pack-3-tier-pack');
  const long = packNameFromFile(`${'a'.repeat(200)}.yaml`, 120);
  expect(long).toHaveLength(120);
  expect(long).toMatch(/^a+-[0-9a-f]{8}$/);
});

test('without packName, a pack from a file takes its file name; without a template, packName is required', () => {
  const file = path.join(SAMPLE_PACKS_DIR, 'Operational-Best-Practices-for-DevOps.yaml');
  const { pack, template } = build({ template: PackTemplate.fromFile(file) });
  expect(pack.packName).toBe('Operational-Best-Practices-for-DevOps');
  template.hasResourceProperties('AWS::Config::ConformancePack', { ConformancePackName: 'Operational-Best-Practices-for-DevOps', TemplateBody: readFileSync(file, 'utf-8') });
  expect(errorOf(() => build({ rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')] }))).toMatch(/'packName': got undefined.*a pack name/);
});

test('a rule description over 256 characters is refused; 256 pass', () => {
  const rule = (description: string) => PackRule.managed('S3_BUCKET_VERSIONING_ENABLED', { description });
  expect(() => build({ packName: 'd', rules: [rule('d'.repeat(256))] })).not.toThrow();
  expect(errorOf(() => build({ packName: 'd', rules: [rule('d'.repeat(257))] })))
    .toMatch(/'rules\[0\] \(S3BucketVersioningEnabled\)\.description': got "257 characters".*at most 256 characters/);
});

test('a rule of a template file with a description over 256 characters is refused, naming the resource', () => {
  const yaml = (length: number) => `Resources:\n  Versioned:\n    Type: AWS::Config::ConfigRule\n    Properties:\n      ConfigRuleName: versioned\n      Description: ${'d'.repeat(length)}\n      Source: {Owner: AWS, SourceIdentifier: S3_BUCKET_VERSIONING_ENABLED}\n`;
  expect(() => build({ packName: 'd', template: PackTemplate.fromYaml(yaml(256), 'mine.yaml') })).not.toThrow();
  expect(errorOf(() => build({ packName: 'd', template: PackTemplate.fromYaml(yaml(257), 'mine.yaml') })))
    .toMatch(/'template \(mine\.yaml\)\.Resources\.Versioned\.Properties\.Description': got "257 characters"/);
});
