import { Template } from 'aws-cdk-lib/assertions';
import { ContainerServiceStack } from '../../examples/container-service-stack';
import { formatFindings, runNag } from '../harness/nag';
import { referenceStacks } from '../harness/reference-app';

const stack = referenceStacks().find((s) => s.node.id === 'GantryContainerService') as ContainerServiceStack;

test('nag probe', () => {
  const result = runNag(stack);
  const inStack = <T extends { path: string }>(items: T[]) => items.filter((i) => i.path.startsWith('GantryContainerService/'));
  console.log(formatFindings(inStack(result.unsuppressed)));
  console.log('UNUSED\n' + formatFindings(inStack(result.unusedSuppressions as any)));
  expect(Template.fromStack(stack)).toBeDefined();
});
