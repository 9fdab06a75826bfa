import { App } from 'aws-cdk-lib';
import { buildReferenceApp } from '../../examples/reference-app';
import { formatFindings, NAG_MAJORS, NagResult, runNag } from '../harness/nag';
import { cdkJsonContext } from '../harness/reference-app';

const stackNames = buildReferenceApp(new App({ context: cdkJsonContext() })).map((s) => s.node.id);

test('the reference app has stacks to check', () => {
  expect(stackNames.length).toBeGreaterThan(0);
});

// Under each supported cdk-nag major: one synth of the whole reference app with the five packs;
// each stack is then judged alone.
describe.each(NAG_MAJORS)('cdk-nag %d', (major) => {
  let result: NagResult;
  beforeAll(() => {
    const app = new App({ context: cdkJsonContext() });
    buildReferenceApp(app);
    result = runNag(app, major);
  });

  describe.each(stackNames)('%s', (stackName) => {
    const inStack = <T extends { path: string }>(items: T[]) => items.filter((i) => i.path.startsWith(`${stackName}/`));

    test('has no unsuppressed cdk-nag finding (AwsSolutions, NIST 800-53 R5, HIPAA, PCI DSS 3.2.1, Serverless)', () => {
      const findings = inStack(result.unsuppressed);
      if (findings.length > 0) throw new Error(`Unsuppressed cdk-nag ${major} findings:\n${formatFindings(findings)}`);
    });

    test('every suppression matches a real finding (no dead suppressions)', () => {
      const unused = inStack(result.unusedSuppressions);
      if (unused.length > 0) throw new Error(`cdk-nag ${major}: suppressions that match no finding:\n${formatFindings(unused)}`);
    });

    test('every suppression that took effect carries a reason', () => {
      for (const finding of inStack(result.suppressed)) {
        expect(finding.reason && finding.reason.length >= 20).toBeTruthy();
      }
    });
  });
});
