import { CfnOutput, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BlueGreenDeploymentConfig, BlueGreenLambda } from '../constructs';
import { secureKey, suppressNagFindings } from '../constructs/core';

// A small, dependency-free handler: the example needs no bundling and no Docker.
const ORDERS_HANDLER = `
exports.handler = async (event) => {
  if (event && event.path === '/health') {
    return { statusCode: 200, body: JSON.stringify({ status: 'ok' }), headers: { 'content-type': 'application/json' } };
  }
  return { statusCode: 200, body: JSON.stringify({ orders: [] }) };
};
`;

export interface BlueGreenLambdaStackProps extends StackProps {
  /**
   * Traffic shift of the orders function.
   * @default BlueGreenDeploymentConfig.CANARY_10PERCENT_5MINUTES
   */
  readonly deploymentConfig?: BlueGreenDeploymentConfig;
}

/**
 * Service stack: an orders API function deployed blue/green. Every deploy publishes a version,
 * runs the shared smoke test against it before any traffic moves, shifts 10% for five minutes
 * and rolls back if the new version's error rate, throttles or p99 duration alarm.
 */
export class BlueGreenLambdaStack extends Stack {
  public readonly orders: BlueGreenLambda;
  public readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: BlueGreenLambdaStackProps = {}) {
    super(scope, id, props);

    // Events the function fails to process when invoked asynchronously.
    this.deadLetterQueue = new sqs.Queue(this, 'OrdersDeadLetters', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: secureKey(this, 'OrdersDeadLettersKey', 'Encrypts failed asynchronous invocations of the orders function'),
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const isDeadLetterQueue = 'This queue is itself the dead-letter queue of the orders function; a DLQ of a DLQ adds nothing.';
    suppressNagFindings(this.deadLetterQueue, [{ id: 'Serverless-SQSRedrivePolicy', reason: isDeadLetterQueue }]);

    this.orders = new BlueGreenLambda(this, 'Orders', {
      functionProps: {
        runtime: lambda.Runtime.NODEJS_24_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline(ORDERS_HANDLER),
        description: 'Orders API',
        memorySize: 256,
        timeout: Duration.seconds(10),
        deadLetterQueue: this.deadLetterQueue,
      },
      deploymentConfig: props.deploymentConfig ?? BlueGreenDeploymentConfig.CANARY_10PERCENT_5MINUTES,
      alarmThresholds: { errorRatePercent: 2, p99DurationMs: 3_000 },
      smokeTest: {
        payload: { path: '/health' },
        expectedStatusCode: 200,
        timeout: Duration.seconds(20),
      },
    });

    const fn = this.orders.function;
    const networkChoice = 'VPC placement of the service function is the user\'s network choice; the example has no VPC and calls no private resources.';
    suppressNagFindings(fn, [
      { id: 'NIST.800.53.R5-LambdaInsideVPC', reason: networkChoice },
      { id: 'HIPAA.Security-LambdaInsideVPC', reason: networkChoice },
      { id: 'PCI.DSS.321-LambdaInsideVPC', reason: networkChoice },
    ]);
    const concurrencyChoice = 'Reserved concurrency is a capacity decision per service and account (new accounts reject any reservation); CodeDeploy throttle alarms watch the new version instead.';
    suppressNagFindings(fn, [
      { id: 'NIST.800.53.R5-LambdaConcurrency', reason: concurrencyChoice },
      { id: 'HIPAA.Security-LambdaConcurrency', reason: concurrencyChoice },
    ]);

    new CfnOutput(this, 'AliasArn', { value: this.orders.alias.functionArn, description: 'Invoke this (alias live), never $LATEST' });
    new CfnOutput(this, 'DeploymentGroupName', { value: this.orders.deploymentGroupName });
  }
}
