// A consumer's CDK app: installed @gantry/cdk from a registry, synthesized with no esbuild, no
// Docker and no AWS credentials. Uses every construct the library exports, one stack each, so the
// release check can tell that every construct synthesized (scripts/release/check.sh expects
// these stack names).
const { App, Duration, Stack, Stage } = require('aws-cdk-lib');
const iam = require('aws-cdk-lib/aws-iam');
const lambda = require('aws-cdk-lib/aws-lambda');
const ec2 = require('aws-cdk-lib/aws-ec2');
const ecs = require('aws-cdk-lib/aws-ecs');
const elbv2 = require('aws-cdk-lib/aws-elasticloadbalancingv2');
const gantry = require('@gantry/cdk');

// The zones a VPC lookup would find, as cdk.context.json keeps them: synth needs no credentials.
const app = new App({ context: { 'availability-zones:account=111111111111:region=eu-west-1': ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] } });
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
  approvals: [{ beforeStage: 'Prod', notifications: { emailAddresses: ['release-managers@example.com'] } }],
});

// The same pipeline construct delivering a CDK Stage (addStage): its stack's BlueGreenLambda gates it.
class OrdersStage extends Stage {
  constructor(scope, id, props) {
    super(scope, id, props);
    const stack = new Stack(this, 'Orders');
    new gantry.BlueGreenLambda(stack, 'Orders', {
      functionProps: {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
        timeout: Duration.seconds(10),
      },
      deploymentConfig: gantry.BlueGreenDeploymentConfig.CANARY_10PERCENT_5MINUTES,
    });
  }
}
const stagedStack = new Stack(app, 'ConsumerStagedDelivery', { env });
const staged = new gantry.PipelineWithApproval(stagedStack, 'Delivery', {
  source: gantry.PipelineSource.connection({
    connectionArn: 'arn:aws:codeconnections:eu-west-1:111111111111:connection/00000000-0000-0000-0000-000000000000',
    owner: 'example-org',
    repo: 'orders',
  }),
});
staged.addStage(new OrdersStage(app, 'OrdersDev', { env }), { approval: { notifications: { emailAddresses: ['release-managers@example.com'] } } });

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
dashboard.monitor(lambda.Function.fromFunctionName(observabilityStack, 'OrdersFunction', 'consumer-orders'), { title: 'Orders function' });

// BlueGreenEcsService and ChaosExperiment: a Fargate service on the consumer's own VPC, cluster and
// load balancer, deployed blue/green by ECS (the pre-bundled ECS smoke-test hook is the package's);
// one task of it stopped by an FIS experiment that its health alarm stops, run as a pipeline step
// (the pre-bundled experiment runner).
const containerStack = new Stack(app, 'ConsumerContainers', { env });
const vpc = new ec2.Vpc(containerStack, 'Vpc', { maxAzs: 2, natGateways: 1 });
const cluster = new ecs.Cluster(containerStack, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENHANCED });
const taskDefinition = new ecs.FargateTaskDefinition(containerStack, 'Task');
taskDefinition.addContainer('web', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable-alpine'), portMappings: [{ containerPort: 80 }] });
const loadBalancer = new elbv2.ApplicationLoadBalancer(containerStack, 'Alb', { vpc, internetFacing: false });
const web = new gantry.BlueGreenEcsService(containerStack, 'Web', {
  cluster, taskDefinition, loadBalancer,
  trafficShift: gantry.TrafficShift.canary({ percent: 10, bakeTime: Duration.minutes(5) }),
  smokeTest: { path: '/' },
});
const chaos = new gantry.ChaosExperiment(containerStack, 'StopOneTask', {
  description: 'One task of the web service stops; the service must stay within its alarms',
  actions: [{ name: 'StopOneTask', fault: gantry.Fault.stopTasks(gantry.ChaosTarget.ecsServiceTasks(web.service, gantry.TargetSelection.count(1))) }],
  alarmSources: [web],
});
chaos.pipelineStep({ stepName: 'ChaosDev' });

// FeatureFlags: a flag rolled out to Prod with AWS's canary strategy, rolled back by the service's alarms.
const flagsStack = new Stack(app, 'ConsumerFlags', { env });
new gantry.FeatureFlags(flagsStack, 'Flags', {
  flags: [gantry.FeatureFlag.boolean('newCheckout'), gantry.FeatureFlag.killSwitch('disableRecommendations')],
  environments: [{ name: 'Prod', rollout: gantry.FlagRollout.CANARY_10_PERCENT_20_MINUTES, alarms: [web.healthAlarm] }],
});

// Exported for the compatibility matrix (scripts/compat/nag-check.js), which adds cdk-nag first.
module.exports = app;
if (require.main === module) app.synth();
