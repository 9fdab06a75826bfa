import { readFileSync } from 'fs';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import * as YAML from 'yaml';
import { ConformancePackStack } from '../../examples/conformance-pack-stack';
import { normalisedTemplate, referenceStacks } from '../harness/reference-app';

function governance(): { stack: ConformancePackStack; template: Template } {
  const stack = referenceStacks().find((s) => s.node.id === 'GantryGovernance') as ConformancePackStack;
  return { stack, template: Template.fromStack(stack) };
}

test('the governance stack deploys two packs, skips the recorder (Control Tower) and aggregates the organization', () => {
  const { template } = governance();
  template.resourceCountIs('AWS::Config::ConformancePack', 2);
  template.resourceCountIs('AWS::Config::ConfigurationRecorder', 0);
  template.resourceCountIs('AWS::Config::DeliveryChannel', 0);
  template.resourceCountIs('AWS::Config::ConfigurationAggregator', 1);
  template.resourceCountIs('AWS::Events::Rule', 1);
});

test('the guardrails pack: the DevOps set without the excluded rule, plus the typed rules', () => {
  const { stack } = governance();
  const names = stack.guardrails.ruleNames;
  expect(names).toHaveLength(37 + 4);
  expect(names).not.toContain('LambdaInsideVpc');
  expect(names).toEqual(expect.arrayContaining(['S3BucketVersioningEnabled', 'WorkloadsTaggedWithOwner', 'TablesBilledOnDemand', 'LambdaFunctionsHaveDeadLetterQueue']));
  const body = YAML.parse((stack.guardrails.accountPacks[0].templateBody as string));
  expect(body.Resources.S3BucketVersioningEnabledRemediation.Properties).toMatchObject({ TargetId: 'AWS-ConfigureS3BucketVersioning', Automatic: true, MaximumAutomaticAttempts: 3, RetryAttemptSeconds: 300 });
});

test('the sample pack copied into examples/ is delivered byte for byte, with the overridden parameter', () => {
  const { stack, template } = governance();
  const file = readFileSync(path.join(__dirname, '../../examples/conformance-packs/Security-Best-Practices-for-Lambda.yaml'), 'utf-8');
  expect(stack.lambdaSecurity.accountPacks[0].templateBody).toBe(file);
  template.hasResourceProperties('AWS::Config::ConformancePack', {
    ConformancePackName: 'lambda-security',
    ConformancePackInputParameters: [{ ParameterName: 'LambdaFunctionSettingsCheckParamRuntime', ParameterValue: 'nodejs22.x,nodejs20.x,python3.13,python3.12' }],
  });
});

test('logical ids of the packs are stable', () => {
  const { template } = governance();
  expect(Object.keys(template.findResources('AWS::Config::ConformancePack')).sort()).toEqual(['DevOpsGuardrailsPackE9A1A757', 'LambdaSecurityPack7D8633E5']);
});

test('snapshot', () => {
  expect(normalisedTemplate(governance().template.toJSON())).toMatchSnapshot();
});
