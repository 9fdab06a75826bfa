import { CfnResource, Duration, Names, Stack } from 'aws-cdk-lib';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, IConstruct } from 'constructs';
import {
  acceptHandlerFunctionFindings, DeadLetteredTarget, dependOnGrantsOnly, eventDeadLetterQueue, fail, flattenReference, Limits, ManagedPolicyRole,
  grantSendToEncryptedQueue, RuleTopicTarget, secureLogGroup, stackSingleton, suppressNagFindings,
} from '../../core';
import { CONFIG_ENV_PREFIX, SmokeTestConfig } from '../smoke-test-config';
import { SmokeTestFunction } from '../smoke-test-function';

/** Fixed id of the per-stack singleton every BlueGreenLambda of the stack shares. */
const SHARED_ID = 'GantryBlueGreenLambdaShared';

/** The EventBridge detail-type of CodeDeploy deployment state changes. */
export const DEPLOYMENT_STATE_CHANGE_DETAIL_TYPE = 'CodeDeploy Deployment State-change Notification';

/** Deployment states that are worth a page: it failed (and rolled back) or was stopped (and rolled back). */
export const NOTIFIED_DEPLOYMENT_STATES = ['FAILURE', 'STOP'];

/** Timeout of the shared smoke-test hook; each test's own timeout must leave room to report. */
export const SMOKE_TEST_HOOK_TIMEOUT = Duration.minutes(5);

/** The smoke-test hook of a stack and what it writes to. */
export interface SmokeTestHook {
  readonly function: lambda.Function;
  readonly logGroup: logs.ILogGroup;
}

/** Deployment notifications of a stack to one topic. */
export interface DeploymentNotifications {
  readonly topic: sns.ITopic;
  readonly rule: events.Rule;
}

/**
 * What every BlueGreenLambda in a stack shares, created on first use: the CodeDeploy application,
 * the smoke-test hook function, the deployment-notification rule and topic, custom deployment
 * configurations of the same shape, and the dead-letter queue. Sharing keeps the per-function
 * cost at the deployment group, its role, the version, the alias and the alarms.
 */
export class BlueGreenShared extends Construct {
  /** The stack's singleton, created on first call. */
  public static of(scope: IConstruct): BlueGreenShared {
    return stackSingleton(scope, SHARED_ID, 'BlueGreenLambda', (c): c is BlueGreenShared => c instanceof BlueGreenShared, (stack, id) => new BlueGreenShared(stack, id));
  }

  private _application?: codedeploy.LambdaApplication;
  /** One rule per topic notified (most stacks: one, to the stack's notification topic). */
  private readonly notifications = new Map<sns.ITopic, DeploymentNotifications>();
  private _smokeTestHook?: SmokeTestHook;
  private readonly configs = new Map<string, codedeploy.ILambdaDeploymentConfig>();
  private smokeTestEnvironmentBytes = 0;
  private smokeTestStatements?: { deployments: iam.PolicyStatement; versions: iam.PolicyStatement };

  private constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  /** The stack's CodeDeploy application for Lambda. */
  public get application(): codedeploy.LambdaApplication {
    this._application ??= new codedeploy.LambdaApplication(this, 'Application');
    return this._application;
  }

  /** Dead letters of the notification rule and of the smoke-test hook's asynchronous invocations: the stack's shared dead-letter queue. */
  public get deadLetterQueue(): sqs.Queue {
    return eventDeadLetterQueue(this);
  }

  /** A custom deployment configuration, one per distinct shape in the stack. */
  public deploymentConfig(key: string, routing: codedeploy.TrafficRouting): codedeploy.ILambdaDeploymentConfig {
    let config = this.configs.get(key);
    if (!config) {
      config = new codedeploy.LambdaDeploymentConfig(this, key, { trafficRouting: routing });
      this.configs.set(key, config);
    }
    return config;
  }

  /**
   * The rule that sends failed and stopped deployments of the given application to a topic
   * (CodeDeploy rolls those back automatically): one rule per topic in the stack.
   */
  public notifyFailures(applicationName: string, topic: sns.ITopic): DeploymentNotifications {
    let notifications = this.notifications.get(topic);
    if (!notifications) {
      const index = this.notifications.size;
      const rule = new events.Rule(this, index === 0 ? 'DeploymentFailures' : `DeploymentFailures${index + 1}`, {
        description: 'Blue/green Lambda deployments that failed or were stopped (and rolled back)',
        eventPattern: {
          source: ['aws.codedeploy'],
          detailType: [DEPLOYMENT_STATE_CHANGE_DETAIL_TYPE],
          detail: { state: NOTIFIED_DEPLOYMENT_STATES },
        },
        // Only this rule may publish (aws:SourceArn); the topic's key admits EventBridge of this account.
        targets: [new DeadLetteredTarget(new RuleTopicTarget(topic), this.deadLetterQueue)],
      });
      notifications = { topic, rule };
      this.notifications.set(topic, notifications);
    }
    notifications.rule.addEventPattern({ detail: { application: [applicationName] } });
    return notifications;
  }

