import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AccessAnalyzerMode, AccountBaseline, BaselineStackSetOptions, GuardDutyMode, SecurityHubMode, SecurityHubStandard } from '../../constructs';
import { BaselineTemplateStack } from '../../constructs/account-baseline/baseline-template';
import { formatFindings, runNag } from '../harness/nag';

const env = { account: '111111111111', region: 'eu-west-1' };

/** The member-account template the StackSet deploys, parsed from its TemplateBody. */
function memberTemplate(stackSet: BaselineStackSetOptions = {}): Template {
  const app = new App();
  const stack = new Stack(app, 'Governance', { env });
  new AccountBaseline(stack, 'Baseline', {
    landingZoneVersion: '3.3',
    organizationId: 'o-exampleorg1',
    organizationalUnits: ['ou-ab12-11111111'],
    governedRegions: ['eu-west-1', 'eu-central-1'],
    stackSet,
  });
  const resource = Object.values<any>(Template.fromStack(stack).findResources('AWS::CloudFormation::StackSet'))[0];
  return Template.fromJSON(JSON.parse(resource.Properties.TemplateBody));
}

const FULL: BaselineStackSetOptions = {
  guardDutyMode: GuardDutyMode.CREATE_DETECTOR,
  securityHubMode: SecurityHubMode.ACCOUNT_HUB,
  accessAnalyzerMode: AccessAnalyzerMode.ACCOUNT_ANALYZER,
  securityHubStandards: [
    SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES_V1_0_0,
    SecurityHubStandard.CIS_AWS_FOUNDATIONS_BENCHMARK_V1_4_0,
  ],
  notifications: { emailAddresses: ['security@example.com'] },
  budget: { monthlyLimitUsd: 500, alertThresholdPercent: 90 },
  auditRole: { trustedPrincipalArns: ['arn:aws:iam::111111111111:role/SecurityAuditors'] },
  breakGlassRole: { trustedPrincipalArns: ['arn:aws:iam::111111111111:role/BreakGlassAdmins'] },
};

test('is self-contained: no assets, no bootstrap version check, no CDK metadata', () => {
  const json = memberTemplate(FULL).toJSON();
  expect(json.Parameters ?? {}).not.toHaveProperty('BootstrapVersion');
  expect(json.Rules ?? {}).not.toHaveProperty('CheckBootstrapVersion');
  expect(JSON.stringify(json)).not.toMatch(/cdk-hnb659fds|AssetParameters|AWS::CDK::Metadata/);
  for (const r of Object.values<any>(json.Resources)) expect(r.Type).not.toMatch(/Lambda|Custom::/);
});

test('fits the 51,200-byte TemplateBody limit with every part on', () => {
  expect(JSON.stringify(memberTemplate(FULL).toJSON()).length).toBeLessThanOrEqual(51_200);
});

describe('GuardDuty', () => {
  test('default: no detector, GuardDuty is left to organization auto-enable (existing detectors untouched)', () => {
    memberTemplate().resourceCountIs('AWS::GuardDuty::Detector', 0);
  });
  test('CREATE_DETECTOR creates one', () => {
    memberTemplate({ guardDutyMode: GuardDutyMode.CREATE_DETECTOR }).hasResourceProperties('AWS::GuardDuty::Detector', { Enable: true });
  });
});

