import { Stack } from 'aws-cdk-lib';
import * as codeartifact from 'aws-cdk-lib/aws-codeartifact';
import * as kms from 'aws-cdk-lib/aws-kms';
import { PackageFormat, PackageNamespace, PackageRegistry } from '../../constructs';
import { BenchScenario } from '../scenario';

const env = { account: '111111111111', region: 'eu-west-1' };

const scenarios: BenchScenario[] = [
  {
    name: 'PackageRegistry (domain + npm repo + npmjs store)',
    build: (app) => {
      const stack = new Stack(app, 'BenchRegistry', { env });
      new PackageRegistry(stack, 'Registry', { domainName: 'bench', readerOrganizationId: 'o-abcdefghij' });
      return [stack];
    },
  },
  {
    name: 'PackageRegistry (npm + PyPI + Maven + NuGet, 4 stores, 4 package groups)',
    build: (app) => {
      const stack = new Stack(app, 'BenchRegistryAllFormats', { env });
      new PackageRegistry(stack, 'Registry', {
        domainName: 'bench',
        readerOrganizationId: 'o-abcdefghij',
        formats: [{ format: PackageFormat.NPM }, { format: PackageFormat.PYPI }, { format: PackageFormat.MAVEN }, { format: PackageFormat.NUGET }],
        internalNamespaces: [
          PackageNamespace.npmScope('@bench'), PackageNamespace.pythonPrefix('bench'),
          PackageNamespace.mavenGroup('com.bench'), PackageNamespace.nugetPrefix('Bench'),
        ],
      });
      return [stack];
    },
  },
  {
    name: 'anchor: hand-wired L1 CodeArtifact (same resources)',
    build: (app) => {
      const stack = new Stack(app, 'BenchRegistryL1', { env });
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      const domain = new codeartifact.CfnDomain(stack, 'Domain', { domainName: 'bench', encryptionKey: key.keyArn });
      const store = new codeartifact.CfnRepository(stack, 'Store', { domainName: domain.attrName, repositoryName: 'npm-npmjs-store', externalConnections: ['public:npmjs'] });
      new codeartifact.CfnRepository(stack, 'Repo', { domainName: domain.attrName, repositoryName: 'npm', upstreams: [store.attrName] });
      return [stack];
    },
  },
];

export default scenarios;
