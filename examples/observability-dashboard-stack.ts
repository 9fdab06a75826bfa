import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { AlarmLevel, CustomMetrics, ObservabilityDashboard, SloObjective } from '../constructs';
import { secureKey, secureLogGroup, suppressNagFindings } from '../constructs/core';

export interface ObservabilityDashboardStackProps extends StackProps {
  /** Name of the service function to watch (deployed by another stack). */
  readonly functionName: string;
  /** Its live alias, shifted blue/green by CodeDeploy. */
  readonly aliasName: string;
}

/**
 * Observability stack: a dashboard of the "Star Wars counter" service (function, alias, its
 * Powertools EMF metric, queue, table, API, log group), of its delivery (build, pipeline,
 * deployments), an availability and a latency SLO with burn-rate alarms, and one composite
 * "service health" alarm over them. Resources of other stacks are imported by name.
 */
export class ObservabilityDashboardStack extends Stack {
  public readonly dashboard: ObservabilityDashboard;

  constructor(scope: Construct, id: string, props: ObservabilityDashboardStackProps) {
    super(scope, id, props);
    this.dashboard = new ObservabilityDashboard(this, 'Observability', { dashboardName: 'gantry-service' });
    const d = this.dashboard;

    const fn = lambda.Function.fromFunctionName(this, 'Service', props.functionName);
    d.monitor(fn, 'Service function');
    const alias = lambda.Alias.fromAliasAttributes(this, 'Live', {
      aliasName: props.aliasName,
      aliasVersion: lambda.Version.fromVersionArn(this, 'LiveVersion', `${fn.functionArn}:1`),
    });
    d.monitorWith(alias, { title: 'Service alias (blue/green)', alarms: { LatencyP99: { critical: 2000, warning: 1000 } } });
    d.monitor(new CustomMetrics(this, 'StarWarsMetrics', {
      metricNamespace: 'StarWarsCounter',
      metricNames: ['StarWarsMentions'],
      dimensions: { service: 'star-wars-counter' },
      alarms: [{ metricName: 'StarWarsMentions', threshold: 0, anomalyStdDevs: 3 }],
    }), 'Star Wars mentions (EMF)');

    d.monitor(apigatewayv2.HttpApi.fromHttpApiAttributes(this, 'Api', { httpApiId: 'a1b2c3d4e5' }), 'Service API');
    d.monitor(dynamodb.Table.fromTableName(this, 'Counts', 'star-wars-counts'), 'Counts table');
    d.monitor(sfn.StateMachine.fromStateMachineName(this, 'Reindex', 'star-wars-reindex'), 'Reindex workflow');

    // Resources of this stack, found by scope-wide monitoring.
    const workers = new Construct(this, 'Workers');
    const key = secureKey(workers, 'QueueKey', 'Encrypts the mention queues');
    const deadLetters = new sqs.Queue(workers, 'MentionsDeadLetters', {
      encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true, retentionPeriod: Duration.days(14),
    });
    suppressNagFindings(deadLetters, [{ id: 'Serverless-SQSRedrivePolicy', reason: 'This queue is the dead-letter queue of the mention queue; a DLQ of a DLQ adds nothing.' }]);
    new sqs.Queue(workers, 'Mentions', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: 3 },
    });
    d.monitorScope(workers, { kinds: ['SQS queue'] });
    const { logGroup } = secureLogGroup(this, 'ServiceLogs');
    d.monitorWith(logGroup, {
      title: 'Service logs',
      logPatterns: [
        { name: 'Errors', pattern: '?ERROR ?Exception', alarmThreshold: 0 },
        { name: 'Http500', pattern: '{ $.status = 500 }', alarmThreshold: 5 },
      ],
    });

    d.monitor(codebuild.Project.fromProjectName(this, 'Build', 'star-wars-build'), 'Build');
    d.monitor(codepipeline.Pipeline.fromPipelineArn(this, 'Pipeline', this.formatArn({ service: 'codepipeline', resource: 'star-wars-pipeline' })), 'Pipeline');
    const group = codedeploy.LambdaDeploymentGroup.fromLambdaDeploymentGroupAttributes(this, 'Deployments', {
      application: codedeploy.LambdaApplication.fromLambdaApplicationName(this, 'DeployApp', 'star-wars-counter'),
      deploymentGroupName: 'star-wars-counter-live',
    });
    d.monitor(group, 'Deployments');

    const dims = { FunctionName: props.functionName, Resource: `${props.functionName}:${props.aliasName}` };
    const availability = d.addSlo({
      name: 'Availability SLO',
      targetPercent: 99.9,
      objective: SloObjective.availability({
        totalEvents: new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName: 'Invocations', dimensionsMap: dims, statistic: 'Sum' }),
        badEvents: new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName: 'Errors', dimensionsMap: dims, statistic: 'Sum' }),
      }),
    });
    const latency = d.addSlo({
      name: 'Latency SLO',
      targetPercent: 99,
      objective: SloObjective.latency({
        latency: new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName: 'Duration', dimensionsMap: dims }),
        thresholdMillis: 500,
      }),
      burnRateWindows: [
        { longWindow: Duration.hours(1), shortWindow: Duration.minutes(5), burnRate: 14.4 },
        { longWindow: Duration.hours(6), shortWindow: Duration.minutes(30), burnRate: 6 },
        { longWindow: Duration.days(1), shortWindow: Duration.hours(2), burnRate: 3, level: AlarmLevel.WARNING },
      ],
    });
    // A composite of composites: either SLO burning, or errors in the logs while the alias is slow.
    const aliasAlarms = d.alarmsFor(alias);
    const logAlarms = d.alarmsFor(logGroup);
    d.addCompositeAlarm('ServiceHealth', {
      title: 'Service health',
      description: 'The service is failing its users: an SLO is burning, or errors are logged while the live alias is slow',
      rule: cloudwatch.AlarmRule.anyOf(
        availability.alarm,
        latency.alarm,
        cloudwatch.AlarmRule.allOf(
          cloudwatch.AlarmRule.fromAlarm(logAlarms[0], cloudwatch.AlarmState.ALARM),
          cloudwatch.AlarmRule.fromAlarm(aliasAlarms[aliasAlarms.length - 1], cloudwatch.AlarmState.ALARM),
        ),
      ),
    });
  }
}
