import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { referenceStacks } from '../harness/reference-app';

// Keys cost $1 a month each (AWS KMS pricing): the reference stacks share one key per data class
// (logs, messages, artifacts), and every topic has a subscriber.
// The app's stacks, those of the pipelines' stages included.
const withStages = referenceStacks()[0].node.root.node.findAll().filter(Stack.isStack);

test('the stages\' stacks are checked too', () => expect(withStages.length).toBeGreaterThan(7));

describe.each(withStages.map((s) => [s.node.path, s] as const))('%s', (_path, stack) => {
  const template = Template.fromStack(stack);

  test('at most one KMS key per data class (3 in all), each rotating', () => {
    const keys = template.findResources('AWS::KMS::Key');
    expect(Object.keys(keys).length).toBeLessThanOrEqual(3);
    for (const [id, key] of Object.entries<any>(keys)) {
      // The registry's domain key (immutable) serves as its stack's artifacts key (SharedKeys.useKey).
      expect(id).toMatch(/^(GantryKeys(Logs|Messages|Artifacts)|RegistryKey)/);
      expect(key.Properties.EnableKeyRotation).toBe(true);
    }
  });

  test('every topic has an e-mail subscriber', () => {
    const subscriptions = Object.values<any>(template.findResources('AWS::SNS::Subscription')).map((s) => JSON.stringify(s.Properties.TopicArn));
    for (const topic of Object.keys(template.findResources('AWS::SNS::Topic'))) {
      expect(subscriptions.some((arn) => arn.includes(`"${topic}"`))).toBe(true);
    }
  });

  test('an address is subscribed once per topic, with a dead-letter queue (the alarm topics\' too, through the dashboards\' alarmEmailAddresses)', () => {
    const subscriptions = Object.entries<any>(template.findResources('AWS::SNS::Subscription'));
    const keys = subscriptions.map(([, s]) => JSON.stringify([s.Properties.TopicArn, s.Properties.Endpoint]));
    expect(keys).toEqual(Array.from(new Set(keys)));
    for (const [id, s] of subscriptions) expect([id, s.Properties.RedrivePolicy?.deadLetterTargetArn]).toEqual([id, expect.anything()]);
  });
});
