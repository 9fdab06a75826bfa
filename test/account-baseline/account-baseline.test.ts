import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, NestedStack, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as controltower from 'aws-cdk-lib/aws-controltower';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { BASELINES, CONTROLS, criticalPath, maxInFlightBound, OperationFilter, operationsGraph, simulateMaxInFlight } from './operations-graph';
import {
  AccountBaseline, AccountBaselineProps, Control, ControlBehavior, ControlCatalogue, ControlParameterType, ControlPlacement, DeploymentAccount,
  IMonitoring, ObservabilityDashboard, RegionConcurrency,
} from '../../constructs';
import { Limits, secureTopic } from '../../constructs/core';

const env = { account: '111111111111', region: 'eu-west-1' };
const OUS = ['ou-ab12-11111111', 'ou-ab12-22222222'];

function props(overrides: Partial<AccountBaselineProps> = {}): AccountBaselineProps {
  return {
    landingZoneVersion: '3.3',
    organizationId: 'o-exampleorg1',
    organizationalUnits: OUS,
    governedRegions: ['eu-west-1', 'eu-central-1'],
    ...overrides,
  };
}

function build(overrides: Partial<AccountBaselineProps> = {}) {
  const app = new App();
  const stack = new Stack(app, 'Governance', { env });
  const baseline = new AccountBaseline(stack, 'Baseline', props(overrides));
  return { app, stack, baseline, template: () => Template.fromStack(stack) };
}

/** `count` made-up controls for size and ordering tests (not catalogue entries). */
function syntheticControls(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    control: Control.fromArn(`arn:aws:controltower:eu-west-1::control/TEST_CONTROL_${String(i + 1).padStart(3, '0')}`, {
      name: `TEST_CONTROL_${String(i + 1).padStart(3, '0')}`,
      behavior: ControlBehavior.DETECTIVE,
      purpose: 'A stand-in control for size tests.',
    }),
  }));
}

function ous(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `ou-ab12-${String(i + 1).padStart(8, '0')}`);
}

describe('StackSet', () => {
  test('is service-managed with auto-deployment, OU targets, regions and operation preferences', () => {
    const { template } = build({
      stackSet: {
        maxConcurrentPercentage: 50,
        failureTolerancePercentage: 5,
        regionConcurrency: RegionConcurrency.SEQUENTIAL,
        retainStacksOnAccountRemoval: true,
      },
    });
    template().hasResourceProperties('AWS::CloudFormation::StackSet', {
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: true },
      CallAs: 'SELF',
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      OperationPreferences: { MaxConcurrentPercentage: 50, FailureTolerancePercentage: 5, RegionConcurrencyType: 'SEQUENTIAL' },
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: OUS }, Regions: ['eu-west-1', 'eu-central-1'] }],
      TemplateBody: Match.stringLikeRegexp('"Resources"'),
    });
  });

  test('defaults: 25% concurrent, 10% failure tolerance, parallel regions, stacks removed with the account', () => {
    build().template().hasResourceProperties('AWS::CloudFormation::StackSet', {
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      OperationPreferences: { MaxConcurrentPercentage: 25, FailureTolerancePercentage: 10, RegionConcurrencyType: 'PARALLEL' },
    });
  });

  test('deployed as delegated administrator it calls as DELEGATED_ADMIN', () => {
    build({ deployFrom: DeploymentAccount.DELEGATED_ADMIN }).template().hasResourceProperties('AWS::CloudFormation::StackSet', { CallAs: 'DELEGATED_ADMIN' });
  });

  test('OU ARNs are accepted and reduced to ids for the StackSet and the SCPs', () => {
    const arn = 'arn:aws:organizations::111111111111:ou/o-exampleorg1/ou-ab12-33333333';
    const t = build({ organizationId: undefined, organizationalUnits: [arn], controls: [{ control: ControlCatalogue.RESTRICTED_SSH }] }).template();
    t.hasResourceProperties('AWS::CloudFormation::StackSet', { StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: ['ou-ab12-33333333'] } }] });
    t.hasResourceProperties('AWS::Organizations::Policy', { TargetIds: ['ou-ab12-33333333'] });
    t.hasResourceProperties('AWS::ControlTower::EnabledControl', { TargetIdentifier: arn });
  });

  test('accounts are never enumerated: targets are OUs only, so 1 or 1,000 accounts give the same template', () => {
    // No prop takes accounts; what the template holds depends on controls, OUs and options only.
    const t = build({ controls: [{ control: ControlCatalogue.RESTRICTED_SSH }], notifications: { enabled: false } }).template();
    const stackSet = Object.values<any>(t.findResources('AWS::CloudFormation::StackSet'))[0];
    expect(Object.keys(stackSet.Properties.StackInstancesGroup[0].DeploymentTargets)).toEqual(['OrganizationalUnitIds']);
    // 2 controls-by-OU + StackSet + 2 SCPs (lifecycle notifications off): nothing per account.
    expect(Object.keys(t.toJSON().Resources)).toHaveLength(2 + 1 + 2);
  });

  test('StackSet and SCP names are unique per construct, so two baselines can live in one organization', () => {
    const app = new App();
    const stack = new Stack(app, 'Governance', { env });
    new AccountBaseline(stack, 'Workloads', props());
    new AccountBaseline(stack, 'Sandbox', props({ organizationalUnits: ['ou-ab12-33333333'] }));
    const t = Template.fromStack(stack);
    const names = (type: string, prop: string) => Object.values<any>(t.findResources(type)).map((r) => r.Properties[prop]);
    expect(new Set(names('AWS::CloudFormation::StackSet', 'StackSetName')).size).toBe(2);
    expect(new Set(names('AWS::Organizations::Policy', 'Name')).size).toBe(4);
    for (const name of names('AWS::CloudFormation::StackSet', 'StackSetName')) expect(name).toMatch(/^[a-zA-Z][-a-zA-Z0-9]{0,127}$/);
  });

  test('can be switched off', () => {
    build({ deployStackSet: false }).template().resourceCountIs('AWS::CloudFormation::StackSet', 0);
  });

  test('token values of the outer stack reach the member template as StackSet parameters', () => {
    const app = new App();
    const stack = new Stack(app, 'Governance', { env });
    const email = Token.asString({ Ref: 'SecurityEmail' });
    new AccountBaseline(stack, 'Baseline', props({ stackSet: { notifications: { emailAddresses: [email] } } }));
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::CloudFormation::StackSet', { Parameters: [{ ParameterKey: 'NotificationEmail1', ParameterValue: { Ref: 'SecurityEmail' } }] });
    const body = JSON.parse(Object.values<any>(t.findResources('AWS::CloudFormation::StackSet'))[0].Properties.TemplateBody);
    expect(body.Parameters.NotificationEmail1).toEqual(expect.objectContaining({ Type: 'String' }));
  });
});

