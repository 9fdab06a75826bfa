import { App, Duration, Stack, Stage, Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  BlueGreenLambda, ChaosExperiment, ChaosTarget, ConformancePack, Fault, KeyDataClass, ObservabilityDashboard, PackRule, RuleTopicTarget,
  SecureDefaults,
  SharedKeys,
} from '../../constructs';
import { resolveNotifications } from '../../constructs/core';
import { formatFindings, runNag } from '../harness/nag';

const env = { account: '111111111111', region: 'eu-west-1' };

function stack(id = 'Service', e = env) {
  return new Stack(new App(), id, { env: e });
}

function counter(s: Stack, id: string, extra: object = {}) {
  return new BlueGreenLambda(s, id, {
    functionProps: { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => 1') },
    ...extra,
  });
}

function partitioned(rest: string) {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] };
}

function keyStatements(t: Template): any[] {
  return Object.values<any>(t.findResources('AWS::KMS::Key')).flatMap((k) => k.Properties.KeyPolicy.Statement);
}

describe('one notification topic per stack', () => {
  test('constructs of a stack share one encrypted topic; an address given by two is subscribed once, with a dead-letter queue', () => {
    const s = stack();
    const a = counter(s, 'A', { notifications: { emailAddresses: ['ops@example.com'] } });
    const b = counter(s, 'B', { notifications: { emailAddresses: ['ops@example.com', 'dev@example.com'] } });
    new ConformancePack(s, 'Pack', { packName: 'p', rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')] });
    const t = Template.fromStack(s);
    t.resourceCountIs('AWS::SNS::Topic', 1);
    expect(a.notificationTopic).toBe(b.notificationTopic);
    const topic = Object.keys(t.findResources('AWS::SNS::Topic'))[0];
    expect(topic).toMatch(/^GantryNotificationsTopic/);
    t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GantryKeysMessages'), 'Arn'] } });
    const subscriptions = Object.values<any>(t.findResources('AWS::SNS::Subscription')).map((r) => r.Properties);
    expect(subscriptions.map((p) => p.Endpoint).sort()).toEqual(['dev@example.com', 'ops@example.com']);
    for (const p of subscriptions) {
      expect(p).toMatchObject({ Protocol: 'email', TopicArn: { Ref: topic }, RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [expect.stringMatching(/^GantryDeadLettersQueue/), 'Arn'] } } });
    }
    // The messages key lets SNS write the dead letters of this account.
    expect(keyStatements(t)).toContainEqual(expect.objectContaining({ Sid: 'AllowSnsToSendDeadLetters', Principal: { Service: 'sns.amazonaws.com' } }));
  });

  test('a given topic is used and the addresses subscribe to it', () => {
    const s = stack();
    const topic = new sns.Topic(s, 'Team');
    const fn = counter(s, 'A', { notifications: { topic, emailAddresses: ['team@example.com'] } });
    const t = Template.fromStack(s);
    expect(fn.notificationTopic).toBe(topic);
    t.resourceCountIs('AWS::SNS::Topic', 1);
    t.hasResourceProperties('AWS::SNS::Subscription', { Endpoint: 'team@example.com', TopicArn: { Ref: Match.stringLikeRegexp('^Team') } });
    t.hasResourceProperties('AWS::Events::Rule', { Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^Team') } })] });
    // Alarms of this account may publish (the topic policy replaces SNS's default one).
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'AllowAlarmsOfThisAccount', Principal: { Service: 'cloudwatch.amazonaws.com' } })]) },
    });
  });

  test('enabled false sends nothing; with a topic or addresses it fails', () => {
    const s = stack();
    counter(s, 'A', { notifications: { enabled: false } });
    Template.fromStack(s).resourceCountIs('AWS::SNS::Topic', 0);
    expect(() => counter(s, 'B', { notifications: { enabled: false, emailAddresses: ['a@example.com'] } }))
      .toThrow(/\[BlueGreenLambda at 'Service\/B'\] invalid 'notifications.emailAddresses'.*no addresses when notifications.enabled is false/);
  });
});

