import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import * as YAML from 'yaml';
import { build, errorOf, newStack, SAMPLE_PACKS_DIR } from './helpers';
import { ConformancePack, PackRule, PackTemplate, RuleSet } from '../../constructs';
import { packNameFromFile } from '../../constructs/conformance-pack/template-parts';

const samplePacks = readdirSync(SAMPLE_PACKS_DIR).filter((f) => f.endsWith('.yaml')).sort();

/** Values for the parameters the samples declare without a default. */
const REQUIRED_VALUES: Record<string, Record<string, string>> = {
  'custom-conformance-pack.yaml': { CustomConfigRuleLambdaArn: 'arn:aws:lambda:eu-west-1:111111111111:function:ec2-check' },
  'Operational-Best-Practices-for-Amazon-S3-with-Remediation.yaml': { S3TargetBucketNameForEnableLogging: 'access-logs' },
};

test('the sample packs are there to test with', () => {
  expect(samplePacks.length).toBeGreaterThanOrEqual(15);
});

describe.each(samplePacks)('%s', (file) => {
  const filePath = path.join(SAMPLE_PACKS_DIR, file);
  const bytes = statSync(filePath).size;

  test('loads, synthesizes, and is delivered inline up to 51,200 bytes, through S3 above', () => {
    const { template, pack } = build({
      packName: 'sample',
      template: PackTemplate.fromFile(filePath),
      templateParameters: REQUIRED_VALUES[file],
      notifications: { enabled: false },
    });
    const rules = Object.values(YAML.parse(readFileSync(filePath, 'utf-8')).Resources).filter((r: any) => r.Type === 'AWS::Config::ConfigRule');
    expect(pack.ruleNames).toHaveLength(rules.length);
    template.resourceCountIs('AWS::Config::ConformancePack', 1);
    const packResource = Object.values(template.findResources('AWS::Config::ConformancePack'))[0] as any;
    if (bytes > 51_200) {
      expect(packResource.Properties.TemplateBody).toBeUndefined();
      expect(packResource.Properties.TemplateS3Uri).toMatch(/^s3:\/\/cdk-[a-z0-9]+-assets-111111111111-eu-west-1\/[0-9a-f]{64}\.yaml$/);
      expect(pack.templateAssets).toHaveLength(1);
    } else {
      // Delivered byte for byte as AWS wrote it.
      expect(packResource.Properties.TemplateBody).toBe(readFileSync(filePath, 'utf-8'));
      expect(packResource.Properties.TemplateS3Uri).toBeUndefined();
      expect(pack.templateAssets).toHaveLength(0);
    }
  });
});

describe.each(samplePacks)('%s with its file-derived name, notifications on', (file) => {
  const filePath = path.join(SAMPLE_PACKS_DIR, file);
  test.each([['account', false], ['organization', true]])('as an %s pack', (_, organization) => {
    const { template, pack } = build({
      template: PackTemplate.fromFile(filePath),
      templateParameters: REQUIRED_VALUES[file],
      organization: organization as boolean,
    });
    const name = packNameFromFile(file, organization ? 120 : 248);
    expect(pack.packName).toBe(name);
    template.hasResourceProperties(organization ? 'AWS::Config::OrganizationConformancePack' : 'AWS::Config::ConformancePack', {
      [organization ? 'OrganizationConformancePackName' : 'ConformancePackName']: name,
    });
    const topic = Object.values(template.findResources('AWS::SNS::Topic'))[0] as any;
    expect(topic.Properties.DisplayName.length).toBeLessThanOrEqual(100);
    template.resourceCountIs('AWS::Events::Rule', 1);
  });
});

