import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as YAML from 'yaml';
import { ConformancePack, PackRule, PackTemplate, Remediation, RuleSet } from '../../constructs';
import { MANAGED_RULES } from '../../constructs/conformance-pack/rules';
import { BenchScenario } from '../scenario';

const env = { account: '111111111111', region: 'eu-west-1' };

/** 130 catalogue rules that need no parameters: the largest pack that stays one pack. */
const identifiers = [...MANAGED_RULES.values()]
  .filter((r) => !Object.values(r.parameters ?? {}).some((p) => p.required))
  .map((r) => r.identifier)
  .sort()
  .slice(0, 130);

/**
 * The largest AWS sample pack (51,307 bytes: over the inline limit). Test data outside the repository,
 * in the shared/ folder beside the clone (or one level further up from a worktree).
 */
const largestSample = [
  path.join(__dirname, '../../../shared/data/conformance-packs'),
  path.join(__dirname, '../../../../shared/data/conformance-packs'),
].map((dir) => path.join(dir, 'Operational-Best-Practices-for-ABS-CCIGv2-Material.yaml')).find((file) => existsSync(file))
  ?? path.join(__dirname, '../../../shared/data/conformance-packs/Operational-Best-Practices-for-ABS-CCIGv2-Material.yaml');

/** The same 130 rules as plain YAML, written by hand with the yaml library. */
function handWrittenYaml(): string {
  const resources: Record<string, unknown> = {};
  for (const identifier of identifiers) {
    const definition = MANAGED_RULES.get(identifier)!;
    const name = identifier.toLowerCase().replace(/_/g, '-');
    resources[identifier.replace(/_/g, '')] = {
      Type: 'AWS::Config::ConfigRule',
      Properties: {
        ConfigRuleName: name,
        ...(definition.resourceTypes?.length ? { Scope: { ComplianceResourceTypes: definition.resourceTypes } } : {}),
        Source: { Owner: 'AWS', SourceIdentifier: identifier },
      },
    };
  }
  return YAML.stringify({ Resources: resources });
}

const scenarios: BenchScenario[] = [
  {
    name: 'ConformancePack (130 typed managed rules, one pack, notifications on)',
    build: (app) => {
      const stack = new Stack(app, 'BenchPackTyped', { env });
      new ConformancePack(stack, 'Pack', { packName: 'bench-typed', rules: identifiers.map((id) => PackRule.managed(id)) });
      return [stack];
    },
  },
  {
    name: 'ConformancePack (131 typed managed rules: two parts, 130 + 1)',
    build: (app) => {
      const stack = new Stack(app, 'BenchPackTyped131', { env });
      const extra = PackRule.managed('S3_BUCKET_VERSIONING_ENABLED', { ruleName: 'ExtraVersioning' });
      new ConformancePack(stack, 'Pack', { packName: 'bench-typed', rules: [...identifiers.map((id) => PackRule.managed(id)), extra] });
      return [stack];
    },
  },
  {
    name: 'ConformancePack (largest sample pack from file, 51,307 bytes -> S3 asset)',
    build: (app) => {
      const stack = new Stack(app, 'BenchPackSample', { env });
      new ConformancePack(stack, 'Pack', { packName: 'bench-sample', template: PackTemplate.fromFile(largestSample), notifications: { enabled: false } });
      return [stack];
    },
  },
  {
    name: 'ConformancePack (DevOps rule set + built-in Lambda evaluator + remediation)',
    handlerFiles: ['assets/constructs/conformance-pack/rule-evaluator.lambda/index.js'],
    build: (app) => {
      const stack = new Stack(app, 'BenchPackDevOps', { env });
      new ConformancePack(stack, 'Pack', {
        packName: 'bench-devops',
        ruleSets: [RuleSet.devOpsBestPractices()],
        rules: [
          PackRule.managed('S3_BUCKET_VERSIONING_ENABLED', { remediation: Remediation.ssmDocument('AWS-ConfigureS3BucketVersioning') }),
          PackRule.customLambda('QueuesEncrypted', { resourceTypes: ['AWS::SQS::Queue'], propertyPath: 'configuration.SqsManagedSseEnabled', expectedValue: 'false' }),
        ],
      });
      return [stack];
    },
  },
  {
    name: 'anchor: CfnConformancePack, same 130 rules as hand-written inline YAML',
    build: (app) => {
      const stack = new Stack(app, 'BenchPackTypedL1', { env });
      new config.CfnConformancePack(stack, 'Pack', { conformancePackName: 'bench-typed', templateBody: handWrittenYaml() });
      return [stack];
    },
  },
  {
    name: 'anchor: CfnConformancePack, largest sample inline (fails at deploy: over 51,200 bytes)',
    build: (app) => {
      const stack = new Stack(app, 'BenchPackSampleL1', { env });
      new config.CfnConformancePack(stack, 'Pack', { conformancePackName: 'bench-sample', templateBody: readFileSync(largestSample, 'utf-8') });
      return [stack];
    },
  },
];

export default scenarios;