describe('accounts that already have Security Hub or an analyzer: the organization-native routes by default', () => {
  test('default: no hub (central configuration from the delegated administrator takes over existing hubs)', () => {
    memberTemplate().resourceCountIs('AWS::SecurityHub::Hub', 0);
    memberTemplate().resourceCountIs('AWS::SecurityHub::Standard', 0);
  });
  test('default: no account analyzer (an organization analyzer covers the members; theirs are left alone)', () => {
    memberTemplate().resourceCountIs('AWS::AccessAnalyzer::Analyzer', 0);
  });
  test('the organization analyzer is created in the deploying account when asked', () => {
    const app = new App();
    const stack = new Stack(app, 'Governance', { env });
    new AccountBaseline(stack, 'Baseline', {
      landingZoneVersion: '3.3',
      organizationId: 'o-exampleorg1',
      organizationalUnits: ['ou-ab12-11111111'],
      governedRegions: ['eu-west-1'],
      organizationAnalyzer: true,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::AccessAnalyzer::Analyzer', { Type: 'ORGANIZATION' });
  });
  test('what the per-account modes create is retained when it leaves the template, so switching to the organization route never turns a service off', () => {
    const t = memberTemplate(FULL);
    for (const type of ['AWS::SecurityHub::Hub', 'AWS::SecurityHub::Standard', 'AWS::AccessAnalyzer::Analyzer', 'AWS::GuardDuty::Detector']) {
      const resources = Object.values<any>(t.findResources(type));
      expect(resources.length).toBeGreaterThan(0);
      for (const r of resources) expect([r.DeletionPolicy, r.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    }
  });
  test('standards without an account hub are refused (the configuration policy chooses them)', () => {
    expect(() => memberTemplate({ securityHubStandards: [SecurityHubStandard.PCI_DSS_V3_2_1] }))
      .toThrow(/'stackSet\.securityHubStandards'.*unless securityHubMode is SecurityHubMode\.ACCOUNT_HUB/);
  });
});

test('Security Hub with only the chosen standards, each after the hub (ACCOUNT_HUB)', () => {
  const t = memberTemplate(FULL);
  t.hasResourceProperties('AWS::SecurityHub::Hub', { EnableDefaultStandards: false });
  const standards = t.findResources('AWS::SecurityHub::Standard');
  expect(Object.values<any>(standards).map((s) => JSON.stringify(s.Properties.StandardsArn))).toEqual([
    expect.stringContaining('::standards/aws-foundational-security-best-practices/v/1.0.0'),
    expect.stringContaining('::standards/cis-aws-foundations-benchmark/v/1.4.0'),
  ]);
  const hubId = Object.keys(t.findResources('AWS::SecurityHub::Hub'))[0];
  for (const s of Object.values<any>(standards)) expect(s.DependsOn).toContain(hubId);
});

test('IAM Access Analyzer for the account (ACCOUNT_ANALYZER)', () => {
  memberTemplate({ accessAnalyzerMode: AccessAnalyzerMode.ACCOUNT_ANALYZER }).hasResourceProperties('AWS::AccessAnalyzer::Analyzer', { Type: 'ACCOUNT' });
});

test('the security topic hears of every AssumeRole of the break-glass role, in every region, read-only management events included', () => {
  const t = memberTemplate(FULL);
  const rules = Object.values<any>(t.findResources('AWS::Events::Rule', { Properties: { EventPattern: Match.objectLike({ source: ['aws.sts'] }) } }));
  expect(rules).toHaveLength(1);
  const [rule] = rules;
  expect(rule.Condition).toBeUndefined();
  expect(rule.Properties.State).toBe('ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS');
  expect(rule.Properties.EventPattern).toEqual({
    'source': ['aws.sts'],
    'detail-type': ['AWS API Call via CloudTrail'],
    'detail': {
      eventSource: ['sts.amazonaws.com'],
      eventName: ['AssumeRole'],
      requestParameters: { roleArn: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':role/GantryBreakGlass']] }] },
    },
  });
  const topicId = Object.keys(t.findResources('AWS::SNS::Topic'))[0];
  expect(rule.Properties.Targets[0].Arn).toEqual({ Ref: topicId });
  expect(rule.Properties.Targets[0].DeadLetterConfig).toBeDefined();
  memberTemplate({ ...FULL, breakGlassAlerts: false }).resourcePropertiesCountIs('AWS::Events::Rule', { EventPattern: Match.objectLike({ source: ['aws.sts'] }) }, 0);
});

test('an encrypted security topic with the email subscriptions', () => {
  const t = memberTemplate(FULL);
  t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'security@example.com' });
});

test('EventBridge rules for root sign-in, IAM policy changes and CloudTrail changes reach the topic, dead-lettered', () => {
  const t = memberTemplate();
  t.hasResourceProperties('AWS::Events::Rule', { EventPattern: { 'detail-type': ['AWS Console Sign In via CloudTrail'], 'detail': { userIdentity: { type: ['Root'] } } } });
  t.hasResourceProperties('AWS::Events::Rule', { EventPattern: Match.objectLike({ source: ['aws.iam'], detail: Match.objectLike({ eventName: Match.arrayWith(['AttachRolePolicy', 'PutUserPolicy']) }) }) });
  t.hasResourceProperties('AWS::Events::Rule', { EventPattern: Match.objectLike({ source: ['aws.cloudtrail'], detail: Match.objectLike({ eventName: Match.arrayWith(['DeleteTrail', 'StopLogging']) }) }) });
  for (const rule of Object.values<any>(t.findResources('AWS::Events::Rule'))) {
    expect(rule.Properties.Targets[0].DeadLetterConfig).toBeDefined();
  }
});

