import { Template } from 'aws-cdk-lib/assertions';
import { normalisedTemplate, referenceStacks } from '../harness/reference-app';

// The example delivery stack of the reference app: its shape is asserted, then snapshotted.
const stack = referenceStacks().find((s) => s.node.id === 'GantryDelivery')!;
const template = Template.fromStack(stack);

test('the reference app includes the delivery stack', () => {
  expect(stack).toBeDefined();
});

test('Dev is alarm-gated, Prod is approved after a change-set digest and deploys to the prod account', () => {
  const [pipeline] = Object.values(template.findResources('AWS::CodePipeline::Pipeline')) as any[];
  const stages = pipeline.Properties.Stages;
  expect(stages.map((s: any) => s.Name)).toEqual(['Source', 'Build', 'Dev', 'Prod']);
  expect(stages[2].OnSuccess.Conditions[0].Result).toBe('ROLLBACK');
  expect(stages[3].Actions.map((a: any) => a.Name)).toEqual(['Prepare-App-Prod', 'Digest-App-Prod', 'Approve', 'Execute-App-Prod']);
  expect(JSON.stringify(stages[3].Actions[0].RoleArn)).toContain(':iam::222222222222:role/cdk-hnb659fds-deploy-role-222222222222-eu-west-1');
});

test('snapshot', () => {
  expect(normalisedTemplate(template.toJSON())).toMatchSnapshot();
});