describe('a sample pack file combined with typed rules', () => {
  const file = 'Operational-Best-Practices-for-DevOps.yaml';
  const filePath = path.join(SAMPLE_PACKS_DIR, file);
  const fileRules = () => new ConformancePack(newStack(), 'Probe', { template: PackTemplate.fromFile(filePath), notifications: { enabled: false } }).ruleNames;

  test('the file\'s rules come first, then the typed rules; parameters kept; re-rendered as one body', () => {
    const { template, pack } = build({
      packName: 'devops-plus',
      template: PackTemplate.fromFile(filePath),
      rules: [PackRule.managed('REQUIRED_TAGS', { ruleName: 'required-tags-owner', inputParameters: { tag1Key: 'owner' } })],
      notifications: { enabled: false },
    });
    const before = fileRules();
    expect(pack.ruleNames).toEqual([...before, 'required-tags-owner']);
    const body = YAML.parse((Object.values(template.findResources('AWS::Config::ConformancePack'))[0] as any).Properties.TemplateBody);
    const original = YAML.parse(readFileSync(filePath, 'utf-8'));
    expect(body.Parameters).toEqual(original.Parameters);
    expect(Object.keys(body.Resources)).toEqual(expect.arrayContaining(Object.keys(original.Resources)));
    const typed = Object.values(body.Resources).find((r: any) => r.Properties.ConfigRuleName === 'required-tags-owner') as any;
    expect(typed.Properties.InputParameters).toEqual({ tag1Key: 'owner' });
  });

  test('a typed rule named like a rule of the file is refused, naming both places', () => {
    const taken = fileRules()[0];
    const message = errorOf(() => build({
      packName: 'dup',
      template: PackTemplate.fromFile(filePath),
      rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED', { ruleName: taken })],
    }));
    expect(message).toContain(`got "${taken}"`);
    expect(message).toMatch(new RegExp(`given in template \\(${file.replace(/\./g, '\\.')}\\) Resources\\.\\w+ and again in rules\\[0\\]`));
  });

  test('a rule set rule named like a rule of the file is refused, naming the set', () => {
    const message = errorOf(() => build({
      packName: 'dup',
      template: PackTemplate.fromYaml('Resources:\n  R:\n    Type: AWS::Config::ConfigRule\n    Properties:\n      ConfigRuleName: LambdaDlqCheck\n      Source: {Owner: AWS, SourceIdentifier: LAMBDA_DLQ_CHECK}\n', 'mine.yaml'),
      ruleSets: [RuleSet.devOpsBestPractices()],
    }));
    expect(message).toMatch(/got "LambdaDlqCheck".*given in template \(mine\.yaml\) Resources\.R and again in ruleSets\[0\] \(DevOpsBestPractices\)\.rules\[\d+\]/);
  });

  test('a combination over 130 rules splits with the file\'s rules in the first part', () => {
    const extra = Array.from({ length: 130 }, (_, i) => PackRule.managed('S3_BUCKET_VERSIONING_ENABLED', { ruleName: `extra-${i}` }));
    const { pack } = build({ packName: 'big', template: PackTemplate.fromFile(filePath), rules: extra, notifications: { enabled: false } });
    const before = fileRules();
    expect(pack.partRuleNames[0].slice(0, before.length)).toEqual(before);
    expect(pack.partRuleNames.map((p) => p.length)).toEqual([130, before.length]);
  });
});

test('exactly one sample is over 51,200 bytes, and it goes through S3', () => {
  const over = samplePacks.filter((f) => statSync(path.join(SAMPLE_PACKS_DIR, f)).size > 51_200);
  expect(over).toEqual(['Operational-Best-Practices-for-ABS-CCIGv2-Material.yaml']);
});

test('input parameters are overridable', () => {
  const { template } = build({
    packName: 'lambda',
    template: PackTemplate.fromFile(path.join(SAMPLE_PACKS_DIR, 'Security-Best-Practices-for-Lambda.yaml')),
    templateParameters: { LambdaFunctionSettingsCheckParamRuntime: 'nodejs22.x' },
    notifications: { enabled: false },
  });
  template.hasResourceProperties('AWS::Config::ConformancePack', {
    ConformancePackInputParameters: [{ ParameterName: 'LambdaFunctionSettingsCheckParamRuntime', ParameterValue: 'nodejs22.x' }],
  });
});

test('an overridden parameter the template does not declare is refused', () => {
  expect(errorOf(() => build({
    packName: 'lambda',
    template: PackTemplate.fromFile(path.join(SAMPLE_PACKS_DIR, 'Security-Best-Practices-for-Lambda.yaml')),
    templateParameters: { NoSuchParameter: '1' },
  }))).toMatch(/'templateParameters\.NoSuchParameter'.*a parameter of Security-Best-Practices-for-Lambda\.yaml/);
  expect(errorOf(() => build({
    packName: 'lambda',
    template: PackTemplate.fromFile(path.join(SAMPLE_PACKS_DIR, 'Security-Best-Practices-for-Lambda.yaml')),
    templateParameters: { LambdaFunctionSettingsCheckParamRuntim: 'nodejs22.x' },
  }))).toMatch(/did you mean "LambdaFunctionSettingsCheckParamRuntime"\?/);
});

test('a parameter without a default must be given', () => {
  expect(errorOf(() => build({ packName: 'custom', template: PackTemplate.fromFile(path.join(SAMPLE_PACKS_DIR, 'custom-conformance-pack.yaml')) })))
    .toMatch(/'templateParameters\.CustomConfigRuleLambdaArn'.*without a default/);
});

test('the shift-left mapping covers rules loaded from a file', () => {
  const { pack } = build({ packName: 'ct', template: PackTemplate.fromFile(path.join(SAMPLE_PACKS_DIR, 'AWS-Control-Tower-Detective-Guardrails.yaml')) });
  expect(pack.shiftLeftMapping().map((m) => m.identifier)).toContain('RDS_STORAGE_ENCRYPTED');
  expect(pack.nagRuleIds()).toContain('AwsSolutions-RDS2');
});

