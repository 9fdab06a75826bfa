import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App } from 'aws-cdk-lib';
import { BlueGreenDeploymentConfig } from '../../constructs';
import { KNOWN_INPUT, ServiceStack } from '../../examples/service-stack';

// Integration test of the reference service: deploys the service stack (no context: every value
// is given here), invokes the live alias with the smoke test's known text and expects its count,
// then asks CodeDeploy for the deployment group and expects the configured traffic shift with
// rollback on alarms. Snapshots are verified offline in CI; run it for real with
// `npx integ-runner --directory test/integ --force` in an account (see README). Run
// `npx projen bundle` first: the function's code is the pre-bundled handler.
const app = new App();
const stackName = 'GantryIntegService';
const stack = new ServiceStack(app, stackName, {
  alarmEmail: 'gantry-integ@example.com',
  deploymentConfig: BlueGreenDeploymentConfig.CANARY_10PERCENT_5MINUTES,
});

const integ = new IntegTest(app, 'ServiceInteg', {
  testCases: [stack],
  diffAssets: false,
  cdkCommandOptions: { destroy: { args: { force: true } } },
});

// Through the alias, as callers do (never $LATEST).
integ.assertions
  .invokeFunction({ functionName: `${ServiceStack.functionNameIn(stackName)}:${ServiceStack.ALIAS_NAME}`, payload: JSON.stringify(KNOWN_INPUT.payload) })
  .expect(ExpectedResult.objectLike({ StatusCode: 200, Payload: JSON.stringify(KNOWN_INPUT.expected) }));

integ.assertions
  .awsApiCall('CodeDeploy', 'getDeploymentGroup', {
    applicationName: stack.counter.application.applicationName,
    deploymentGroupName: stack.counter.deploymentGroupName,
  })
  .expect(ExpectedResult.objectLike({
    deploymentGroupInfo: {
      deploymentGroupName: stack.counter.deploymentGroupName,
      deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      // (The rollback events come back as a set: their order is not part of the contract.)
      autoRollbackConfiguration: { enabled: true },
      alarmConfiguration: { enabled: true, alarms: ServiceStack.deploymentAlarmNames(stackName).map((name) => ({ name })) },
    },
  }));

app.synth();
