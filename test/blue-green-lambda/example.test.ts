import { Template } from 'aws-cdk-lib/assertions';
import { normalisedTemplate, referenceStacks } from '../harness/reference-app';

// The example service stack as the reference app builds it (cdk.json context).
function exampleTemplate(): Template {
  const stack = referenceStacks().find((s) => s.node.id === 'GantryBlueGreenLambda');
  if (!stack) throw new Error('the reference app has no GantryBlueGreenLambda stack');
  return Template.fromStack(stack);
}

test('the example deploys the orders function blue/green with a smoke test and version alarms', () => {
  const t = exampleTemplate();
  t.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
    DeploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
    AutoRollbackConfiguration: { Enabled: true, Events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST', 'DEPLOYMENT_STOP_ON_ALARM'] },
  });
  t.resourceCountIs('AWS::CloudWatch::Alarm', 3);
  t.resourceCountIs('AWS::Lambda::Function', 2); // the orders function and the shared smoke-test hook
  t.hasResourceProperties('AWS::Lambda::Function', { Timeout: 300, Environment: { Variables: { AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1' } } });
});

test('the example template matches the snapshot', () => {
  expect(normalisedTemplate(exampleTemplate().toJSON())).toMatchSnapshot();
});
