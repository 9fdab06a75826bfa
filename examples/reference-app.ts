import { App, Environment, Stack } from 'aws-cdk-lib';
import { AccountBaselineStack } from './account-baseline-stack';
import { BlueGreenLambdaStack } from './blue-green-lambda-stack';
import { ConformancePackStack } from './conformance-pack-stack';
import { ObservabilityDashboardStack } from './observability-dashboard-stack';
import { PipelineWithApprovalStack } from './pipeline-with-approval-stack';
import { RegistryStack } from './registry-stack';

/**
 * Builds every reference stack into an app. Account, region and ids come from context
 * (`cdk.json`, placeholders by default), so synth needs no credentials and makes no lookups.
 */
export function buildReferenceApp(app: App): Stack[] {
  const env: Environment = {
    account: context<string>(app, 'gantry:account'),
    region: context<string>(app, 'gantry:region'),
  };

  const registry = new RegistryStack(app, 'GantryRegistry', {
    env,
    description: 'Gantry reference: CodeArtifact npm registry for publishing the library',
    domainName: context<string>(app, 'gantry:registry:domainName'),
    repositoryName: context<string>(app, 'gantry:registry:repositoryName'),
    readerAccountIds: optionalContext<string[]>(app, 'gantry:registry:readerAccountIds'),
    readerOrganizationId: optionalContext<string>(app, 'gantry:registry:organizationId'),
  });

  const blueGreen = new BlueGreenLambdaStack(app, 'GantryBlueGreenLambda', {
    env,
    description: 'Gantry reference: orders function deployed blue/green by CodeDeploy with version alarms and a smoke test',
  });

  const delivery = new PipelineWithApprovalStack(app, 'GantryDelivery', {
    env,
    description: 'Gantry reference: CodePipeline V2 delivery pipeline with change-set digest, approval and alarm-gated stages',
    connectionArn: optionalContext<string>(app, 'gantry:delivery:connectionArn')
      ?? 'arn:aws:codeconnections:eu-west-1:111111111111:connection/00000000-0000-0000-0000-000000000000',
    repositoryOwner: optionalContext<string>(app, 'gantry:delivery:repositoryOwner') ?? 'example-org',
    repositoryName: optionalContext<string>(app, 'gantry:delivery:repositoryName') ?? 'example-app',
    prodAccount: optionalContext<string>(app, 'gantry:delivery:prodAccount') ?? '222222222222',
    approverEmails: optionalContext<string[]>(app, 'gantry:delivery:approverEmails') ?? ['release-managers@example.com'],
  });

  const accountBaseline = new AccountBaselineStack(app, 'GantryAccountBaseline', {
    env,
    description: 'Gantry reference: Control Tower account baseline (controls, StackSet, SCPs, lifecycle events)',
    landingZoneVersion: optionalContext<string>(app, 'gantry:baseline:landingZoneVersion') ?? '3.3',
    organizationId: optionalContext<string>(app, 'gantry:baseline:organizationId') ?? 'o-exampleorg1',
    organizationalUnitIds: optionalContext<string[]>(app, 'gantry:baseline:organizationalUnitIds') ?? ['ou-ab12-workload1', 'ou-ab12-sandbox01'],
    governedRegions: optionalContext<string[]>(app, 'gantry:baseline:governedRegions') ?? ['eu-west-1', 'eu-central-1', 'us-east-1'],
    securityEmail: optionalContext<string>(app, 'gantry:baseline:securityEmail') ?? 'security@example.com',
    auditPrincipalArns: optionalContext<string[]>(app, 'gantry:baseline:auditPrincipalArns') ?? ['arn:aws:iam::111111111111:role/SecurityAuditors'],
    breakGlassPrincipalArns: optionalContext<string[]>(app, 'gantry:baseline:breakGlassPrincipalArns') ?? ['arn:aws:iam::111111111111:role/BreakGlassAdmins'],
  });

  const governance = new ConformancePackStack(app, 'GantryGovernance', {
    env,
    description: 'Gantry reference: AWS Config conformance packs (DevOps guardrails, Lambda security) for a Control Tower account',
  });

  const observability = new ObservabilityDashboardStack(app, 'GantryObservability', {
    env,
    description: 'Gantry reference: dashboards, alarms and SLO burn-rate alarms of the service and its delivery',
    functionName: optionalContext<string>(app, 'gantry:observability:functionName') ?? 'star-wars-counter',
    aliasName: optionalContext<string>(app, 'gantry:observability:aliasName') ?? 'live',
  });

  return [registry, blueGreen, delivery, accountBaseline, governance, observability];
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
