import { App, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BlueGreenLambda } from '../../constructs';
import { BenchScenario } from '../scenario';

const env = { account: '111111111111', region: 'eu-west-1' };
const SMOKE_TEST_HANDLER = 'assets/constructs/blue-green-lambda/smoke-test.lambda/index.js';

/** The same plain function in every scenario, so rows differ only in the deployment machinery. */
function plainFunction(stack: Stack, id: string): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(`exports.handler = async () => ({ statusCode: 200, body: '${id}' });`),
    timeout: Duration.seconds(10),
  });
}

/** BlueGreenLambda on given functions: version, alias, group, 3 version alarms (+ shared application and notifications). */
function gantry(count: number): BenchScenario {
  return {
    name: `BlueGreenLambda (${count} function${count > 1 ? 's' : ''}, given; 3 version alarms each)`,
    build: (app: App) => {
      const stack = new Stack(app, `BenchBlueGreen${count}`, { env });
      for (let i = 0; i < count; i++) new BlueGreenLambda(stack, `Fn${i}`, { function: plainFunction(stack, `Handler${i}`) });
      return [stack];
    },
  };
}

/** BlueGreenLambda creating its functions with secure defaults, and the shared smoke-test hook. */
function gantrySecure(count: number): BenchScenario {
  return {
    name: `BlueGreenLambda (${count} function${count > 1 ? 's' : ''} from props: KMS log group, own role, tracing; smoke test)`,
    handlerFiles: [SMOKE_TEST_HANDLER],
    build: (app: App) => {
      const stack = new Stack(app, `BenchBlueGreenSecure${count}`, { env });
      for (let i = 0; i < count; i++) {
        new BlueGreenLambda(stack, `Fn${i}`, {
          functionProps: {
            runtime: lambda.Runtime.NODEJS_22_X,
            handler: 'index.handler',
            code: lambda.Code.fromInline(`exports.handler = async () => ({ statusCode: 200, body: 'Fn${i}' });`),
            timeout: Duration.seconds(10),
          },
          smokeTest: { payload: { ping: true }, expectedStatusCode: 200 },
        });
      }
      return [stack];
    },
  };
}

/**
 * The anchor: the aws-codedeploy L2 wired by hand the way its README shows, with the same three
 * alarms (on the alias, as the L2 users do: function-wide per alias, not per executed version).
 */
function anchor(count: number): BenchScenario {
  return {
    name: `anchor: hand-wired L2 LambdaDeploymentGroup (${count} function${count > 1 ? 's' : ''}; 3 alias alarms each)`,
    build: (app: App) => {
      const stack = new Stack(app, `BenchL2BlueGreen${count}`, { env });
      for (let i = 0; i < count; i++) {
        const fn = plainFunction(stack, `Handler${i}`);
        const alias = new lambda.Alias(stack, `Alias${i}`, { aliasName: 'live', version: fn.currentVersion });
        const alarms = [
          alias.metricErrors({ period: Duration.minutes(1) }).createAlarm(stack, `Errors${i}`, { threshold: 1, evaluationPeriods: 1 }),
          alias.metricThrottles({ period: Duration.minutes(1) }).createAlarm(stack, `Throttles${i}`, { threshold: 5, evaluationPeriods: 1 }),
          alias.metricDuration({ period: Duration.minutes(1), statistic: 'p99' }).createAlarm(stack, `Duration${i}`, {
            threshold: 8000, evaluationPeriods: 1, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
          }),
        ];
        new codedeploy.LambdaDeploymentGroup(stack, `Group${i}`, {
          alias,
          deploymentConfig: codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
          alarms,
        });
      }
      return [stack];
    },
  };
}

const scenarios: BenchScenario[] = [gantry(1), gantry(20), anchor(1), anchor(20), gantrySecure(1), gantrySecure(20)];

export default scenarios;
