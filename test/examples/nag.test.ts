import { App, Stack } from 'aws-cdk-lib';
import { buildReferenceApp } from '../../examples/reference-app';
import { formatFindings, NAG_MAJORS, NagResult, runNag, stagesUnder } from '../harness/nag';
import { cdkJsonContext } from '../harness/reference-app';

/**
 * The stacks the pipelines deploy are reference stacks too: every stack of the app (not nested
 * stacks, judged with their parent), those in a `Stage` (`GantryDelivery-Prod/Checkout`) included,
 * each named by its construct path and, when it differs, its stack name.
 */
function referenceStacksOf(app: App): Array<{ name: string; path: string }> {
  buildReferenceApp(app);
  return app.node.findAll()
    .filter((c): c is Stack => Stack.isStack(c) && !c.nested)
    .map((s) => ({ path: s.node.path, name: s.node.path === s.stackName ? s.stackName : `${s.node.path} (${s.stackName})` }));
}

const probe = new App({ context: cdkJsonContext() });
const stacks = referenceStacksOf(probe);
const stages = stagesUnder(probe).map((s) => s.node.path);

/** The stack a construct path belongs to: the deepest stack whose path is its prefix (a Stage may sit inside a stack). */
function stackOf(path: string): string | undefined {
  return stacks.map((s) => s.path).filter((p) => path.startsWith(`${p}/`)).sort((a, b) => b.length - a.length)[0];
}

test('the reference app has stacks to check, the stacks of each of its stages included', () => {
  expect(stacks.length).toBeGreaterThan(0);
  expect(stages.length).toBeGreaterThan(0);
  for (const stage of stages) {
    expect(stacks.filter((s) => s.path.startsWith(`${stage}/`)).map((s) => s.path)).not.toEqual([]);
  }
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

  test('every finding and suppression belongs to a judged stack', () => {
    const orphans = [...result.unsuppressed, ...result.unusedSuppressions, ...result.suppressed].filter((f) => stackOf(f.path) === undefined);
    if (orphans.length > 0) throw new Error(`cdk-nag ${major}: findings outside every judged stack:\n${formatFindings(orphans)}`);
  });

  describe.each(stacks)('$name', ({ path }) => {
    const inStack = <T extends { path: string }>(items: T[]) => items.filter((i) => stackOf(i.path) === path);

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