describe('controls and baselines', () => {
  test('one EnabledControl per control and OU, with the legacy regional ARN and parameters', () => {
    const t = build({
      controls: [
        { control: ControlCatalogue.RESTRICT_ROOT_USER, parameters: { ExemptAssumeRoot: true } },
        { control: ControlCatalogue.RESTRICTED_SSH },
      ],
    }).template();
    t.resourceCountIs('AWS::ControlTower::EnabledControl', 4);
    t.hasResourceProperties('AWS::ControlTower::EnabledControl', {
      ControlIdentifier: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':controltower:', { Ref: 'AWS::Region' }, '::control/AWS-GR_RESTRICT_ROOT_USER']] },
      TargetIdentifier: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':organizations::111111111111:ou/o-exampleorg1/ou-ab12-11111111']] },
      Parameters: [{ Key: 'ExemptAssumeRoot', Value: true }],
    });
  });

  test('an explicit control ARN is used as given', () => {
    const control = Control.fromArn('arn:aws:controlcatalog:::control/exampleglobalid123', { name: 'EXAMPLE', behavior: ControlBehavior.PROACTIVE, purpose: 'An example.' });
    build({ controls: [{ control }] }).template().hasResourceProperties('AWS::ControlTower::EnabledControl', { ControlIdentifier: 'arn:aws:controlcatalog:::control/exampleglobalid123' });
  });

  test('baselines are enabled with their version, before the controls of their OU', () => {
    const { template, baseline } = build({
      baselines: [{ baselineIdentifier: 'arn:aws:controltower:eu-west-1::baseline/17BSJV3IGJ2QSGA2', baselineVersion: '4.0', parameters: { IdentityCenterEnabledBaselineArn: 'arn:aws:controltower:eu-west-1:111111111111:enabledbaseline/XAHCR4CJTSI4W07MZ' } }],
      controls: [{ control: ControlCatalogue.RESTRICTED_SSH }],
    });
    template().hasResourceProperties('AWS::ControlTower::EnabledBaseline', {
      BaselineIdentifier: 'arn:aws:controltower:eu-west-1::baseline/17BSJV3IGJ2QSGA2',
      BaselineVersion: '4.0',
      Parameters: [{ Key: 'IdentityCenterEnabledBaselineArn', Value: Match.stringLikeRegexp('enabledbaseline') }],
    });
    const stack = Stack.of(baseline);
    for (const [index, control] of baseline.enabledControls.entries()) {
      const deps = ([] as string[]).concat(template().toJSON().Resources[stack.resolve(control.logicalId)].DependsOn ?? []);
      expect(deps).toContain(stack.resolve(baseline.enabledBaselines[index].logicalId));
    }
  });

  test('logical ids come from control name and OU, not from position (reordering replaces nothing)', () => {
    const a = build({ controls: [{ control: ControlCatalogue.RESTRICTED_SSH }, { control: ControlCatalogue.ENCRYPTED_VOLUMES }] }).template().findResources('AWS::ControlTower::EnabledControl');
    const b = build({ controls: [{ control: ControlCatalogue.ENCRYPTED_VOLUMES }, { control: ControlCatalogue.RESTRICTED_SSH }] }).template().findResources('AWS::ControlTower::EnabledControl');
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect(Object.keys(a)).toContain('BaselineControlsAWSGRRESTRICTEDSSHouab121111111148922586');
  });
});

const BASELINE = { baselineIdentifier: 'arn:aws:controltower:eu-west-1::baseline/17BSJV3IGJ2QSGA2', baselineVersion: '4.0' };

/** `count` made-up proactive controls. */
function proactiveControls(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    control: Control.fromArn(`arn:aws:controltower:eu-west-1::control/PROACTIVE_${String(i + 1).padStart(3, '0')}`, {
      name: `PROACTIVE_${String(i + 1).padStart(3, '0')}`,
      behavior: ControlBehavior.PROACTIVE,
      purpose: 'A stand-in proactive control.',
    }),
  }));
}
const PROACTIVE: OperationFilter = (n) => CONTROLS(n) && n.identifier.includes('PROACTIVE_');

