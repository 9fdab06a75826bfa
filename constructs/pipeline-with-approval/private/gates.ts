import { Aws, Stack, Stage, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { IConstruct } from 'constructs';
import { flattenText, GateMirrors } from './gate-mirrors';
import { fail, Limits } from '../../core';
import { IDeploymentAlarmSource } from '../../core/contracts/monitoring';

/** One CloudWatchAlarm rule of a stage's on-success condition. */
export interface GateRule {
  readonly ruleName: string;
  /** The alarm's name: text for an alarm of another stack, a reference only within the pipeline's own stack. */
  readonly alarmName: string;
  /** The alarm's region when it is not the pipeline's (same account only). */
  readonly region?: string;
  /** ARN the pipeline role may describe. */
  readonly alarmArn: string;
}

/** Anything with a `deploymentAlarms` list is an alarm source (the contract, checked by shape). */
export function isDeploymentAlarmSource(x: unknown): x is IDeploymentAlarmSource {
  return typeof x === 'object' && x !== null && Array.isArray((x as { deploymentAlarms?: unknown }).deploymentAlarms);
}

/** Every alarm source inside the stage (walked at synth, so sources and alarms added late count). */
export function findAlarmSources(stage: Stage): IDeploymentAlarmSource[] {
  return stage.node.findAll().filter((c): c is IConstruct & IDeploymentAlarmSource => isDeploymentAlarmSource(c));
}

interface GateAlarm {
  readonly alarm: cloudwatch.IAlarm;
  readonly name: string;
  readonly account: string;
  readonly region: string;
}

/**
 * The rules gating a stage. CodePipeline's CloudWatchAlarm rule names an alarm by name and reads
 * it with the pipeline role in the pipeline's account (a rule's `Region` may name another region;
 * see `Limits.codePipeline.gateAlarmsInPipelineAccountOnly`). A source in another account of the
 * pipeline's region is gated on copies of its `deploymentGateAlarms` in the pipeline's stack
 * (`mirrors`, only while the stage is still open). More alarms than a condition holds are
 * aggregated into one composite alarm, created beside them while `compositeScope` is still open
 * (before the stage's stacks are synthesized); without one, more than 5 alarms fail.
 */
export function gateRules(
  pipeline: IConstruct, prop: string, stageName: string, sources: IDeploymentAlarmSource[],
  stage?: Stage, compositeOpen = false, mirrors?: GateMirrors,
): GateRule[] {
  const pipelineStack = Stack.of(pipeline);
  const seen = new Set<cloudwatch.IAlarm>();
  const alarms: GateAlarm[] = [];
  const known = (value: string) => !Token.isUnresolved(value) && !Token.isUnresolved(pipelineStack.account);
  for (const source of sources) {
    const own = source.deploymentAlarms.filter((a) => !seen.has(a) && seen.add(a));
    const elsewhere = Limits.codePipeline.gateAlarmsInPipelineAccountOnly
      ? own.find((a) => known(a.env.account) && a.env.account !== pipelineStack.account) : undefined;
    if (elsewhere) {
      const account = elsewhere.env.account;
      const region = concreteOr(elsewhere.env.region, pipelineStack.region);
      const gates = source.deploymentGateAlarms ?? [];
      const why = gates.length === 0 ? 'the source describes no deploymentGateAlarms to re-create'
        : !mirrors ? 'the stage is a template stage (stages prop) or already synthesized, so no link can join its stacks'
          : Limits.cloudWatch.crossAccountObservabilitySameRegionOnly && region !== pipelineStack.region ? `it is in region ${region}: cross-account observability links accounts within one region`
            : undefined;
      if (why !== undefined) {
        fail(pipeline, prop, `${elsewhere.node.path} (rule Alarm${alarms.length + 1} of stage ${stageName}) in account ${account}`,
          `gate alarms in the pipeline's account ${pipelineStack.account}: CodePipeline's CloudWatchAlarm rule reads alarms there only (the rule's RoleArn is the pipeline role, not a role in another account), `
          + `and this alarm cannot be re-created there (${why}). Gate on a source with deploymentGateAlarms (e.g. a BlueGreenLambda with a named function) in a CDK stage of the pipeline's region, `
          + 'or opt out with gateOnStageAlarms: false and let the alarms act in their own account (e.g. CodeDeploy rollbacks)');
      }
      for (const copy of mirrors!.mirror(stageName, prop, gates, Stack.of(elsewhere), account, alarms.length + 1)) {
        alarms.push({ alarm: copy, name: copy.alarmName, account: pipelineStack.account, region: pipelineStack.region });
      }
      continue;
    }
    for (const alarm of own) {
      const ruleName = `Alarm${alarms.length + 1}`;
      const account = concreteOr(alarm.env.account, pipelineStack.account);
      const region = concreteOr(alarm.env.region, pipelineStack.region);
      const name = alarmNameText(alarm, pipelineStack);
      if (name === undefined) {
        fail(pipeline, prop, `${alarm.node.path} (rule ${ruleName} of stage ${stageName})`,
          'alarms with a name known at synth (give the alarm an alarmName): a rule names its alarm, and a reference to a generated name would couple the pipeline to the stack through an export');
      }
      alarms.push({ alarm, name, account, region });
    }
  }

  const max = Limits.codePipeline.maxRulesPerCondition;
  if (alarms.length > max) {
    const composite = compositeOpen && stage ? aggregate(pipeline, stageName, stage, alarms) : undefined;
    if (!composite) {
      fail(pipeline, prop, `${alarms.length} alarms`,
        `at most ${max} alarms (rules per condition) unless they can be aggregated: all in one account and region, inside the stage or all re-created in the pipeline's stack (one composite alarm is created beside them)`);
    }
    return [composite];
  }
  return alarms.map((a, i) => ({
    ruleName: `Alarm${i + 1}`,
    alarmName: a.name,
    region: a.region === pipelineStack.region ? undefined : a.region,
    alarmArn: alarmArn(a.name, a.account, a.region),
  }));
}

/** One composite alarm (ALARM when any gate alarm is) in the stack of the first alarm, named after the stage. */
function aggregate(pipeline: IConstruct, stageName: string, stage: Stage, alarms: GateAlarm[]): GateRule | undefined {
  const first = alarms[0];
  if (alarms.some((a) => a.account !== first.account || a.region !== first.region)) return undefined;
  const pipelineStack = Stack.of(pipeline);
  const copies = alarms.every((a) => Stack.of(a.alarm) === pipelineStack);
  if (!copies && alarms.some((a) => !a.alarm.node.scopes.includes(stage))) return undefined;
  const stack = Stack.of(first.alarm);
  const name = `${stack.stackName}-${stageName}-PipelineGate`;
  const composite = new cloudwatch.CompositeAlarm(copies ? pipeline : stack, copies ? `${stageName}PipelineGate` : `${pipeline.node.id}${stageName}PipelineGate`, {
    compositeAlarmName: name,
    alarmDescription: `Any of the ${alarms.length} deployment alarms of stage ${stageName}: gates the stage in ${pipeline.node.path}`,
    alarmRule: cloudwatch.AlarmRule.anyOf(...alarms.map((a) => cloudwatch.AlarmRule.fromString(`ALARM("${a.name}")`))),
  });
  for (const a of alarms) {
    const other = Stack.of(a.alarm);
    if (other !== stack) stack.addDependency(other, `the composite gate alarm of stage ${stageName} names its alarms`);
    // A name that is a reference (a copy's Ref) already orders the composite after its alarm (cfn-lint W3005).
    else if (!Token.isUnresolved(a.name)) composite.node.addDependency(a.alarm);
  }
  return { ruleName: 'Alarm1', alarmName: copies ? composite.alarmName : name, region: first.region === Stack.of(pipeline).region ? undefined : first.region, alarmArn: alarmArn(name, first.account, first.region) };
}

function alarmArn(name: string, account: string, region: string): string {
  return `arn:${Aws.PARTITION}:cloudwatch:${region}:${account}:alarm:${name}`;
}

function concreteOr(value: string, fallback: string): string {
  return Token.isUnresolved(value) ? fallback : value;
}

/**
 * The alarm's name as text: literal, or built from its own stack's name, account and region
 * (`Aws.STACK_NAME` inside a stack the pipeline deploys is that stack's name). In the pipeline's
 * own stack a reference is fine (no export).
 */
function alarmNameText(alarm: cloudwatch.IAlarm, pipelineStack: Stack): string | undefined {
  const stack = Stack.of(alarm);
  if (stack === pipelineStack) return alarm.alarmName;
  // Within its own stack an alarm's name renders as a reference; the name given is on the L1.
  const cfn = alarm.node.defaultChild;
  const given = cfn instanceof cloudwatch.CfnAlarm || cfn instanceof cloudwatch.CfnCompositeAlarm ? cfn.alarmName : alarm.alarmName;
  return given === undefined ? undefined : flattenText(stack.resolve(given), stack);
}

