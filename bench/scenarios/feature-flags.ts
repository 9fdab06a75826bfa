import { App, Duration, Stack } from 'aws-cdk-lib';
import * as appconfig from 'aws-cdk-lib/aws-appconfig';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { FeatureFlag, FeatureFlags, FlagAttribute, FlagRollout } from '../../constructs';
import { BenchScenario } from '../scenario';

const env = { account: '111111111111', region: 'eu-west-1' };

function flags(count: number): FeatureFlag[] {
  return Array.from({ length: count }, (_, i) => FeatureFlag.boolean(`flag${i}`, {
    attributes: [FlagAttribute.number('percent', { value: i % 100, minimum: 0, maximum: 100 }), FlagAttribute.string('variant', { value: 'a', allowedValues: ['a', 'b'] })],
  }));
}

function alarms(stack: Stack, count: number): cloudwatch.Alarm[] {
  return Array.from({ length: count }, (_, i) => new cloudwatch.Alarm(stack, `Alarm${i}`, {
    metric: new cloudwatch.Metric({ namespace: 'Bench', metricName: `Errors${i}` }), threshold: 1, evaluationPeriods: 1,
  }));
}

/** FeatureFlags: typed flags, environments monitored by alarms, chained deployments, events topic. */
function gantry(flagCount: number, environmentCount: number): BenchScenario {
  return {
    name: `FeatureFlags (${flagCount} flags, ${environmentCount} environments, 3 monitors each, events topic)`,
    build: (app: App) => {
      const stack = new Stack(app, `BenchFlags${flagCount}x${environmentCount}`, { env });
      const watched = alarms(stack, 3);
      new FeatureFlags(stack, 'Flags', {
        flags: flags(flagCount),
        environments: Array.from({ length: environmentCount }, (_, i) => ({
          name: `Env${i}`,
          rollout: i === 0 ? FlagRollout.ALL_AT_ONCE : FlagRollout.linear({ growthFactor: 25, deploymentDuration: Duration.minutes(20) }),
          alarms: watched,
        })),
      });
      return [stack];
    },
  };
}

/** The anchor: aws-cdk-lib's AppConfig L2 with the same flags as hand-written JSON, same monitors. */
function anchor(flagCount: number, environmentCount: number): BenchScenario {
  return {
    name: `anchor: aws-cdk-lib appconfig L2 (${flagCount} flags, ${environmentCount} environments, 3 monitors each)`,
    build: (app: App) => {
      const stack = new Stack(app, `BenchFlagsL2${flagCount}x${environmentCount}`, { env });
      const watched = alarms(stack, 3);
      const application = new appconfig.Application(stack, 'App');
      const environments = Array.from({ length: environmentCount }, (_, i) => application.addEnvironment(`Env${i}`, {
        monitors: watched.map((a) => appconfig.Monitor.fromCloudWatchAlarm(a)),
      }));
      application.addHostedConfiguration('Flags', {
        type: appconfig.ConfigurationType.FEATURE_FLAGS,
        content: appconfig.ConfigurationContent.fromInlineJson(FeatureFlags.render(flags(flagCount))),
        deploymentStrategy: new appconfig.DeploymentStrategy(stack, 'Strategy', { rolloutStrategy: appconfig.RolloutStrategy.linear({ growthFactor: 25, deploymentDuration: Duration.minutes(20) }) }),
        deployTo: environments,
      });
      return [stack];
    },
  };
}

const scenarios: BenchScenario[] = [gantry(10, 2), anchor(10, 2), gantry(100, 5), anchor(100, 5)];

export default scenarios;
