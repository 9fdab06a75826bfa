import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BlueGreenLambda, FeatureFlag, FeatureFlags, FlagAttribute, FlagRollout } from '../../constructs';

// Integration test: deploys flags with two environments (fast rollouts) monitored by a
// blue/green function's deployment alarms, then invokes the function, which reads its flag through
// the AppConfig Agent extension, and asks AppConfig for the Prod environment's monitors and its
// completed deployment. Snapshots are verified offline in CI (npm run integ); run it for real with
// `npx integ-runner --directory test/integ --force` in an account (see README).
const app = new App();
const stack = new Stack(app, 'GantryIntegFeatureFlags');
const reader = new BlueGreenLambda(stack, 'Reader', {
  functionProps: {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    timeout: Duration.seconds(10),
    code: lambda.Code.fromInline(`exports.handler = async () => {
      const res = await fetch('http://localhost:2772' + process.env.FEATURE_FLAGS_PATH + '?flag=integFlag');
      return await res.json();
    };`),
  },
});
const flags = new FeatureFlags(stack, 'Flags', {
  applicationName: 'gantry-integ-flags',
  flags: [FeatureFlag.boolean('integFlag', { enabled: true, attributes: [FlagAttribute.number('percent', { value: 42, minimum: 0, maximum: 100 })] })],
  environments: [
    { name: 'Dev', rollout: FlagRollout.LINEAR_50_PERCENT_EVERY_30_SECONDS, alarmSources: [reader] },
    { name: 'Prod', rollout: FlagRollout.LINEAR_50_PERCENT_EVERY_30_SECONDS, alarmSources: [reader] },
  ],
});
flags.attachToFunction(reader.function as lambda.Function, 'Prod');

const integ = new IntegTest(app, 'FeatureFlagsInteg', {
  testCases: [stack],
  diffAssets: false,
  cdkCommandOptions: { destroy: { args: { force: true } } },
});

integ.assertions
  .invokeFunction({ functionName: reader.alias.functionArn })
  .expect(ExpectedResult.objectLike({ StatusCode: 200, Payload: JSON.stringify({ enabled: true, percent: 42 }) }));

integ.assertions
  .awsApiCall('AppConfig', 'getEnvironment', { ApplicationId: flags.application.applicationId, EnvironmentId: flags.environment('Prod').environmentId })
  .expect(ExpectedResult.objectLike({ Name: 'Prod', State: 'ReadyForDeployment', Monitors: reader.deploymentAlarms.map((a) => ({ AlarmArn: a.alarmArn })) }));

integ.assertions
  .awsApiCall('AppConfig', 'listDeployments', { ApplicationId: flags.application.applicationId, EnvironmentId: flags.environment('Prod').environmentId })
  .expect(ExpectedResult.objectLike({ Items: [{ State: 'COMPLETE', DeploymentStrategyId: 'AppConfig.Linear50PercentEvery30Seconds' }] }));

app.synth();
