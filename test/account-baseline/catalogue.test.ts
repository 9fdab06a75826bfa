import { App, Stack } from 'aws-cdk-lib';
import { Control, ControlBehavior, ControlCatalogue } from '../../constructs';

describe('ControlCatalogue', () => {
  const all = ControlCatalogue.all();

  test('every entry is well formed: name, behaviour, one-line purpose', () => {
    expect(all.length).toBeGreaterThanOrEqual(18);
    for (const control of all) {
      expect(control.definitionProblems()).toEqual([]);
      expect(control.name).toMatch(/^AWS-GR_[A-Z0-9_]+$/);
      expect(Object.values(ControlBehavior)).toContain(control.behavior);
      expect(control.purpose).not.toMatch(/\n/);
    }
  });

  test('names are unique and every static member is listed by all()', () => {
    expect(new Set(all.map((c) => c.name)).size).toBe(all.length);
    const members = Object.getOwnPropertyNames(ControlCatalogue).map((k) => (ControlCatalogue as any)[k]).filter((v) => v instanceof Control);
    expect(new Set(members)).toEqual(new Set(all));
  });

  test('legacy controls resolve to the regional ARN in the home region', () => {
    const stack = new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
    expect(stack.resolve(ControlCatalogue.RESTRICTED_SSH.identifier)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':controltower:', { Ref: 'AWS::Region' }, '::control/AWS-GR_RESTRICTED_SSH']],
    });
  });

  test('only AWS-GR_RESTRICT_ROOT_USER takes a parameter (ExemptAssumeRoot)', () => {
    expect(all.filter((c) => c.parameters.length > 0).map((c) => [c.name, c.parameters.map((p) => p.name)]))
      .toEqual([['AWS-GR_RESTRICT_ROOT_USER', ['ExemptAssumeRoot']]]);
  });

  test('byName finds a control and refuses unknown names, listing the known ones', () => {
    expect(ControlCatalogue.byName('AWS-GR_RESTRICTED_SSH')).toBe(ControlCatalogue.RESTRICTED_SSH);
    expect(() => ControlCatalogue.byName('AWS-GR_MADE_UP')).toThrow(/unknown control "AWS-GR_MADE_UP"; known controls: .*AWS-GR_RESTRICTED_SSH.*Control.fromArn/);
  });

  test('a control declared by ARN is checked against the documented ARN formats', () => {
    const ok = (arn: string) => Control.fromArn(arn, { name: 'X', behavior: ControlBehavior.PROACTIVE, purpose: 'x' }).definitionProblems();
    expect(ok('arn:aws:controlcatalog:::control/k4izcjxhukijhajp6ks5mjxk')).toEqual([]);
    expect(ok('arn:aws:controltower:us-east-1::control/YEHYWYAUIQHZ')).toEqual([]);
    expect(ok('arn:aws:controltower:us-east-1:111111111111:control/X')).toEqual([expect.stringMatching(/must look like/)]);
  });
});
