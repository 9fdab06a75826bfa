import * as appconfig from 'aws-cdk-lib/aws-appconfig';
import { Construct } from 'constructs';

/**
 * The flag profile as seen by one environment's deployment queue: the same profile and version,
 * with that environment's strategy. aws-cdk-lib's `IEnvironment.addDeployment` chains every
 * deployment of an environment (one at a time), so passing the profile through it keeps Gantry's
 * deployment in the same queue as any other configuration deployed to the environment.
 */
export class EnvironmentRollout extends Construct implements appconfig.IConfiguration {
  public readonly application: appconfig.IApplication;
  public readonly configurationProfileId: string;
  public readonly versionNumber?: string;
  public readonly name?: string;
  public readonly type?: appconfig.ConfigurationType;
  public readonly description?: string;

  constructor(
    scope: Construct, id: string, configuration: appconfig.IConfiguration, public readonly deploymentStrategy: appconfig.IDeploymentStrategy,
  ) {
    super(scope, id);
    this.application = configuration.application;
    this.configurationProfileId = configuration.configurationProfileId;
    this.versionNumber = configuration.versionNumber;
    this.name = configuration.name;
    this.type = configuration.type;
    this.description = 'Feature flags rolled out by Gantry FeatureFlags';
  }
}
