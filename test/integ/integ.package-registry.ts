import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import { PackageFormat, PackageNamespace, PackageRegistry } from '../../constructs';

// Integration test: deploys an npm and PyPI registry with a protected npm scope, then asks
// CodeArtifact for the repositories it created (each format's repository reading through its own
// store) and for the package group (public upstream blocked, publishing only to the npm repository). Snapshots are verified offline
// in CI (npm run integ); run it for real with `npx integ-runner --directory test/integ --force`
// in an account (see README).
const app = new App();
const stack = new Stack(app, 'GantryIntegPackageRegistry');
const registry = new PackageRegistry(stack, 'Registry', {
  domainName: 'gantry-integ',
  repositoryName: 'integ-npm',
  formats: [{ format: PackageFormat.NPM }, { format: PackageFormat.PYPI, repositoryName: 'integ-pypi' }],
  internalNamespaces: [PackageNamespace.npmScope('@gantry-integ')],
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

integ.assertions
  .awsApiCall('CodeArtifact', 'describeRepository', {
    domain: registry.domainName,
    repository: 'integ-pypi-pypi-store',
  })
  .expect(ExpectedResult.objectLike({
    repository: { externalConnections: [{ externalConnectionName: 'public:pypi', packageFormat: 'pypi' }] },
  }));

integ.assertions
  .awsApiCall('CodeArtifact', 'describePackageGroup', {
    domain: registry.domainName,
    packageGroup: '/npm/gantry-integ/*',
  })
  .expect(ExpectedResult.objectLike({
    packageGroup: {
      pattern: '/npm/gantry-integ/*',
      originConfiguration: {
        restrictions: {
          EXTERNAL_UPSTREAM: { mode: 'BLOCK' },
          PUBLISH: { mode: 'ALLOW_SPECIFIC_REPOSITORIES' },
        },
      },
    },
  }));

app.synth();
