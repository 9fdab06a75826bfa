import { Duration, Lazy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codecommit from 'aws-cdk-lib/aws-codecommit';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { baseProps, connectionSource, newStack } from './helpers';
import { PipelineSource, PipelineWithApproval, PipelineWithApprovalProps } from '../../constructs';

const stack = (props: PipelineWithApprovalProps) => {
  const s = newStack();
  return () => new PipelineWithApproval(s, 'Pipeline', props);
};
const devStack = { stackName: 'App-Dev', templatePath: 'App-Dev.template.json' };
const stacks = (n: number) => Array.from({ length: n }, (_, i) => ({ stackName: `S${i}`, templatePath: `S${i}.json` }));

/** Every error names the construct path, the prop and what is allowed. */
function expectError(props: PipelineWithApprovalProps, prop: string, allowed: RegExp) {
  const escaped = prop.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  expect(stack(props)).toThrow(new RegExp(`\\[PipelineWithApproval at 'Delivery/Pipeline'\\] invalid '${escaped}': .*allowed: .*${allowed.source}`));
}

describe('stages and actions', () => {
  test('duplicate stage names, including Source and Build', () => {
    expectError(baseProps({ stages: [{ stageName: 'Dev', stacks: [devStack] }, { stageName: 'Dev', stacks: [devStack] }] }), 'stages[].stageName', /each value at most once/);
    expectError(baseProps({ stages: [{ stageName: 'Build', stacks: [devStack] }] }), 'stages[].stageName', /each value at most once/);
  });

  test('duplicate action names: the same stack twice in a stage', () => {
    expectError(baseProps({ stages: [{ stageName: 'Dev', stacks: [devStack, devStack] }] }), 'stages[Dev].stacks[].stackName', /at most once/);
  });

  test('invalid stage names, stack names, accounts, regions and runOrder', () => {
    expectError(baseProps({ stages: [{ stageName: 'Dev stage', stacks: [devStack] }] }), 'stages[].stageName[0]', /letters, digits/);
    expectError(baseProps({ stages: [{ stageName: 'Dev', stacks: [{ stackName: '1-app', templatePath: 't' }] }] }), 'stages[Dev].stacks[].stackName[0]', /a letter, then/);
    expectError(baseProps({ stages: [{ stageName: 'Dev', account: '1234', stacks: [devStack] }] }), 'stages[Dev].account', /12-digit/);
    expectError(baseProps({ stages: [{ stageName: 'Dev', region: 'Europe', stacks: [devStack] }] }), 'stages[Dev].region', /AWS region/);
    expectError(baseProps({ stages: [{ stageName: 'Dev', stacks: [{ ...devStack, runOrder: 0 }] }] }), 'stages[Dev].stacks[0].runOrder', /whole number from 1 to 999/);
    expectError(baseProps({ stages: [{ stageName: 'Dev', stacks: [] }] }), 'stages[Dev].stacks', /1 to 50/);
  });

  test('more actions in a stage than CodePipeline allows (50), counting change sets, digests and the approval', () => {
    // 25 change-set stacks are 50 actions: allowed. With an approval and its digests they are not.
    expect(stack(baseProps({ stages: [{ stageName: 'Dev', stacks: stacks(25) }] }))).not.toThrow();
    expectError(baseProps({ stages: [{ stageName: 'Dev', stacks: stacks(25) }], approvals: [{ beforeStage: 'Dev' }] }), 'stages[Dev].stacks', /at most 50 actions per stage/);
    expectError(baseProps({ stages: [{ stageName: 'Dev', stacks: stacks(26) }] }), 'stages[Dev].stacks', /at most 50 actions per stage/);
  });

  test('more stages than a pipeline may have (50, with Source and Build)', () => {
    const many = Array.from({ length: 49 }, (_, i) => ({ stageName: `S${i}`, stacks: [devStack] }));
    expectError(baseProps({ stages: many }), 'stages', /0 to 48 item/);
  });

  test('artifact counts: a CodeBuild action takes at most 5 inputs', () => {
    const extra = Array.from({ length: 5 }, (_, i) => connectionSource(`b${i}`));
    expectError(baseProps({ additionalSources: extra }), 'additionalSources', /0 to 4 item/);
  });

  test('alarm gate: at most 5 alarms (rules per stage condition)', () => {
    const s = newStack();
    const metric = new cloudwatch.Metric({ namespace: 'A', metricName: 'B' });
    const alarms = Array.from({ length: 6 }, (_, i) => new cloudwatch.Alarm(s, `A${i}`, { metric, threshold: 1, evaluationPeriods: 1 }));
    expect(() => new PipelineWithApproval(s, 'Pipeline', baseProps({ stages: [{ stageName: 'Dev', stacks: [devStack], alarmSources: [{ deploymentAlarms: alarms }] }] })))
      .toThrow(/\[PipelineWithApproval at 'Delivery\/Pipeline'\] invalid 'stages\[Dev\]\.alarmSources'.*at most 5 alarms/);
  });
});

describe('approvals', () => {
  test('an approval on a stage that does not exist', () => {
    expectError(baseProps({ approvals: [{ beforeStage: 'Prod' }] }), 'approvals[0].beforeStage', /the name of a deploy stage: Dev/);
  });

  test('two approvals on one stage', () => {
    expectError(baseProps({ approvals: [{ beforeStage: 'Dev' }, { beforeStage: 'Dev' }] }), 'approvals[].beforeStage', /at most once/);
  });

  test('a topic and an email list together: the addresses are subscribed to the given topic', () => {
    const s = newStack();
    const topic = new sns.Topic(s, 'T');
    new PipelineWithApproval(s, 'Pipeline', baseProps({ approvals: [{ beforeStage: 'Dev', notifications: { topic, emailAddresses: ['a@example.com'] } }] }));
    Template.fromStack(s).hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'a@example.com', TopicArn: { Ref: Match.stringLikeRegexp('^T') } });
  });

  test('invalid email addresses', () => {
    expectError(baseProps({ approvals: [{ beforeStage: 'Dev', notifications: { emailAddresses: ['not-an-address'] } }] }),
      'approvals[Dev].notifications.emailAddresses[0]', /e-mail addresses/);
  });

  test('an approval timeout outside 5 minutes to 60 days', () => {
    expectError(baseProps({ approvals: [{ beforeStage: 'Dev', timeout: Duration.minutes(1) }] }), 'approvals[0].timeout', /from 5 to 86400 minutes/);
    expectError(baseProps({ approvals: [{ beforeStage: 'Dev', timeout: Duration.days(61) }] }), 'approvals[0].timeout', /from 5 to 86400 minutes/);
    expect(stack(baseProps({ approvals: [{ beforeStage: 'Dev', timeout: Duration.days(7) }] }))).not.toThrow();
  });

  test('grantApproval on a stage without approval', () => {
    const s = newStack();
    const pipeline = new PipelineWithApproval(s, 'Pipeline', baseProps({ approvals: [{ beforeStage: 'Dev' }] }));
    expect(() => pipeline.grantApproval('Prod', new iam.User(s, 'U'))).toThrow(/invalid 'grantApproval\(stageName\)'.*a stage with an approval: Dev/);
  });
});

