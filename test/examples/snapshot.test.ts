import { Template } from 'aws-cdk-lib/assertions';
import { normalisedTemplate, referenceStacks } from '../harness/reference-app';

// Second line of defence: behaviour is asserted per construct; these catch any unreviewed change
// to a reference stack's template. Asset hashes are masked so only template changes show.
describe.each(referenceStacks().map((s) => [s.node.id, s] as const))('%s', (_name, stack) => {
  test('template matches the snapshot', () => {
    expect(normalisedTemplate(Template.fromStack(stack).toJSON())).toMatchSnapshot();
  });
});
