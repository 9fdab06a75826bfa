import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { operationsGraph, maxInFlightBound, CONTROLS } from './operations-graph';
import { AccountBaseline, Control, ControlBehavior, ControlCatalogue, ControlGuidance, ControlParameterType } from '../../constructs';
import { memberName, parseLegacy, parseProactive } from '../../scripts/control-catalogue';

/** The committed extraction: the tests are derived from it, so adding a control adds its tests. */
const DATA = JSON.parse(readFileSync(join(__dirname, '../../data/control-tower-controls/controls.json'), 'utf-8'));
const CURATED = JSON.parse(readFileSync(join(__dirname, '../../data/control-tower-controls/curated.json'), 'utf-8'));
const LEGACY: any[] = DATA.controls.filter((c: any) => c.identifierTemplate);
const PROACTIVE: any[] = DATA.controls.filter((c: any) => c.behavior === 'PROACTIVE');

function baselineWith(controls: Array<{ control: Control; parameters?: { [name: string]: any } }>) {
  const stack = new Stack(new App(), 'Governance', { env: { account: '111111111111', region: 'eu-west-1' } });
  new AccountBaseline(stack, 'Baseline', {
    landingZoneVersion: '3.3',
    organizationId: 'o-exampleorg1',
    organizationalUnits: ['ou-ab12-11111111'],
    governedRegions: ['eu-west-1'],
    controls,
  });
  return stack;
}

