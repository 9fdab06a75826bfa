import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DeliveryStack } from '../../examples/delivery-stack';
import { GovernanceStack } from '../../examples/governance-stack';
import { buildReferenceApp } from '../../examples/reference-app';
import { ServiceStack } from '../../examples/service-stack';
import { cdkJsonContext } from '../harness/reference-app';

test('the reference app is the four stacks of issue 8, the feature flags of issue 19, the container service of issue 18 and the chaos stack of issue 20', () => {
  const stacks = buildReferenceApp(new App({ context: cdkJsonContext() }));
  expect(stacks.map((s) => s.node.id).sort()).toEqual(['GantryChaos', 'GantryContainerService', 'GantryDelivery', 'GantryFeatureFlags', 'GantryGovernance', 'GantryRegistry', 'GantryService']);
});

test('context keys replace the placeholders (lists also as JSON strings, as given with -c)', () => {
  const app = new App({
    context: {
      ...cdkJsonContext(),
      'gantry:service:alarmEmail': 'oncall@example.org',
      'gantry:service:monitoringSinkArn': 'arn:aws:oam:eu-west-1:111111111111:sink/abcd-1234',
      'gantry:delivery:prodAccount': '333333333333',
      'gantry:delivery:approverEmails': '["cab@example.org"]',
      'gantry:governance:account': '444444444444',
      'gantry:baseline:organizationalUnitIds': '["ou-zz99-onlyone1"]',
    },
  });
  const stacks = buildReferenceApp(app);
  const service = Template.fromStack(stacks.find((s) => s instanceof ServiceStack)!);
  service.hasResourceProperties('AWS::SNS::Subscription', { Endpoint: 'oncall@example.org' });
  service.hasResourceProperties('AWS::Oam::Link', { SinkIdentifier: 'arn:aws:oam:eu-west-1:111111111111:sink/abcd-1234' });
  const delivery = Template.fromStack(stacks.find((s) => s instanceof DeliveryStack)!);
  expect(JSON.stringify(delivery.toJSON())).toContain('cdk-hnb659fds-deploy-role-333333333333-eu-west-1');
  delivery.hasResourceProperties('AWS::SNS::Subscription', { Endpoint: 'cab@example.org' });
  const governance = stacks.find((s) => s instanceof GovernanceStack)!;
  expect(governance.account).toBe('444444444444');
  Template.fromStack(governance).resourceCountIs('AWS::ControlTower::EnabledControl', 9);
});
