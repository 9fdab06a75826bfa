import { Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { build, errorOf, newStack, onlyBody, packBodies } from './helpers';
import { ConformancePack, PackRule, Remediation, RemediationParameter, RuleKind } from '../../constructs';

describe('typed rules render to the pack template', () => {
  test('managed rules: identifier, typed parameters as strings, default scope, periodic frequency', () => {
    const { template } = build({
      packName: 'typed',
      notifications: { enabled: false },
      rules: [
        PackRule.managed('S3_BUCKET_VERSIONING_ENABLED', { inputParameters: { isMfaDeleteEnabled: false } }),
        PackRule.managed('ACCESS_KEYS_ROTATED', { inputParameters: { maxAccessKeyAge: 45 }, periodicHours: 12 }),
        PackRule.managed('REQUIRED_TAGS', {
          ruleName: 'CostCenterTagged',
          inputParameters: { tag1Key: 'CostCenter', tag1Value: ['a', 'b'] },
          resourceTypes: ['AWS::EC2::Volume'],
          tagKey: 'env',
          tagValue: 'prod',
          description: 'Volumes carry a cost center',
        }),
      ],
    });
    const body = onlyBody(template);
    expect(body.Resources.S3BucketVersioningEnabled).toEqual({
      Type: 'AWS::Config::ConfigRule',
      Properties: {
        ConfigRuleName: 'S3BucketVersioningEnabled',
        InputParameters: { isMfaDeleteEnabled: 'false' },
        Scope: { ComplianceResourceTypes: ['AWS::S3::Bucket'] },
        Source: { Owner: 'AWS', SourceIdentifier: 'S3_BUCKET_VERSIONING_ENABLED' },
      },
    });
    expect(body.Resources.AccessKeysRotated.Properties).toEqual({
      ConfigRuleName: 'AccessKeysRotated',
      MaximumExecutionFrequency: 'Twelve_Hours',
      InputParameters: { maxAccessKeyAge: '45' },
      Source: { Owner: 'AWS', SourceIdentifier: 'ACCESS_KEYS_ROTATED' },
    });
    expect(body.Resources.CostCenterTagged.Properties).toMatchObject({
      ConfigRuleName: 'CostCenterTagged',
      Description: 'Volumes carry a cost center',
      InputParameters: { tag1Key: 'CostCenter', tag1Value: 'a,b' },
      Scope: { ComplianceResourceTypes: ['AWS::EC2::Volume'], TagKey: 'env', TagValue: 'prod' },
    });
  });

  test('a custom Lambda rule with the built-in evaluator: change triggers, parameters, invoke permission for Config only', () => {
    const { template, pack } = build({
      packName: 'custom',
      notifications: { enabled: false },
      rules: [PackRule.customLambda('BucketsVersioned', {
        resourceTypes: ['AWS::S3::Bucket'],
        propertyPath: 'supplementaryConfiguration.BucketVersioningConfiguration.status',
        expectedValue: 'Enabled',
      })],
    });
    const rule = onlyBody(template).Resources.BucketsVersioned.Properties;
    expect(rule.Source.Owner).toBe('CUSTOM_LAMBDA');
    expect(rule.Source.SourceIdentifier).toEqual({ Ref: 'GantryInput1' });
    expect(rule.Source.SourceDetails.map((d: any) => d.MessageType)).toEqual(['ConfigurationItemChangeNotification', 'OversizedConfigurationItemChangeNotification']);
    expect(rule.InputParameters).toEqual({ propertyPath: 'supplementaryConfiguration.BucketVersioningConfiguration.status', expectedValue: 'Enabled' });
    // The function ARN reaches the template through a pack input parameter.
    template.hasResourceProperties('AWS::Config::ConformancePack', {
      ConformancePackInputParameters: [{ ParameterName: 'GantryInput1', ParameterValue: { 'Fn::GetAtt': [Match.stringLikeRegexp('PackEvaluator'), 'Arn'] } }],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction', Principal: 'config.amazonaws.com', SourceAccount: '111111111111',
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x', TracingConfig: { Mode: 'Active' }, DeadLetterConfig: Match.anyValue(), LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
    });
    expect(pack.evaluator).toBeDefined();
    // Least privilege: one customer-managed policy, no inline policy, '*' only for actions without resource ARNs.
    template.resourceCountIs('AWS::IAM::Policy', 0);
    const evaluatorPolicy = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))
      .find((p: any) => p.Properties.Description.includes('rule evaluator')) as any;
    const unscoped = evaluatorPolicy.Properties.PolicyDocument.Statement.filter((s: any) => s.Resource === '*').flatMap((s: any) => s.Action);
    expect(unscoped.sort()).toEqual(['config:GetResourceConfigHistory', 'config:PutEvaluations', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });

  test('a custom Lambda rule with your evaluator can be periodic only', () => {
    const stack = newStack();
    const fn = lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:eu-west-1:111111111111:function:mine');
    new ConformancePack(stack, 'Pack', {
      packName: 'custom',
      notifications: { enabled: false },
      rules: [PackRule.customLambda('Mine', { evaluator: fn, evaluateOnChange: false, periodicHours: 6, inputParameters: { a: 'b' } })],
    });
    const body = onlyBody(Template.fromStack(stack));
    expect(body.Resources.Mine.Properties.Source).toEqual({
      Owner: 'CUSTOM_LAMBDA',
      SourceIdentifier: 'arn:aws:lambda:eu-west-1:111111111111:function:mine',
      SourceDetails: [{ EventSource: 'aws.config', MessageType: 'ScheduledNotification', MaximumExecutionFrequency: 'Six_Hours' }],
    });
    expect(body.Resources.Mine.Properties.InputParameters).toEqual({ a: 'b' });
  });

  test('a Guard custom policy rule', () => {
    const policy = 'rule lambda_has_dlq { configuration.deadLetterConfig.targetArn exists }';
    const { template } = build({
      packName: 'guard',
      notifications: { enabled: false },
      rules: [PackRule.guard('LambdaHasDlq', policy, { resourceTypes: ['AWS::Lambda::Function'], debugLogDelivery: true })],
    });
    expect(onlyBody(template).Resources.LambdaHasDlq.Properties.Source).toEqual({
      Owner: 'CUSTOM_POLICY',
      SourceDetails: [
        { EventSource: 'aws.config', MessageType: 'ConfigurationItemChangeNotification' },
        { EventSource: 'aws.config', MessageType: 'OversizedConfigurationItemChangeNotification' },
      ],
      CustomPolicyDetails: { PolicyRuntime: 'guard-2.x.x', PolicyText: policy, EnableDebugLogDelivery: true },
    });
  });

  test('rule kinds and names are exposed', () => {
    expect(PackRule.managed('S3_BUCKET_LOGGING_ENABLED').ruleName).toBe('S3BucketLoggingEnabled');
    expect(PackRule.managed('S3_BUCKET_LOGGING_ENABLED').kind).toBe(RuleKind.MANAGED);
    expect(PackRule.guard('G', 'rule x {}').kind).toBe(RuleKind.CUSTOM_POLICY);
  });
});

describe('remediation', () => {
  test('an SSM Automation document per rule: resource id parameter, static values, automatic retries, role', () => {
    const { template } = build({
      packName: 'remediate',
      notifications: { enabled: false },
      rules: [
        PackRule.managed('S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED', {
          remediation: Remediation.ssmDocument('AWS-EnableS3BucketEncryption', {
            parameters: { BucketName: RemediationParameter.resourceId(), SSEAlgorithm: RemediationParameter.staticValue('aws:kms') },
            automatic: true,
            maximumAutomaticAttempts: 3,
            retryAttemptSeconds: 120,
            concurrentExecutionRatePercentage: 10,
            errorPercentage: 10,
          }),
        }),
        PackRule.managed('S3_BUCKET_VERSIONING_ENABLED', { remediation: Remediation.ssmDocument('AWS-ConfigureS3BucketVersioning') }),
      ],
    });
    const body = onlyBody(template);
    expect(body.Resources.S3BucketServerSideEncryptionEnabledRemediation).toEqual({
      Type: 'AWS::Config::RemediationConfiguration',
      DependsOn: 'S3BucketServerSideEncryptionEnabled',
      Properties: {
        ConfigRuleName: 'S3BucketServerSideEncryptionEnabled',
        TargetType: 'SSM_DOCUMENT',
        TargetId: 'AWS-EnableS3BucketEncryption',
        ResourceType: 'AWS::S3::Bucket',
        Parameters: {
          BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
          SSEAlgorithm: { StaticValue: { Values: ['aws:kms'] } },
          AutomationAssumeRole: { StaticValue: { Values: [{ Ref: 'GantryInput1' }] } },
        },
        ExecutionControls: { SsmControls: { ConcurrentExecutionRatePercentage: 10, ErrorPercentage: 10 } },
        Automatic: true,
        MaximumAutomaticAttempts: 3,
        RetryAttemptSeconds: 120,
      },
    });
    // Manual by default, resource id filled in, no retry settings.
    expect(body.Resources.S3BucketVersioningEnabledRemediation.Properties).toMatchObject({
      Automatic: false,
      Parameters: { BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } } },
    });
    expect(body.Resources.S3BucketVersioningEnabledRemediation.Properties.MaximumAutomaticAttempts).toBeUndefined();
  });

  test('the remediation role is least privilege: SSM only, this account only, exactly the documents\' actions', () => {
    const { template } = build({
      packName: 'remediate',
      notifications: { enabled: false },
      rules: [
        PackRule.managed('S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED', { remediation: Remediation.ssmDocument('AWS-EnableS3BucketEncryption') }),
        PackRule.managed('S3_BUCKET_VERSIONING_ENABLED', { remediation: Remediation.ssmDocument('AWS-ConfigureS3BucketVersioning') }),
      ],
    });
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ssm.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } } }],
      },
    });
    const policies = template.findResources('AWS::IAM::ManagedPolicy');
    const statements = Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    // Bucket ARNs name no account: the role reaches this account's buckets only.
    const thisAccount = { StringEquals: { 'aws:ResourceAccount': '111111111111' } };
    expect(statements).toEqual([
      { Sid: 'AWSEnableS3BucketEncryption', Effect: 'Allow', Action: ['s3:PutEncryptionConfiguration', 's3:GetEncryptionConfiguration'], Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::*']] }, Condition: thisAccount },
      { Sid: 'AWSConfigureS3BucketVersioning', Effect: 'Allow', Action: ['s3:PutBucketVersioning', 's3:GetBucketVersioning'], Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::*']] }, Condition: thisAccount },
    ]);
  });

  test('a given role is used and no role is created', () => {
    const stack = newStack();
    const role = iam.Role.fromRoleArn(stack, 'R', 'arn:aws:iam::111111111111:role/fixer');
    new ConformancePack(stack, 'Pack', {
      packName: 'p',
      notifications: { enabled: false },
      rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED', { remediation: Remediation.ssmDocument('Custom-Fix', { role, documentParameterNames: ['Bucket', 'AutomationAssumeRole'], parameters: { Bucket: RemediationParameter.resourceId() } }) })],
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Role', 0);
    expect(onlyBody(template).Resources.S3BucketVersioningEnabledRemediation.Properties.Parameters.AutomationAssumeRole)
      .toEqual({ StaticValue: { Values: ['arn:aws:iam::111111111111:role/fixer'] } });
  });
});