describe('the extracted data', () => {
  test('records its source, commit and dates', () => {
    expect(DATA.source.repository).toBe('awsdocs/aws-control-tower-guide');
    expect(DATA.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(DATA.source.commitDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(DATA.extractedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test('covers the control library: every legacy control that can be enabled and the proactive controls', () => {
    expect(LEGACY.length).toBe(40);
    expect(PROACTIVE.length).toBeGreaterThanOrEqual(160);
    expect(new Set(DATA.controls.map((c: any) => c.name)).size).toBe(DATA.controls.length);
    for (const c of PROACTIVE) {
      expect(c.name).toMatch(/^CT\.[A-Z0-9-]+\.PR\.\d+$/);
      expect(c.resourceTypes.length).toBeGreaterThan(0);
      for (const t of c.resourceTypes) expect(t).toMatch(/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/);
    }
  });
});

describe('ControlCatalogue', () => {
  const all = ControlCatalogue.all();

  test('every legacy control of the data is a member, named by its identifier, with its behaviour and guidance', () => {
    expect(all.map((c) => c.name)).toEqual(LEGACY.map((c) => c.name));
    for (const fact of LEGACY) {
      const control: Control = (ControlCatalogue as any)[memberName(fact.name)];
      expect(control).toBeInstanceOf(Control);
      expect(control.name).toBe(fact.name);
      expect(control.behavior).toBe(fact.behavior);
      expect(control.guidance).toBe(fact.guidance);
      expect(control.purpose).toBe(fact.purpose);
      expect(control.definitionProblems()).toEqual([]);
    }
  });

  test('the members users call keep their names and identifiers', () => {
    expect(ControlCatalogue.RESTRICT_ROOT_USER_ACCESS_KEYS.name).toBe('AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS');
    expect(ControlCatalogue.ENCRYPTED_VOLUMES.name).toBe('AWS-GR_ENCRYPTED_VOLUMES');
    expect(ControlCatalogue.RESTRICT_ROOT_USER_ACCESS_KEYS.behavior).toBe(ControlBehavior.PREVENTIVE);
    expect(ControlCatalogue.ENCRYPTED_VOLUMES.behavior).toBe(ControlBehavior.DETECTIVE);
    expect(ControlCatalogue.RESTRICTED_SSH.guidance).toBe(ControlGuidance.STRONGLY_RECOMMENDED);
    expect(ControlCatalogue.DISALLOW_VPN_CONNECTIONS.behavior).toBe(ControlBehavior.PREVENTIVE);
  });

  test('names are unique and every static member is listed by all()', () => {
    expect(new Set(all.map((c) => c.name)).size).toBe(all.length);
    const members = Object.getOwnPropertyNames(ControlCatalogue).map((k) => (ControlCatalogue as any)[k]).filter((v) => v instanceof Control);
    expect(new Set(members)).toEqual(new Set(all));
  });

  test('every member renders the identifier the guide publishes, in the home region, as the EnabledControl ControlIdentifier', () => {
    const stack = baselineWith(all.map((control) => ({ control })));
    const rendered = Object.values(Template.fromStack(stack).findResources('AWS::ControlTower::EnabledControl'))
      .map((r: any) => stack.resolve(r.Properties.ControlIdentifier));
    const expected = LEGACY.map((fact) => {
      const [, before, after] = fact.identifierTemplate.match(/^arn:aws(:controltower:)REGION(::control\/.+)$/);
      return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, before, { Ref: 'AWS::Region' }, after]] };
    });
    expect(rendered).toHaveLength(LEGACY.length);
    expect(rendered).toEqual(expect.arrayContaining(expected));
  });

  test('parameters come from curated.json and a parameterised control accepts them', () => {
    const withParameters = all.filter((c) => c.parameters.length > 0);
    expect(withParameters.map((c) => c.name).sort()).toEqual(Object.keys(CURATED.parameters).sort());
    for (const control of withParameters) {
      const values = Object.fromEntries(control.parameters.map((p) => [p.name, p.type === ControlParameterType.BOOLEAN ? true : ['arn:aws:iam::*:role/BreakGlass']]));
      const stack = baselineWith([{ control, parameters: values }]);
      const [resource] = Object.values(Template.fromStack(stack).findResources('AWS::ControlTower::EnabledControl')) as any[];
      expect(resource.Properties.Parameters).toEqual(control.parameters.map((p) => ({ Key: p.name, Value: values[p.name] })));
    }
    expect(() => baselineWith([{ control: ControlCatalogue.RESTRICT_ROOT_USER, parameters: { ExemptAssumeRoot: 'yes' } }])).toThrow(/ExemptAssumeRoot.*true or false/);
    expect(() => baselineWith([{ control: ControlCatalogue.RESTRICTED_SSH, parameters: { ExemptAssumeRoot: true } }])).toThrow(/AWS-GR_RESTRICTED_SSH takes none/);
  });

  test('every proactive control of the data is described, flagged proactive, with its resource types', () => {
    expect(ControlCatalogue.proactiveControlNames()).toEqual(PROACTIVE.map((c) => c.name));
    for (const fact of PROACTIVE) {
      const control = ControlCatalogue.proactive(fact.name, 'arn:aws:controlcatalog:::control/k4izcjxhukijhajp6ks5mjxk');
      expect(control.behavior).toBe(ControlBehavior.PROACTIVE);
      expect(control.resourceTypes).toEqual(fact.resourceTypes);
      expect(control.purpose).toBe(fact.purpose);
      expect(control.definitionProblems()).toEqual([]);
    }
  });

  test('a proactive control renders the global ARN it is given and counts against the proactive lanes', () => {
    const controls = PROACTIVE.slice(0, 20).map((fact, i) => ({
      control: ControlCatalogue.proactive(fact.name, `arn:aws:controlcatalog:::control/proactive${String(i).padStart(3, '0')}`),
    }));
    const stack = baselineWith(controls);
    const identifiers = Object.values(Template.fromStack(stack).findResources('AWS::ControlTower::EnabledControl')).map((r: any) => r.Properties.ControlIdentifier);
    expect(identifiers).toContain('arn:aws:controlcatalog:::control/proactive000');
    // The default proactive lanes (16 of the documented 20) bound them.
    expect(maxInFlightBound(operationsGraph(stack), (n) => CONTROLS(n) && n.identifier.includes('proactive'))).toBe(16);
  });

  test('proactive, byName refuse unknown names and say what to use', () => {
    expect(ControlCatalogue.byName('AWS-GR_RESTRICTED_SSH')).toBe(ControlCatalogue.RESTRICTED_SSH);
    expect(() => ControlCatalogue.byName('AWS-GR_MADE_UP')).toThrow(/unknown control "AWS-GR_MADE_UP"; known controls: .*AWS-GR_RESTRICTED_SSH.*Control.fromArn/);
    expect(() => ControlCatalogue.byName('CT.S3.PR.1')).toThrow(/a proactive control: use ControlCatalogue.proactive/);
    expect(() => ControlCatalogue.proactive('CT.MADE.PR.1', 'arn:aws:controlcatalog:::control/x')).toThrow(/unknown proactive control "CT.MADE.PR.1"/);
  });

  test('a control declared by ARN is checked against the documented ARN formats', () => {
    const ok = (arn: string) => Control.fromArn(arn, { name: 'X', behavior: ControlBehavior.PROACTIVE, purpose: 'x' }).definitionProblems();
    expect(ok('arn:aws:controlcatalog:::control/k4izcjxhukijhajp6ks5mjxk')).toEqual([]);
    expect(ok('arn:aws:controltower:us-east-1::control/YEHYWYAUIQHZ')).toEqual([]);
    expect(ok('arn:aws:controltower:us-east-1:111111111111:control/X')).toEqual([expect.stringMatching(/must look like/)]);
    expect(ControlCatalogue.proactive('CT.S3.PR.1', 'arn:aws:controlcatalog::111111111111:control/x').definitionProblems()).toEqual([expect.stringMatching(/must look like/)]);
  });
});

describe('the extractor', () => {
  test('reads a legacy control: identifier, behaviour from its section, guidance from its list', () => {
    const identifiers = [
      '**Designations for Strongly recommended controls**',
      '+ [arn:aws:controltower:REGION::control/AWS\\-GR\\_EC2\\_VOLUME\\_INUSE\\_CHECK](https://docs.aws.amazon.com/controltower/latest/userguide/strongly-recommended-controls.html#disallow-unattached-ebs)',
    ].join('\n');
    const page = '# Strongly\n\n## Detect Whether Amazon EBS Volumes are Attached<a name="disallow-unattached-ebs"></a>\n\nThis is a detective control with strongly recommended guidance\\.\n';
    expect(parseLegacy(identifiers, () => page)).toEqual([expect.objectContaining({
      name: 'AWS-GR_EC2_VOLUME_INUSE_CHECK',
      behavior: 'DETECTIVE',
      guidance: 'STRONGLY_RECOMMENDED',
      purpose: 'Detect Whether Amazon EBS Volumes are Attached.',
      identifierTemplate: 'arn:aws:controltower:REGION::control/AWS-GR_EC2_VOLUME_INUSE_CHECK',
    })]);
    expect(() => parseLegacy(identifiers, () => page.replace('detective control', 'control'))).toThrow(/behaviour of AWS-GR_EC2_VOLUME_INUSE_CHECK not stated/);
  });

  test('reads a proactive control: name, purpose, objective and resource types', () => {
    const page = [
      '## \\[CT\\.S3\\.PR\\.1\\] Require an Amazon S3 bucket to have block public access settings configured<a name="ct-s3-pr-1-description"></a>',
      '',
      '+ **Control objective: **Limit network access',
      '+ **Implementation: **AWS CloudFormation Guard Rule',
      '+ **Control behavior: **Proactive',
      '+ **Resource types: **`AWS::S3::Bucket`',
    ].join('\n');
    expect(parseProactive('s3-rules', page)).toEqual([{
      name: 'CT.S3.PR.1',
      behavior: 'PROACTIVE',
      guidance: 'ELECTIVE',
      purpose: 'Require an Amazon S3 bucket to have block public access settings configured.',
      page: 's3-rules#ct-s3-pr-1-description',
      objective: 'Limit network access',
      implementation: 'AWS CloudFormation Guard Rule',
      resourceTypes: ['AWS::S3::Bucket'],
      service: 'S3',
    }]);
    expect(() => parseProactive('s3-rules', page.replace('`AWS::S3::Bucket`', ''))).toThrow(/no resource types/);
  });
});