describe('concurrency: within Control Tower\'s documented limits', () => {
  test('the defaults follow the documented limits with headroom: 80 of 100 control operations, 16 of 20 proactive', () => {
    expect(Limits.controlTower.maxConcurrentControlOperations).toBe(100);
    expect(Limits.controlTower.maxConcurrentProactiveControlOperations).toBe(20);
    expect(Limits.controlTower.maxConcurrentOuOperations).toBe(1);
  });

  test.each([
    [1, 1, ControlPlacement.THIS_STACK], [5, 2, ControlPlacement.THIS_STACK], [11, 1, ControlPlacement.THIS_STACK],
    [10, 30, ControlPlacement.THIS_STACK], [10, 30, ControlPlacement.NESTED_STACK_PER_OU],
    [40, 30, ControlPlacement.NESTED_STACK_PER_OU], [100, 30, ControlPlacement.NESTED_STACK_PER_OU],
  ])('%i controls x %i OUs (%s): at most 80 in flight, and the lanes are used', (controlCount, ouCount, controlPlacement) => {
    const { stack } = build({ organizationalUnits: ous(ouCount), controls: syntheticControls(controlCount), controlPlacement });
    const graph = operationsGraph(stack);
    expect(graph.nodes).toHaveLength(controlCount * ouCount);
    expect(maxInFlightBound(graph)).toBeLessThanOrEqual(80);
    for (const seed of [1, 7, 42]) expect(simulateMaxInFlight(graph, seed)).toBeLessThanOrEqual(80);
    if (controlCount * ouCount >= 300) expect(simulateMaxInFlight(graph, 1)).toBeGreaterThan(60);
  });

  test('critical path: 10 x 30 in this stack is 4 operations long, 100 x 30 in nested stacks at most 40 (it was 300)', () => {
    const small = build({ organizationalUnits: ous(30), controls: syntheticControls(10) });
    expect(criticalPath(operationsGraph(small.stack))).toBe(4);
    const large = build({ organizationalUnits: ous(30), controls: syntheticControls(100), controlPlacement: ControlPlacement.NESTED_STACK_PER_OU });
    expect(criticalPath(operationsGraph(large.stack))).toBeLessThanOrEqual(40);
  });

  test('controlLanes bounds what is in flight and sets the critical path', () => {
    const { stack } = build({ organizationalUnits: ous(30), controls: syntheticControls(10), controlLanes: 10 });
    const graph = operationsGraph(stack);
    expect(maxInFlightBound(graph)).toBe(10);
    expect(criticalPath(graph)).toBe(30);
  });

  test.each([ControlPlacement.THIS_STACK, ControlPlacement.NESTED_STACK_PER_OU])('proactive controls stay within 16 in flight (%s)', (controlPlacement) => {
    const { stack } = build({
      organizationalUnits: ous(10),
      controls: [...proactiveControls(20), ...syntheticControls(20)],
      controlPlacement,
    });
    const graph = operationsGraph(stack);
    expect(maxInFlightBound(graph, PROACTIVE)).toBeLessThanOrEqual(16);
    expect(maxInFlightBound(graph)).toBeLessThanOrEqual(80);
    for (const seed of [1, 7]) expect(simulateMaxInFlight(graph, seed, PROACTIVE)).toBeLessThanOrEqual(16);
  });

  test('proactiveControlLanes is honoured', () => {
    const { stack } = build({ organizationalUnits: ous(5), controls: proactiveControls(10), proactiveControlLanes: 4 });
    expect(maxInFlightBound(operationsGraph(stack), PROACTIVE)).toBe(4);
  });

  const placements = [ControlPlacement.THIS_STACK, ControlPlacement.NESTED_STACK_PER_OU];
  test.each(placements)('baselines run one at a time, and a control on an OU waits for that OU\'s baseline (%s)', (controlPlacement) => {
    const { stack, baseline } = build({ organizationalUnits: ous(15), baselines: [BASELINE], controls: syntheticControls(3), controlPlacement });
    const graph = operationsGraph(stack);
    expect(graph.nodes).toHaveLength(15 * 4);
    expect(maxInFlightBound(graph, BASELINES)).toBe(1);
    for (const seed of [1, 7]) expect(simulateMaxInFlight(graph, seed, BASELINES)).toBe(1);
    const resources = Template.fromStack(stack).toJSON().Resources;
    baseline.enabledBaselines.forEach((enabled, index) => {
      const baselineId = stack.resolve(enabled.logicalId);
      const waiting = controlPlacement === ControlPlacement.THIS_STACK
        ? baseline.enabledControls.filter((c) => JSON.stringify(stack.resolve(c.targetIdentifier)).includes(ous(15)[index]))
          .map((c) => resources[stack.resolve(c.logicalId)])
        : [resources[stack.resolve(baseline.controlStacks[index].nestedStackResource!.logicalId)]];
      expect(waiting.length).toBeGreaterThan(0);
      for (const resource of waiting) expect(resource.DependsOn).toContain(baselineId);
    });
  });

  test('the check catches unordered operations (plain CfnEnabledControl)', () => {
    const app = new App();
    const stack = new Stack(app, 'Plain', { env });
    for (let i = 0; i < 30; i++) {
      new controltower.CfnEnabledControl(stack, `C${i}`, { controlIdentifier: `arn:aws:controltower:eu-west-1::control/TEST_${i}`, targetIdentifier: 'arn:aws:organizations::111111111111:ou/o-exampleorg1/ou-ab12-11111111' });
    }
    const graph = operationsGraph(stack);
    expect(maxInFlightBound(graph)).toBe(30);
    expect(simulateMaxInFlight(graph, 1)).toBe(30);
    expect(criticalPath(graph)).toBe(1);
  });
});

