import { readFileSync } from 'fs';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as YAML from 'yaml';
import { GovernanceStack, LAMBDA_SECURITY_PACK } from '../../examples/governance-stack';
import { normalisedTemplate, referenceStacks } from '../harness/reference-app';

// The governance stack of the reference app (cdk.json context, placeholders for the rest).
const stack = referenceStacks().find((s) => s.node.id === 'GantryGovernance') as GovernanceStack;
const template = Template.fromStack(stack);

test('the reference app includes the governance stack, in the gantry:account account unless gantry:governance:account is set', () => {
  expect(stack).toBeInstanceOf(GovernanceStack);
  expect(stack.account).toBe('111111111111');
});

test('two packs, no recorder (Control Tower runs it), an organization aggregator and one NON_COMPLIANT rule', () => {
  template.resourceCountIs('AWS::Config::ConformancePack', 2);
  template.resourceCountIs('AWS::Config::ConfigurationRecorder', 0);
  template.resourceCountIs('AWS::Config::DeliveryChannel', 0);
  template.resourceCountIs('AWS::Config::ConfigurationAggregator', 1);
  template.hasResourceProperties('AWS::Events::Rule', { EventPattern: Match.objectLike({ 'detail-type': ['Config Rules Compliance Change'] }) });
});

test('the guardrails pack: the DevOps set without the VPC rule, plus the typed rules', () => {
  const names = stack.guardrails.ruleNames;
  expect(names).toHaveLength(37 + 4);
  expect(names).not.toContain('LambdaInsideVpc');
  expect(names).toEqual(expect.arrayContaining(['S3DefaultEncryptionKms', 'S3BucketVersioningEnabled', 'WorkloadsTaggedWithOwner', 'TablesBilledOnDemand', 'LambdaFunctionsHaveDeadLetterQueue']));
});

test('non-compliant S3 buckets are encrypted with KMS automatically (AWS-EnableS3BucketEncryption)', () => {
  const body = YAML.parse(stack.guardrails.accountPacks[0].templateBody as string);
  const remediation = body.Resources.S3DefaultEncryptionKmsRemediation.Properties;
  expect(remediation).toMatchObject({
    ConfigRuleName: 'S3DefaultEncryptionKms',
    TargetType: 'SSM_DOCUMENT',
    TargetId: 'AWS-EnableS3BucketEncryption',
    Automatic: true,
    MaximumAutomaticAttempts: 3,
    RetryAttemptSeconds: 60,
    Parameters: { BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } }, SSEAlgorithm: { StaticValue: { Values: ['aws:kms'] } } },
  });
  expect(body.Resources.S3BucketVersioningEnabledRemediation.Properties).toMatchObject({ TargetId: 'AWS-ConfigureS3BucketVersioning', Automatic: true, MaximumAutomaticAttempts: 3, RetryAttemptSeconds: 300 });
  // The automation role may put encryption configuration on buckets, nothing broader.
  const policy = JSON.stringify(template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^DevOpsGuardrailsRemediationRole') }] } }));
  expect(policy).toContain('s3:PutEncryptionConfiguration');
  expect(policy).not.toContain('"s3:*"');
});

