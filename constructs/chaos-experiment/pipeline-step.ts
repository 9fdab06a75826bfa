import { Arn, ArnFormat, CfnResource, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import {
  acceptHandlerFunctionFindings, checkPattern, checkRange, dependOnGrantsOnly, fail, flattenReference, IPipelineStep, Limits,
  ManagedPolicyRole, PipelineStepContext, secureLogGroup, suppressExpectedWildcards, suppressNagFindings,
} from '../core';
import type { ChaosExperiment } from './chaos-experiment';
import { ExperimentRunnerFunction } from './experiment-runner-function';
import { TEMPLATE_TAG } from './private/runner-contract';

/** What the step verifies after the experiment. */
export interface ChaosVerifyOptions {
  /**
   * Alarms that must be back to OK after the experiment.
   * @default - the experiment's stop-condition alarms
   */
  readonly alarms?: cloudwatch.IAlarm[];
  /**
   * How long the alarms may take to return to OK once the experiment completed.
   * @default Duration.minutes(10)
   */
  readonly recoveryTimeout?: Duration;
  /**
   * How often the step reads the experiment and the alarms.
   * @default Duration.seconds(30)
   */
  readonly pollInterval?: Duration;
}

/** Options of `ChaosExperiment.pipelineStep`. */
export interface ChaosPipelineStepOptions {
  /**
   * Name of the step (and its action) in the stage.
   * @default 'Chaos'
   */
  readonly stepName?: string;
  /**
   * What is verified after the experiment.
   * @default - the stop-condition alarms must be OK within 10 minutes
   */
  readonly verify?: ChaosVerifyOptions;
  /**
   * Name of the step's state machine. With a name, a pipeline in another stack refers to the state
   * machine by its ARN built from the name, so the two stacks share no CloudFormation export.
   * @default - a generated name (a pipeline in another stack then imports the state machine's export)
   */
  readonly stateMachineName?: string;
}

/** Props of `ChaosPipelineStep`. */
export interface ChaosPipelineStepProps extends ChaosPipelineStepOptions {
  /** The experiment the step runs. */
  readonly experiment: ChaosExperiment;
}

const SMALLEST_POLL_SECONDS = 5;

/**
 * The pipeline step of a chaos experiment: a Step Functions state machine (beside the experiment)
 * that starts the experiment, polls it to a terminal state and verifies recovery, placed in a stage
 * as a CodePipeline Step Functions invoke action. Its roles may only start and read this
 * template's experiments and describe the verified alarms.
 */
export class ChaosPipelineStep extends Construct implements IPipelineStep {
  public readonly stepName: string;
  /** The state machine the action runs. */
  public readonly stateMachine: sfn.StateMachine;
  /** The handler holding the step's decisions (start, poll, verify). */
  public readonly runner: lambda.Function;
  private readonly stateMachineName?: string;

  constructor(scope: Construct, id: string, props: ChaosPipelineStepProps) {
    super(scope, id);
    this.stepName = props.stepName ?? 'Chaos';
    checkPattern(this, 'stepName', this.stepName, Limits.codePipeline.namePattern, 'a CodePipeline action name: 1-100 letters, digits and .@-_');
    const verify = props.verify ?? {};
    const recovery = verify.recoveryTimeout ?? Duration.minutes(10);
    const poll = verify.pollInterval ?? Duration.seconds(30);
    if (!poll.isUnresolved()) checkRange(this, 'verify.pollInterval', poll.toSeconds(), SMALLEST_POLL_SECONDS, 3600, { unit: 'seconds' });
    if (!recovery.isUnresolved()) checkRange(this, 'verify.recoveryTimeout', recovery.toSeconds(), 0, 86_400, { unit: 'seconds' });
    const experiment = props.experiment;
    const alarms = verify.alarms;
    if (alarms && alarms.length === 0) fail(this, 'verify.alarms', alarms, 'at least one alarm, or omit it to verify the stop-condition alarms');

    const stack = Stack.of(this);
    const experimentsArn = stack.formatArn({ service: 'fis', resource: 'experiment', resourceName: '*' });
    const { logGroup, encryptionKey: logsKey } = secureLogGroup(this, 'RunnerLogs');
    const runnerRole = new ManagedPolicyRole(this, 'RunnerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Starts and reads the experiments of ${experiment.node.path} and describes the alarms it verifies`,
    });
    logGroup.grantWrite(runnerRole);
    runnerRole.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'StartThisTemplatesExperiments',
      actions: ['fis:StartExperiment'],
      resources: [experiment.templateArn, experimentsArn],
    }));
    // Experiments are tagged with their template when started; only those can be tagged and read.
    runnerRole.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'TagThisTemplatesExperiments',
      actions: ['fis:TagResource'],
      resources: [experimentsArn],
      conditions: { StringEquals: { [`aws:RequestTag/${TEMPLATE_TAG}`]: experiment.templateId } },
    }));
    runnerRole.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'ReadThisTemplatesExperiments',
      actions: ['fis:GetExperiment'],
      resources: [experimentsArn],
      conditions: { StringEquals: { [`aws:ResourceTag/${TEMPLATE_TAG}`]: experiment.templateId } },
    }));
    // The alarms known when the step is created (the stop conditions and the sources' alarms so far).
    const verified = alarms ?? experiment.stopConditionAlarms;
    if (verified.length > 0) {
      runnerRole.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: 'DescribeVerifiedAlarms',
        actions: ['cloudwatch:DescribeAlarms'],
        resources: verified.map((a) => a.alarmArn),
      }));
    }

    this.runner = new ExperimentRunnerFunction(this, 'Runner', {
      description: `Gantry ChaosExperiment step: starts, polls and verifies ${experiment.node.path}`.slice(0, 256),
      role: runnerRole,
      logGroup,
      timeout: Duration.seconds(30),
      memorySize: 256,
      tracing: lambda.Tracing.ACTIVE,
    });
    dependOnGrantsOnly(this.runner.node.defaultChild as CfnResource, runnerRole);
    acceptHandlerFunctionFindings(this.runner, {
      network: 'The runner calls only the FIS and CloudWatch APIs; VPC placement is the user\'s network choice, not a default a library can make.',
      concurrency: 'The runner is called a few times per pipeline run; reserving concurrency would take it from the account pool.',
    });
    const synchronous = 'Invoked synchronously by the step\'s state machine only: a failure fails the task and the execution, there is no asynchronous event to keep.';
    suppressNagFindings(this.runner, ['Serverless-LambdaDLQ', 'NIST.800.53.R5-LambdaDLQ', 'HIPAA.Security-LambdaDLQ'].map((rule) => ({ id: rule, reason: synchronous })));

    const base = {
      templateId: experiment.templateId,
      experimentName: experiment.node.path,
      recoveryTimeoutSeconds: recovery.toSeconds(),
    };
    const invoke = (stateName: string, action: string, extra: Record<string, unknown>) => new tasks.LambdaInvoke(this, stateName, {
      lambdaFunction: this.runner,
      payload: sfn.TaskInput.fromObject({ action, ...base, ...extra }),
      payloadResponseOnly: true,
      resultPath: '$.run',
      retryOnServiceExceptions: true,
    });
    const start = invoke('StartExperiment', 'start', { clientToken: sfn.JsonPath.stringAt('$$.Execution.Name') });
    const pollExperiment = invoke('PollExperiment', 'poll', { experimentId: sfn.JsonPath.stringAt('$.run.experimentId') });
    const verifyAlarms = invoke('VerifyRecovery', 'verify', {
      experimentId: sfn.JsonPath.stringAt('$.run.experimentId'),
      recoveryDeadline: sfn.JsonPath.numberAt('$.run.recoveryDeadline'),
      alarmNames: verified.map((a) => a.alarmName),
    });
    const failed = new sfn.Fail(this, 'ExperimentFailed', { errorPath: '$.run.error', causePath: '$.run.message' });
    const waitRun = new sfn.Wait(this, 'WaitForExperiment', { time: sfn.WaitTime.duration(poll) });
    const waitRecovery = new sfn.Wait(this, 'WaitForRecovery', { time: sfn.WaitTime.duration(poll) });

    const definition = start
      .next(waitRun)
      .next(pollExperiment)
      .next(new sfn.Choice(this, 'ExperimentDone')
        .when(sfn.Condition.stringEquals('$.run.outcome', 'RUNNING'), waitRun)
        .when(sfn.Condition.stringEquals('$.run.outcome', 'COMPLETED'), verifyAlarms.next(new sfn.Choice(this, 'Recovered')
          .when(sfn.Condition.stringEquals('$.run.outcome', 'RECOVERED'), new sfn.Succeed(this, 'ExperimentPassed'))
          .when(sfn.Condition.stringEquals('$.run.outcome', 'RECOVERING'), waitRecovery.next(verifyAlarms))
          .otherwise(failed)))
        .otherwise(failed));

    const { logGroup: machineLogs } = secureLogGroup(this, 'StateMachineLogs', { encryptionKey: logsKey });
    const machineRole = new ManagedPolicyRole(this, 'StateMachineRole', {
      assumedBy: new iam.ServicePrincipal('states.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      description: `Runs the chaos step of ${experiment.node.path}`,
    });
    invokeUnqualifiedOnly(machineRole, this.runner);
    this.stateMachineName = props.stateMachineName;
    checkPattern(this, 'stateMachineName', props.stateMachineName, /[A-Za-z0-9_-]{1,80}/, 'a state machine name: 1-80 letters, digits, - and _');
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: props.stateMachineName,
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      role: machineRole,
      // Longest possible run: the experiment quota plus the recovery window.
      timeout: Duration.hours(Limits.fis.maxExperimentDurationHours).plus(recovery).plus(Duration.minutes(15)),
      tracingEnabled: true,
      logs: { destination: machineLogs, level: sfn.LogLevel.ALL, includeExecutionData: true },
      comment: `Runs ${experiment.node.path}, polls it to a terminal state, then verifies the alarms are OK`,
    });
    dependOnGrantsOnly(this.stateMachine.node.defaultChild as CfnResource, machineRole);
    suppressExpectedWildcards(machineRole, [
      { finding: 'Resource::*', reason: 'CloudWatch Logs delivery and X-Ray calls of a state machine have no resource-level permissions.' },
    ]);
    suppressExpectedWildcards(runnerRole, [
      { finding: 'Resource::*', reason: 'X-Ray PutTraceSegments and PutTelemetryRecords have no resource-level permissions.' },
      {
        finding: `Resource::${flattenReference(stack.resolve(experimentsArn))}`,
        reason: 'Experiment ids exist only once started; the tag condition limits reads and tags to this template\'s experiments.',
      },
    ]);
  }

  public produceActions(context: PipelineStepContext): codepipeline.IAction[] {
    const here = Stack.of(this);
    const stateMachine = this.stateMachineName && Stack.of(context.scope) !== here
      ? sfn.StateMachine.fromStateMachineArn(context.scope, `${this.stepName}StateMachine`, Arn.format({
        partition: Stack.of(context.scope).partition,
        service: 'states',
        region: here.region,
        account: here.account,
        resource: 'stateMachine',
        resourceName: this.stateMachineName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }))
      : this.stateMachine;
    return [new actions.StepFunctionInvokeAction({
      actionName: this.stepName,
      stateMachine,
      runOrder: context.runOrder,
      executionNamePrefix: this.stepName,
    })];
  }
}

/**
 * The state machine's LambdaInvoke tasks call the runner by its unqualified ARN (the task's
 * `FunctionName`), so the task grant's second resource, `<function ARN>:*` (every version and
 * alias), is dropped: Lambda authorizes an invocation against the ARN the caller names, and an
 * unqualified ARN in a policy covers invocations by the unqualified ARN (AWS Lambda Developer
 * Guide, "Fine-tuning the Resources and Conditions sections of policies", function ARNs, and
 * "Using Lambda aliases in event sources and permissions policies", read 2026-12-02).
 */
function invokeUnqualifiedOnly(role: ManagedPolicyRole, fn: lambda.IFunction): void {
  const stack = Stack.of(role);
  const qualified = JSON.stringify(stack.resolve(`${fn.functionArn}:*`));
  role._narrowGrants((statement) => {
    const resources = statement.resources.map((r) => JSON.stringify(stack.resolve(r)));
    if (!resources.includes(qualified) || !statement.actions.every((a) => a === 'lambda:InvokeFunction')) return undefined;
    const copy = statement.copy({ resources: statement.resources.filter((_, i) => resources[i] !== qualified) });
    return copy.resources.length > 0 ? [copy] : [];
  });
}