describe('placement: adding controls never moves an existing control to another stack', () => {
  /** Where each EnabledControl lives: its stack's logical id in the parent ('' for the parent) and its logical id there. */
  function placement(overrides: Partial<AccountBaselineProps>): Map<string, string> {
    const { stack, baseline } = build(overrides);
    const where = new Map<string, string>();
    for (const control of baseline.enabledControls) {
      const owner = Stack.of(control);
      const stackId = owner === stack ? '' : stack.resolve((owner as NestedStack).nestedStackResource!.logicalId);
      const key = `${control.controlIdentifier}@${JSON.stringify(stack.resolve(control.targetIdentifier))}`;
      where.set(key, `${stackId}/${owner.resolve(control.logicalId)}`);
    }
    return where;
  }

  const placements = [ControlPlacement.THIS_STACK, ControlPlacement.NESTED_STACK_PER_OU];
  test.each(placements)('%s: a control added first, and an OU added, leave every existing control where it was', (controlPlacement) => {
    const before = placement({ organizationalUnits: ous(12), controls: syntheticControls(30).slice(1), controlPlacement });
    const after = placement({ organizationalUnits: [...ous(13)], controls: syntheticControls(30), controlPlacement });
    expect(after.size).toBe(before.size + 12 + 30);
    for (const [key, where] of before) expect(after.get(key)).toBe(where);
  });

  test('nested stacks: one per OU, each holding that OU\'s controls; the parent keeps room', () => {
    const perOu = { controlPlacement: ControlPlacement.NESTED_STACK_PER_OU };
    const { stack, baseline, app } = build({ organizationalUnits: ous(30), controls: syntheticControls(100), ...perOu });
    expect(baseline.controlStacks).toHaveLength(30);
    expect(app.synth().stacks.length).toBe(1);
    const parent = Template.fromStack(stack);
    parent.resourceCountIs('AWS::ControlTower::EnabledControl', 0);
    parent.resourceCountIs('AWS::CloudFormation::Stack', 30);
    for (const nested of baseline.controlStacks) Template.fromStack(nested).resourceCountIs('AWS::ControlTower::EnabledControl', 100);
  });

  test('too many operations for this stack fail early with advice to nest', () => {
    const app = new App();
    const stack = new Stack(app, 'Full', { env });
    new AccountBaseline(stack, 'Baseline', props({ organizationalUnits: ous(10), controls: syntheticControls(49) }));
    for (let i = 0; i < 10; i++) new sqs.Queue(stack, `Other${i}`); // the user's own resources
    expect(() => app.synth()).toThrow(/has 5\d\d resources, over CloudFormation's 500: place the controls in nested stacks \(controlPlacement: ControlPlacement.NESTED_STACK_PER_OU\)/);
  });
});

describe('service control policies', () => {
  function policies(overrides: Partial<AccountBaselineProps> = {}) {
    const t = build(overrides).template();
    return Object.values<any>(t.findResources('AWS::Organizations::Policy')).map((r) => r.Properties);
  }

  test('deny leaving the org and disabling security services, attached to the OUs, with exemptions', () => {
    const [protections] = policies({ serviceControlPolicies: { exemptPrincipalArns: ['arn:aws:iam::*:role/PlatformAdmin'] } });
    expect(protections.Type).toBe('SERVICE_CONTROL_POLICY');
    expect(protections.TargetIds).toEqual(OUS);
    const statements = protections.Content.Statement;
    expect(statements.map((s: any) => s.Sid)).toEqual(['DenyLeavingOrganization', 'DenyDisablingSecurityServices', 'DenyChangingExemptRoles']);
    expect(statements[0].Action).toEqual(['organizations:LeaveOrganization']);
    expect(statements[1].Action).toEqual(expect.arrayContaining([
      'config:StopConfigurationRecorder', 'config:DeleteConfigurationRecorder', 'cloudtrail:StopLogging', 'cloudtrail:DeleteTrail',
      'guardduty:DeleteDetector', 'securityhub:DisableSecurityHub',
    ]));
    for (const s of statements.slice(0, 2)) {
      expect(s.Effect).toBe('Deny');
      expect(s.Condition.ArnNotLike['aws:PrincipalArn']).toEqual([
        'arn:*:iam::*:role/AWSControlTowerExecution', 'arn:*:iam::*:role/stacksets-exec-*', 'arn:aws:iam::*:role/PlatformAdmin',
      ]);
    }
  });

  test('every exempt role and user is protected: only the StackSet and Control Tower roles may create, delete or change it', () => {
    const [protections] = policies({ serviceControlPolicies: { exemptPrincipalArns: ['arn:aws:iam::*:role/GantryBreakGlass', 'arn:aws:iam::*:user/Emergency'] } });
    const bySid = Object.fromEntries(protections.Content.Statement.map((s: any) => [s.Sid, s]));
    const roles = bySid.DenyChangingExemptRoles;
    expect(roles.Effect).toBe('Deny');
    expect(roles.Action).toEqual(expect.arrayContaining(['iam:CreateRole', 'iam:DeleteRole', 'iam:UpdateAssumeRolePolicy', 'iam:AttachRolePolicy',
      'iam:PutRolePolicy', 'iam:DetachRolePolicy', 'iam:DeleteRolePolicy', 'iam:PutRolePermissionsBoundary', 'iam:DeleteRolePermissionsBoundary']));
    // The break-glass role and the always-exempt roles themselves (a role named stacksets-exec-x would be exempt too).
    expect(roles.Resource).toEqual(['arn:*:iam::*:role/AWSControlTowerExecution', 'arn:*:iam::*:role/stacksets-exec-*', 'arn:aws:iam::*:role/GantryBreakGlass']);
    expect(roles.Condition).toEqual({ ArnNotLike: { 'aws:PrincipalArn': ['arn:*:iam::*:role/AWSControlTowerExecution', 'arn:*:iam::*:role/stacksets-exec-*'] } });
    const users = bySid.DenyChangingExemptUsers;
    expect(users.Resource).toEqual(['arn:aws:iam::*:user/Emergency']);
    expect(users.Action).toEqual(expect.arrayContaining(['iam:CreateUser', 'iam:AttachUserPolicy', 'iam:CreateAccessKey', 'iam:AddUserToGroup', 'iam:UpdateLoginProfile']));
  });

  test('deny regions outside the governed list with exactly Control Tower\'s region-deny NotAction list', () => {
    const [, regionDeny] = policies();
    const [statement] = regionDeny.Content.Statement;
    expect(statement.Effect).toBe('Deny');
    expect(statement.NotAction).toEqual(expect.arrayContaining(['iam:*', 'organizations:*', 'sts:*', 'support:*',
      'acm:*', 'kms:*', 'config:*', 'access-analyzer:*', 'ec2:DescribeRegions', 'cloudtrail:LookupEvents', 's3:GetBucketLocation', 'wafv2:*']));
    expect(statement.NotAction).toHaveLength(86);
    expect(statement.Condition.StringNotEquals['aws:RequestedRegion']).toEqual(['eu-west-1', 'eu-central-1']);
  });

  test('each statement is switchable; exempt principals stay protected while any statement is on', () => {
    const onlyLeave = policies({ serviceControlPolicies: { denyDisablingSecurityServices: false, denyUngovernedRegions: false } });
    expect(onlyLeave).toHaveLength(1);
    expect(onlyLeave[0].Content.Statement.map((s: any) => s.Sid)).toEqual(['DenyLeavingOrganization', 'DenyChangingExemptRoles']);
    const onlyRegions = policies({ serviceControlPolicies: { denyLeavingOrganization: false, denyDisablingSecurityServices: false } });
    expect(onlyRegions.map((p) => p.Content.Statement.map((s: any) => s.Sid))).toEqual([['DenyChangingExemptRoles'], ['DenyUngovernedRegions']]);
    const none = { denyLeavingOrganization: false, denyDisablingSecurityServices: false, denyUngovernedRegions: false };
    expect(policies({ serviceControlPolicies: none })).toHaveLength(0);
    expect(policies({ attachServiceControlPolicies: false })).toHaveLength(0);
  });

  test('every policy fits the 5,120-character SCP limit', () => {
    for (const p of policies()) expect(JSON.stringify(p.Content).length).toBeLessThanOrEqual(5120);
  });
});

describe('lifecycle events', () => {
  test('a rule on CreateManagedAccount and UpdateManagedAccount reaches the target, with a dead-letter queue', () => {
    const app = new App();
    const stack = new Stack(app, 'Governance', { env });
    const { topic } = secureTopic(stack, 'Topic');
    new AccountBaseline(stack, 'Baseline', props({ lifecycleTargets: [new targets.SnsTopic(topic)] }));
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['aws.controltower'], 'detail-type': ['AWS Service Event via CloudTrail'], 'detail': { eventName: ['CreateManagedAccount', 'UpdateManagedAccount'] } },
      // The given target, then the notification topic (on by default), both with the dead-letter queue.
      Targets: [
        Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^Topic') }, DeadLetterConfig: { Arn: Match.anyValue() } }),
        Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^GantryNotificationsTopic') }, DeadLetterConfig: { Arn: Match.anyValue() } }),
      ],
    });
    t.resourceCountIs('AWS::SQS::Queue', 1);
  });

  test('lifecycle events are notified by default to the stack\'s shared topic, which only the lifecycle rule may publish to', () => {
    const { baseline, stack, template } = build();
    const t = template();
    const rules = Object.entries<any>(t.findResources('AWS::Events::Rule'));
    expect(rules).toHaveLength(1);
    const [ruleId, rule] = rules[0];
    expect(rule.Properties.Targets).toEqual([expect.objectContaining({
      Arn: { Ref: expect.stringMatching(/^GantryNotificationsTopic/) },
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^GantryDeadLettersQueue/), 'Arn'] } },
    })]);
    expect(baseline.notificationTopic).toBeDefined();
    expect(stack.resolve(baseline.notificationTopic!.topicArn)).toEqual({ Ref: expect.stringMatching(/^GantryNotificationsTopic/) });
    const policy = Object.values<any>(t.findResources('AWS::SNS::TopicPolicy'))[0];
    const events = policy.Properties.PolicyDocument.Statement.filter((st: any) => st.Principal?.Service === 'events.amazonaws.com');
    expect(events).toEqual([expect.objectContaining({ Action: 'sns:Publish', Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } } } })]);
    t.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  test('notification addresses are subscribed once; a given topic is used; bad addresses fail', () => {
    const { template } = build({ notifications: { emailAddresses: ['security@example.com'] } });
    template().hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'security@example.com', TopicArn: { Ref: Match.stringLikeRegexp('^GantryNotificationsTopic') } });
    const app = new App();
    const stack = new Stack(app, 'Governance', { env });
    const { topic } = secureTopic(stack, 'Security');
    const baseline = new AccountBaseline(stack, 'Baseline', props({ notifications: { topic } }));
    expect(baseline.notificationTopic).toBe(topic);
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', { Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^Security') } })] });
    expect(() => build({ notifications: { emailAddresses: ['not-an-address'] } }))
      .toThrow(/\[AccountBaseline at 'Governance\/Baseline'\] invalid 'notifications.emailAddresses\[0\]': got "not-an-address"/);
  });

  test('from a delegated administrator there are no lifecycle events: no rule by default, and asking for notifications fails', () => {
    const t = build({ deployFrom: DeploymentAccount.DELEGATED_ADMIN }).template();
    t.resourceCountIs('AWS::Events::Rule', 0);
    t.resourceCountIs('AWS::SNS::Topic', 0);
    expect(build({ deployFrom: DeploymentAccount.DELEGATED_ADMIN, notifications: { enabled: false } }).baseline.notificationTopic).toBeUndefined();
    expect(() => build({ deployFrom: DeploymentAccount.DELEGATED_ADMIN, notifications: { emailAddresses: ['security@example.com'] } }))
      .toThrow(/invalid 'notifications': got \{"emailAddresses":\["security@example.com"\]\}; allowed: no lifecycle notifications when deployFrom is DELEGATED_ADMIN/);
    expect(() => build({ deployFrom: DeploymentAccount.DELEGATED_ADMIN, notifications: { enabled: true } })).toThrow(/no lifecycle notifications when deployFrom is DELEGATED_ADMIN/);
  });

  test('monitoring receives the dead-letter queue with its alarm, in one call without a constant title', () => {
    const monitored: string[] = [];
    const alarms: cloudwatch.IAlarm[] = [];
    const monitoring: IMonitoring = {
      monitor: (resource, options) => {
        monitored.push(resource.node.path);
        expect(options?.title).toBeUndefined();
        alarms.push(...options?.alarms ?? []);
      },
      addAlarms: () => { throw new Error('the alarm belongs to the queue'); },
    };
    const app = new App();
    const stack = new Stack(app, 'Governance', { env });
    const queue = new sqs.Queue(stack, 'Dlq');
    const { topic } = secureTopic(stack, 'Topic');
    const baseline = new AccountBaseline(stack, 'Baseline', props({ lifecycleTargets: [new targets.SnsTopic(topic)], deadLetterQueue: queue, monitoring }));
    expect(monitored).toEqual(['Governance/Dlq']);
    expect(alarms).toEqual([baseline.deadLetterAlarm]);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
  });

  test('two baselines on one dashboard: the stack\'s shared dead-letter queue in one section, with one depth alarm', () => {
    const app = new App();
    const stack = new Stack(app, 'Governance', { env });
    const dashboard = new ObservabilityDashboard(stack, 'Dash');
    const { topic } = secureTopic(stack, 'Topic');
    const baselines = ['Prod', 'Sandbox'].map((id, i) => new AccountBaseline(stack, id, props({
      organizationalUnits: [OUS[i]], lifecycleTargets: [new targets.SnsTopic(topic)], monitoring: dashboard,
    })));
    const template = Template.fromStack(stack);
    const [page] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(page.Properties.DashboardBody);
    expect(body.split('### Dead letters Governance/GantryDeadLetters/Queue').length).toBe(2);
    expect(body).not.toContain('LifecycleDeadLetterQueue');
    expect(baselines[0].deadLetterQueue).toBe(baselines[1].deadLetterQueue);
    expect(baselines[0].deadLetterAlarm).toBe(baselines[1].deadLetterAlarm);
    template.resourceCountIs('AWS::SQS::Queue', 1);
    expect(dashboard.alarmsFor(baselines[0].deadLetterQueue!)).toEqual([baselines[0].deadLetterAlarm]);
    const alarms = Object.entries(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.map(([id]) => id)).toEqual([expect.stringMatching(/^GantryDeadLettersQueueDepth/)]);
    expect(alarms[0][1].Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [{ Ref: expect.stringMatching(/^DashAlarmTopic/) }] });
    // The queue's own alarm replaces the queue monitor's defaults (one set of thresholds).
    expect(Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((r: any) => r.Properties.AlarmName).filter(Boolean)).toEqual([]);
  });

  test('no targets and notifications off: no rule, no topic', () => {
    const t = build({ notifications: { enabled: false } }).template();
    t.resourceCountIs('AWS::Events::Rule', 0);
    t.resourceCountIs('AWS::SNS::Topic', 0);
  });
});

