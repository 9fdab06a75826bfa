import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import { BlueGreenLambda, IMonitoring, ObservabilityDashboard, PackageRegistry, SecureDefaults } from '../../constructs';
import { DeadLetteredTarget, DeadLetterQueues, eventDeadLetterQueue, monitorDeadLetterQueue, RuleTopicTarget, secureTopic, SharedKeys } from '../../constructs/core';
import { inlineFunctionProps, serviceStack } from '../harness/fixtures';
import { formatFindings, runNag } from '../harness/nag';

const stack = serviceStack;
const fnProps = inlineFunctionProps;

/** A blue/green function (notification rule, e-mail subscription, smoke-test hook) and a registry with a rule target, in one stack. */
function twoConstructs(s = stack()) {
  const topic = secureTopic(s, 'Releases').topic;
  const bg = new BlueGreenLambda(s, 'Orders', {
    functionProps: fnProps(),
    notifications: { emailAddresses: ['ops@example.com'] },
    smokeTest: {},
  });
  const registry = new PackageRegistry(s, 'Registry', { domainName: 'acme', packageVersionChangeTargets: [new targets.SnsTopic(topic)] });
  return { s, bg, registry, template: Template.fromStack(s) };
}

const queueStatements = (t: Template) => Object.values(t.findResources('AWS::SQS::QueuePolicy')).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
const keyStatements = (t: Template, keyId: string) => t.toJSON().Resources[keyId].Properties.KeyPolicy.Statement as any[];
const idOf = (s: Stack, c: IConstruct) => s.resolve((c.node.defaultChild as sqs.CfnQueue).logicalId) as string;

