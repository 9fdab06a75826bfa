import { ArnFormat, Aws, Lazy, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DeadLetteredTarget, eventDeadLetterQueue, secureLogGroup } from '../../core';

/** CodePipeline and CodeDeploy publish no CloudWatch metrics of their own; these events are the source. */
const PIPELINE_EXECUTION = 'CodePipeline Pipeline Execution State Change';
const STAGE_EXECUTION = 'CodePipeline Stage Execution State Change';
const DEPLOYMENT = 'CodeDeploy Deployment State-change Notification';

/** Pipeline-level states counted as metrics (stage events carry `detail.stage`). */
const PIPELINE_STATES: Record<string, string> = { Started: 'STARTED', Succeeded: 'SUCCEEDED', Failed: 'FAILED' };
const DEPLOYMENT_STATES: Record<string, string> = { Started: 'START', Succeeded: 'SUCCESS', Failed: 'FAILURE' };

/**
 * Captures pipeline and deployment state-change events into an encrypted log group (EventBridge
 * to CloudWatch Logs, no Lambda) and turns them into metrics with metric filters, so delivery
 * gets the same widgets and alarms as runtime services. One per dashboard, created on first use;
 * the rules match only the pipelines and deployment groups that are monitored.
 */
export class DeliveryEvents extends Construct {
  /** Namespace of the metrics derived from pipeline and deployment events. */
  public static readonly NAMESPACE = 'Gantry/Delivery';

  /** The encrypted log group the events are written to. */
  public readonly logGroup: logs.LogGroup;
  /** Dead-letter queue of the rules' targets (events the log group did not take). */
  public readonly deadLetterQueue: sqs.Queue;
  private readonly pipelines: string[] = [];
  private readonly applications: string[] = [];
  private pipelineEvents?: events.Rule;
  private deploymentEvents?: events.Rule;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // EventBridge writes only to log groups under /aws/events/ (EventBridge User Guide).
    this.logGroup = secureLogGroup(this, 'Events', {
      // Named from the deployed stack name, so one template deployed under two names does not clash.
      logGroupProps: { logGroupName: `/aws/events/gantry/${Aws.STACK_NAME}-${this.node.addr.slice(0, 8)}` },
    }).logGroup;
    this.deadLetterQueue = eventDeadLetterQueue(this);
    // EventBridge writes to CloudWatch Logs under a resource policy of the log group's account.
    new logs.CfnResourcePolicy(this, 'DeliveryPolicy', {
      policyName: `${Aws.STACK_NAME}-${this.node.addr}`, // at most 128 + 1 + 42 of 255 characters
      policyDocument: Stack.of(this).toJsonString(new iam.PolicyDocument({
        statements: [new iam.PolicyStatement({
          principals: [new iam.ServicePrincipal('events.amazonaws.com'), new iam.ServicePrincipal('delivery.logs.amazonaws.com')],
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.logGroup.logGroupArn],
        })],
      }).toJSON()),
    });
    for (const [name, state] of Object.entries(PIPELINE_STATES)) {
      this.filter(`Pipeline${name}`, `PipelineExecutions${name}`,
        `{ ($.source = "aws.codepipeline") && ($.detail.state = "${state}") && ($.detail.stage NOT EXISTS) }`,
        { PipelineName: '$.detail.pipeline' });
    }
    for (const [name, state] of Object.entries(DEPLOYMENT_STATES)) {
      this.filter(`Deployment${name}`, `Deployments${name}`,
        `{ ($.source = "aws.codedeploy") && ($.detail.state = "${state}") }`,
        { Application: '$.detail.application', DeploymentGroup: '$.detail.deploymentGroup' });
    }
  }

  /** The rule on pipeline events, once a pipeline is watched. */
  public get pipelineRule(): events.Rule | undefined {
    return this.pipelineEvents;
  }

  /** The rule on deployment events, once a deployment group is watched. */
  public get deploymentRule(): events.Rule | undefined {
    return this.deploymentEvents;
  }

  /** Start capturing a pipeline's execution and stage events. */
  public watchPipeline(pipelineName: string): void {
    this.pipelines.push(pipelineName);
    this.pipelineEvents ??= this.rule('PipelineEvents', 'aws.codepipeline', [PIPELINE_EXECUTION, STAGE_EXECUTION],
      { pipeline: Lazy.list({ produce: () => this.pipelines }) });
  }

  /** Start capturing the deployments of a CodeDeploy application. */
  public watchDeployments(applicationName: string): void {
    if (!this.applications.includes(applicationName)) this.applications.push(applicationName);
    this.deploymentEvents ??= this.rule('DeploymentEvents', 'aws.codedeploy', [DEPLOYMENT],
      { application: Lazy.list({ produce: () => this.applications }) });
  }

  private rule(id: string, source: string, detailType: string[], detail: Record<string, unknown>): events.Rule {
    const logGroupArn = Stack.of(this).formatArn({
      service: 'logs', resource: 'log-group', resourceName: this.logGroup.logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const toLogs: events.IRuleTarget = { bind: () => ({ arn: logGroupArn }) };
    return new events.Rule(this, id, {
      description: `Captures ${source} state changes of monitored resources for the dashboard`,
      eventPattern: { source: [source], detailType, detail },
      targets: [new DeadLetteredTarget(toLogs, this.deadLetterQueue)],
    });
  }

  private filter(id: string, metricName: string, pattern: string, dimensions: Record<string, string>): void {
    new logs.MetricFilter(this, id, {
      logGroup: this.logGroup,
      metricNamespace: DeliveryEvents.NAMESPACE,
      metricName,
      metricValue: '1',
      filterPattern: logs.FilterPattern.literal(pattern),
      dimensions,
      unit: undefined,
    });
  }
}
