// A consumer's CDK app: installed @gantry/cdk from a registry, synthesized with no esbuild, no
// Docker and no AWS credentials. Uses every construct the library exports, one stack each, so the
// release check can tell that every construct synthesized (scripts/release/check.sh expects
// these stack names).
const { App, Duration, Stack } = require('aws-cdk-lib');
const iam = require('aws-cdk-lib/aws-iam');
const lambda = require('aws-cdk-lib/aws-lambda');
const gantry = require('@gantry/cdk');

const app = new App();
const env = { account: '111111111111', region: 'eu-west-1' };

// PackageRegistry: npm and Maven repositories, the consumer's own scope kept off the public
// upstream, a publisher granted exactly what publishing npm packages needs.
const registryStack = new Stack(app, 'ConsumerRegistry', { env });
const registry = new gantry.PackageRegistry(registryStack, 'Registry', {
  domainName: 'consumer',
  readerOrganizationId: 'o-a1b2c3d4e5',
  formats: [{ format: gantry.PackageFormat.NPM }, { format: gantry.PackageFormat.MAVEN }],
  internalNamespaces: [gantry.PackageNamespace.npmScope('@consumer'), gantry.PackageNamespace.mavenGroup('com.consumer')],
});
registry.grantPublish(new iam.Role(registryStack, 'Publisher', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') }), gantry.PackageFormat.NPM);

// BlueGreenLambda: the function is created from props, and the built-in smoke test is its
// pre-traffic hook: its handler is the pre-bundled asset shipped in the package (no esbuild here).
const serviceStack = new Stack(app, 'ConsumerBlueGreen', { env });
new gantry.BlueGreenLambda(serviceStack, 'Orders', {
  functionProps: {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "ok" });'),
    timeout: Duration.seconds(10),
  },
  deploymentConfig: gantry.BlueGreenDeploymentConfig.CANARY_10PERCENT_5MINUTES,
  smokeTest: { payload: { path: '/health' }, expectedStatusCode: 200 },
});

// PipelineWithApproval: connection source, build, Prod behind an approval with a change-set digest.
const deliveryStack = new Stack(app, 'ConsumerDelivery', { env });
new gantry.PipelineWithApproval(deliveryStack, 'Delivery', {
  source: gantry.PipelineSource.connection({
    connectionArn: 'arn:aws:codeconnections:eu-west-1:111111111111:connection/00000000-0000-0000-0000-000000000000',
    owner: 'example-org',
    repo: 'orders',
  }),
  stages: [{ stageName: 'Prod', stacks: [{ stackName: 'Orders-Prod', templatePath: 'Orders-Prod.template.json' }] }],
  approvals: [{ beforeStage: 'Prod', notifyEmails: ['release-managers@example.com'] }],
});

// ConformancePack: a managed rule and a custom Lambda rule (the pre-bundled rule evaluator).
const governanceStack = new Stack(app, 'ConsumerGovernance', { env });
new gantry.ConformancePack(governanceStack, 'Guardrails', {
  packName: 'consumer-guardrails',
  controlTowerManaged: true,
  rules: [
    gantry.PackRule.managed('S3_BUCKET_VERSIONING_ENABLED'),
    gantry.PackRule.customLambda('TablesBilledOnDemand', {
      resourceTypes: ['AWS::DynamoDB::Table'],
      propertyPath: 'configuration.billingModeSummary.billingMode',
      expectedValue: 'PAY_PER_REQUEST',
    }),
  ],
});

// AccountBaseline: one Control Tower control on a workload OU, the default baseline StackSet.
const baselineStack = new Stack(app, 'ConsumerBaseline', { env });
new gantry.AccountBaseline(baselineStack, 'Baseline', {
  landingZoneVersion: '3.3',
  organizationId: 'o-a1b2c3d4e5',
  organizationalUnits: ['ou-ab12-workload1'],
  governedRegions: ['eu-west-1', 'us-east-1'], // us-east-1: root sign-in and IAM change events arrive there
  controls: [{ control: gantry.ControlCatalogue.RESTRICT_ROOT_USER_ACCESS_KEYS }],
});

// ObservabilityDashboard: a dashboard and alarms of the blue/green service of the other stack.
const observabilityStack = new Stack(app, 'ConsumerObservability', { env });
const dashboard = new gantry.ObservabilityDashboard(observabilityStack, 'Dashboard', { dashboardName: 'consumer-orders' });
dashboard.monitor(lambda.Function.fromFunctionName(observabilityStack, 'OrdersFunction', 'consumer-orders'), 'Orders function');

// Exported for the compatibility matrix (scripts/compat/nag-check.js), which adds cdk-nag first.
module.exports = app;
if (require.main === module) app.synth();