describe('one dead-letter queue per stack', () => {
  test('two constructs in one stack: one queue, the target of every rule, subscription and function dead-letter setting', () => {
    const { s, registry, template } = twoConstructs();
    template.resourceCountIs('AWS::SQS::Queue', 1);
    const queueId = idOf(s, DeadLetterQueues.of(s).queue());
    expect(queueId).toMatch(/^GantryDeadLettersQueue/);
    expect(registry.deadLetterQueue).toBe(DeadLetterQueues.of(s).queue());
    const arn = { 'Fn::GetAtt': [queueId, 'Arn'] };
    // Both rules (deployment failures, package versions), the e-mail subscription, the smoke-test hook.
    const rules = Object.values(template.findResources('AWS::Events::Rule')) as any[];
    expect(rules).toHaveLength(2);
    for (const rule of rules) expect(rule.Properties.Targets[0].DeadLetterConfig).toEqual({ Arn: arn });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', RedrivePolicy: { deadLetterTargetArn: arn } });
    template.hasResourceProperties('AWS::Lambda::Function', { DeadLetterConfig: { TargetArn: arn } });
    // Secure defaults: the shared messages key, TLS only, 14 days.
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GantryKeysMessages'), 'Arn'] },
      MessageRetentionPeriod: 1209600,
    });
    expect(queueStatements(template)).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });

  test('every producer may send: each rule and the topic on the queue policy, by source ARN', () => {
    const { template } = twoConstructs();
    const statements = queueStatements(template);
    const ruleIds = Object.keys(template.findResources('AWS::Events::Rule'));
    for (const rule of ruleIds) {
      expect(statements).toContainEqual(expect.objectContaining({
        Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [rule, 'Arn'] } } },
      }));
    }
    expect(statements).toContainEqual(expect.objectContaining({
      Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': { Ref: expect.stringMatching(/^GantryNotificationsTopic/) } } },
    }));
    // No service may send without a source condition.
    for (const s of statements.filter((x: any) => x.Principal?.Service)) expect(s.Condition?.ArnEquals?.['aws:SourceArn']).toBeDefined();
  });

  test('the key lets EventBridge and SNS of this account use it; functions get sqs:SendMessage and the key actions SQS needs', () => {
    const { s, template } = twoConstructs();
    const keyId = s.resolve((SharedKeys.of(s).messagesKey.node.defaultChild as kms.CfnKey).logicalId);
    const key = keyStatements(template, keyId);
    for (const [sid, service] of [['AllowEventBridgeToSendDeadLetters', 'events.amazonaws.com'], ['AllowSnsToSendDeadLetters', 'sns.amazonaws.com']]) {
      expect(key).toContainEqual(expect.objectContaining({ Sid: sid, Principal: { Service: service }, Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } } }));
    }
    const queueArn = { 'Fn::GetAtt': [idOf(s, DeadLetterQueues.of(s).queue()), 'Arn'] };
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).concat(Object.values(template.findResources('AWS::IAM::ManagedPolicy'))) as any[];
    const hook = policies.filter((p) => JSON.stringify(p).includes('SmokeTestRole')).flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(hook).toContainEqual(expect.objectContaining({ Action: 'sqs:SendMessage', Resource: queueArn }));
    expect(hook).toContainEqual(expect.objectContaining({ Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: { 'Fn::GetAtt': [keyId, 'Arn'] } }));
  });

  test('a function of the user given the shared queue, with grantSendToEncryptedQueue, can write to it', () => {
    const s = stack();
    const queue = SecureDefaults.sharedDeadLetterQueue(s);
    const fn = new lambda.Function(s, 'Fn', fnProps({ deadLetterQueue: queue }));
    SecureDefaults.grantSendToEncryptedQueue(fn, queue);
    const t = Template.fromStack(s);
    const statements = Object.values(t.findResources('AWS::IAM::Policy')).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    expect(statements).toContainEqual(expect.objectContaining({ Action: 'sqs:SendMessage' }));
    expect(statements).toContainEqual(expect.objectContaining({ Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Condition: { StringEquals: { 'kms:ViaService': 'sqs.eu-west-1.amazonaws.com' } } }));
    expect(queue).toBe(eventDeadLetterQueue(s));
  });

  test('a key given gets its own queue, one per (stack, key), and no shared messages key is made for it', () => {
    const s = stack();
    eventDeadLetterQueue(s, new kms.Key(s, 'Own', { enableKeyRotation: true }));
    Template.fromStack(s).resourceCountIs('AWS::KMS::Key', 1);
  });

  test('a key given gets its own queue, one per (stack, key); the shared messages key given is the default queue', () => {
    const s = stack();
    const shared = eventDeadLetterQueue(s);
    const own = new kms.Key(s, 'Own', { enableKeyRotation: true });
    const a = eventDeadLetterQueue(s, own);
    const b = SecureDefaults.sharedDeadLetterQueue(s, { encryptionKey: own, senderServices: ['sns.amazonaws.com'] });
    expect(a).toBe(b);
    expect(a).not.toBe(shared);
    expect(a.node.id).toMatch(/^Queue[0-9A-F]{8}$/);
    expect(eventDeadLetterQueue(s, SharedKeys.of(s).messagesKey)).toBe(shared);
    const t = Template.fromStack(s);
    t.resourceCountIs('AWS::SQS::Queue', 2);
    t.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Own'), 'Arn'] } });
    // The given key admits the services that send to its queue.
    const ownKey = keyStatements(t, s.resolve((own.node.defaultChild as kms.CfnKey).logicalId));
    expect(ownKey.map((x) => x.Sid)).toEqual(expect.arrayContaining(['AllowEventBridgeToSendDeadLetters', 'AllowSnsToSendDeadLetters']));
  });

  test('a queue given to a construct is used as is', () => {
    const s = stack();
    const mine = new sqs.Queue(s, 'Mine', { encryption: sqs.QueueEncryption.SQS_MANAGED });
    const registry = new PackageRegistry(s, 'Registry', {
      domainName: 'acme', packageVersionChangeTargets: [new targets.SnsTopic(secureTopic(s, 'T').topic)], deadLetterQueue: mine,
    });
    expect(registry.deadLetterQueue).toBe(mine);
    expect(s.node.tryFindChild('GantryDeadLetters')).toBeUndefined();
  });
});

