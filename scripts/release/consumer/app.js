// A consumer's CDK app: installed @gantry/cdk from a registry, synthesized with no esbuild, no
// Docker and no AWS credentials. Uses every construct the library exports.
const { App, Stack } = require('aws-cdk-lib');
const iam = require('aws-cdk-lib/aws-iam');
const gantry = require('@gantry/cdk');

const app = new App();
const env = { account: '111111111111', region: 'eu-west-1' };

const registryStack = new Stack(app, 'ConsumerRegistry', { env });
const registry = new gantry.PackageRegistry(registryStack, 'Registry', { domainName: 'consumer', readerOrganizationId: 'o-a1b2c3d4e5' });
registry.grantPublish(new iam.Role(registryStack, 'Publisher', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') }));

app.synth();