  /**
   * Adds one deployment group's smoke test to the shared hook (an environment variable) and lets
   * the hook read and report that group's deployments and invoke versions of its function.
   */
  public registerSmokeTest(owner: Construct, config: SmokeTestConfig, deploymentGroupArn: string, functionArn: string): lambda.Function {
    const hook = this.smokeTestHook.function;
    const name = `${CONFIG_ENV_PREFIX}${Names.uniqueId(owner).slice(-48).toUpperCase()}`;
    const value = JSON.stringify(config);
    this.smokeTestEnvironmentBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
    // Lambda refuses a function whose environment exceeds 4 KB: say so at synth time. The margin
    // leaves room for the variables the function sets itself.
    const budget = Limits.lambda.maxEnvironmentBytes - 256;
    if (this.smokeTestEnvironmentBytes > budget) {
      fail(owner, 'smokeTest', `${this.smokeTestEnvironmentBytes} bytes of smoke-test configuration in stack ${Stack.of(this).stackName}`,
        `at most ${budget} bytes for all smoke tests of a stack (they share one hook): shorten payloads and expected responses`);
    }
    hook.addEnvironment(name, value);
    // Two statements for all groups and functions of the stack, so the policy grows by two ARNs
    // per function. Versions of the deployed functions only (qualified ARNs).
    const versions = `${functionArn}:*`;
    if (!this.smokeTestStatements) {
      this.smokeTestStatements = {
        deployments: new iam.PolicyStatement({
          sid: 'ReadAndReportDeployments',
          actions: ['codedeploy:GetDeployment', 'codedeploy:PutLifecycleEventHookExecutionStatus'],
        }),
        versions: new iam.PolicyStatement({ sid: 'InvokeVersionsUnderDeployment', actions: ['lambda:InvokeFunction'] }),
      };
      hook.addToRolePolicy(this.smokeTestStatements.deployments);
      hook.addToRolePolicy(this.smokeTestStatements.versions);
    }
    this.smokeTestStatements.deployments.addResources(deploymentGroupArn);
    this.smokeTestStatements.versions.addResources(versions);
    const role = hook.role as ManagedPolicyRole;
    suppressNagFindings(role.grantsPolicy!, [{
      id: 'AwsSolutions-IAM5',
      reason: 'The version under deployment is only known at deploy time; the wildcard covers versions of one deployed function.',
      appliesTo: [`Resource::${flattenReference(Stack.of(this).resolve(versions))}`],
    }]);
    return hook;
  }

  /** The stack's smoke-test hook function, created on first use. */
  public get smokeTestHook(): SmokeTestHook {
    if (!this._smokeTestHook) {
      const { logGroup } = secureLogGroup(this, 'SmokeTestLogs');
      // An own role: the function needs its log group, X-Ray and its dead-letter queue, not the
      // broad AWSLambdaBasicExecutionRole managed policy.
      const role = new ManagedPolicyRole(this, 'SmokeTestRole', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: 'Smoke-test hook of blue/green Lambda deployments',
      });
      logGroup.grantWrite(role);
      // Asynchronous invocations (CodeDeploy's) the hook could not handle go to the stack's shared
      // dead-letter queue, like the notification rule's.
      const deadLetterQueue = this.deadLetterQueue;
      // Without the key, SQS refuses the dead letters of the encrypted queue and they are lost.
      grantSendToEncryptedQueue(role, deadLetterQueue);
      const fn = new SmokeTestFunction(this, 'SmokeTest', {
        description: 'Gantry BlueGreenLambda smoke test: invokes the version under deployment and reports to CodeDeploy',
        role,
        logGroup,
        timeout: SMOKE_TEST_HOOK_TIMEOUT,
        memorySize: 256,
        tracing: lambda.Tracing.ACTIVE,
        deadLetterQueue,
      });
      dependOnGrantsOnly(fn.node.defaultChild as CfnResource, role);
      suppressNagFindings(role.grantsPolicy!, [{
        id: 'AwsSolutions-IAM5',
        reason: 'X-Ray PutTraceSegments and PutTelemetryRecords have no resource-level permissions (Service Authorization Reference).',
        appliesTo: ['Resource::*'],
      }]);
      acceptHandlerFunctionFindings(fn, {
        network: 'The hook calls only the CodeDeploy and Lambda APIs; VPC placement is the user\'s network choice, not a default a library can make.',
        concurrency: 'The hook runs once per deployment; reserving concurrency would take it from the account pool (new accounts reject any reservation).',
      });
      this._smokeTestHook = { function: fn, logGroup };
    }
    return this._smokeTestHook;
  }
}