describe('sources and triggers', () => {
  test('an empty source branch', () => {
    expectError(baseProps({ source: connectionSource('') }), 'source.branch', /non-empty branch/);
    const s = newStack();
    const repository = codecommit.Repository.fromRepositoryName(s, 'R', 'app');
    expect(() => new PipelineWithApproval(s, 'Pipeline', baseProps({ source: PipelineSource.codeCommit({ repository, branch: ' ' }) }))).toThrow(/invalid 'source\.branch'/);
  });

  test('trigger filters CodePipeline rejects', () => {
    const four = [{ branchesIncludes: ['a'] }, { branchesIncludes: ['b'] }, { branchesIncludes: ['c'] }, { branchesIncludes: ['d'] }];
    expectError(baseProps({ trigger: { push: four } }), 'trigger.push', /0 to 3 item/);
    expectError(baseProps({ trigger: { pullRequest: four } }), 'trigger.pullRequest', /0 to 3 item/);
    expectError(baseProps({ trigger: { push: [{ branchesIncludes: Array.from({ length: 9 }, (_, i) => `b${i}`) }] } }), 'trigger.push[0].branchesIncludes', /1 to 8 item/);
    expectError(baseProps({ trigger: { push: [{ tagsIncludes: ['v*'], branchesIncludes: ['main'] }] } }), 'trigger.push[0].tagsIncludes', /tag filters alone/);
    expectError(baseProps({ trigger: { push: [{ filePathsIncludes: ['src/**'] }] } }), 'trigger.push[0]', /branches .* or with tags/);
    expectError(baseProps({ trigger: { pullRequest: [{ filePathsIncludes: ['src/**'] }] } }), 'trigger.pullRequest[0]', /with branches/);
    expectError(baseProps({ trigger: {} }), 'trigger', /at least one push or pullRequest filter/);
  });

  test('a trigger on a source that is not a connection', () => {
    const s = newStack();
    const bucket = s3.Bucket.fromBucketName(s, 'B', 'source-bucket');
    expect(() => new PipelineWithApproval(s, 'Pipeline', baseProps({ source: PipelineSource.s3({ bucket, objectKey: 'k' }), trigger: { push: [{ branchesIncludes: ['main'] }] } })))
      .toThrow(/invalid 'trigger': got "S3".*connection source/);
  });
});