describe('bad input names the rule and the prop', () => {
  const make = (rules: PackRule[]) => () => build({ packName: 'bad', rules, notifications: { enabled: false } });

  test('unknown managed rule identifier', () => {
    const message = errorOf(make([PackRule.managed('S3_BUCKET_VERSIONING_ENABLD')]));
    expect(message).toMatch(/invalid 'rules\[0\] \(S3BucketVersioningEnabld\)\.identifier': got "S3_BUCKET_VERSIONING_ENABLD"/);
    expect(message).toMatch(/; did you mean "S3_BUCKET_VERSIONING_ENABLED"\?$/);
  });

  test('an unknown identifier suggests the nearest by edit distance, whatever its first word', () => {
    expect(errorOf(make([PackRule.managed('CLOUDTRAIL_ENABLED')]))).toMatch(/Gantry knows \(\d+ rules; for a newer rule set skipCatalogueCheck: true\); did you mean "CLOUD_TRAIL_ENABLED"\?$/);
    expect(errorOf(make([PackRule.managed('cloud_trail_enabled')]))).toMatch(/did you mean "CLOUD_TRAIL_ENABLED"/);
  });

  test('an unknown identifier passes with skipCatalogueCheck, a malformed one does not', () => {
    expect(() => make([PackRule.managed('BRAND_NEW_RULE', { skipCatalogueCheck: true, inputParameters: { x: 1 } })])()).not.toThrow();
    expect(errorOf(make([PackRule.managed('not a rule', { skipCatalogueCheck: true })]))).toMatch(/\.identifier/);
  });

  test('missing required parameter', () => {
    expect(errorOf(make([PackRule.managed('REQUIRED_TAGS')]))).toMatch(/'rules\[0\] \(RequiredTags\)\.inputParameters\.tag1Key'.*requires parameter tag1Key/);
  });

  test('ill-typed parameters', () => {
    expect(errorOf(make([PackRule.managed('ACCESS_KEYS_ROTATED', { inputParameters: { maxAccessKeyAge: 'ninety' } })])))
      .toMatch(/inputParameters\.maxAccessKeyAge'.*"ninety".*whole number/);
    expect(errorOf(make([PackRule.managed('ACCESS_KEYS_ROTATED', { inputParameters: { maxAccessKeyAge: 1.5 } })]))).toMatch(/maxAccessKeyAge/);
    expect(errorOf(make([PackRule.managed('EC2_VOLUME_INUSE_CHECK', { inputParameters: { deleteOnTermination: 'yes' } })])))
      .toMatch(/deleteOnTermination'.*true or false/);
  });

  test('unknown parameter', () => {
    expect(errorOf(make([PackRule.managed('ACCESS_KEYS_ROTATED', { inputParameters: { maxAge: 90 } })])))
      .toMatch(/inputParameters\.maxAge'.*a parameter of ACCESS_KEYS_ROTATED: maxAccessKeyAge/);
    expect(errorOf(make([PackRule.managed('ACCESS_KEYS_ROTATED', { inputParameters: { maxAccessKeyAg: 90 } })])))
      .toMatch(/a parameter of ACCESS_KEYS_ROTATED: maxAccessKeyAge; did you mean "maxAccessKeyAge"\?/);
  });

  test('a periodic frequency Config does not accept', () => {
    expect(errorOf(make([PackRule.managed('ACCESS_KEYS_ROTATED', { periodicHours: 2, inputParameters: { maxAccessKeyAge: 90 } })]))).toMatch(/periodicHours'.*got 2.*one of 1, 3, 6, 12, 24/);
    expect(errorOf(make([PackRule.managed('S3_BUCKET_VERSIONING_ENABLED', { periodicHours: 24 })]))).toMatch(/periodicHours'.*change-triggered/);
    expect(errorOf(make([PackRule.guard('G', 'rule x {}', { periodicHours: 24 })]))).toMatch(/G\)\.periodicHours'.*configuration changes only/);
  });

  test('duplicate rule names', () => {
    expect(errorOf(make([PackRule.managed('S3_BUCKET_VERSIONING_ENABLED'), PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')])))
      .toMatch(/invalid 'rules': got "S3BucketVersioningEnabled".*unique rule names/);
  });

  test('remediation parameters that name no parameter of the document', () => {
    expect(errorOf(make([PackRule.managed('S3_BUCKET_VERSIONING_ENABLED', {
      remediation: Remediation.ssmDocument('AWS-ConfigureS3BucketVersioning', { parameters: { Bucket: RemediationParameter.resourceId() } }),
    })]))).toMatch(/remediation\.parameters\.Bucket'.*a parameter of SSM document AWS-ConfigureS3BucketVersioning: AutomationAssumeRole, BucketName, VersioningState/);
    expect(errorOf(make([PackRule.managed('S3_BUCKET_VERSIONING_ENABLED', {
      remediation: Remediation.ssmDocument('Mine', { documentParameterNames: ['A'], parameters: { B: RemediationParameter.staticValue('x') } }),
    })]))).toMatch(/remediation\.parameters\.B'/);
  });

  test('remediation retries out of range or without automatic', () => {
    expect(errorOf(make([PackRule.managed('S3_BUCKET_VERSIONING_ENABLED', {
      remediation: Remediation.ssmDocument('AWS-ConfigureS3BucketVersioning', { automatic: true, maximumAutomaticAttempts: 26 }),
    })]))).toMatch(/maximumAutomaticAttempts'.*1 to 25/);
    expect(errorOf(make([PackRule.managed('S3_BUCKET_VERSIONING_ENABLED', {
      remediation: Remediation.ssmDocument('AWS-ConfigureS3BucketVersioning', { retryAttemptSeconds: 30 }),
    })]))).toMatch(/only with automatic: true/);
    expect(errorOf(make([PackRule.managed('S3_BUCKET_VERSIONING_ENABLED', { remediation: Remediation.ssmDocument('Unknown-Doc') })])))
      .toMatch(/remediation\.role'.*a role for SSM document Unknown-Doc/);
  });

  test('scope and built-in evaluator checks', () => {
    expect(errorOf(make([PackRule.managed('S3_BUCKET_VERSIONING_ENABLED', { resourceTypes: ['S3::Bucket'] })]))).toMatch(/resourceTypes\[0\]'/);
    expect(errorOf(make([PackRule.managed('S3_BUCKET_VERSIONING_ENABLED', { tagValue: 'x' })]))).toMatch(/tagValue'.*only together with tagKey/);
    expect(errorOf(make([PackRule.customLambda('C', { resourceTypes: ['AWS::S3::Bucket'], expectedValue: 'x' })]))).toMatch(/C\)\.propertyPath'/);
    expect(errorOf(make([PackRule.customLambda('C', { propertyPath: 'a.b', expectedValue: 'x' })]))).toMatch(/C\)\.resourceTypes'/);
    expect(errorOf(make([PackRule.guard('G', '  ')]))).toMatch(/G\)\.policyText'/);
  });

  test('pack-level props', () => {
    expect(errorOf(() => build({ packName: '1pack', rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')] }))).toMatch(/'packName'/);
    expect(errorOf(() => build({ packName: 'p', rules: [] }))).toMatch(/'rules'.*at least one rule/);
    expect(errorOf(() => build({ packName: 'p', rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')], excludedAccounts: ['123456789012'] })))
      .toMatch(/'excludedAccounts'.*only with organization/);
    expect(errorOf(() => build({ packName: 'p', organization: true, rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')], excludedAccounts: ['1234'] })))
      .toMatch(/'excludedAccounts\[0\]'/);
    expect(errorOf(() => build({ packName: 'p', rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')], createRecorder: true, controlTowerManaged: true })))
      .toMatch(/'createRecorder'.*Control Tower/);
    expect(errorOf(() => build({ packName: 'p', rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')], templateParameters: { a: 'b' } })))
      .toMatch(/'templateParameters'/);
  });

  test('a delivery bucket without the awsconfigconforms prefix', () => {
    const stack = newStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'B', 'my-results');
    expect(errorOf(() => new ConformancePack(stack, 'Pack', { packName: 'p', rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')], deliveryBucket: bucket })))
      .toMatch(/'deliveryBucket': got "my-results".*awsconfigconforms/);
  });

  test('tokens pass validation', () => {
    const stack = newStack();
    const identifier = Token.asString({ Ref: 'RuleIdentifier' });
    expect(() => new ConformancePack(stack, 'Pack', {
      packName: Token.asString({ Ref: 'PackName' }),
      notifications: { enabled: false },
      rules: [PackRule.managed(identifier, { ruleName: 'Tokenised', inputParameters: { x: Token.asString({ Ref: 'Value' }) } })],
    })).not.toThrow();
  });
});

describe('more than 130 rules split into parts', () => {
  const rules = (count: number) => Array.from({ length: count }, (_, i) =>
    PackRule.managed('REQUIRED_TAGS', { ruleName: `Tagged${String(i + 1).padStart(3, '0')}`, inputParameters: { tag1Key: `key${i + 1}` } }));

  test('200 rules: two packs filled in order (130 + 70) with stable names and logical ids', () => {
    const { template, pack } = build({ packName: 'big', rules: rules(200), notifications: { enabled: false } });
    template.resourceCountIs('AWS::Config::ConformancePack', 2);
    template.hasResourceProperties('AWS::Config::ConformancePack', { ConformancePackName: 'big' });
    template.hasResourceProperties('AWS::Config::ConformancePack', { ConformancePackName: 'big-part2' });
    // Logical ids are a contract: the first part keeps the id a one-part pack has.
    const packs = template.findResources('AWS::Config::ConformancePack');
    expect(Object.keys(packs)).toEqual(['Pack215EC865', 'PackPack2D26BFBE2']);
    // Both parts are over 51,200 bytes with these rules, so they go through S3.
    expect(pack.templateAssets.length + Object.keys(packBodies(template)).length).toBe(2);
    expect(pack.partRuleNames.map((p) => p.length)).toEqual([130, 70]);
    expect(pack.partRuleNames[0][0]).toBe('Tagged001');
    expect(pack.partRuleNames[1][0]).toBe('Tagged131');
    expect(pack.packNames).toEqual(['big', 'big-part2']);
  });

  test('the split is deterministic', () => {
    const first = build({ packName: 'big', rules: rules(200), notifications: { enabled: false } }).template.toJSON();
    const second = build({ packName: 'big', rules: rules(200), notifications: { enabled: false } }).template.toJSON();
    expect(second).toEqual(first);
  });

  test('130 rules stay one pack; 131 become two', () => {
    build({ packName: 'edge', rules: rules(130), notifications: { enabled: false } }).template.resourceCountIs('AWS::Config::ConformancePack', 1);
    const { pack } = build({ packName: 'edge', rules: rules(131), notifications: { enabled: false } });
    expect(pack.partRuleNames.map((p) => p.length)).toEqual([130, 1]);
  });
});

describe('prerequisites', () => {
  test('recorder, then delivery channel, then the pack', () => {
    const { template } = build({ packName: 'p', rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')], createRecorder: true });
    const recorderId = Object.keys(template.findResources('AWS::Config::ConfigurationRecorder'))[0];
    const channelId = Object.keys(template.findResources('AWS::Config::DeliveryChannel'))[0];
    const channel = template.findResources('AWS::Config::DeliveryChannel')[channelId];
    expect(channel.DependsOn).toEqual(expect.arrayContaining([recorderId]));
    const pack = Object.values(template.findResources('AWS::Config::ConformancePack'))[0];
    expect(pack.DependsOn).toEqual(expect.arrayContaining([recorderId, channelId]));
    template.hasResourceProperties('AWS::Config::ConfigurationRecorder', { RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true } });
    template.hasResourceProperties('AWS::Config::DeliveryChannel', {
      S3KmsKeyArn: Match.anyValue(), ConfigSnapshotDeliveryProperties: { DeliveryFrequency: 'TwentyFour_Hours' },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true }] },
      LifecycleConfiguration: { Rules: [Match.objectLike({ Id: 'ConfigHistoryRetention', ExpirationInDays: 2557 })] },
    });
  });

  test('a one-part pack keeps its logical id (renames replace packs in accounts)', () => {
    const { template } = build({ packName: 'p', rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')] });
    expect(Object.keys(template.findResources('AWS::Config::ConformancePack'))).toEqual(['Pack215EC865']);
  });

  test('skipped under Control Tower and by default', () => {
    for (const props of [{ controlTowerManaged: true }, {}]) {
      const { template } = build({ packName: 'p', rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')], ...props });
      template.resourceCountIs('AWS::Config::ConfigurationRecorder', 0);
      template.resourceCountIs('AWS::Config::DeliveryChannel', 0);
    }
  });
});

describe('deployment targets, notifications, aggregator', () => {
  test('organization pack with excluded accounts and a delivery bucket named with the awsconfigconforms prefix', () => {
    const { template } = build({
      packName: 'org',
      organization: true,
      excludedAccounts: ['222222222222'],
      organizationId: 'o-abcdefghij',
      createDeliveryBucket: true,
      rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')],
    });
    template.resourceCountIs('AWS::Config::ConformancePack', 0);
    template.hasResourceProperties('AWS::Config::OrganizationConformancePack', {
      OrganizationConformancePackName: 'org', ExcludedAccounts: ['222222222222'], DeliveryS3Bucket: { Ref: Match.stringLikeRegexp('DeliveryBucket') },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: { 'Fn::Join': ['', [Match.stringLikeRegexp('^awsconfigconforms-[0-9a-f]{8}-$'), { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }]] },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'AllowConformancePackDelivery', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' }, ArnLike: Match.anyValue() } })]) },
    });
    expect(onlyBody(template, 'AWS::Config::OrganizationConformancePack').Resources.S3BucketVersioningEnabled).toBeDefined();
  });

  test('the built-in evaluator and a created remediation role are refused in an organization pack', () => {
    expect(errorOf(() => build({ packName: 'org', organization: true, rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED', { remediation: Remediation.ssmDocument('AWS-ConfigureS3BucketVersioning') })] })))
      .toMatch(/remediation\.role'/);
    expect(errorOf(() => build({ packName: 'org', organization: true, rules: [PackRule.customLambda('C', { resourceTypes: ['AWS::S3::Bucket'], propertyPath: 'a', expectedValue: 'b' })] })))
      .toMatch(/built-in evaluator/);
  });

  test('with addresses: they subscribe to the stack\'s notification topic; { enabled: false } creates no rule', () => {
    const { template } = build({ packName: 'p', rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')], notifications: { emailAddresses: ['security@example.com'] } });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'security@example.com', TopicArn: { Ref: Match.stringLikeRegexp('^GantryNotificationsTopic') } });
    const off = build({ packName: 'q', rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')], notifications: { enabled: false } });
    off.template.resourceCountIs('AWS::Events::Rule', 0);
    off.template.resourceCountIs('AWS::SNS::Topic', 0);
  });

  test('a given encryptionKey encrypts the Config and delivery buckets, evaluator logs and dead letters; AWS Config may use it', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Given');
    new ConformancePack(stack, 'Pack', {
      packName: 'p',
      createRecorder: true,
      createDeliveryBucket: true,
      encryptionKey: key,
      rules: [PackRule.customLambda('C', { resourceTypes: ['AWS::S3::Bucket'], propertyPath: 'a', expectedValue: 'b' })],
    });
    const t = Template.fromStack(stack);
    // Only the stack's shared notification topic keeps the stack's messages key (it is not the pack's alone).
    expect(Object.keys(t.findResources('AWS::KMS::Key')).sort()).toEqual([expect.stringMatching(/^GantryKeysMessages/), expect.stringMatching(/^Given/)]);
    const ref = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Given'), 'Arn'] };
    t.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: ref });
    t.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: ref });
    t.hasResourceProperties('AWS::KMS::Key', { KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'AllowConfigToEncryptDeliveries' })]) } });
  });

  test('NON_COMPLIANT changes go to an encrypted topic, with a dead-letter queue', () => {
    const { template } = build({ packName: 'p', rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')] });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.config'],
        'detail-type': ['Config Rules Compliance Change'],
        'detail': { messageType: ['ComplianceChangeNotification'], newEvaluationResult: { complianceType: ['NON_COMPLIANT'] } },
      },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^GantryNotificationsTopic') }, DeadLetterConfig: { Arn: Match.anyValue() } })],
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
  });

  test('EventBridge may publish NON_COMPLIANT changes only from the pack\'s rule; a given topic\'s key admits EventBridge of this account', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'UserKey');
    const topic = new sns.Topic(stack, 'UserTopic', { masterKey: key });
    new ConformancePack(stack, 'Pack', { packName: 'p', rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')], notifications: { topic } });
    const template = Template.fromStack(stack);
    const rule = Object.keys(template.findResources('AWS::Events::Rule')).find((id) => id.includes('NonCompliantRule'))!;
    const documents = [
      ...Object.values(template.findResources('AWS::SNS::TopicPolicy')).map((r: any) => r.Properties.PolicyDocument),
      ...Object.values(template.findResources('AWS::KMS::Key')).map((r: any) => r.Properties.KeyPolicy),
    ];
    const statements = documents.flatMap((d) => d.Statement).filter((s: any) => [s.Principal?.Service].flat().includes('events.amazonaws.com'));
    for (const statement of statements) expect(statement.Condition).toBeDefined();
    expect(statements).toContainEqual(expect.objectContaining({ Action: 'sns:Publish', Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [rule, 'Arn'] } } } }));
    expect(statements).toContainEqual(expect.objectContaining({ Sid: 'AllowEventBridgeToPublishToEncryptedTopics', Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } } }));
  });

  test('organization aggregator over all regions', () => {
    const { template } = build({ packName: 'p', rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')], organizationAggregator: true, notifications: { enabled: false } });
    template.hasResourceProperties('AWS::Config::ConfigurationAggregator', {
      OrganizationAggregationSource: { AllAwsRegions: true, RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AggregatorRole'), 'Arn'] } },
    });
  });

  test('monitoring receives the topic, the stack\'s shared dead-letter queue (once: the rule target\'s and the evaluator\'s) and the evaluator', () => {
    const monitored: string[] = [];
    const { pack } = build({
      packName: 'p',
      monitoring: { monitor: (resource) => monitored.push(resource.node.id), addAlarms: () => undefined },
      rules: [PackRule.customLambda('C', { resourceTypes: ['AWS::S3::Bucket'], propertyPath: 'a', expectedValue: 'b' })],
    });
    expect(monitored).toEqual(['Topic', 'Queue', 'Evaluator']);
    expect(pack.deadLetterQueue).toBe(pack.evaluatorDeadLetterQueue);
    expect(pack.deadLetterQueue!.node.path).toBe('Governance/GantryDeadLetters/Queue');
  });
});

describe('shift-left mapping', () => {
  test('rules with a matching cdk-nag rule name it', () => {
    const { pack } = build({
      packName: 'p',
      notifications: { enabled: false },
      rules: [PackRule.managed('S3_BUCKET_SSL_REQUESTS_ONLY'), PackRule.managed('ACCESS_KEYS_ROTATED', { inputParameters: { maxAccessKeyAge: 90 } }), PackRule.guard('G', 'rule x {}')],
    });
    expect(pack.shiftLeftMapping()).toEqual([{
      ruleName: 'S3BucketSslRequestsOnly',
      identifier: 'S3_BUCKET_SSL_REQUESTS_ONLY',
      nagRuleIds: ['NIST.800.53.R5-S3BucketSSLRequestsOnly', 'HIPAA.Security-S3BucketSSLRequestsOnly', 'PCI.DSS.321-S3BucketSSLRequestsOnly', 'AwsSolutions-S10'],
    }]);
    expect(pack.nagRuleIds()).toContain('AwsSolutions-S10');
    expect(PackRule.managed('LAMBDA_DLQ_CHECK').nagRuleIds).toEqual(['NIST.800.53.R5-LambdaDLQ', 'HIPAA.Security-LambdaDLQ', 'Serverless-LambdaDLQ']);
  });
});

describe('recorder options and limits', () => {
  test('a recorder topic reaches the delivery channel and the recorder may publish to it only', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'ConfigChanges');
    new ConformancePack(stack, 'Pack', {
      packName: 'p',
      notifications: { enabled: false },
      createRecorder: true,
      recorderTopic: topic,
      recordGlobalResourceTypes: false,
      rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')],
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Config::DeliveryChannel', { SnsTopicARN: { Ref: Match.stringLikeRegexp('ConfigChanges') } });
    template.hasResourceProperties('AWS::Config::ConfigurationRecorder', { RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: false } });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([{ Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: Match.stringLikeRegexp('ConfigChanges') } }]) },
    });
  });

  test('recorder options without createRecorder are refused', () => {
    expect(errorOf(() => build({ packName: 'p', rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')], recordGlobalResourceTypes: false })))
      .toMatch(/'recordGlobalResourceTypes'.*only with createRecorder/);
  });

  test('a Guard policy over 10,000 characters is refused', () => {
    expect(errorOf(() => build({ packName: 'p', rules: [PackRule.guard('Long', `rule x { ${'a'.repeat(10_000)} }`)] })))
      .toMatch(/'rules\[0\] \(Long\)\.policyText': got "10011 characters"/);
  });

  test('more than 60 input parameters in one pack are refused', () => {
    const stack = newStack();
    const rules = Array.from({ length: 61 }, (_, i) => PackRule.managed('REQUIRED_TAGS', {
      ruleName: `Tagged${i}`,
      inputParameters: { tag1Key: Token.asString({ Ref: `TagKey${i}` }) },
    }));
    expect(errorOf(() => new ConformancePack(stack, 'Pack', { packName: 'p', rules, notifications: { enabled: false } })))
      .toMatch(/at most 60 input parameters per pack/);
  });
});

test('an existing delivery bucket with the awsconfigconforms prefix and a key prefix are passed to the pack', () => {
  const stack = newStack();
  const bucket = s3.Bucket.fromBucketName(stack, 'Results', 'awsconfigconforms-results');
  new ConformancePack(stack, 'Pack', {
    packName: 'p',
    deliveryBucket: bucket,
    deliveryKeyPrefix: 'packs',
    notifications: { enabled: false },
    rules: [PackRule.managed('S3_BUCKET_VERSIONING_ENABLED')],
  });
  Template.fromStack(stack).hasResourceProperties('AWS::Config::ConformancePack', {
    DeliveryS3Bucket: 'awsconfigconforms-results', DeliveryS3KeyPrefix: 'packs',
  });
  Template.fromStack(stack).resourceCountIs('AWS::S3::Bucket', 0);
});
