import { CfnParameter, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as oam from 'aws-cdk-lib/aws-oam';
import { Construct } from 'constructs';
import { fail } from '../../core';
import { DeploymentGateAlarm } from '../../core/contracts/monitoring';

/** The stage stacks' parameter that receives the pipeline's sink ARN (its id is generated at deploy). */
export const SINK_PARAMETER = 'GantryPipelineGateSinkArn';

/** Where a stack of a stage links its metrics to the pipeline's sink. */
interface LinkPlacement {
  readonly stack: Stack;
  readonly namespaces: Set<string>;
}

/**
 * Gate alarms of stages in other accounts, re-created in the pipeline's stack on the source's
 * metrics through CloudWatch cross-account observability (see
 * `Limits.cloudWatch.crossAccountObservability`): the pipeline owns an OAM sink that admits the
 * stage accounts (metrics only), one stack per stage account gets the link to it, and the copies
 * watch metrics with `AccountId` = the stage's account.
 */
export class GateMirrors {
  private sink?: oam.CfnSink;
  private readonly accounts: string[] = [];
  private readonly links = new Map<string, LinkPlacement>();
  /** Stacks of a stage that receive the sink ARN, by `<stage>/<stack name>`. */
  private readonly linkStacks = new Set<string>();

  /**
   * @param showAlarms shows a stage's copies on the pipeline's monitoring (the pipeline orders its sections)
   */
  constructor(
    private readonly pipeline: Construct,
    private readonly showAlarms?: (title: string, alarms: cloudwatch.IAlarm[]) => void,
    private readonly givenSinkArn?: string,
  ) {}

  /** Copies of a source's gate alarms in the pipeline's stack, watching `account`'s metrics. */
  public mirror(
    stageName: string, prop: string, gates: DeploymentGateAlarm[], sourceStack: Stack, account: string, firstRule: number,
  ): cloudwatch.Alarm[] {
    const pipelineStack = Stack.of(this.pipeline);
    const mirrors = gates.map((gate, i) => {
      const rule = `rule Alarm${firstRule + i} of stage ${stageName}`;
      const name = literal(sourceStack, gate.name);
      if (name === undefined) fail(this.pipeline, prop, `gate alarm "${gate.name}" of ${sourceStack.node.path} (${rule})`, 'a gate alarm name known at synth');
      const id = `${stageName}Gate${name.replace(/[^A-Za-z0-9]/g, '')}`;
      if (this.pipeline.node.tryFindChild(id)) fail(this.pipeline, prop, `gate alarm ${name} (${rule})`, 'gate alarm names unique within a stage');
      const metrics = Object.entries(gate.metrics);
      const metricOf = ([metricId, m]: [string, typeof metrics[number][1]]) => {
        const dimensionsMap: Record<string, string> = {};
        for (const [key, value] of Object.entries(m.dimensions ?? {})) {
          const text = literal(sourceStack, value);
          if (text === undefined) {
            fail(this.pipeline, prop, `dimension ${key} of metric ${metricId} of gate alarm ${name} (${rule})`,
              'a dimension value known at synth: another account cannot read a reference to this stack\'s resources (give the resource a name, e.g. functionProps.functionName)');
          }
          dimensionsMap[key] = text;
        }
        return new cloudwatch.Metric({
          namespace: m.namespace, metricName: m.metricName, statistic: m.statistic, period: m.period, dimensionsMap, account,
        });
      };
      if (!gate.expression && metrics.length !== 1) fail(this.pipeline, prop, `${metrics.length} metrics of gate alarm ${name}`, 'one metric, or an expression over several');
      const watched: cloudwatch.MathExpression | cloudwatch.Metric = gate.expression
        ? new cloudwatch.MathExpression({
          expression: gate.expression,
          usingMetrics: Object.fromEntries(metrics.map((e) => [e[0], metricOf(e)])),
          period: metrics[0][1].period,
        })
        : metricOf(metrics[0]);
      const shared = this.namespacesOf(stageName, account, sourceStack);
      metrics.forEach(([, m]) => shared.add(m.namespace));
      return watched.createAlarm(this.pipeline, id, {
        alarmName: `${pipelineStack.stackName}-${stageName}-${name}`,
        // Text of the source's stack (its name) read there: in this stack it would name this stack.
        alarmDescription: `Gate of stage ${stageName} (account ${account}): ${(gate.description && literal(sourceStack, gate.description)) ?? name}`,
        threshold: gate.threshold,
        comparisonOperator: gate.comparisonOperator,
        evaluationPeriods: gate.evaluationPeriods,
        datapointsToAlarm: gate.datapointsToAlarm ?? gate.evaluationPeriods,
        treatMissingData: gate.treatMissingData ?? cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    });
    // One section per source stack: a stage may hold several (their alarms belong to no resource here).
    this.showAlarms?.(`Gates of stage ${stageName} from ${sourceStack.node.path} (account ${account})`, mirrors);
    return mirrors;
  }

  /** The sink ARN as a parameter override of the stage stack that holds the account's link. */
  public parameterOverrides(stageName: string, stackName: string): { [name: string]: string } | undefined {
    if (!this.linkStacks.has(`${stageName}/${stackName}`)) return undefined;
    return { [SINK_PARAMETER]: this.givenSinkArn ?? this.ensureSink().attrArn };
  }

  /**
   * The namespaces the account's link shares. The first stack of a stage in that account gets
   * the link (an account links to a sink once) and a parameter for the sink's ARN.
   */
  private namespacesOf(stageName: string, account: string, stack: Stack): Set<string> {
    const placed = this.links.get(account);
    if (placed) return placed.namespaces;
    const namespaces = new Set<string>();
    this.links.set(account, { stack, namespaces });
    this.accounts.push(account);
    if (this.givenSinkArn === undefined) this.ensureSink();
    this.linkStacks.add(`${stageName}/${stack.stackName}`);
    const sinkArn = new CfnParameter(stack, SINK_PARAMETER, {
      type: 'String',
      description: `ARN of the OAM sink of pipeline ${this.pipeline.node.path}, whose stage gates watch this account's metrics (set by the pipeline)`,
    });
    new oam.CfnLink(stack, 'PipelineGateLink', {
      sinkIdentifier: sinkArn.valueAsString,
      resourceTypes: ['AWS::CloudWatch::Metric'],
      labelTemplate: '$AccountName',
      // Only the namespaces the gates watch.
      linkConfiguration: {
        metricConfiguration: {
          filter: Lazy.string({ produce: () => `Namespace IN (${[...namespaces].sort().map((n) => `'${n}'`).join(', ')})` }),
        },
      },
    });
    return namespaces;
  }

  private ensureSink(): oam.CfnSink {
    if (this.sink) return this.sink;
    const pipelineStack = Stack.of(this.pipeline);
    this.sink = new oam.CfnSink(this.pipeline, 'GateSink', {
      name: `${pipelineStack.stackName}-pipeline-gates`,
      // In a sink policy, Resource '*' is this sink.
      policy: {
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Principal: { AWS: Lazy.list({ produce: () => [...this.accounts] }) },
          Action: ['oam:CreateLink', 'oam:UpdateLink'],
          Resource: '*',
          Condition: { 'ForAllValues:StringEquals': { 'oam:ResourceTypes': ['AWS::CloudWatch::Metric'] } },
        }],
      },
    });
    return this.sink;
  }
}

/** A value as text, flattened in its own stack (stack name, account, region); undefined when it refers to a resource. */
export function literal(stack: Stack, value: string): string | undefined {
  if (!Token.isUnresolved(value)) return value;
  return flattenText(stack.resolve(value), stack);
}

export function flattenText(node: unknown, stack: Stack): string | undefined {
  if (typeof node === 'string') return node;
  if (typeof node !== 'object' || node === null) return undefined;
  const ref = (node as { Ref?: string }).Ref;
  if (ref === 'AWS::StackName') return stack.stackName;
  if (ref === 'AWS::Region') return Token.isUnresolved(stack.region) ? undefined : stack.region;
  if (ref === 'AWS::AccountId') return Token.isUnresolved(stack.account) ? undefined : stack.account;
  const join = (node as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join) {
    const parts = join[1].map((p) => flattenText(p, stack));
    return parts.every((p) => p !== undefined) ? parts.join(join[0]) : undefined;
  }
  return undefined;
}
