import { ArnFormat, CfnOutput, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import {
  DeployMode, IDeploymentAlarmSource, ObservabilityDashboard, PipelineExecutionState, PipelineSource, PipelineWithApproval,
  TestReportFormat,
} from '../constructs';
import { SERVICE_ALARM_THRESHOLDS, ServiceStack } from './service-stack';
import { ManagedPolicyRole } from '../constructs/core';

/** The stage names of the delivery pipeline. */
export const DEV_STAGE = 'Dev';
export const PROD_STAGE = 'Prod';
/** Where the build writes the production copy of the service (inside the cloud assembly). */
export const PROD_ASSEMBLY_DIR = 'prod';

export interface DeliveryStackProps extends StackProps {
  /** CodeConnections connection ARN of the repository (GitHub, GitLab, Bitbucket). */
  readonly connectionArn: string;
  /** Owner of the repository. */
  readonly repositoryOwner: string;
  /** Name of the repository (this one: the Gantry repository holds the reference app). */
  readonly repositoryName: string;
  /**
   * Branch that is delivered.
   * @default 'main'
   */
  readonly branch?: string;
  /**
   * The service stack the pipeline delivers, under its own stack name in both stages: only names
   * are read from it (stack, template; function and alarm names follow from the stack name), never
   * its resources, so the two stacks share no CloudFormation export.
   */
  readonly service: ServiceStack;
  /** Account of the production stage (bootstrapped with `cdk bootstrap --trust <this account>`). */
  readonly prodAccount: string;
  /** Addresses told when a production deployment waits for approval. */
  readonly approverEmails: string[];
}

/**
 * Delivery stack: the pipeline of the service. Source (CodeConnections) → build and test the
 * repository, synthesize the service for Dev (this account) and Prod (the production account) and
 * publish both copies' assets → Dev (rolled back when the Dev service's deployment alarms fire) →
 * change-set digest and manual approval → Prod in the production account (rolled back when the
 * production service's alarms fire, watched here through CloudWatch cross-account observability).
 */
export class DeliveryStack extends Stack {
  public readonly delivery: PipelineWithApproval;
  /** Dashboard of the pipeline; its OAM sink receives the production account's metrics. */
  public readonly dashboard: ObservabilityDashboard;
  /** The Dev gate: the Dev service's deployment alarms, by name (same account). */
  public readonly devGate: IDeploymentAlarmSource;
  /** The Prod gate: alarms of this account on the production service's metrics. */
  public readonly prodGate: IDeploymentAlarmSource;
  /** Principals of this role may approve production deployments. */
  public readonly releaseManagers: iam.Role;

  constructor(scope: Construct, id: string, props: DeliveryStackProps) {
    super(scope, id, props);
    const service = props.service;

    this.dashboard = new ObservabilityDashboard(this, 'Observability', {
      dashboardName: 'gantry-delivery',
      observabilitySink: { sinkName: 'gantry-delivery', sourceAccountIds: [props.prodAccount] },
    });
    // Both stages deploy the service under its own stack name: its names are known here as text.
    const devAlarmNames = ServiceStack.deploymentAlarmNames(service.stackName);
    this.devGate = { deploymentAlarms: devAlarmNames.map((name, i) => alarmByName(this, `DevAlarm${i + 1}`, name)) };
    this.prodGate = { deploymentAlarms: this.prodServiceAlarms(service.stackName, props.prodAccount) };
    this.dashboard.addAlarms('Prod gate (production service, cross-account)', this.prodGate.deploymentAlarms);

    this.releaseManagers = new ManagedPolicyRole(this, 'ReleaseManagers', {
      description: 'Assumed by release managers to approve production deployments of the service',
      assumedBy: new iam.AccountRootPrincipal(),
    });

    const serviceId = service.artifactId;
    const template = service.templateFile;
    this.delivery = new PipelineWithApproval(this, 'Delivery', {
      pipelineName: 'gantry-service',
      source: PipelineSource.connection({
        connectionArn: props.connectionArn,
        owner: props.repositoryOwner,
        repo: props.repositoryName,
        branch: props.branch ?? 'main',
      }),
      trigger: { push: [{ branchesIncludes: [props.branch ?? 'main'], filePathsExcludes: ['**/*.md'] }] },
      buildStep: {
        buildSpec: {
          version: '0.2',
          phases: {
            install: { 'runtime-versions': { nodejs: 20 }, 'commands': ['npm ci'] },
            build: {
              commands: [
                // Bundles the handlers, runs every test (jest-junit writes test-reports/) and eslint.
                'npx projen test',
                // Dev: the service as cdk.json describes it (this account); its assets are published by the pipeline.
                `npx cdk synth ${serviceId} --quiet --no-notices -o cdk.out`,
                // Prod: the same app for the production account, linked to this account's OAM sink.
                `npx cdk synth ${serviceId} --quiet --no-notices -o cdk.out/${PROD_ASSEMBLY_DIR} -c gantry:account=$PROD_ACCOUNT -c gantry:service:monitoringSinkArn=$MONITORING_SINK_ARN`,
                `npx --yes cdk-assets@3 --path cdk.out/${PROD_ASSEMBLY_DIR}/${serviceId}.assets.json --verbose publish`,
              ],
            },
          },
          artifacts: { 'base-directory': 'cdk.out', 'files': ['**/*'] },
        },
        publishCdkAssets: true,
        environmentVariables: {
          PROD_ACCOUNT: { type: codebuild.BuildEnvironmentVariableType.PLAINTEXT, value: props.prodAccount },
          MONITORING_SINK_ARN: { type: codebuild.BuildEnvironmentVariableType.PLAINTEXT, value: this.dashboard.sink!.attrArn },
        },
        testReports: [{ name: 'UnitTests', baseDirectory: 'test-reports', files: ['junit.xml'], format: TestReportFormat.JUNIT_XML }],
      },
      stages: [
        {
          stageName: DEV_STAGE,
          stacks: [{ stackName: service.stackName, templatePath: template, mode: DeployMode.CREATE_UPDATE }],
          alarmSources: [this.devGate],
        },
        {
          stageName: PROD_STAGE,
          account: props.prodAccount,
          stacks: [{ stackName: service.stackName, templatePath: `${PROD_ASSEMBLY_DIR}/${template}` }],
          alarmSources: [this.prodGate],
        },
      ],
      approvals: [{
        beforeStage: PROD_STAGE,
        comment: `Release the Star Wars counter to production (${props.prodAccount}).`,
        notifyEmails: props.approverEmails,
        approvers: [this.releaseManagers],
        timeout: Duration.days(3),
      }],
      notifications: { executionStates: [PipelineExecutionState.FAILED, PipelineExecutionState.CANCELED] },
      monitoring: this.dashboard,
    });

    new CfnOutput(this, 'PipelineName', { value: this.delivery.pipeline.pipelineName });
    new CfnOutput(this, 'MonitoringSinkArn', {
      value: this.dashboard.sink!.attrArn,
      description: 'The production service links its metrics here (context gantry:service:monitoringSinkArn)',
    });
  }

  /**
   * The production service's health as alarms of this account: CodePipeline reads a stage
   * condition's alarms in the pipeline's own account, and the production service's deployment
   * alarms live in the production account. These watch the same signals of the live alias there
   * (error rate, throttles, p99 duration, with the service's thresholds) through the OAM link the
   * production service makes to this account's sink.
   */
  private prodServiceAlarms(serviceStackName: string, account: string): cloudwatch.Alarm[] {
    const functionName = ServiceStack.functionNameIn(serviceStackName);
    const dimensionsMap = { FunctionName: functionName, Resource: `${functionName}:${ServiceStack.ALIAS_NAME}` };
    const metric = (metricName: string, statistic: string) => new cloudwatch.Metric({
      namespace: 'AWS/Lambda', metricName, statistic, dimensionsMap, account, period: Duration.minutes(1),
    });
    const common = { evaluationPeriods: 1, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING };
    const prefix = `${serviceStackName}-Prod`;
    const t = SERVICE_ALARM_THRESHOLDS;
    return [
      new cloudwatch.Alarm(this, 'ProdErrorRate', {
        ...common,
        alarmName: `${prefix}ErrorRate`,
        alarmDescription: `More than ${t.errorRatePercent}% of invocations of ${functionName}:${ServiceStack.ALIAS_NAME} failed in account ${account}: rolls the Prod stage back`,
        metric: new cloudwatch.MathExpression({
          expression: 'IF(invocations > 0, 100 * errors / invocations, 0)',
          usingMetrics: { errors: metric('Errors', 'Sum'), invocations: metric('Invocations', 'Sum') },
          period: Duration.minutes(1),
          label: 'Error rate (%) in production',
        }),
        threshold: t.errorRatePercent,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      }),
      new cloudwatch.Alarm(this, 'ProdThrottles', {
        ...common,
        alarmName: `${prefix}Throttles`,
        alarmDescription: `At least ${t.throttles} invocations of ${functionName}:${ServiceStack.ALIAS_NAME} were throttled in account ${account}: rolls the Prod stage back`,
        metric: metric('Throttles', 'Sum'),
        threshold: t.throttles,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      }),
      new cloudwatch.Alarm(this, 'ProdDurationP99', {
        ...common,
        alarmName: `${prefix}DurationP99`,
        alarmDescription: `p99 duration of ${functionName}:${ServiceStack.ALIAS_NAME} above ${t.p99DurationMs} ms in account ${account}: rolls the Prod stage back`,
        metric: metric('Duration', 'p99'),
        threshold: t.p99DurationMs,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      }),
    ];
  }
}

/** An alarm of this account and region known by name only (no reference to the stack that made it). */
function alarmByName(scope: Construct, id: string, alarmName: string): cloudwatch.IAlarm {
  class AlarmByName extends cloudwatch.AlarmBase {
    public readonly alarmName = alarmName;
    public readonly alarmArn = Stack.of(scope).formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: alarmName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  }
  return new AlarmByName(scope, id);
}
