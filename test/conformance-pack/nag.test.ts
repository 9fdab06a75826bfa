import { App, Stack } from 'aws-cdk-lib';
import { ConformancePack, PackRule, Remediation, RuleSet } from '../../constructs';
import { formatFindings, runNag } from '../harness/nag';

// The reference app's governance stack runs under Control Tower (no recorder); this checks the
// other paths: recorder and delivery channel, delivery buckets, organization pack, remediation role.
test('every feature on: no unsuppressed cdk-nag finding and no dead suppression', () => {
  const app = new App();
  const env = { account: '111111111111', region: 'eu-west-1' };
  const account = new Stack(app, 'AccountPack', { env });
  new ConformancePack(account, 'Pack', {
    packName: 'everything',
    createRecorder: true,
    createDeliveryBucket: true,
    organizationAggregator: true,
    ruleSets: [RuleSet.controlTowerDetective()],
    rules: [
      PackRule.managed('S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED', { remediation: Remediation.ssmDocument('AWS-EnableS3BucketEncryption', { automatic: true }) }),
      PackRule.managed('VPC_DEFAULT_SECURITY_GROUP_CLOSED', { remediation: Remediation.ssmDocument('AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules') }),
      PackRule.customLambda('Versioned', { resourceTypes: ['AWS::S3::Bucket'], propertyPath: 'supplementaryConfiguration.BucketVersioningConfiguration.status', expectedValue: 'Enabled' }),
      PackRule.guard('Guarded', 'rule x { configuration.a exists }', { resourceTypes: ['AWS::S3::Bucket'] }),
    ],
  });
  const organization = new Stack(app, 'OrganizationPack', { env });
  new ConformancePack(organization, 'Pack', {
    packName: 'org-everything',
    organization: true,
    organizationId: 'o-abcdefghij',
    excludedAccounts: ['222222222222'],
    createDeliveryBucket: true,
    ruleSets: [RuleSet.devOpsBestPractices()],
  });
  const result = runNag(app);
  expect(formatFindings(result.unsuppressed)).toBe('');
  expect(formatFindings(result.unusedSuppressions)).toBe('');
});
