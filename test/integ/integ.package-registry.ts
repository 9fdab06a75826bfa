import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import { PackageRegistry } from '../../constructs';

// Integration test: deploys a registry, then asks CodeArtifact for the repository it created and
// expects the npm repository with the npm store as its upstream. Snapshots are verified offline
// in CI (npm run integ); run it for real with `npx integ-runner --directory test/integ --force`
// in an account (see README).
const app = new App();
const stack = new Stack(app, 'GantryIntegPackageRegistry');
const registry = new PackageRegistry(stack, 'Registry', {
  domainName: 'gantry-integ',
  repositoryName: 'integ-npm',
});

const integ = new IntegTest(app, 'PackageRegistryInteg', {
  testCases: [stack],
  diffAssets: false,
  cdkCommandOptions: { destroy: { args: { force: true } } },
});

integ.assertions
  .awsApiCall('CodeArtifact', 'describeRepository', {
    domain: registry.domainName,
    repository: registry.repositoryName,
  })
  .expect(ExpectedResult.objectLike({
    repository: {
      name: 'integ-npm',
      domainName: 'gantry-integ',
      upstreams: [{ repositoryName: 'integ-npm-npmjs-store' }],
    },
  }));

integ.assertions
  .awsApiCall('CodeArtifact', 'describeRepository', {
    domain: registry.domainName,
    repository: 'integ-npm-npmjs-store',
  })
  .expect(ExpectedResult.objectLike({
    repository: { externalConnections: [{ externalConnectionName: 'public:npmjs', packageFormat: 'npm' }] },
  }));

app.synth();
