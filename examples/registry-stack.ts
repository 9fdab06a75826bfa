import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { PackageRegistry } from '../constructs';
import { secureTopic } from '../constructs/core';

export interface RegistryStackProps extends StackProps {
  /** CodeArtifact domain name. */
  readonly domainName: string;
  /** npm repository name. */
  readonly repositoryName: string;
  /** Accounts allowed to install packages. */
  readonly readerAccountIds?: string[];
  /** Organization whose principals may install packages. */
  readonly readerOrganizationId?: string;
}

/** Registry stack: the CodeArtifact npm registry Gantry itself is published to. */
export class RegistryStack extends Stack {
  public readonly registry: PackageRegistry;
  public readonly releaseTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: RegistryStackProps) {
    super(scope, id, props);
    this.releaseTopic = secureTopic(this, 'PackageReleases').topic;
    this.registry = new PackageRegistry(this, 'Registry', {
      domainName: props.domainName,
      repositoryName: props.repositoryName,
      readerAccountIds: props.readerAccountIds,
      readerOrganizationId: props.readerOrganizationId,
      packageVersionChangeTargets: [new targets.SnsTopic(this.releaseTopic)],
    });

    new CfnOutput(this, 'DomainName', { value: this.registry.domainName });
    new CfnOutput(this, 'RepositoryName', { value: this.registry.repositoryName });
    new CfnOutput(this, 'LoginCommand', {
      description: 'Log npm in to the registry (token valid 12 hours)',
      value: `aws codeartifact login --tool npm --domain ${props.domainName} --domain-owner ${this.account} --repository ${props.repositoryName} --region ${this.region}`,
    });
  }
}