describe('landing zone version', () => {
  test('is recorded in the StackSet description and an output', () => {
    const t = build({ landingZoneVersion: '3.3' }).template();
    t.hasResourceProperties('AWS::CloudFormation::StackSet', { Description: Match.stringLikeRegexp('landing zone 3\\.3') });
    t.hasOutput('*', { Value: '3.3' });
  });

  test('has no default: missing is a clear error', () => {
    expect(() => build({ landingZoneVersion: undefined as unknown as string })).toThrow(/invalid 'landingZoneVersion': got undefined; allowed: the version of your Control Tower landing zone.*pins no default/);
  });
});

describe('bad input', () => {
  const cases: Array<[string, Partial<AccountBaselineProps>, RegExp]> = [
    ['malformed OU id', { organizationalUnits: ['ou-bad'] }, /'organizationalUnits\[0\]': got "ou-bad"/],
    ['malformed OU ARN', { organizationalUnits: ['arn:aws:organizations::111111111111:ou/o-x/ou-bad'] }, /'organizationalUnits\[0\]'.*OU ARN/],
    ['duplicate OU', { organizationalUnits: [OUS[0], OUS[0]] }, /'organizationalUnits'.*repeated/],
    ['no OU', { organizationalUnits: [] }, /'organizationalUnits'.*1 to 1000/],
    ['OU ids without organization id', { organizationId: undefined }, /'organizationId'.*"o-\.\.\."/],
    ['malformed organization id', { organizationId: 'org-1' }, /'organizationId': got "org-1"/],
    ['empty region list', { governedRegions: [] }, /'governedRegions'.*1 to 50/],
    ['malformed region', { governedRegions: ['europe'] }, /'governedRegions\[0\]': got "europe"/],
    ['malformed landing zone version', { landingZoneVersion: 'latest' }, /'landingZoneVersion': got "latest"/],
    ['duplicate control', { controls: [{ control: ControlCatalogue.RESTRICTED_SSH }, { control: ControlCatalogue.RESTRICTED_SSH }] }, /'controls\[1\]\.control'.*repeated/],
    ['parameter a control does not take', { controls: [{ control: ControlCatalogue.RESTRICTED_SSH, parameters: { AllowedRegions: ['eu-west-1'] } }] }, /'controls\[0\]\.parameters\.AllowedRegions'.*AWS-GR_RESTRICTED_SSH takes none/],
    ['parameter of the wrong type', { controls: [{ control: ControlCatalogue.RESTRICT_ROOT_USER, parameters: { ExemptAssumeRoot: 'yes' } }] }, /'controls\[0\]\.parameters\.ExemptAssumeRoot': got "yes"; allowed: true or false/],
    ['malformed control ARN', { controls: [{ control: Control.fromArn('arn:aws:iam::control/x', { name: 'X', behavior: ControlBehavior.DETECTIVE, purpose: 'x' }) }] }, /'controls\[0\]\.control'.*arn:aws:controlcatalog/],
    ['controls from a delegated admin', { deployFrom: DeploymentAccount.DELEGATED_ADMIN, controls: [{ control: ControlCatalogue.RESTRICTED_SSH }] }, /'controls'.*management account only/],
    ['baseline without version', { baselines: [{ baselineIdentifier: 'arn:aws:controltower:eu-west-1::baseline/17BSJV3IGJ2QSGA2', baselineVersion: '' }] }, /'baselines\[0\]\.baselineVersion'.*no default is pinned/],
    ['malformed baseline ARN', { baselines: [{ baselineIdentifier: 'AWSControlTowerBaseline', baselineVersion: '4.0' }] }, /'baselines\[0\]\.baselineIdentifier'/],
    ['concurrency percentage 0', { stackSet: { maxConcurrentPercentage: 0 } }, /'stackSet\.maxConcurrentPercentage': got 0; allowed: a whole number from 1 to 100 percent/],
    ['concurrency percentage 101', { stackSet: { maxConcurrentPercentage: 101 } }, /'stackSet\.maxConcurrentPercentage': got 101/],
    ['failure tolerance 150', { stackSet: { failureTolerancePercentage: 150 } }, /'stackSet\.failureTolerancePercentage': got 150/],
    ['global region outside the governed ones', { stackSet: { globalResourcesRegion: 'us-east-1' } }, /'stackSet\.globalResourcesRegion'.*governed regions/],
    ['wildcard trusted principal', { stackSet: { auditRole: { trustedPrincipalArns: ['arn:aws:iam::*:role/Auditors'] } } }, /'stackSet\.auditRole\.trustedPrincipalArns\[0\]'.*no wildcards/],
    ['role without principals', { stackSet: { breakGlassRole: { trustedPrincipalArns: [] } } }, /'stackSet\.breakGlassRole\.trustedPrincipalArns'.*1 to 20/],
    ['malformed email', { stackSet: { notifications: { emailAddresses: ['security'] } } }, /'stackSet\.notifications\.emailAddresses\[0\]': got "security"; allowed: e-mail addresses/],
    ['a topic for the member accounts', { stackSet: { notifications: { topic: sns.Topic.fromTopicArn(new Stack(), 'T', 'arn:aws:sns:eu-west-1:111111111111:t') } } }, /'stackSet\.notifications\.topic'.*the StackSet creates the security topic in every member account/],
    ['the 0.x notificationEmails', { stackSet: { notificationEmails: ['a@example.com'] } as any }, /'stackSet\.notificationEmails'.*removed in 0\.x, use 'stackSet\.notifications\.emailAddresses'/],
    ['malformed SCP exemption', { serviceControlPolicies: { exemptPrincipalArns: ['PlatformAdmin'] } }, /'serviceControlPolicies\.exemptPrincipalArns\[0\]'/],
    ['controlLanes over the documented 100', { controlLanes: 101 }, /'controlLanes': got 101; allowed: a whole number from 1 to 100/],
    ['proactiveControlLanes over the documented 20', { proactiveControlLanes: 21 }, /'proactiveControlLanes': got 21; allowed: a whole number from 1 to 20/],
    ['proactive lanes above the lanes', { controlLanes: 5, proactiveControlLanes: 10 }, /'proactiveControlLanes': got 10; allowed: at most controlLanes \(5\)/],
    ['controls with an OU list token', { organizationalUnits: Token.asList({ Ref: 'Ous' }), controls: [{ control: ControlCatalogue.RESTRICTED_SSH }] }, /'organizationalUnits'.*known at synth when controls or baselines are given/],
  ];

  test.each(cases)('%s', (_name, overrides, message) => {
    expect(() => build(overrides)).toThrow(message);
  });

  test('an SCP over the policy size limit', () => {
    const many = Array.from({ length: 120 }, (_, i) => `arn:aws:iam::*:role/platform-team-role-number-${i}`);
    expect(() => build({ serviceControlPolicies: { exemptPrincipalArns: many } }))
      .toThrow(/'serviceControlPolicies': got "the Governance-Baseline-[0-9A-F]+-protections policy of \d+ characters"; allowed: at most 5120 characters per SCP/);
  });

  test('errors name the construct path', () => {
    expect(() => build({ governedRegions: [] })).toThrow(/\[AccountBaseline at 'Governance\/Baseline'\]/);
  });

  test('tokens pass', () => {
    expect(() => build({
      organizationalUnits: [Token.asString({ Ref: 'Ou' })],
      organizationId: Token.asString({ Ref: 'Org' }),
      stackSet: { maxConcurrentPercentage: Token.asNumber({ Ref: 'Pct' }), notifications: { emailAddresses: [Token.asString({ Ref: 'Mail' })] } },
      controls: [{ control: ControlCatalogue.RESTRICT_ROOT_USER, parameters: { ExemptAssumeRoot: Token.asAny({ Ref: 'Exempt' }) } }],
    })).not.toThrow();
  });

  test('a governed region typo fails instead of denying the real region (eu-wset-1)', () => {
    expect(() => build({ governedRegions: ['eu-west-1', 'eu-wset-1'] })).toThrow(/'governedRegions\[1\]': got "eu-wset-1".*did you mean "eu-west-1"/);
  });

  test('the home region (the stack\'s region) must be governed', () => {
    expect(() => build({ governedRegions: ['eu-central-1', 'us-east-1'] }))
      .toThrow(/'governedRegions'.*includes the home region eu-west-1 .*\["eu-west-1","eu-central-1","us-east-1"\]/);
  });

  test('from a delegated administrator the stack\'s region need not be governed', () => {
    expect(() => build({ deployFrom: DeploymentAccount.DELEGATED_ADMIN, governedRegions: ['eu-central-1'] })).not.toThrow();
  });

  test('in an environment-agnostic stack a template rule refuses a home region outside the governed ones, before any resource', () => {
    const stack = new Stack(new App(), 'Agnostic');
    new AccountBaseline(stack, 'Baseline', props());
    const rules = Template.fromStack(stack).toJSON().Rules;
    expect(Object.entries<any>(rules).filter(([id]) => id.startsWith('BaselineHomeRegionIsGoverned')).map(([, rule]) => rule)).toEqual([{
      Assertions: [{ Assert: { 'Fn::Contains': [['eu-west-1', 'eu-central-1'], { Ref: 'AWS::Region' }] }, AssertDescription: expect.stringMatching(/home region/) }],
    }]);
  });

  test('an OU list from a token passes, whole, to the StackSet and the SCPs', () => {
    const t = build({ organizationalUnits: Token.asList({ Ref: 'Ous' }), organizationId: undefined }).template();
    t.hasResourceProperties('AWS::CloudFormation::StackSet', { StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: { Ref: 'Ous' } } }] });
    const policies = Object.values<any>(t.findResources('AWS::Organizations::Policy'));
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) expect(policy.Properties.TargetIds).toEqual({ Ref: 'Ous' });
  });

  test('a required parameter must be given', () => {
    const control = Control.fromArn('arn:aws:controlcatalog:::control/exampleglobalid123', {
      name: 'EXAMPLE_REGION_DENY',
      behavior: ControlBehavior.PREVENTIVE,
      purpose: 'Example with a required parameter.',
      parameters: [{ name: 'AllowedRegions', type: ControlParameterType.STRING_LIST, description: 'Regions allowed', required: true }],
    });
    expect(() => build({ controls: [{ control }] })).toThrow(/'controls\[0\]\.parameters\.AllowedRegions'.*requires AllowedRegions/);
    expect(() => build({ controls: [{ control, parameters: { AllowedRegions: ['eu-west-1'] } }] })).not.toThrow();
  });
});