test('the remediation role touches S3 buckets of this account only (aws:ResourceAccount), and its acknowledgement says only what is true', () => {
  const [[, policy]] = Object.entries<any>(template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^DevOpsGuardrailsRemediationRole') }] } }));
  const s3Statements = policy.Properties.PolicyDocument.Statement.filter((s: any) => JSON.stringify(s.Resource).includes(':s3:::*'));
  expect(s3Statements.length).toBeGreaterThan(0);
  for (const statement of s3Statements) expect(statement.Condition).toEqual({ StringEquals: { 'aws:ResourceAccount': '111111111111' } });
  // The pack's documents make no describe calls, so the reason must not claim any.
  const reasons = JSON.stringify(policy.Metadata.cdk_nag.rules_to_suppress.map((r: any) => r.reason));
  expect(policy.Properties.PolicyDocument.Statement.some((s: any) => s.Resource === '*')).toBe(false);
  expect(reasons).not.toMatch(/describe/i);
});

test('the access-log bucket\'s acknowledgement does not claim S3 cannot log to an SSE-KMS bucket', () => {
  const logBuckets = Object.values<any>(template.findResources('AWS::S3::Bucket'))
    .filter((b) => JSON.stringify(b.Properties.BucketEncryption).includes('AES256'));
  expect(logBuckets.length).toBeGreaterThan(0);
  for (const bucket of logBuckets) {
    const reasons = bucket.Metadata.cdk_nag.rules_to_suppress.filter((r: any) => /S3DefaultEncryptionKMS/.test(r.id)).map((r: any) => r.reason);
    expect(reasons.length).toBe(3);
    for (const reason of reasons) expect(reason).not.toMatch(/only be delivered|not SSE-KMS/);
  }
});

test('the sample pack copied into examples/ is delivered byte for byte, with the overridden parameter', () => {
  expect(stack.lambdaSecurity.accountPacks[0].templateBody).toBe(readFileSync(LAMBDA_SECURITY_PACK, 'utf-8'));
  template.hasResourceProperties('AWS::Config::ConformancePack', {
    ConformancePackName: 'lambda-security',
    ConformancePackInputParameters: [{ ParameterName: 'LambdaFunctionSettingsCheckParamRuntime', ParameterValue: 'nodejs24.x,nodejs22.x,python3.13,python3.12' }],
  });
});

test('the baseline governs both OUs: every control on each, a service-managed StackSet, SCPs and lifecycle events', () => {
  const controls = Object.values(template.findResources('AWS::ControlTower::EnabledControl')) as any[];
  expect(controls).toHaveLength(9 * 2);
  for (const ou of ['ou-ab12-workload1', 'ou-ab12-sandbox01']) {
    expect(controls.filter((c) => JSON.stringify(c.Properties.TargetIdentifier).includes(ou))).toHaveLength(9);
  }
  template.hasResourceProperties('AWS::CloudFormation::StackSet', { PermissionModel: 'SERVICE_MANAGED', AutoDeployment: Match.objectLike({ Enabled: true }) });
  template.resourceCountIs('AWS::Organizations::Policy', 2);
  template.hasResourceProperties('AWS::Events::Rule', {
    EventPattern: Match.objectLike({ source: ['aws.controltower'] }),
    Targets: [Match.objectLike({ Arn: { Ref: 'ManagedAccountEvents85DF0507' } })],
  });
});

test('logical ids are stable (renames would replace packs, disable and re-enable controls, or replace the StackSet)', () => {
  expect(Object.keys(template.findResources('AWS::Config::ConformancePack')).sort()).toEqual(['DevOpsGuardrailsPackE9A1A757', 'LambdaSecurityPack7D8633E5']);
  expect(Object.keys(template.toJSON().Resources)).toEqual(expect.arrayContaining([
    'BaselineStackSetE4946F35',
    'BaselineProtectionsPolicyF7225839',
    'BaselineRegionDenyPolicy3573029D',
    'BaselineLifecycleRuleC51AE348',
    'BaselineControlsAWSGRRESTRICTROOTUSERACCESSKEYSouab12workload14B8DE967',
    'BaselineControlsAWSGRRESTRICTEDSSHouab12sandbox01567D14CA',
    'DevOpsGuardrailsDeliveryBucketA176B8AD',
  ]));
});

test('the exempt break-glass role is protected by the SCP and its use alerts the security topic; no hub or analyzer that could clash', () => {
  const protections = Object.values<any>(template.findResources('AWS::Organizations::Policy'))
    .map((p) => p.Properties.Content).find((c) => c.Statement.some((s: any) => s.Sid === 'DenyChangingExemptRoles'));
  const statement = protections.Statement.find((s: any) => s.Sid === 'DenyChangingExemptRoles');
  expect(statement.Resource).toContain('arn:aws:iam::*:role/GantryBreakGlass');
  expect(statement.Action).toEqual(expect.arrayContaining(['iam:CreateRole', 'iam:UpdateAssumeRolePolicy']));
  const [stackSet] = Object.values(template.findResources('AWS::CloudFormation::StackSet')) as any[];
  const member = Template.fromJSON(JSON.parse(stackSet.Properties.TemplateBody));
  member.hasResourceProperties('AWS::Events::Rule', { EventPattern: Match.objectLike({ source: ['aws.sts'], detail: Match.objectLike({ eventName: ['AssumeRole'] }) }) });
  member.resourceCountIs('AWS::SecurityHub::Hub', 0);
  member.resourceCountIs('AWS::AccessAnalyzer::Analyzer', 0);
});

test('only the lifecycle rule may publish to the account-events topic (aws:SourceArn), and its key admits EventBridge of this account only', () => {
  const statements = (type: string) => Object.entries<any>(template.findResources(type))
    .filter(([id]) => id.startsWith('ManagedAccountEvents'))
    .flatMap(([, r]) => (r.Properties.PolicyDocument ?? r.Properties.KeyPolicy).Statement)
    .filter((s: any) => JSON.stringify(s.Principal ?? {}).includes('events.amazonaws.com'));
  expect(statements('AWS::SNS::TopicPolicy')).toEqual([expect.objectContaining({
    Action: 'sns:Publish', Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['BaselineLifecycleRuleC51AE348', 'Arn'] } } },
  })]);
  // The topic's key is the stack's shared messages key.
  const keyStatements = Object.entries<any>(template.findResources('AWS::KMS::Key'))
    .filter(([id]) => id.startsWith('GantryKeysMessages'))
    .flatMap(([, r]) => r.Properties.KeyPolicy.Statement)
    .filter((s: any) => JSON.stringify(s.Principal ?? {}).includes('events.amazonaws.com'));
  expect(keyStatements.length).toBeGreaterThan(0);
  for (const s of keyStatements) expect(s.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': '111111111111' } });
});

test('the member-account template of the StackSet matches the snapshot (readable, not one JSON string)', () => {
  const [stackSet] = Object.values(template.findResources('AWS::CloudFormation::StackSet')) as any[];
  expect(normalisedTemplate(JSON.parse(stackSet.Properties.TemplateBody))).toMatchSnapshot();
});
