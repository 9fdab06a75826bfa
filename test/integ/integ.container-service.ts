import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App } from 'aws-cdk-lib';
import { ContainerServiceStack } from '../../examples/container-service-stack';

// Integration test of the reference container service: deploys the stack (nginx from a public
// registry, so no Docker), then asks ECS for the service and expects the ECS deployment controller
// with the canary strategy, the smoke-test hook after test traffic, the deployment alarms with
// rollback and a steady service. Snapshots are verified offline in CI; run it for real with
// `npx integ-runner --directory test/integ --force` in an account. Run `npx projen bundle` first:
// the smoke-test hook is the pre-bundled handler.
const app = new App();
const stackName = 'GantryIntegContainerService';
// The region is needed for the load balancer's access logs (ELB's log-delivery account is per region).
const stack = new ContainerServiceStack(app, stackName, {
  env: { region: process.env.CDK_DEFAULT_REGION ?? 'eu-west-1' },
  deletionProtection: false,
  clusterName: 'gantry-integ-container',
  serviceName: 'gantry-integ-web',
});

const integ = new IntegTest(app, 'ContainerServiceInteg', {
  testCases: [stack],
  diffAssets: false,
  cdkCommandOptions: { destroy: { args: { force: true } } },
});

integ.assertions
  .awsApiCall('ECS', 'describeServices', {
    cluster: 'gantry-integ-container',
    services: ['gantry-integ-web'],
  })
  .expect(ExpectedResult.objectLike({
    services: [{
      status: 'ACTIVE',
      deploymentController: { type: 'ECS' },
      deploymentConfiguration: {
        strategy: 'CANARY',
        canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 },
        bakeTimeInMinutes: 10,
        deploymentCircuitBreaker: { enable: true, rollback: true },
        alarms: { enable: true, rollback: true, alarmNames: ContainerServiceStack.alarmNamesIn(stackName).slice(0, 2) },
      },
    }],
  }));

app.synth();