describe('cross-account, build and variables', () => {
  test('a cross-account stage without a way to encrypt artifacts for it', () => {
    const s = newStack();
    const bucket = s3.Bucket.fromBucketName(s, 'Shared', 'shared-artifacts'); // no key
    expect(() => new PipelineWithApproval(s, 'Pipeline', baseProps({
      artifactBucket: bucket,
      stages: [{ stageName: 'Prod', account: '222222222222', stacks: [devStack] }],
    }))).toThrow(/invalid 'artifactBucket'.*customer-managed KMS key.*Prod/);
    // The same bucket is fine for a same-account pipeline.
    expect(() => new PipelineWithApproval(s, 'Other', baseProps({ artifactBucket: bucket }))).not.toThrow();
  });

  test('conflicting or unusable build options', () => {
    expectError(baseProps({ buildStep: { buildSpec: { version: '0.2' }, buildSpecFile: 'b.yml' } }), 'buildStep.buildSpecFile', /not both/);
    expectError(baseProps({ buildStep: { buildSpecFile: 'b.yml', testReports: [{ name: 'Unit', files: ['j.xml'] }] } }), 'buildStep.testReports', /object buildStep.buildSpec/);
    expectError(baseProps({ buildStep: { buildSpecFile: 'b.yml', publishCdkAssets: true } }), 'buildStep.publishCdkAssets', /object buildStep.buildSpec/);
    expectError(baseProps({ buildStep: { timeout: Duration.minutes(1) } }), 'buildStep.timeout', /from 5 to 2160 minutes/);
    expectError(baseProps({ buildStep: { testReports: [{ name: 'bad name', files: ['x'] }] } }), 'buildStep.testReports[].name[0]', /letters, digits/);
    expectError(baseProps({ buildStep: { testReports: [{ name: 'Unit', files: ['x'] }, { name: 'Unit', files: ['y'] }] } }), 'buildStep.testReports[].name', /at most once/);
  });

  test('pipeline variables CodePipeline rejects', () => {
    expectError(baseProps({ variables: [{ name: 'has space' }] }), 'variables[].name[0]', /letters, digits/);
    expectError(baseProps({ variables: [{ name: 'A' }, { name: 'A' }] }), 'variables[].name', /at most once/);
    expectError(baseProps({ variables: Array.from({ length: 51 }, (_, i) => ({ name: `V${i}` })) }), 'variables', /0 to 50 item/);
    expectError(baseProps({ variables: [{ name: 'A', defaultValue: 'x'.repeat(1001) }] }), 'variables[0].defaultValue', /at most 1000 characters/);
  });

  test('notifications: a topic in another Region', () => {
    const s = newStack();
    const topic = sns.Topic.fromTopicArn(s, 'T', 'arn:aws:sns:us-east-1:111111111111:elsewhere');
    expect(() => new PipelineWithApproval(s, 'Pipeline', baseProps({ notifications: { topic } })))
      .toThrow(/invalid 'notifications\.topic': got "arn:aws:sns:us-east-1:111111111111:elsewhere"; allowed: a topic in the Region of .* \(eu-west-1, not us-east-1\)/);
  });
});

test('unresolved tokens pass validation', () => {
  const lazy = (value: string) => Lazy.string({ produce: () => value });
  expect(stack(baseProps({
    source: connectionSource(lazy('main')),
    stages: [{ stageName: 'Dev', account: lazy('111111111111'), region: lazy('eu-west-1'), stacks: [{ stackName: lazy('App'), templatePath: 't.json' }] }],
    approvals: [{ beforeStage: 'Dev', notifications: { emailAddresses: [lazy('someone')] } }],
    variables: [{ name: lazy('V'), defaultValue: lazy('x') }],
  }))).not.toThrow();
});

test('an alarm wait time that is not whole minutes from 1 to 60', () => {
  expectError(baseProps({ stages: [{ stageName: 'Dev', stacks: [devStack], alarmWaitTime: Duration.seconds(90) }] }), 'stages[Dev].alarmWaitTime', /whole number from 1 to 60 minutes/);
  expectError(baseProps({ stages: [{ stageName: 'Dev', stacks: [devStack], alarmWaitTime: Duration.hours(2) }] }), 'stages[Dev].alarmWaitTime', /whole number from 1 to 60 minutes/);
});
