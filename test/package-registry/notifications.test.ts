import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { PackageRegistry, PackageRegistryProps } from '../../constructs';

const env = { account: '111111111111', region: 'eu-west-1' };

function build(props: Partial<PackageRegistryProps> = {}, stack = new Stack(new App(), 'Test', { env })) {
  const registry = new PackageRegistry(stack, 'Registry', { domainName: 'acme', ...props });
  return { stack, registry, template: () => Template.fromStack(stack) };
}

describe('notifications of package version changes', () => {
  test('to the stack\'s notification topic with the addresses subscribed; only the registry\'s rule may publish', () => {
    const { registry, template } = build({ notifications: { emailAddresses: ['releases@example.com'] } });
    const t = template();
    expect(registry.notificationTopic).toBeDefined();
    t.resourceCountIs('AWS::SNS::Topic', 1);
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'releases@example.com' });
    const rule = Object.keys(t.findResources('AWS::Events::Rule'))[0];
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['aws.codeartifact'], 'detail-type': ['CodeArtifact Package Version State Change'] },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^GantryNotificationsTopic') }, DeadLetterConfig: Match.anyValue() })],
    });
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'events.amazonaws.com' }, Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [rule, 'Arn'] } } } })]) },
    });
  });

  test('a given topic encrypted with a key of the app: EventBridge gets the key statement', () => {
    const stack = new Stack(new App(), 'Test', { env });
    const key = new kms.Key(stack, 'TeamKey');
    build({ notifications: { topic: new sns.Topic(stack, 'Team', { masterKey: key }) } }, stack);
    const own = Object.entries<any>(Template.fromStack(stack).findResources('AWS::KMS::Key')).find(([id]) => id.startsWith('TeamKey'))![1];
    expect(own.Properties.KeyPolicy.Statement).toContainEqual(expect.objectContaining({
      Sid: 'AllowEventBridgeToPublishToEncryptedTopics', Principal: { Service: 'events.amazonaws.com' },
    }));
  });

  test('no notifications and no targets: no rule, no topic', () => {
    const t = build().template();
    t.resourceCountIs('AWS::Events::Rule', 0);
    t.resourceCountIs('AWS::SNS::Topic', 0);
  });
});

describe('metricPackageVersionChanges', () => {
  test('counts the events the registry\'s rule matched', () => {
    const { stack, registry } = build({ notifications: {} });
    const metric = registry.metricPackageVersionChanges();
    expect(metric).toMatchObject({ namespace: 'AWS/Events', metricName: 'MatchedEvents', statistic: 'Sum' });
    expect(metric.period.toMinutes()).toBe(5);
    expect(stack.resolve(metric.dimensions)).toEqual({ RuleName: stack.resolve(registry.packageVersionChangeRule!.ruleName) });
  });

  test('fails clearly without a rule', () => {
    const { registry } = build();
    expect(() => registry.metricPackageVersionChanges())
      .toThrow(/\[PackageRegistry at 'Test\/Registry'\] invalid 'notifications'.*notifications or packageVersionChangeTargets/);
  });
});

test('a given encryptionKey encrypts the domain and the event dead letters', () => {
  const stack = new Stack(new App(), 'Test', { env });
  const key = new kms.Key(stack, 'Given');
  build({ encryptionKey: key, notifications: {} }, stack);
  const t = Template.fromStack(stack);
  t.hasResourceProperties('AWS::CodeArtifact::Domain', { EncryptionKey: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Given'), 'Arn'] } });
  t.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Given'), 'Arn'] } });
});
