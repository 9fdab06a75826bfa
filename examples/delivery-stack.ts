import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import {
  IPipelineStep, ObservabilityDashboard, PipelineExecutionState, PipelineSource, PipelineWithApproval, SecureDefaults, TestReportFormat,
} from '../constructs';
import { ContainerServiceStage } from './container-service-stage';
import { ServiceStage } from './service-stage';

export interface DeliveryStackProps extends StackProps {
  /** CodeConnections connection ARN of the repository (GitHub, GitLab, Bitbucket). */
  readonly connectionArn: string;
  /** Owner of the repository. */
  readonly repositoryOwner: string;
  /** Name of the repository (this one: the Gantry repository holds the reference app). */
  readonly repositoryName: string;
  /** Branch that is delivered. @default 'main' */
  readonly branch?: string;
  /** Account of the production stage (bootstrapped with `cdk bootstrap --trust <this account>`). */
  readonly prodAccount: string;
  /** Addresses told when a production deployment waits for approval. */
  readonly approverEmails: string[];
  /** Address told about the service's alarms. */
  readonly alarmEmail: string;
  /** Steps after the Dev deployment, before the Prod approval (the reference app: a chaos experiment). @default - none */
  readonly devSteps?: IPipelineStep[];
  /** Further steps of the Release stage, after the checkout's flag rollout. @default - none */
  readonly releaseSteps?: IPipelineStep[];
}

/**
 * Delivery stack: the service's pipeline. Source (CodeConnections) → build, test, synthesize the
 * app once and publish the assets of both stages → Dev (this account; rolled back when the
 * service's blue/green alarms, found in the stage, fire) → change-set digest and manual approval
 * → Prod in the production account, rolled back when the service's alarms there fire (the
 * pipeline re-creates them on the production account's metrics through cross-account observability).
 */
export class DeliveryStack extends Stack {
  public readonly delivery: PipelineWithApproval;
  public readonly dev: ServiceStage;
  public readonly prod: ServiceStage;
  /** Principals of this role may approve production deployments. */
  public readonly releaseManagers: iam.Role;

  constructor(scope: Construct, id: string, props: DeliveryStackProps) {
    super(scope, id, props);
    const branch = props.branch ?? 'main';
    // The dashboard's alarm topic has a subscriber too (undeliverable alarms kept 14 days).
    const dashboard = new ObservabilityDashboard(this, 'Observability', { dashboardName: 'gantry-delivery', alarmEmailAddresses: [props.alarmEmail] });
    this.delivery = new PipelineWithApproval(this, 'Delivery', {
      pipelineName: 'gantry-service',
      source: PipelineSource.connection({ connectionArn: props.connectionArn, owner: props.repositoryOwner, repo: props.repositoryName, branch }),
      trigger: { push: [{ branchesIncludes: [branch], filePathsExcludes: ['**/*.md'] }] },
      buildStep: {
        buildSpec: {
          version: '0.2',
          phases: {
            install: { 'runtime-versions': { nodejs: 22 }, 'commands': ['npm ci'] },
            // Bundles the handlers, runs every test (jest-junit writes test-reports/) and eslint; then one synth.
            build: { commands: ['npx projen test', 'npx cdk synth --quiet --no-notices'] },
          },
          artifacts: { 'base-directory': 'cdk.out', 'files': ['**/*'] },
        },
        publishCdkAssets: true,
        testReports: [{ name: 'UnitTests', baseDirectory: 'test-reports', files: ['junit.xml'], format: TestReportFormat.JUNIT_XML }],
      },
      // To the stack's shared notification topic; the Prod approval's own notification tells of waiting approvals.
      notifications: {
        emailAddresses: [props.alarmEmail],
        executionStates: [PipelineExecutionState.FAILED, PipelineExecutionState.CANCELED],
        approvalNeeded: false,
      },
      monitoring: dashboard,
    });

    // The stages are the app's (beside this stack): the pipeline deploys them, `cdk deploy` of this stack does not.
    this.dev = new ServiceStage(scope, `${id}-Dev`, { env: { account: this.account, region: this.region }, alarmEmail: props.alarmEmail });
    this.delivery.addStage(this.dev, { stageName: 'Dev', post: props.devSteps });
    // The container service in Dev, gated on its health alarm (ECS rolls back on the same alarms).
    this.delivery.addStage(new ContainerServiceStage(scope, `${id}-DevContainers`, { env: { account: this.account, region: this.region } }), { stageName: 'DevContainers' });

    this.releaseManagers = new iam.Role(this, 'ReleaseManagers', {
      description: 'Assumed by release managers to approve production deployments of the service',
      assumedBy: new iam.AccountRootPrincipal(),
    });
    // The checkout and its flags deploy beside the service in production; the flags are released after it.
    this.prod = new ServiceStage(scope, `${id}-Prod`, {
      env: { account: props.prodAccount, region: this.region },
      alarmEmail: props.alarmEmail,
      checkout: { pipelineAccount: this.account },
    });
    // Approvers hear of waiting approvals only: their own topic, not the stack's shared stream.
    const approvals = SecureDefaults.topic(this, 'ProdApprovals', { topicProps: { displayName: 'Production approvals of the Star Wars counter' } });
    this.delivery.addStage(this.prod, {
      stageName: 'Prod',
      approval: {
        comment: `Release the Star Wars counter to production (${props.prodAccount}).`,
        notifications: { topic: approvals, emailAddresses: props.approverEmails },
        approvers: [this.releaseManagers],
        timeout: Duration.days(3),
      },
    });
    // Release after the Prod stage passed its alarm gate: the flag document of the source rolls out
    // with the canary of the Prod environment, and AppConfig rolls it back on the checkout's alarms.
    this.delivery.addSteps('Release', [this.prod.checkout!.releaseStep!, ...(props.releaseSteps ?? [])]);
  }
}