describe('encrypted topics CloudWatch and EventBridge can publish to', () => {
  test('a topic encrypted with a key of the app: the key admits CloudWatch alarms (source account and alarm ARNs) and EventBridge (source account)', () => {
    const s = stack();
    const key = new kms.Key(s, 'TeamKey');
    const topic = new sns.Topic(s, 'Team', { masterKey: key });
    counter(s, 'A', { notifications: { topic } });
    const t = Template.fromStack(s);
    const statements = Object.values<any>(t.findResources('AWS::KMS::Key'))
      .filter((k) => k.Properties.KeyPolicy.Statement.some((st: any) => st.Sid === 'AllowCloudWatchAlarmsToPublishToEncryptedTopics'))
      .flatMap((k) => k.Properties.KeyPolicy.Statement);
    expect(statements).toContainEqual({
      Sid: 'AllowCloudWatchAlarmsToPublishToEncryptedTopics',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' }, ArnLike: { 'aws:SourceArn': partitioned(':cloudwatch:eu-west-1:111111111111:alarm:*') } },
    });
    expect(statements).toContainEqual(expect.objectContaining({
      Sid: 'AllowEventBridgeToPublishToEncryptedTopics', Principal: { Service: 'events.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
    }));
  });

  test('a dashboard given an alarm topic with a key of the app gets the CloudWatch statement on that key', () => {
    const s = stack();
    const key = new kms.Key(s, 'AlarmKey');
    new ObservabilityDashboard(s, 'Dashboard', { alarmTopic: new sns.Topic(s, 'Alarms', { masterKey: key }) });
    const policy = Template.fromStack(s).findResources('AWS::KMS::Key');
    const own = Object.entries<any>(policy).find(([id]) => id.startsWith('AlarmKey'))![1];
    expect(own.Properties.KeyPolicy.Statement).toContainEqual(expect.objectContaining({ Sid: 'AllowCloudWatchAlarmsToPublishToEncryptedTopics' }));
  });

  test('an imported key fails synth, printing the statement to add to its policy', () => {
    const s = stack();
    const key = kms.Key.fromKeyArn(s, 'Imported', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    const topic = sns.Topic.fromTopicAttributes(s, 'Team', { topicArn: 'arn:aws:sns:eu-west-1:111111111111:team', keyArn: key.keyArn });
    expect(() => counter(s, 'A', { notifications: { topic } })).toThrow(
      '[BlueGreenLambda at \'Service/A\'] invalid \'notifications.topic\': got "arn:aws:sns:eu-west-1:111111111111:team"; allowed: a topic whose key lets '
      + 'events.amazonaws.com publish. The topic is encrypted with imported key arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab, '
      + 'whose policy Gantry cannot change: add this statement to that key\'s policy, or give a topic encrypted with a key of this app: '
      + '{"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Condition":{"StringEquals":{"aws:SourceAccount":"111111111111"}},"Effect":"Allow",'
      + '"Principal":{"Service":"events.amazonaws.com"},"Resource":"*","Sid":"AllowEventBridgeToPublishToEncryptedTopics"}',
    );
  });

  test('a rule target on a topic with an imported key fails the same way', () => {
    const s = stack();
    const topic = sns.Topic.fromTopicAttributes(s, 'Team', {
      topicArn: 'arn:aws:sns:eu-west-1:111111111111:team', keyArn: 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    });
    expect(() => new events.Rule(s, 'Rule', { eventPattern: { source: ['aws.ec2'] }, targets: [new RuleTopicTarget(topic)] }))
      .toThrow(/invalid 'target'.*imported key .*"Principal":\{"Service":"events.amazonaws.com"\}/);
  });

  test('a topic in another Region or account fails synth', () => {
    const s = stack();
    const otherRegion = sns.Topic.fromTopicArn(s, 'Far', 'arn:aws:sns:us-east-1:111111111111:far');
    expect(() => counter(s, 'A', { notifications: { topic: otherRegion } }))
      .toThrow(/invalid 'notifications.topic': got "arn:aws:sns:us-east-1:111111111111:far"; allowed: a topic in the Region of Service\/A \(eu-west-1, not us-east-1\)/);
    const otherAccount = sns.Topic.fromTopicArn(s, 'Other', 'arn:aws:sns:eu-west-1:222222222222:other');
    expect(() => counter(s, 'B', { notifications: { topic: otherAccount } }))
      .toThrow(/allowed: a topic in the account of Service\/B \(111111111111, not 222222222222\)/);
  });
});

describe('bad input', () => {
  test.each([
    ['no at sign', 'ops.example.com'],
    ['a space', 'ops @example.com'],
    ['no domain dot', 'ops@example'],
  ])('an address with %s', (_what, address) => {
    const s = stack();
    expect(() => counter(s, 'A', { notifications: { emailAddresses: [address] } }))
      .toThrow(`[BlueGreenLambda at 'Service/A'] invalid 'notifications.emailAddresses[0]': got ${JSON.stringify(address)}; allowed: e-mail addresses (name@domain.tld, no spaces)`);
  });

  test('a repeated address', () => {
    expect(() => counter(stack(), 'A', { notifications: { emailAddresses: ['a@example.com', 'a@example.com'] } }))
      .toThrow(/invalid 'notifications.emailAddresses': got "a@example.com"; allowed: each value at most once/);
  });

  test('tokens pass', () => {
    const s = stack();
    expect(() => counter(s, 'A', { notifications: { emailAddresses: [Token.asString({ Ref: 'Email' })] } })).not.toThrow();
  });

  test('the removed boolean and prop names of 0.x fail naming the new ones', () => {
    expect(() => counter(stack(), 'A', { notifications: false }))
      .toThrow(/\[BlueGreenLambda at 'Service\/A'\] invalid 'notifications': got false; allowed: a NotificationOptions object: the boolean form was removed in 0.x, write notifications: \{ enabled: false \}/);
    expect(() => new ConformancePack(stack(), 'Pack', { packName: 'p', rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')], notifyNonCompliance: false } as any))
      .toThrow(/\[ConformancePack at 'Service\/Pack'\] invalid 'notifyNonCompliance': got false; allowed: no 'notifyNonCompliance': it was removed in 0.x, use 'notifications.enabled'/);
    const s = stack();
    expect(() => new ConformancePack(s, 'Pack', { packName: 'p', rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')], notificationTopic: new sns.Topic(s, 'T') } as any))
      .toThrow(/invalid 'notificationTopic'.*use 'notifications.topic'/);
  });

  test('a chaos experiment given the 0.x notificationTopic fails naming notifications.topic', () => {
    const s = stack();
    const fn = lambda.Function.fromFunctionArn(s, 'Fn', 'arn:aws:lambda:eu-west-1:111111111111:function:f');
    expect(() => new ChaosExperiment(s, 'Chaos', {
      description: 'd',
      actions: [{ name: 'Delay', fault: Fault.lambdaInvocationDelay(ChaosTarget.lambdaFunction(fn, { qualifier: 'live' }), { duration: Duration.minutes(1) }) }],
      notificationTopic: new sns.Topic(s, 'T'),
    } as any)).toThrow(/\[ChaosExperiment at 'Service\/Chaos'\] invalid 'notificationTopic'.*use 'notifications.topic'/);
  });

  test('resolveNotifications names the prop it is given', () => {
    const s = stack();
    expect(() => resolveNotifications(s, 'stackSet.notifications', { emailAddresses: ['x'] }, [])).toThrow(/'stackSet.notifications.emailAddresses\[0\]'/);
  });
});

describe('shared keys', () => {
  test('one rotating, retained key per data class and stack, however many constructs use it', () => {
    const s = stack();
    counter(s, 'A');
    counter(s, 'B', { smokeTest: { payload: {} } });
    new ConformancePack(s, 'Pack', { packName: 'p', createRecorder: true, createDeliveryBucket: true, rules: [PackRule.customLambda('R', { resourceTypes: ['AWS::S3::Bucket'], propertyPath: 'a', expectedValue: 'b' })] });
    SecureDefaults.deadLetterQueue(s, 'Mine');
    const t = Template.fromStack(s);
    const keys = t.findResources('AWS::KMS::Key');
    expect(Object.keys(keys).sort()).toEqual([
      expect.stringMatching(/^GantryKeysArtifacts/), expect.stringMatching(/^GantryKeysLogs/), expect.stringMatching(/^GantryKeysMessages/),
    ]);
    for (const key of Object.values<any>(keys)) {
      expect(key).toMatchObject({ Properties: { EnableKeyRotation: true }, DeletionPolicy: 'Retain' });
    }
    expect(SharedKeys.of(s).keyFor(KeyDataClass.LOGS)).toBe(SharedKeys.of(s).logsKey);
  });

  test('the logs key admits CloudWatch Logs of the Region for log groups of this account only', () => {
    const s = stack();
    counter(s, 'A');
    const logs = Object.entries<any>(Template.fromStack(s).findResources('AWS::KMS::Key')).find(([id]) => id.startsWith('GantryKeysLogs'))![1];
    expect(logs.Properties.KeyPolicy.Statement).toContainEqual(expect.objectContaining({
      Sid: 'AllowCloudWatchLogsOfThisAccount',
      Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': partitioned(':logs:eu-west-1:111111111111:log-group:*') } },
    }));
  });

  test('two constructs given different keys each use their own; the shared key only where none is given', () => {
    const s = stack();
    const k1 = new kms.Key(s, 'K1');
    const k2 = new kms.Key(s, 'K2');
    counter(s, 'A', { encryptionKey: k1, notifications: { enabled: false } });
    counter(s, 'B', { encryptionKey: k2, notifications: { enabled: false } });
    counter(s, 'C', { notifications: { enabled: false } });
    const t = Template.fromStack(s);
    const groups = Object.entries<any>(t.findResources('AWS::Logs::LogGroup')).map(([id, r]) => [id.slice(0, 1), r.Properties.KmsKeyId['Fn::GetAtt'][0]]);
    expect(groups).toEqual(expect.arrayContaining([
      ['A', expect.stringMatching(/^K1/)], ['B', expect.stringMatching(/^K2/)], ['C', expect.stringMatching(/^GantryKeysLogs/)],
    ]));
    // A given key of the app is let serve CloudWatch Logs.
    const k1Policy = Object.entries<any>(t.findResources('AWS::KMS::Key')).find(([id]) => id.startsWith('K1'))![1];
    expect(k1Policy.Properties.KeyPolicy.Statement).toContainEqual(expect.objectContaining({ Sid: 'AllowCloudWatchLogsOfThisAccount' }));
  });
});

describe('SharedKeys.useKey', () => {
  test('stacks of an app use one key per class of a key stack; no key is created in them', () => {
    const app = new App();
    const keyStack = new Stack(app, 'Keys', { env });
    const logsKey = new kms.Key(keyStack, 'Logs');
    const messagesKey = new kms.Key(keyStack, 'Messages');
    const service = new Stack(app, 'Service', { env });
    SharedKeys.of(service).useKey(KeyDataClass.LOGS, logsKey);
    SharedKeys.of(service).useKey(KeyDataClass.MESSAGES, messagesKey);
    counter(service, 'A', { notifications: { emailAddresses: ['ops@example.com'] } });
    Template.fromStack(service).resourceCountIs('AWS::KMS::Key', 0);
    const keys = Template.fromStack(keyStack).findResources('AWS::KMS::Key');
    const statements = (prefix: string) => Object.entries<any>(keys).find(([id]) => id.startsWith(prefix))![1].Properties.KeyPolicy.Statement;
    expect(statements('Logs')).toContainEqual(expect.objectContaining({ Sid: 'AllowCloudWatchLogsOfThisAccount' }));
    expect(statements('Messages')).toContainEqual(expect.objectContaining({ Sid: 'AllowEventBridgeToPublishToEncryptedTopics' }));
  });

  test('fails once the class is in use, or for a key of another Region', () => {
    const s = stack();
    counter(s, 'A');
    expect(() => SharedKeys.of(s).useKey(KeyDataClass.LOGS, new kms.Key(s, 'Late')))
      .toThrow(/\[SharedKeys at 'Service\/GantryKeys'\] invalid 'useKey\(logs\)'.*call useKey first/);
    const far = new kms.Key(new Stack(new App(), 'Far', { env: { account: env.account, region: 'us-east-1' } }), 'Key');
    expect(() => SharedKeys.of(stack()).useKey(KeyDataClass.MESSAGES, far)).toThrow(/a key in the Region of stack Service \(eu-west-1, not us-east-1\)/);
  });
});

describe('SharedKeys.useKeyStack', () => {
  test('every stack of a scope in the key stack\'s account and Region uses its keys, one per class; others keep their own', () => {
    const app = new App();
    const keyStack = new Stack(app, 'Keys', { env });
    SharedKeys.useKeyStack(app, keyStack);
    const dev = new Stack(app, 'Dev', { env });
    const prod = new Stack(app, 'Prod', { env });
    const elsewhere = new Stack(app, 'Elsewhere', { env: { account: env.account, region: 'us-east-1' } });
    for (const s of [dev, prod, elsewhere]) counter(s, 'A', { notifications: { emailAddresses: ['ops@example.com'] } });
    for (const s of [dev, prod]) {
      Template.fromStack(s).resourceCountIs('AWS::KMS::Key', 0);
      // The log group is encrypted with the key stack's logs key (an import of its export).
      Template.fromStack(s).hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::ImportValue': Match.stringLikeRegexp('^Keys:ExportsOutputFnGetAttGantryKeysLogs') } });
    }
    const keys = Template.fromStack(keyStack).findResources('AWS::KMS::Key');
    expect(Object.keys(keys).sort()).toEqual([expect.stringMatching(/^GantryKeysLogs/), expect.stringMatching(/^GantryKeysMessages/)]);
    const statements = Object.values<any>(keys).flatMap((k) => k.Properties.KeyPolicy.Statement);
    expect(statements).toContainEqual(expect.objectContaining({ Sid: 'AllowCloudWatchLogsOfThisAccount' }));
    expect(statements).toContainEqual(expect.objectContaining({ Sid: 'AllowEventBridgeToPublishToEncryptedTopics' }));
    // Another Region: its own keys.
    Template.fromStack(elsewhere).resourceCountIs('AWS::KMS::Key', 2);
    // The whole app synthesizes (no cyclic reference between the key stack and the stacks it serves).
    expect(() => app.synth()).not.toThrow();
  });

  test('an app sharing a key stack: Gantry\'s resources are nag-clean under both cdk-nag majors', () => {
    for (const major of [2, 3] as const) {
      const app = new App();
      const keyStack = new Stack(app, 'Keys', { env });
      SharedKeys.useKeyStack(app, keyStack);
      for (const id of ['Dev', 'Prod']) counter(new Stack(app, id, { env }), 'A', { notifications: { emailAddresses: ['ops@example.com'] } });
      const result = runNag(app, major);
      // The inline test function is the user's (its runtime, memory, VPC are theirs to choose); all else is Gantry's.
      expect(formatFindings(result.unsuppressed.filter((f) => !f.path.endsWith('/A/Function/Resource')))).toBe('');
      expect(formatFindings(result.unusedSuppressions)).toBe('');
    }
  });

  test('useKey and a construct\'s encryptionKey still win; a Stage registration serves only its stacks', () => {
    const app = new App();
    const stage = new Stage(app, 'Dev', { env });
    const keyStack = new Stack(stage, 'Keys');
    SharedKeys.useKeyStack(stage, keyStack);
    expect(() => SharedKeys.useKeyStack(app, keyStack)).toThrow(/a key stack in the Stage of the app \(CDK lets stacks refer to each other only within one Stage/);
    const inStage = new Stack(stage, 'Service');
    const own = new kms.Key(inStage, 'Own');
    SharedKeys.of(inStage).useKey(KeyDataClass.MESSAGES, own);
    counter(inStage, 'A', { notifications: { emailAddresses: ['ops@example.com'] } });
    const outside = new Stack(app, 'Outside', { env });
    counter(outside, 'A');
    expect(SharedKeys.of(inStage).messagesKey).toBe(own);
    expect(SharedKeys.of(inStage).logsKey).toBe(SharedKeys.of(keyStack).logsKey);
    expect(SharedKeys.of(outside).logsKey).not.toBe(SharedKeys.of(keyStack).logsKey);
    Template.fromStack(outside).resourceCountIs('AWS::KMS::Key', 2); // its own logs and messages keys
    expect(() => app.synth()).not.toThrow();
  });

  test('a second key stack for one account and Region fails, naming both', () => {
    const app = new App();
    SharedKeys.useKeyStack(app, new Stack(app, 'Keys', { env }));
    SharedKeys.useKeyStack(app, new Stack(app, 'Far', { env: { account: env.account, region: 'us-east-1' } }));
    expect(() => SharedKeys.useKeyStack(app, new Stack(app, 'Keys2', { env })))
      .toThrow(/invalid 'SharedKeys.useKeyStack'.*Keys2.*one key stack per account and Region.*Keys already serves account 111111111111, Region eu-west-1/);
  });
});