/** Statements of topic, queue and key policies that let events.amazonaws.com in, with their conditions. */
function eventBridgeGrants(t: Template): Array<{ resource: string; condition: any }> {
  const grants: Array<{ resource: string; condition: any }> = [];
  for (const [id, r] of Object.entries<any>(t.toJSON().Resources)) {
    for (const doc of [r.Properties?.PolicyDocument, r.Properties?.KeyPolicy].filter(Boolean)) {
      for (const statement of doc.Statement) {
        if (JSON.stringify(statement.Principal ?? {}).includes('events.amazonaws.com')) grants.push({ resource: id, condition: statement.Condition });
      }
    }
  }
  return grants;
}

test('EventBridge may publish only from this account\'s rules: every events.amazonaws.com grant is scoped by aws:SourceArn or aws:SourceAccount', () => {
  const t = memberTemplate(FULL);
  const grants = eventBridgeGrants(t);
  expect(grants.length).toBeGreaterThanOrEqual(3);
  for (const grant of grants) expect(JSON.stringify(grant.condition ?? {})).toMatch(/"aws:Source(Arn|Account)"/);
  // The topic policy names the rules themselves.
  const topicPolicy = Object.values<any>(t.findResources('AWS::SNS::TopicPolicy'))[0];
  const ruleIds = Object.keys(t.findResources('AWS::Events::Rule'));
  const publishers = topicPolicy.Properties.PolicyDocument.Statement.filter((s: any) => s.Action === 'sns:Publish' && JSON.stringify(s.Principal).includes('events'));
  expect(publishers.map((s: any) => s.Condition.ArnEquals['aws:SourceArn']['Fn::GetAtt'][0]).sort()).toEqual(ruleIds.sort());
});

test('alerts are switchable; without any, no dead-letter queue', () => {
  const t = memberTemplate({ rootSignInAlerts: false, iamPolicyChangeAlerts: false, cloudTrailChangeAlerts: false });
  t.resourceCountIs('AWS::Events::Rule', 0);
  t.resourceCountIs('AWS::SQS::Queue', 0);
});

test('a monthly budget alerting the topic, once per account (global resources region only)', () => {
  const t = memberTemplate(FULL);
  t.hasResource('AWS::Budgets::Budget', {
    Condition: 'IsGlobalResourcesRegion',
    Properties: {
      Budget: { BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 500, Unit: 'USD' } },
      NotificationsWithSubscribers: [{ Notification: Match.objectLike({ Threshold: 90, ThresholdType: 'PERCENTAGE' }), Subscribers: [{ SubscriptionType: 'SNS', Address: Match.anyValue() }] }],
    },
  });
  expect(t.toJSON().Conditions.IsGlobalResourcesRegion).toEqual({ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] });
});

test('audit and break-glass roles are trusted only by the named principals, break-glass with MFA', () => {
  const t = memberTemplate(FULL);
  t.hasResource('AWS::IAM::Role', {
    Condition: 'IsGlobalResourcesRegion',
    Properties: Match.objectLike({
      RoleName: 'GantryAudit',
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:role/SecurityAuditors' } }] },
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/SecurityAudit']] }],
    }),
  });
  t.hasResourceProperties('AWS::IAM::Role', {
    RoleName: 'GantryBreakGlass',
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:role/BreakGlassAdmins' }, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] },
    MaxSessionDuration: 3600,
  });
  // Nothing else may assume them.
  for (const role of Object.values<any>(t.findResources('AWS::IAM::Role'))) {
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toHaveLength(1);
  }
});

test('no roles and no budget unless asked for', () => {
  const t = memberTemplate();
  t.resourceCountIs('AWS::IAM::Role', 0);
  t.resourceCountIs('AWS::Budgets::Budget', 0);
  expect(t.toJSON().Conditions).toBeUndefined();
});

test('passes the five cdk-nag packs with every part on', () => {
  const app = new App();
  const stack = new BaselineTemplateStack(app, 'Member', { ...FULL, globalResourcesRegion: 'eu-west-1' });
  const result = runNag(stack);
  if (result.unsuppressed.length > 0) throw new Error(`Unsuppressed cdk-nag findings:\n${formatFindings(result.unsuppressed)}`);
  expect(result.unusedSuppressions).toEqual([]);
});