describe('a template that is not a conformance pack is refused', () => {
  const load = (yaml: string) => () => build({ packName: 'bad', template: PackTemplate.fromYaml(yaml, 'bad.yaml') });

  test('no Config rules', () => {
    expect(errorOf(load('Resources:\n  Remediation:\n    Type: AWS::Config::RemediationConfiguration\n    Properties: {ConfigRuleName: x}\n')))
      .toMatch(/'template \(bad\.yaml\)'.*at least one AWS::Config::ConfigRule/);
    expect(errorOf(load('Parameters: {}\n'))).toMatch(/'template \(bad\.yaml\)'.*a mapping with a Resources section/);
    expect(errorOf(load('just text'))).toMatch(/'template \(bad\.yaml\)'/);
  });

  test('unsupported resource types', () => {
    expect(errorOf(load('Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n'))).toMatch(/'template \(bad\.yaml\)\.Resources\.Bucket': got "AWS::S3::Bucket".*only AWS::Config::ConfigRule and AWS::Config::RemediationConfiguration/);
  });

  test('duplicate rule names', () => {
    const rule = (id: string) => `  ${id}:\n    Type: AWS::Config::ConfigRule\n    Properties:\n      ConfigRuleName: same\n      Source: {Owner: AWS, SourceIdentifier: S3_BUCKET_VERSIONING_ENABLED}\n`;
    expect(errorOf(load(`Resources:\n${rule('A')}${rule('B')}`))).toMatch(/got "same".*unique rule names/);
  });

  test('a remediation for no rule of the template', () => {
    const yaml = 'Resources:\n  A:\n    Type: AWS::Config::ConfigRule\n    Properties:\n      ConfigRuleName: a\n      Source: {Owner: AWS, SourceIdentifier: X}\n'
      + '  R:\n    Type: AWS::Config::RemediationConfiguration\n    Properties: {ConfigRuleName: other}\n';
    expect(errorOf(load(yaml))).toMatch(/Resources\.R\.Properties\.ConfigRuleName'.*got "other"/);
  });

  test('a missing file fails where the pack reads it, naming the pack, its prop and the path', () => {
    const template = PackTemplate.fromFile('/nonexistent/pack.yaml'); // nothing is read yet
    expect(errorOf(() => build({ packName: 'bad', template })))
      .toMatch(/^\[ConformancePack at 'Governance\/Pack'\] invalid 'template': got "PackTemplate\.fromFile\(\\"\/nonexistent\/pack\.yaml\\"\)"; allowed: a conformance pack template file that exists \(\/nonexistent\/pack\.yaml does not/);
  });

  test('a directory instead of a file fails naming the pack', () => {
    expect(errorOf(() => build({ packName: 'bad', template: PackTemplate.fromFile(SAMPLE_PACKS_DIR) })))
      .toMatch(/^\[ConformancePack at 'Governance\/Pack'\] invalid 'template'.*allowed: a readable template file \(EISDIR/);
  });

});

test('CloudFormation short-form functions in a template are read', () => {
  const yaml = 'Parameters:\n  Age: {Type: String, Default: "90"}\nResources:\n  Keys:\n    Type: AWS::Config::ConfigRule\n    Properties:\n'
    + '      ConfigRuleName: keys\n      InputParameters:\n        maxAccessKeyAge: !Ref Age\n      Source: {Owner: AWS, SourceIdentifier: ACCESS_KEYS_ROTATED}\n';
  const stack = newStack();
  const pack = new ConformancePack(stack, 'Pack', { packName: 'short', template: PackTemplate.fromYaml(yaml), notifications: { enabled: false } });
  expect(pack.ruleNames).toEqual(['keys']);
  Template.fromStack(stack).hasResourceProperties('AWS::Config::ConformancePack', { TemplateBody: yaml });
});

test('a template with more than 130 rules splits too, re-rendered with its parameters in each part', () => {
  const rules = Array.from({ length: 140 }, (_, i) =>
    `  Rule${i}:\n    Type: AWS::Config::ConfigRule\n    Properties:\n      ConfigRuleName: rule-${i}\n      InputParameters: {maxAccessKeyAge: {Ref: Age}}\n      Source: {Owner: AWS, SourceIdentifier: ACCESS_KEYS_ROTATED}\n`).join('');
  const yaml = `Parameters:\n  Age: {Type: String, Default: "90"}\nResources:\n${rules}`;
  const { template, pack } = build({ packName: 'many', template: PackTemplate.fromYaml(yaml), templateParameters: { Age: '30' }, notifications: { enabled: false } });
  expect(pack.partRuleNames.map((p) => p.length)).toEqual([130, 10]);
  for (const resource of Object.values(template.findResources('AWS::Config::ConformancePack')) as any[]) {
    const body = YAML.parse(resource.Properties.TemplateBody);
    expect(body.Parameters).toEqual({ Age: { Type: 'String', Default: '90' } });
    expect(resource.Properties.ConformancePackInputParameters).toEqual([{ ParameterName: 'Age', ParameterValue: '30' }]);
  }
});
