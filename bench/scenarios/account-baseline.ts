import { Stack } from 'aws-cdk-lib';
import * as controltower from 'aws-cdk-lib/aws-controltower';
import { AccountBaseline, Control, ControlBehavior } from '../../constructs';
import { BenchScenario } from '../scenario';

const env = { account: '111111111111', region: 'eu-west-1' };
const OU_COUNT = 30;

// Stand-in controls for sizing only: the catalogue holds 18 verified controls, the benchmark needs up to 100.
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

function baseline(controlCount: number): BenchScenario {
  const operations = controlCount * OU_COUNT;
  const nested = operations <= 400 ? 0 : Math.ceil(operations / 400);
  return {
    name: `AccountBaseline (${controlCount} controls x ${OU_COUNT} OUs = ${operations} operations, ${nested} nested stacks, <= 10 in flight, StackSet + SCPs)`,
    build: (app) => {
      const stack = new Stack(app, `BenchBaseline${controlCount}`, { env });
      new AccountBaseline(stack, 'Baseline', {
        landingZoneVersion: '3.3',
        organizationId: 'o-exampleorg1',
        organizationalUnits: ous(OU_COUNT),
        governedRegions: ['eu-west-1', 'eu-central-1'],
        controls: controls(controlCount).map((control) => ({ control })),
      });
      return [stack];
    },
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
  };
}

const scenarios: BenchScenario[] = [
  baseline(10),
  baseline(40),
  baseline(100),
  anchor(10, 30),
  anchor(30, 20),
  anchor(40, 30),
  anchor(100, 30),
];

export default scenarios;
