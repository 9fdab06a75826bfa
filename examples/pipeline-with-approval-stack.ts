import { CfnOutput, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { DeployMode, PipelineExecutionState, PipelineSource, PipelineWithApproval, TestReportFormat } from '../constructs';
import { ManagedPolicyRole } from '../constructs/core/managed-policy-role';

export interface PipelineWithApprovalStackProps extends StackProps {
  /** CodeConnections connection ARN of the application repository. */
  readonly connectionArn: string;
  /** Repository owner and name. */
  readonly repositoryOwner: string;
  readonly repositoryName: string;
  /** Account the production stage deploys to (bootstrapped with `--trust` this account). */
  readonly prodAccount: string;
  /** Addresses told when a production deployment waits for approval. */
  readonly approverEmails: string[];
}

/**
 * Delivery stack: an application's pipeline: connection source → build, test and publish the CDK
 * app's assets → Dev (gated on the app's error alarm) → approval with a change-set digest → Prod
 * in another account.
 */
export class PipelineWithApprovalStack extends Stack {
  public readonly delivery: PipelineWithApproval;

  constructor(scope: Construct, id: string, props: PipelineWithApprovalStackProps) {
    super(scope, id, props);

    // The application's health signal in Dev, as a blue/green deployment would expose it.
    const devErrors = new cloudwatch.Alarm(this, 'DevErrors', {
      alarmDescription: 'Errors of the application in Dev: rolls the Dev stage back',
      metric: new cloudwatch.Metric({ namespace: 'App', metricName: 'Errors', dimensionsMap: { Stage: 'Dev' }, period: Duration.minutes(1), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const releaseManagers = new ManagedPolicyRole(this, 'ReleaseManagers', {
      description: 'Assumed by release managers to approve production deployments',
      assumedBy: new iam.AccountRootPrincipal(),
    });

    this.delivery = new PipelineWithApproval(this, 'Delivery', {
      source: PipelineSource.connection({
        connectionArn: props.connectionArn,
        owner: props.repositoryOwner,
        repo: props.repositoryName,
        branch: 'main',
      }),
      trigger: { push: [{ branchesIncludes: ['main'], filePathsExcludes: ['docs/**'] }] },
      variables: [{ name: 'ReleaseNote', defaultValue: 'none', description: 'Shown in the approval comment' }],
      buildStep: {
        buildSpec: {
          version: '0.2',
          phases: {
            install: { commands: ['npm ci'] },
            build: { commands: ['npm test -- --reporters=default --reporters=jest-junit', 'npx cdk synth'] },
          },
          artifacts: { 'base-directory': 'cdk.out', 'files': ['**/*'] },
        },
        publishCdkAssets: true,
        environmentVariables: {
          NPM_TOKEN: { type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER, value: 'app/npm-token' },
          SENTRY_DSN: { type: codebuild.BuildEnvironmentVariableType.PARAMETER_STORE, value: '/app/sentry-dsn' },
        },
        testReports: [{ name: 'UnitTests', files: ['junit.xml'], format: TestReportFormat.JUNIT_XML }],
      },
      stages: [
        {
          stageName: 'Dev',
          stacks: [{ stackName: 'App-Dev', templatePath: 'App-Dev.template.json', mode: DeployMode.CREATE_UPDATE }],
          alarmSources: [{ deploymentAlarms: [devErrors] }],
        },
        {
          stageName: 'Prod',
          account: props.prodAccount,
          stacks: [{ stackName: 'App-Prod', templatePath: 'App-Prod.template.json' }],
        },
      ],
      approvals: [{
        beforeStage: 'Prod',
        comment: 'Release note: #{variables.ReleaseNote}.',
        notifyEmails: props.approverEmails,
        approvers: [releaseManagers],
      }],
      notifications: { executionStates: [PipelineExecutionState.FAILED, PipelineExecutionState.CANCELED] },
    });

    devErrors.addAlarmAction(new cloudwatchActions.SnsAction(this.delivery.notificationTopic!));

    new CfnOutput(this, 'PipelineName', { value: this.delivery.pipeline.pipelineName });
    new CfnOutput(this, 'ArtifactBucket', { value: this.delivery.artifactBucket.bucketName });
  }
}
