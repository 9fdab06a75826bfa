import { Stack } from 'aws-cdk-lib';
import * as controltower from 'aws-cdk-lib/aws-controltower';
import { AccountBaseline, Control, ControlBehavior, ControlPlacement } from '../../constructs';
// The template reader the tests use, so the bench and the tests measure the same graph.
import { criticalPath, maxInFlightBound, operationsGraph, simulateMaxInFlight } from '../../test/account-baseline/operations-graph';
import { BenchScenario } from '../scenario';

const env = { account: '111111111111', region: 'eu-west-1' };
const OU_COUNT = 30;

// Stand-in controls for sizing only: the benchmark needs up to 100 distinct controls.
function controls(count: number) {
  return Array.from({ length: count }, (_, i) => Control.fromArn(`arn:aws:controltower:eu-west-1::control/BENCH_CONTROL_${i + 1}`, {
    name: `BENCH_CONTROL_${i + 1}`,
    behavior: ControlBehavior.DETECTIVE,
    purpose: 'Benchmark stand-in control.',
  }));
}

function ous(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `ou-ab12-${String(i + 1).padStart(8, '0')}`);
}

/** Critical path (longest chain of operations that wait for one another) and operations in flight, read from the templates. */
function operationFigures(stacks: Stack[]): string {
  const graph = operationsGraph(stacks[0]);
  const simulated = Math.max(...[1, 7, 42].map((seed) => simulateMaxInFlight(graph, seed)));
  return `critical path ${criticalPath(graph)} operations, in flight <= ${maxInFlightBound(graph)} (bound), ${simulated} (simulated)`;
}

function baseline(controlCount: number, placement: ControlPlacement): BenchScenario {
  const operations = controlCount * OU_COUNT;
  const where = placement === ControlPlacement.THIS_STACK ? 'in this stack' : `${OU_COUNT} nested stacks (one per OU)`;
  return {
    name: `AccountBaseline (${controlCount} controls x ${OU_COUNT} OUs = ${operations} operations, ${where}, default lanes 80/16, StackSet + SCPs)`,
    build: (app) => {
      const stack = new Stack(app, `BenchBaseline${controlCount}${placement === ControlPlacement.THIS_STACK ? '' : 'Nested'}`, { env });
      new AccountBaseline(stack, 'Baseline', {
        landingZoneVersion: '3.3',
        organizationId: 'o-exampleorg1',
        organizationalUnits: ous(OU_COUNT),
        governedRegions: ['eu-west-1', 'eu-central-1', 'us-east-1'],
        controls: controls(controlCount).map((control) => ({ control })),
        controlPlacement: placement,
      });
      return [stack];
    },
    figures: operationFigures,
  };
}

/**
 * The anchor: the same operations as plain CfnEnabledControl in one stack, nothing ordering them.
 * Over 500 resources CDK refuses to synthesize; the limit check is turned off here so the row can be
 * measured, and the row says CloudFormation would reject the template.
 */
function anchor(controlCount: number, ouCount: number): BenchScenario {
  const operations = controlCount * ouCount;
  const over = operations > 500;
  return {
    name: `anchor: ${operations} plain CfnEnabledControl (${controlCount} x ${ouCount} OUs) in one stack, unordered (all in flight)${over ? ', OVER the 500-resource limit: synth fails unless the check is off' : ''}`,
    build: (app) => {
      if (over) app.node.setContext('@aws-cdk/core:stackResourceLimit', 0);
      const stack = new Stack(app, `BenchPlainControls${controlCount}x${ouCount}`, { env });
      for (const control of controls(controlCount)) {
        for (const ou of ous(ouCount)) {
          new controltower.CfnEnabledControl(stack, `${control.name}-${ou}`, {
            controlIdentifier: control.identifier,
            targetIdentifier: `arn:aws:organizations::111111111111:ou/o-exampleorg1/${ou}`,
          });
        }
      }
      return [stack];
    },
    figures: operationFigures,
  };
}

const scenarios: BenchScenario[] = [
  baseline(10, ControlPlacement.THIS_STACK),
  baseline(10, ControlPlacement.NESTED_STACK_PER_OU),
  baseline(40, ControlPlacement.NESTED_STACK_PER_OU),
  baseline(100, ControlPlacement.NESTED_STACK_PER_OU),
  anchor(10, 30),
  anchor(30, 20),
  anchor(40, 30),
  anchor(100, 30),
];

export default scenarios;