describe('global events region', () => {
  test('warns when us-east-1 (where IAM and sign-in events arrive) is not governed', () => {
    const { stack } = build({ governedRegions: ['eu-west-1'] });
    Annotations.fromStack(stack).hasWarning('/Governance/Baseline', Match.stringLikeRegexp('reach EventBridge in us-east-1 only'));
  });

  test('no warning when us-east-1 is governed or the alerts are off', () => {
    for (const overrides of [{ governedRegions: ['eu-west-1', 'us-east-1'] }, { governedRegions: ['eu-west-1'], stackSet: { rootSignInAlerts: false, iamPolicyChangeAlerts: false } }]) {
      const { stack } = build(overrides);
      Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    }
  });
});

describe('logical ids with tokens and baselines', () => {
  test('token OU ids give position-based ids, not token text', () => {
    const t = build({ organizationalUnits: [Token.asString({ Ref: 'Ou' })], organizationId: 'o-exampleorg1', controls: [{ control: ControlCatalogue.RESTRICTED_SSH }] }).template();
    expect(Object.keys(t.findResources('AWS::ControlTower::EnabledControl'))).toEqual([expect.stringMatching(/^BaselineControlsAWSGRRESTRICTEDSSHOU1[0-9A-F]{8}$/)]);
  });

  test('baseline ids come from the baseline id and the OU', () => {
    const t = build({ baselines: [{ baselineIdentifier: 'arn:aws:controltower:eu-west-1::baseline/17BSJV3IGJ2QSGA2', baselineVersion: '4.0' }] }).template();
    expect(Object.keys(t.findResources('AWS::ControlTower::EnabledBaseline'))).toEqual([
      expect.stringMatching(/^BaselineControlsBaseline17BSJV3IGJ2QSGA2ouab1211111111[0-9A-F]{8}$/),
      expect.stringMatching(/^BaselineControlsBaseline17BSJV3IGJ2QSGA2ouab1222222222[0-9A-F]{8}$/),
    ]);
  });
});

test('the member template is synthesized in a private folder, never into the user\'s cdk.out (CDK_OUTDIR)', () => {
  const userOut = mkdtempSync(join(tmpdir(), 'user-cdk-out-'));
  const previous = process.env.CDK_OUTDIR;
  process.env.CDK_OUTDIR = userOut;
  try {
    build();
    expect(readdirSync(userOut)).toEqual([]);
  } finally {
    if (previous === undefined) delete process.env.CDK_OUTDIR;
    else process.env.CDK_OUTDIR = previous;
    rmSync(userOut, { recursive: true, force: true });
  }
});
