import { readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { operationsGraph, maxInFlightBound, CONTROLS } from './operations-graph';
import { AccountBaseline, Control, ControlBehavior, ControlCatalogue, ControlGuidance, ControlImplementation, ControlParameterType, ControlSeverity } from '../../constructs';
import { CONTROL_LIBRARY_FILES } from '../../constructs/account-baseline/controls/library/registry.generated';
import {
  joinCatalog, libraryFiles, memberName, parseCatalogExport, parseCsv, parseDocumentedAliases, parseDocumentedParameters,
  parseLegacy, parseProactive, renderRegistry, titleKey,
} from '../../scripts/control-catalogue';

/** The committed extraction: the tests are derived from it, so adding a control adds its tests. */
const DATA = JSON.parse(readFileSync(join(__dirname, '../../data/control-tower-controls/controls.json'), 'utf-8'));
const CURATED = JSON.parse(readFileSync(join(__dirname, '../../data/control-tower-controls/curated.json'), 'utf-8'));
const CATALOG = JSON.parse(readFileSync(join(__dirname, '../../data/control-tower-controls/catalog.json'), 'utf-8'));
const LEGACY: any[] = DATA.controls.filter((c: any) => c.identifierTemplate);
const PROACTIVE: any[] = DATA.controls.filter((c: any) => c.behavior === 'PROACTIVE');
const CC: any[] = CATALOG.controls;
const LIBRARY_DIR = join(__dirname, '../../constructs/account-baseline/controls/library');

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

describe('the Control Catalog data', () => {
  test('records its source, commit and dates', () => {
    expect(CATALOG.source.repository).toBe('aws-samples/aws-control-tower-controls-terraform');
    expect(CATALOG.source.path).toBe('helpers/controlcatalog_list_controls.csv');
    expect(CATALOG.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(CATALOG.source.commitDate).toMatch(/^2025-\d{2}-\d{2}T/);
    expect(CATALOG.extractedAt).toBe('2026-12-01');
    expect(ControlCatalogue.source()).toMatch(/aws-samples\/aws-control-tower-controls-terraform@e8ebe75cbc86 \(2025-04-17\).*aws-control-tower-guide@db6c0f58225d \(2023-06-15\); read 2026-12-01/);
  });

  test('covers the current control library: every control with global id, behaviour, severity and implementation', () => {
    expect(CC.length).toBe(760);
    expect(CATALOG.counts).toEqual(expect.objectContaining({ preventive: 66, detective: 459, proactive: 235 }));
    expect(new Set(CC.map((c) => c.id)).size).toBe(CC.length);
    expect(new Set(CC.map((c) => c.name)).size).toBe(CC.length);
    for (const c of CC) {
      expect(c.id).toMatch(/^[0-9a-z]{20,30}$/);
      expect(['PREVENTIVE', 'DETECTIVE', 'PROACTIVE']).toContain(c.behavior);
      expect(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']).toContain(c.severity);
      expect(c.title.length).toBeGreaterThan(10);
    }
    // Controls after the 2023 guide: resource control policies, declarative policies, Config rules of 2024.
    expect(CC.filter((c) => c.implementationType === 'AWS::Organizations::Policy::RESOURCE_CONTROL_POLICY').length).toBeGreaterThanOrEqual(9);
    expect(CC.some((c) => c.createTime >= '2024-12')).toBe(true);
  });

  test('aliases: the legacy controls of the guide are identified, each alias on one control, the documented ones as documented', () => {
    const byName = new Map(CC.map((c) => [c.name, c]));
    const unmatched = new Set(CATALOG.unmatchedGuideControls);
    expect(LEGACY.filter((c) => !unmatched.has(c.name)).length).toBeGreaterThanOrEqual(36);
    expect(byName.get('AWS-GR_RESTRICTED_SSH')).toEqual(expect.objectContaining({ id: '6rilu41n0gb9w6mxrkyewoer4', behavior: 'DETECTIVE', legacy: true, aliasSource: 'documented' }));
    expect(byName.get('CT.S3.PV.5')).toEqual(expect.objectContaining({ id: '7mo7a2h2ebsq71l8k6uzr96ou', implementationType: 'AWS::Organizations::Policy::RESOURCE_CONTROL_POLICY' }));
    expect(byName.get('CT.CODEBUILD.PR.3')?.id).toBe('4b0nsxnd47747up54ytdqesxi'); // as the AWS CLI's list-controls example pairs them
    expect(byName.get('SH.ECS.4')).toEqual(expect.objectContaining({ severity: 'HIGH', services: ['ECS'] }));
    expect(byName.get('API_GW_CACHE_ENABLED_AND_ENCRYPTED')).toEqual(expect.objectContaining({ aliasSource: 'config-rule', resourceTypes: ['AWS::ApiGateway::Stage'], services: ['APIGATEWAY'] }));
    expect(byName.get('AWS-GR_S3_VERSIONING_ENABLED')).toEqual(expect.objectContaining({ implementationIdentifier: 'S3_BUCKET_VERSIONING_ENABLED', resourceTypes: ['AWS::S3::Bucket'] }));
    expect(CC.filter((c) => c.mandatory).length).toBeGreaterThanOrEqual(15);
  });
});

describe('ControlCatalogue', () => {
  const all = ControlCatalogue.all();

  test('every legacy control of the data is a member, named by its identifier, with its behaviour, guidance, severity and global id', () => {
    const byName = new Map(CC.map((c) => [c.name, c]));
    for (const fact of LEGACY) {
      const control: Control = (ControlCatalogue as any)[memberName(fact.name)];
      expect(control).toBeInstanceOf(Control);
      expect(control.name).toBe(fact.name);
      expect(control.behavior).toBe(fact.behavior);
      expect(control.guidance).toBe(fact.guidance);
      expect(control.definitionProblems()).toEqual([]);
      const current = byName.get(fact.name);
      if (current) {
        expect(control.globalId).toBe(current.id);
        expect(control.severity).toBe(current.severity);
        expect(control.purpose).toBe(current.title.endsWith('.') ? current.title : `${current.title}.`);
      } else {
        expect(control.purpose).toBe(fact.purpose);
      }
    }
  });

  test('every control of the Control Catalog that can be enabled is in all(), with its global ARN, severity and implementation', () => {
    const names = new Set(all.map((c) => c.name));
    for (const c of CC.filter((x) => !x.mandatory)) expect(names.has(c.name)).toBe(true);
    const rcp = ControlCatalogue.CT_S3_PV_5;
    expect(rcp.implementation).toBe(ControlImplementation.RESOURCE_CONTROL_POLICY);
    expect(rcp.severity).toBe(ControlSeverity.HIGH);
    expect(rcp.services).toEqual(['S3']);
    expect(new Stack().resolve(rcp.identifier)).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':controlcatalog:::control/7mo7a2h2ebsq71l8k6uzr96ou']] });
    const sh = ControlCatalogue.byName('SH.ECS.4');
    expect(sh.implementation).toBe(ControlImplementation.SECURITY_HUB_CONTROL);
    expect(sh.implementationIdentifier).toBe('ECS.4');
    expect(ControlCatalogue.byGlobalId('arn:aws:controlcatalog:::control/7mo7a2h2ebsq71l8k6uzr96ou')).toBe(rcp);
    expect(ControlCatalogue.byGlobalId('6rilu41n0gb9w6mxrkyewoer4')).toBe(ControlCatalogue.RESTRICTED_SSH);
    // A legacy member keeps enabling by its regional identifier (a changed identifier replaces the enabled control) and tells its global ARN.
    expect(new Stack().resolve(ControlCatalogue.RESTRICTED_SSH.globalArn)).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':controlcatalog:::control/6rilu41n0gb9w6mxrkyewoer4']] });
  });

  test('mandatory controls are described but refused', () => {
    const mandatory = CC.find((c) => c.mandatory);
    expect(all.map((c) => c.name)).not.toContain(mandatory.name);
    expect(() => ControlCatalogue.byName(mandatory.name)).toThrow(/is a mandatory control: Control Tower enables it on every registered OU/);
    const declared = Control.fromArn(`arn:aws:controlcatalog:::control/${mandatory.id}`, { name: 'M', behavior: ControlBehavior.PREVENTIVE, purpose: 'x', mandatory: true });
    expect(() => baselineWith([{ control: declared }])).toThrow(/M is a mandatory control/);
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
    expect(members.length).toBeGreaterThanOrEqual(180);
    for (const m of members) expect(all).toContain(m);
  });

  test('every legacy member renders the identifier the guide publishes, in the home region, as the EnabledControl ControlIdentifier', () => {
    const stack = baselineWith(LEGACY.map((fact) => ({ control: ControlCatalogue.byName(fact.name) })));
    const rendered = Object.values(Template.fromStack(stack).findResources('AWS::ControlTower::EnabledControl'))
      .map((r: any) => stack.resolve(r.Properties.ControlIdentifier));
    const expected = LEGACY.map((fact) => {
      const [, before, after] = fact.identifierTemplate.match(/^arn:aws(:controltower:)REGION(::control\/.+)$/);
      return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, before, { Ref: 'AWS::Region' }, after]] };
    });
    expect(rendered).toHaveLength(LEGACY.length);
    expect(rendered).toEqual(expect.arrayContaining(expected));
  });

  test('parameters come from curated.json and AWS\'s sample configuration, and a parameterised control accepts them', () => {
    const withParameters = all.filter((c) => c.parameters.length > 0);
    const parameterised = new Set([...Object.keys(CURATED.parameters), ...Object.keys(CATALOG.documentedParameters)]);
    expect(withParameters.map((c) => c.name).sort()).toEqual([...parameterised].sort());
    expect(ControlCatalogue.CT_MULTISERVICE_PV_1.parameters.map((p) => p.name)).toEqual(['AllowedRegions', 'ExemptedPrincipalArns', 'ExemptedActions']);
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
    expect(ControlCatalogue.proactiveControlNames()).toEqual(expect.arrayContaining(PROACTIVE.map((c) => c.name)));
    expect(ControlCatalogue.proactiveControlNames().length).toBeGreaterThanOrEqual(235);
    for (const fact of PROACTIVE) {
      const control = ControlCatalogue.proactive(fact.name, 'arn:aws:controlcatalog:::control/k4izcjxhukijhajp6ks5mjxk');
      expect(control.behavior).toBe(ControlBehavior.PROACTIVE);
      expect(control.resourceTypes).toEqual(fact.resourceTypes);
      expect(titleKey(control.purpose)).toBe(titleKey(fact.purpose)); // the current title where joined
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
    expect(ControlCatalogue.byName('CT.S3.PR.1')).toBe(ControlCatalogue.CT_S3_PR_1);
    expect(() => ControlCatalogue.byName('AWS-GR_MADE_UP')).toThrow(/unknown control "AWS-GR_MADE_UP".*the catalogue has \d+ controls.*Control.fromArn/);
    const unidentified = CATALOG.unmatchedGuideControls.find((n: string) => n.startsWith('CT.'));
    expect(() => ControlCatalogue.byName(unidentified)).toThrow(/global identifier the catalogue does not know: use ControlCatalogue.proactive/);
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

describe('the Control Catalog extractor', () => {
  const guide = {
    controls: [{ name: 'AWS-GR_RESTRICTED_SSH', behavior: 'DETECTIVE', guidance: 'STRONGLY_RECOMMENDED', purpose: 'Detect Whether Unrestricted SSH is Allowed.', page: 'x', identifierTemplate: 'arn:aws:controltower:REGION::control/AWS-GR_RESTRICTED_SSH' },
      { name: 'CT.S3.PR.1', behavior: 'PROACTIVE', guidance: 'ELECTIVE', purpose: 'Require block public access.', page: 'y', resourceTypes: ['AWS::S3::Bucket'] }],
    mandatoryTitles: ['Disallow changes to Control Tower logs'],
  } as any;
  const csv = [
    'Arn,Name,Description,Behavior,Severity,Implementation_Type,Implementation_Identifier,CreateTime',
    'arn:aws:controlcatalog:::control/aaaaaaaaaaaaaaaaaaaaaaaaa,"Detect whether unrestricted SSH is allowed","Checks SSH, ""quoted""",DETECTIVE,HIGH,AWS::Config::ConfigRule,INCOMING_SSH_DISABLED,2019-01-01',
    'arn:aws:controlcatalog:::control/bbbbbbbbbbbbbbbbbbbbbbbbb,Require block public access,"two\nlines",PROACTIVE,MEDIUM,AWS::CloudFormation::Type::HOOK,,2022-11-28',
    'arn:aws:controlcatalog:::control/ccccccccccccccccccccccccc,S3 buckets should have event notifications,x,DETECTIVE,LOW,AWS::SecurityHub::SecurityControl,S3.11,2022-11-28',
    'arn:aws:controlcatalog:::control/ddddddddddddddddddddddddd,Disallow changes to Control Tower logs,x,PREVENTIVE,CRITICAL,AWS::Organizations::Policy::SERVICE_CONTROL_POLICY,,2019-01-01',
    'arn:aws:controlcatalog:::control/eeeeeeeeeeeeeeeeeeeeeeeee,Require TLS for S3,x,PREVENTIVE,HIGH,AWS::Organizations::Policy::RESOURCE_CONTROL_POLICY,,2024-11-13',
  ].join('\n');

  test('reads the CSV export: quoted commas, doubled quotes, line breaks', () => {
    expect(parseCsv(csv)).toHaveLength(5);
    expect(parseCsv(csv)[0].Description).toBe('Checks SSH, "quoted"');
    expect(parseCatalogExport(csv)[1]).toEqual({ id: 'bbbbbbbbbbbbbbbbbbbbbbbbb', title: 'Require block public access', behavior: 'PROACTIVE', severity: 'MEDIUM', implementationType: 'AWS::CloudFormation::Type::HOOK', createTime: '2022-11-28' });
    expect(() => parseCatalogExport(csv.replace('HIGH', 'SEVERE'))).toThrow(/severity "SEVERE" is not one of/);
  });

  test('reads the JSON of aws controlcatalog list-controls, aliases and governed resources included', () => {
    const json = JSON.stringify({ Controls: [{ Arn: 'arn:aws:controlcatalog:::control/4b0nsxnd47747up54ytdqesxi', Aliases: ['CT.CODEBUILD.PR.3'], Name: 'Require logging', Behavior: 'PROACTIVE', Severity: 'MEDIUM', Implementation: { Type: 'AWS::CloudFormation::Type::HOOK' }, GovernedResources: ['AWS::CodeBuild::Project'] }] });
    const [row] = parseCatalogExport(json);
    expect(row).toEqual(expect.objectContaining({ id: '4b0nsxnd47747up54ytdqesxi', aliases: ['CT.CODEBUILD.PR.3'], governedResources: ['AWS::CodeBuild::Project'] }));
    const { controls } = joinCatalog([row], { controls: [], mandatoryTitles: [] } as any, {}, {});
    expect(controls[0]).toEqual(expect.objectContaining({ name: 'CT.CODEBUILD.PR.3', aliasSource: 'export', services: ['CODEBUILD'] }));
  });

  test('joins aliases: documented first, then a unique title with the same behaviour; names the rest by implementation', () => {
    const rows = parseCatalogExport(csv);
    const { controls, unmatched } = joinCatalog(rows, guide, { 'CT.S3.PV.5': 'eeeeeeeeeeeeeeeeeeeeeeeee' }, { INCOMING_SSH_DISABLED: ['AWS::EC2::SecurityGroup'] });
    const by = Object.fromEntries(controls.map((c) => [c.name, c]));
    expect(by['AWS-GR_RESTRICTED_SSH']).toEqual(expect.objectContaining({ id: 'aaaaaaaaaaaaaaaaaaaaaaaaa', aliasSource: 'guide-title', legacy: true, guidance: 'STRONGLY_RECOMMENDED', resourceTypes: ['AWS::EC2::SecurityGroup'], services: ['EC2'] }));
    expect(by['CT.S3.PR.1']).toEqual(expect.objectContaining({ id: 'bbbbbbbbbbbbbbbbbbbbbbbbb', resourceTypes: ['AWS::S3::Bucket'] }));
    expect(by['SH.S3.11']).toEqual(expect.objectContaining({ aliasSource: 'security-hub', services: ['S3'] }));
    expect(by['CT.S3.PV.5']).toEqual(expect.objectContaining({ aliasSource: 'documented', services: ['S3'] }));
    expect(by.ddddddddddddddddddddddddd).toEqual(expect.objectContaining({ aliasSource: 'none', mandatory: true }));
    expect(unmatched).toEqual([]);
    // A title whose behaviour differs is not joined.
    expect(joinCatalog(rows.map((r) => (r.id.startsWith('b') ? { ...r, behavior: 'DETECTIVE' as const } : r)), guide, {}, {}).unmatched).toEqual(['CT.S3.PR.1']);
  });

  test('titles join without case, punctuation or vendor words', () => {
    expect(titleKey('Require AWS ECS Fargate Services to run on the latest Fargate platform version')).toBe(titleKey('Require Amazon ECS Fargate Services to run on the latest Fargate platform version.'));
    expect(titleKey('Disallow delete actions on S3 buckets')).not.toBe(titleKey('Disallow changes to S3 buckets'));
  });

  test('reads the aliases and parameters AWS\'s sample configuration documents', () => {
    const tfvars = '"6rilu41n0gb9w6mxrkyewoer4", # AWS-GR_RESTRICTED_SSH\n{ "ka8e3pkqefnjsxuyc26ji580" = { # CT.MULTISERVICE.PV.1\n parameters = {\n "AllowedRegions" : ["eu-west-1"],\n "ExemptedPrincipalArns" : [],\n }\n } },';
    expect(parseDocumentedAliases(tfvars)).toEqual({ 'AWS-GR_RESTRICTED_SSH': '6rilu41n0gb9w6mxrkyewoer4', 'CT.MULTISERVICE.PV.1': 'ka8e3pkqefnjsxuyc26ji580' });
    expect(parseDocumentedParameters(tfvars)['CT.MULTISERVICE.PV.1'].map((p) => [p.name, p.type])).toEqual([['AllowedRegions', 'STRING_LIST'], ['ExemptedPrincipalArns', 'STRING_LIST']]);
    expect(() => parseDocumentedParameters(tfvars.replace('AllowedRegions', 'Unheard'))).toThrow(/takes Unheard, whose meaning the script does not know/);
  });
});

describe('the control library grows by one file', () => {
  test('the registry lists every file of controls/library/ (after adding one: npx projen catalogue:controls:generate)', () => {
    expect(CONTROL_LIBRARY_FILES).toEqual(libraryFiles(LIBRARY_DIR));
    expect(readFileSync(join(LIBRARY_DIR, 'registry.generated.ts'), 'utf-8')).toBe(renderRegistry(libraryFiles(LIBRARY_DIR)));
  });

  test('a control added as one file is picked up by the registry and enabled like any other', () => {
    const file = join(LIBRARY_DIR, 'zz-test-added-control.ts');
    const registry = join(LIBRARY_DIR, 'zz-test-registry.ts');
    writeFileSync(file, [
      "import { ControlBehavior, ControlSeverity } from '../control';",
      "import { CatalogueEntry } from './entry';",
      "export const CONTROLS: CatalogueEntry[] = [{ name: 'CT.EXAMPLE.PV.1', globalId: 'exampleglobalidzz0000000000', behavior: ControlBehavior.PREVENTIVE, severity: ControlSeverity.HIGH, purpose: 'An example added by one file.' }];",
      '',
    ].join('\n'));
    try {
      const files = libraryFiles(LIBRARY_DIR).filter((f) => f !== 'zz-test-registry.ts');
      expect(files).toContain('zz-test-added-control.ts');
      writeFileSync(registry, renderRegistry(files));
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { CONTROL_LIBRARY } = require(registry);
        const added = CONTROL_LIBRARY.find((e: any) => e.name === 'CT.EXAMPLE.PV.1');
        expect(added).toEqual(expect.objectContaining({ behavior: 'PREVENTIVE', severity: 'HIGH' }));
        expect(CONTROL_LIBRARY.length).toBe(CC.length + CATALOG.unmatchedGuideControls.length + 1);
      });
    } finally {
      rmSync(file, { force: true });
      rmSync(registry, { force: true });
    }
  });
});
