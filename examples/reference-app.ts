import { App, Environment, Stack } from 'aws-cdk-lib';
import { chaosStack } from './chaos-stack';
import { ContainerServiceStack } from './container-service-stack';
import { DeliveryStack } from './delivery-stack';
import { FeatureFlagsStack } from './feature-flags-stack';
import { GovernanceStack } from './governance-stack';
import { RegistryStack } from './registry-stack';
import { ServiceStack } from './service-stack';

/**
 * Builds the reference stacks into an app: the service (GantryService), its pipeline
 * (GantryDelivery), governance of the organization (GantryGovernance) and the registry the library
 * is published to (GantryRegistry), feature flags, a container service and the chaos experiment on
 * the Dev service (GantryChaos). Account, region and ids come from context
 * (`cdk.json`, placeholders by default), so synth needs no credentials and makes no lookups.
 */
export function buildReferenceApp(app: App): Stack[] {
  const env: Environment = {
    account: context<string>(app, 'gantry:account'),
    region: context<string>(app, 'gantry:region'),
  };
  /** Address subscribed to every stack's notifications and alarm topics. */
  const alarmEmail = optionalContext<string>(app, 'gantry:service:alarmEmail') ?? 'ops@example.com';

  const registry = new RegistryStack(app, 'GantryRegistry', {
    env,
    description: 'Gantry reference: CodeArtifact registry (npm, PyPI, Maven) for publishing the library',
    domainName: context<string>(app, 'gantry:registry:domainName'),
    repositoryName: context<string>(app, 'gantry:registry:repositoryName'),
    readerAccountIds: optionalContext<string[]>(app, 'gantry:registry:readerAccountIds'),
    readerOrganizationId: optionalContext<string>(app, 'gantry:registry:organizationId'),
    releaseCandidateAlarmEmail: alarmEmail,
  });

  const service = new ServiceStack(app, 'GantryService', {
    env,
    description: 'Gantry reference: the Star Wars counter, deployed blue/green with a smoke test, alarms, a dashboard and an availability SLO',
    alarmEmail,
    monitoringSinkArn: optionalContext<string>(app, 'gantry:service:monitoringSinkArn'),
  });

  const featureFlags = new FeatureFlagsStack(app, 'GantryFeatureFlags', {
    env,
    description: 'Gantry reference: AppConfig feature flags of a blue/green checkout, rolled out gradually and rolled back by its alarms',
    alarmEmail,
  });

  // The FIS experiment on the Dev service, run as the pipeline's chaos step.
  const chaos = chaosStack(app, alarmEmail);

  const delivery = new DeliveryStack(app, 'GantryDelivery', {
    env,
    description: 'Gantry reference: the service\'s pipeline (build and test, Dev, change-set digest and approval, Prod in another account, alarm-gated)',
    alarmEmail,
    connectionArn: optionalContext<string>(app, 'gantry:delivery:connectionArn')
      ?? 'arn:aws:codeconnections:eu-west-1:111111111111:connection/00000000-0000-0000-0000-000000000000',
    repositoryOwner: optionalContext<string>(app, 'gantry:delivery:repositoryOwner') ?? 'example-org',
    repositoryName: optionalContext<string>(app, 'gantry:delivery:repositoryName') ?? 'gantry',
    branch: optionalContext<string>(app, 'gantry:delivery:branch') ?? 'main',
    prodAccount: optionalContext<string>(app, 'gantry:delivery:prodAccount') ?? '222222222222',
    approverEmails: optionalContext<string[]>(app, 'gantry:delivery:approverEmails') ?? ['release-managers@example.com'],
    devSteps: [chaos.chaosStep],
  });

  // Deployed from the Control Tower management account (or a delegated administrator).
  const governance = new GovernanceStack(app, 'GantryGovernance', {
    env: { ...env, account: optionalContext<string>(app, 'gantry:governance:account') ?? env.account },
    description: 'Gantry reference: conformance packs and the Control Tower account baseline of two OUs (management or delegated-admin account)',
    landingZoneVersion: optionalContext<string>(app, 'gantry:baseline:landingZoneVersion') ?? '3.3',
    organizationId: optionalContext<string>(app, 'gantry:baseline:organizationId') ?? 'o-exampleorg1',
    organizationalUnitIds: optionalContext<string[]>(app, 'gantry:baseline:organizationalUnitIds') ?? ['ou-ab12-workload1', 'ou-ab12-sandbox01'],
    governedRegions: optionalContext<string[]>(app, 'gantry:baseline:governedRegions') ?? ['eu-west-1', 'eu-central-1', 'us-east-1'],
    securityEmail: optionalContext<string>(app, 'gantry:baseline:securityEmail') ?? 'security@example.com',
    auditPrincipalArns: optionalContext<string[]>(app, 'gantry:baseline:auditPrincipalArns') ?? ['arn:aws:iam::111111111111:role/SecurityAuditors'],
    breakGlassPrincipalArns: optionalContext<string[]>(app, 'gantry:baseline:breakGlassPrincipalArns') ?? ['arn:aws:iam::111111111111:role/BreakGlassAdmins'],
  });


  const containerService = new ContainerServiceStack(app, 'GantryContainerService', {
    env,
    description: 'Gantry reference: nginx on Fargate deployed canary by Amazon ECS blue/green, with a smoke test, alarms over both target groups and a dashboard',
    alarmEmail,
  });


  return [service, delivery, governance, registry, featureFlags, containerService, chaos];
}

function context<T>(app: App, key: string): T {
  const value = optionalContext<T>(app, key);
  if (value === undefined) {
    throw new Error(`Missing context '${key}': set it in cdk.json or pass -c ${key}=...`);
  }
  return value;
}

function optionalContext<T>(app: App, key: string): T | undefined {
  const value = app.node.tryGetContext(key);
  if (typeof value === 'string' && value.trim().startsWith('[')) return JSON.parse(value) as T; // -c key='["a"]'
  return value as T | undefined;
}