describe('cdk-nag', () => {
  test('a queue no function names: AwsSolutions-SQS3 acknowledged (cdk-nag cannot see rule targets), clean on all five packs', () => {
    const s = stack();
    const { topic } = secureTopic(s, 'T');
    new events.Rule(s, 'Rule', { eventPattern: { source: ['aws.codeartifact'] }, targets: [new DeadLetteredTarget(new RuleTopicTarget(topic), eventDeadLetterQueue(s))] });
    const result = runNag(s);
    if (result.unsuppressed.length > 0) throw new Error(formatFindings(result.unsuppressed));
    if (result.unusedSuppressions.length > 0) throw new Error(formatFindings(result.unusedSuppressions));
    expect(result.suppressed.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy']));
  });

  test('a queue a function names as its dead-letter queue: no SQS3 acknowledgement (it would be unused), still clean', () => {
    const s = stack();
    const queue = eventDeadLetterQueue(s);
    const { topic } = secureTopic(s, 'T');
    new events.Rule(s, 'Rule', { eventPattern: { source: ['aws.codeartifact'] }, targets: [new DeadLetteredTarget(new RuleTopicTarget(topic), queue)] });
    new BlueGreenLambda(s, 'Orders', { functionProps: fnProps(), smokeTest: {} });
    const result = runNag(s);
    if (result.unusedSuppressions.length > 0) throw new Error(formatFindings(result.unusedSuppressions));
    const queueId = s.resolve((queue.node.defaultChild as sqs.CfnQueue).logicalId);
    const metadata = Template.fromStack(s).toJSON().Resources[queueId].Metadata.cdk_nag.rules_to_suppress.map((r: any) => r.id);
    expect(metadata).toEqual(['Serverless-SQSRedrivePolicy']);
    expect(result.unsuppressed.filter((f) => /SQS/.test(f.ruleId))).toEqual([]);
  });
});

describe('monitoring', () => {
  test('the shared queue is registered once per monitoring however many constructs register it, with one depth alarm', () => {
    const s = stack();
    const calls: Array<{ path: string; title?: string }> = [];
    const monitoring: IMonitoring = { monitor: (r, o) => calls.push({ path: r.node.path, title: o?.title }), addAlarms: () => undefined };
    const queue = eventDeadLetterQueue(s);
    monitorDeadLetterQueue(monitoring, queue, { title: 'first construct' });
    monitorDeadLetterQueue(monitoring, SecureDefaults.sharedDeadLetterQueue(s), { title: 'second construct' });
    expect(calls).toEqual([{ path: 'Service/GantryDeadLetters/Queue', title: 'Dead letters Service/GantryDeadLetters/Queue' }]);
    const alarms = Template.fromStack(s).findResources('AWS::CloudWatch::Alarm');
    expect(Object.values(alarms)).toHaveLength(1);
    expect(Object.values(alarms)[0]).toMatchObject({ Properties: { Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', MetricName: 'ApproximateNumberOfMessagesVisible' } });
  });

  test('on a dashboard: one section, no duplicate title', () => {
    const s = stack();
    const dashboard = new ObservabilityDashboard(s, 'Dash');
    const queue = eventDeadLetterQueue(s);
    monitorDeadLetterQueue(dashboard, queue);
    monitorDeadLetterQueue(dashboard, queue);
    const [page] = Object.values(Template.fromStack(s).findResources('AWS::CloudWatch::Dashboard')) as any[];
    expect(JSON.stringify(page.Properties.DashboardBody).split('### Dead letters Service/GantryDeadLetters/Queue').length).toBe(2);
  });

  test('a queue of the user is registered with the options given', () => {
    const s = stack();
    const calls: string[] = [];
    const monitoring: IMonitoring = { monitor: (_r, o) => calls.push(o?.title ?? ''), addAlarms: () => undefined };
    monitorDeadLetterQueue(monitoring, new sqs.Queue(s, 'Mine'), { title: 'mine' });
    expect(calls).toEqual(['mine']);
    expect(DeadLetterQueues.isShared(eventDeadLetterQueue(s))).toBe(true);
  });
});
