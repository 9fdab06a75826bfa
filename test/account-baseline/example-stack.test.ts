import { Template } from 'aws-cdk-lib/assertions';
import { normalisedTemplate, referenceStacks } from '../harness/reference-app';

function exampleTemplate() {
  const stack = referenceStacks().find((s) => s.node.id === 'GantryAccountBaseline');
  if (!stack) throw new Error('the reference app has no GantryAccountBaseline stack');
  return Template.fromStack(stack).toJSON();
}

test('logical ids of the example are stable (renames would disable and re-enable controls, or replace the StackSet)', () => {
  const ids = Object.keys(exampleTemplate().Resources);
  expect(ids).toEqual(expect.arrayContaining([
    'BaselineStackSetE4946F35',
    'BaselineProtectionsPolicyF7225839',
    'BaselineRegionDenyPolicy3573029D',
    'BaselineLifecycleRuleC51AE348',
    'BaselineControlsAWSGRRESTRICTROOTUSERACCESSKEYSouab12workload14B8DE967',
    'BaselineControlsAWSGRRESTRICTEDSSHouab12sandbox01567D14CA',
  ]));
});

test('the example template matches the snapshot', () => {
  const template = exampleTemplate();
  const { TemplateBody, ...stackSet } = Object.values<any>(template.Resources).find((r) => r.Type === 'AWS::CloudFormation::StackSet').Properties;
  expect(normalisedTemplate(template)).toMatchSnapshot();
  // The member-account template, readable rather than one JSON string.
  expect(normalisedTemplate(JSON.parse(TemplateBody))).toMatchSnapshot();
  expect(stackSet.PermissionModel).toBe('SERVICE_MANAGED');
});
