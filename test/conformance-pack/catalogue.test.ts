import { readFileSync } from 'fs';
import * as path from 'path';
import { build, errorOf } from './helpers';
import { PackRule, RuleSet } from '../../constructs';
import { REMEDIATION_DOCUMENTS } from '../../constructs/conformance-pack/remediation-documents';
import { MANAGED_RULES, RuleTrigger } from '../../constructs/conformance-pack/rules';

/** Rule ids the installed cdk-nag packs can report, read from the packs' code. */
function installedNagRuleIds(): Set<string> {
  const dir = path.dirname(require.resolve('cdk-nag/lib/packs/aws-solutions.js'));
  const ids = new Set<string>();
  const packs: Record<string, string> = {
    'AwsSolutions': 'aws-solutions', 'NIST.800.53.R5': 'nist-800-53-r5', 'HIPAA.Security': 'hipaa-security', 'PCI.DSS.321': 'pci-dss-321', 'Serverless': 'serverless',
  };
  for (const [prefix, file] of Object.entries(packs)) {
    const code = readFileSync(path.join(dir, `${file}.js`), 'utf-8');
    for (const m of code.matchAll(/ruleSuffixOverride: '([^']+)'/g)) ids.add(`${prefix}-${m[1]}`);
    for (const m of code.matchAll(/rule: [a-z0-9_]+\.([A-Za-z0-9]+)/g)) ids.add(`${prefix}-${m[1]}`);
  }
  return ids;
}

test('every cdk-nag id in the catalogue is a rule of the installed cdk-nag packs', () => {
  const installed = installedNagRuleIds();
  const mapped = [...MANAGED_RULES.values()].flatMap((r) => r.nagRuleIds ?? []);
  expect(mapped.length).toBeGreaterThan(150);
  expect(mapped.filter((id) => !installed.has(id))).toEqual([]);
});

test('catalogue entries are well formed', () => {
  for (const rule of MANAGED_RULES.values()) {
    expect(rule.identifier).toMatch(/^[A-Z0-9_]+$/);
    expect(Object.values(RuleTrigger)).toContain(rule.trigger);
    for (const type of rule.resourceTypes ?? []) expect(type).toMatch(/^AWS::[A-Za-z0-9]*::[A-Za-z0-9]+$/);
  }
  expect(MANAGED_RULES.size).toBeGreaterThanOrEqual(250);
});

test('every remediation document names its resource-id parameter among its parameters', () => {
  for (const document of REMEDIATION_DOCUMENTS.values()) {
    expect(document.parameters).toContain(document.resourceIdParameter);
    expect(document.parameters).toContain('AutomationAssumeRole');
  }
});

describe('ready-made rule sets', () => {
  test.each([
    ['devOpsBestPractices', RuleSet.devOpsBestPractices(), 38],
    ['controlTowerDetective', RuleSet.controlTowerDetective(), 30],
  ])('%s renders with every rule known to the catalogue', (_, set, count) => {
    expect(set.rules).toHaveLength(count);
    const { pack } = build({ packName: 'set', ruleSets: [set], notifications: { enabled: false } });
    expect(pack.ruleNames).toEqual(set.ruleNames);
  });

  test('extend, exclude, replace and filter', () => {
    const set = RuleSet.controlTowerDetective()
      .withoutRules('RootAccountHardwareMfaEnabled')
      .withRules(PackRule.managed('S3_BUCKET_SSL_REQUESTS_ONLY'))
      .replacing(PackRule.managed('RESTRICTED_INCOMING_TRAFFIC', { inputParameters: { blockedPort1: 22 } }));
    expect(set.ruleNames).not.toContain('RootAccountHardwareMfaEnabled');
    expect(set.ruleNames[set.ruleNames.length - 1]).toBe('S3BucketSslRequestsOnly');
    expect(set.rules).toHaveLength(30);
    expect(RuleSet.controlTowerDetective().onlyResourceTypes('AWS::S3::Bucket').ruleNames)
      .toEqual(['S3BucketPublicReadProhibited', 'S3BucketPublicWriteProhibited', 'S3BucketVersioningEnabled']);
    // The original set is unchanged.
    expect(RuleSet.controlTowerDetective().rules).toHaveLength(30);
  });

  test('excluding a rule the set does not have names the set and the rule', () => {
    expect(errorOf(() => build({ packName: 'set', ruleSets: [RuleSet.devOpsBestPractices().withoutRules('NoSuchRule')] })))
      .toMatch(/'ruleSets\[0\] \(DevOpsBestPractices\)': got "NoSuchRule"/);
  });

  test('a rule in both rules and a set is a duplicate', () => {
    expect(errorOf(() => build({ packName: 'set', rules: [PackRule.managed('LAMBDA_DLQ_CHECK')], ruleSets: [RuleSet.devOpsBestPractices()] })))
      .toMatch(/got "LambdaDlqCheck".*unique rule names/);
  });
});

test('the shift-left mapping covers rules the hand-written catalogue lacked, where a cdk-nag rule checks the same control', () => {
  expect(MANAGED_RULES.get('COGNITO_USER_POOL_MFA_ENABLED')?.nagRuleIds).toContain('AwsSolutions-COG2');
  expect(MANAGED_RULES.get('CLOUDFRONT_ASSOCIATED_WITH_WAF')?.nagRuleIds).toContain('AwsSolutions-CFR2');
  const { pack } = build({ packName: 'p', notifications: { enabled: false }, rules: [PackRule.managed('NEPTUNE_CLUSTER_ENCRYPTED')] });
  expect(pack.nagRuleIds()).toEqual(['AwsSolutions-N4']);
});
