import { readFileSync } from 'fs';
import { App, Duration, Lazy, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import { actionsOf, ENV, experimentTemplate, fixture, roleStatements } from './helpers';
import {
  ChaosAction, ChaosExperiment, ChaosExperimentProps, ChaosTarget, Fault, FisLambdaExtension, IDeploymentAlarmSource,
  ObservabilityDashboard, TargetSelection,
} from '../../constructs';
import { Limits } from '../../constructs/core';
import { ActionCatalogue, OUTPUT } from '../../scripts/refresh-fis-actions';
import { formatFindings, runNag } from '../harness/nag';
import { normalisedTemplate } from '../harness/reference-app';

type Fixture = ReturnType<typeof fixture>;

const latency = (f: Fixture, name = 'Latency', startAfter?: string[]): ChaosAction => ({
  name, startAfter, fault: Fault.lambdaInvocationDelay(ChaosTarget.lambdaFunction(f.fn), { duration: Duration.minutes(5) }),
});

function experiment(f: Fixture, props: Partial<ChaosExperimentProps> = {}, id = 'Experiment') {
  return new ChaosExperiment(f.stack, id, {
    description: 'Adds Lambda latency and expects the service to stay available',
    actions: [latency(f)],
    stopConditions: [f.alarm],
    ...props,
  });
}

/** Synth errors (validations) of the app. */
function synthErrors(app: App): string {
  try {
    app.synth();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('template', () => {
  test('logs to its encrypted, retained log group with the current schema, and tags the template with its path', () => {
    const f = fixture();
    experiment(f);
    const t = experimentTemplate(f.stack);
    expect(t.LogConfiguration).toEqual({
      CloudWatchLogsConfiguration: { LogGroupArn: { 'Fn::GetAtt': [expect.stringMatching(/^ExperimentLogs/), 'Arn'] } },
      LogSchemaVersion: 2,
    });
    expect(t.Tags).toEqual({ Name: 'Chaos/Experiment' });
    Template.fromStack(f.stack).hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 365, KmsKeyId: Match.anyValue() },
      DeletionPolicy: 'Retain',
    });
  });

  test('a target used by several actions is rendered once; startAfter is kept', () => {
    const f = fixture();
    const target = ChaosTarget.lambdaFunction(f.fn);
    experiment(f, {
      actions: [
        { name: 'Slow', fault: Fault.lambdaInvocationDelay(target, { duration: Duration.minutes(2) }) },
        { name: 'Pause', fault: Fault.wait(Duration.minutes(1)), startAfter: ['Slow'] },
        { name: 'Fail', fault: Fault.lambdaInvocationError(target, { duration: Duration.minutes(2) }), startAfter: ['Pause'] },
      ],
    });
    const t = experimentTemplate(f.stack);
    expect(Object.keys(t.Targets)).toEqual(['SlowTarget']);
    expect(t.Actions.Fail).toMatchObject({ StartAfter: ['Pause'], Targets: { Functions: 'SlowTarget' } });
  });

  test('an alias targets its function with the alias as qualifier', () => {
    const f = fixture();
    const alias = new lambda.Alias(f.stack, 'Live', { aliasName: 'live', version: f.fn.currentVersion });
    experiment(f, { actions: [{ name: 'Slow', fault: Fault.lambdaInvocationDelay(ChaosTarget.lambdaFunction(alias), { duration: Duration.minutes(2) }) }] });
    const target = experimentTemplate(f.stack).Targets.SlowTarget;
    expect(target).toEqual({
      ResourceType: 'aws:lambda:function',
      ResourceArns: [{ 'Fn::GetAtt': [expect.stringMatching(/^Fn/), 'Arn'] }],
      Parameters: { functionQualifier: 'live' },
      SelectionMode: 'ALL',
    });
  });

  test('ECS tasks are found by cluster and service; ASG instances by their group tag, running only', () => {
    const f = fixture();
    experiment(f, {
      actions: [
        { name: 'StopOne', fault: Fault.stopTasks(ChaosTarget.ecsServiceTasks(f.service, TargetSelection.count(1))) },
        {
          name: 'StopHalf',
          fault: Fault.stopInstances(ChaosTarget.autoScalingGroupInstances({ autoScalingGroupName: 'web-asg' } as any, TargetSelection.percent(50))),
        },
      ],
    });
    const t = experimentTemplate(f.stack);
    expect(t.Targets.StopOneTarget).toEqual({
      ResourceType: 'aws:ecs:task',
      Parameters: { cluster: { Ref: expect.stringMatching(/^Cluster/) }, service: { 'Fn::GetAtt': [expect.stringMatching(/^Service/), 'Name'] } },
      SelectionMode: 'COUNT(1)',
    });
    expect(t.Targets.StopHalfTarget).toEqual({
      ResourceType: 'aws:ec2:instance',
      ResourceTags: { 'aws:autoscaling:groupName': 'web-asg' },
      Filters: [{ Path: 'State.Name', Values: ['running'] }],
      SelectionMode: 'PERCENT(50)',
    });
  });
});

describe('least-privilege experiment role', () => {
  test('is assumed only by FIS experiments of this account', () => {
    const f = fixture();
    experiment(f);
    Template.fromStack(f.stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'fis.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': '111111111111' },
            ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':fis:eu-west-1:111111111111:experiment/*']] } },
          },
        }],
      },
    });
  });

  test('writes fault configuration only to the extension\'s S3 folder and reads only the target function', () => {
    const f = fixture();
    experiment(f);
    const statements = roleStatements(f.stack, /^ExperimentExperimentRole/);
    const write = statements.find((s) => actionsOf(s).includes('s3:PutObject'));
    expect(write.Resource).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^FisConfig/), 'Arn'] }, '/FisConfigs/*']] });
    const read = statements.find((s) => actionsOf(s).includes('lambda:GetFunction'));
    expect(read.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Fn/), 'Arn'] });
  });

  test('instance actions on tagged targets are conditioned on the tags; ECS task actions on the cluster', () => {
    const f = fixture();
    experiment(f, {
      actions: [
        { name: 'Stop', fault: Fault.stopInstances(ChaosTarget.fromTags({ resourceType: 'aws:ec2:instance', tags: { app: 'shop', env: 'dev' } })) },
        { name: 'Tasks', fault: Fault.stopTasks(ChaosTarget.ecsServiceTasks(f.service)) },
      ],
    });
    const statements = roleStatements(f.stack, /^ExperimentExperimentRole/);
    const stop = statements.find((s) => actionsOf(s).includes('ec2:StopInstances'));
    expect(stop.Condition).toEqual({ StringEquals: { 'aws:ResourceTag/app': 'shop', 'aws:ResourceTag/env': 'dev' } });
    const list = statements.find((s) => actionsOf(s).includes('ecs:ListTasks'));
    expect(list.Condition).toEqual({ ArnEquals: { 'ecs:cluster': { 'Fn::GetAtt': [expect.stringMatching(/^Cluster/), 'Arn'] } } });
    const stopTask = statements.find((s) => actionsOf(s).includes('ecs:StopTask'));
    expect(JSON.stringify(stopTask.Resource)).toContain(':task/');
  });

  test('uses no AWS managed policy unless opted in; opt-in attaches the service\'s FIS managed policy', () => {
    const f = fixture();
    experiment(f, { actions: [{ name: 'Stop', fault: Fault.stopTasks(ChaosTarget.ecsServiceTasks(f.service)) }] });
    experiment(f, { actions: [{ name: 'Stop', fault: Fault.stopTasks(ChaosTarget.ecsServiceTasks(f.service)) }], useManagedPolicies: true }, 'Broad');
    const roles = Template.fromStack(f.stack).findResources('AWS::IAM::Role');
    const managedOf = (prefix: string) => Object.entries(roles)
      .filter(([id]) => id.startsWith(prefix)).flatMap(([, r]) => r.Properties.ManagedPolicyArns ?? []);
    expect(managedOf('ExperimentExperimentRole')).toEqual([]);
    expect(JSON.stringify(managedOf('BroadExperimentRole'))).toContain(':iam::aws:policy/service-role/AWSFaultInjectionSimulatorECSAccess');
    expect(roleStatements(f.stack, /^BroadExperimentRole/).flatMap(actionsOf)).not.toContain('ecs:StopTask');
  });
});

describe('stop conditions', () => {
  test('come from alarms and from alarm sources, read at synth, each once', () => {
    const f = fixture();
    const late: cloudwatch.IAlarm[] = [];
    const source: IDeploymentAlarmSource = { get deploymentAlarms() { return late; } };
    const exp = experiment(f, { alarmSources: [source] });
    exp.addStopCondition(f.alarm); // a duplicate
    late.push(cloudwatch.Alarm.fromAlarmArn(f.stack, 'Late', 'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:svc-latency'));
    expect(experimentTemplate(f.stack).StopConditions).toEqual([
      { Source: 'aws:cloudwatch:alarm', Value: { 'Fn::GetAtt': [expect.stringMatching(/^Errors/), 'Arn'] } },
      { Source: 'aws:cloudwatch:alarm', Value: 'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:svc-latency' },
    ]);
  });

  test('at least one is required', () => {
    const f = fixture();
    experiment(f, { stopConditions: [] });
    expect(synthErrors(f.app)).toContain("[ChaosExperiment at 'Chaos/Experiment'] invalid 'stopConditions': got none; allowed: 1 to 5 alarms (stopConditions or alarmSources), or noStopConditionReason to waive them explicitly");
  });

  test('unless waived explicitly with a reason: then the template says none', () => {
    const f = fixture();
    experiment(f, { stopConditions: [], noStopConditionReason: 'A wait-only dry run that injects no fault at all.' });
    expect(experimentTemplate(f.stack).StopConditions).toEqual([{ Source: 'none' }]);
    expect(() => experiment(fixture(), { stopConditions: [], noStopConditionReason: 'trust me' }))
      .toThrow("invalid 'noStopConditionReason': got \"trust me\"; allowed: a reason of at least 20 characters");
  });

  test('more than the quota of 5 is rejected', () => {
    const f = fixture();
    const alarms = [1, 2, 3, 4, 5, 6].map((i) => cloudwatch.Alarm.fromAlarmArn(f.stack, `A${i}`, `arn:aws:cloudwatch:eu-west-1:111111111111:alarm:a${i}`));
    experiment(f, { stopConditions: alarms });
    expect(synthErrors(f.app)).toContain("invalid 'stopConditions': got 6 alarms; allowed: at most 5 stop conditions per experiment template");
  });
});

describe('bad input', () => {
  test('an unknown startAfter names the action and lists the known ones', () => {
    const f = fixture();
    expect(() => experiment(f, { actions: [latency(f, 'Latency', ['Warmup'])] }))
      .toThrow("[ChaosExperiment at 'Chaos/Experiment'] invalid 'actions[0].startAfter[0]': got \"Warmup\"; allowed: the name of another action of this experiment (one of \"Latency\")");
  });

  test('a startAfter cycle is rejected with the cycle', () => {
    const f = fixture();
    expect(() => experiment(f, {
      actions: [latency(f, 'A', ['C']), { name: 'B', fault: Fault.wait(Duration.minutes(1)), startAfter: ['A'] }, { name: 'C', fault: Fault.wait(Duration.minutes(1)), startAfter: ['B'] }],
    })).toThrow(/invalid 'actions\[\d\]\.startAfter': got "(A -> C -> B -> A|B -> A -> C -> B|C -> B -> A -> C)"; allowed: actions that do not wait for themselves/);
  });

  test('duplicate action names, more than 20 actions, and a chain longer than 12 hours are rejected', () => {
    expect(() => { const f = fixture(); experiment(f, { actions: [latency(f, 'X'), latency(f, 'X')] }); })
      .toThrow("invalid 'actions[].name': got \"X\"; allowed: each value at most once");
    expect(() => { const f = fixture(); experiment(f, { actions: Array.from({ length: 21 }, (_, i) => ({ name: `W${i}`, fault: Fault.wait(Duration.minutes(1)) })) }); })
      .toThrow("invalid 'actions': got a list of 21 items; allowed: 1 to 20 item(s)");
    expect(() => {
      const f = fixture();
      experiment(f, { actions: [0, 1, 2].map((i) => ({ name: `W${i}`, fault: Fault.wait(Duration.hours(5)), startAfter: i ? [`W${i - 1}`] : undefined })) });
    }).toThrow("invalid 'actions': got \"54000 seconds\"; allowed: an experiment of at most 12 hours along its longest startAfter chain");
    expect(() => { const f = fixture(); experiment(f, { actions: Array.from({ length: 11 }, (_, i) => ({ name: `W${i}`, fault: Fault.wait(Duration.minutes(1)) })) }); })
      .toThrow('allowed: at most 10 actions starting together');
  });

  test('percentages out of range and bad durations name the prop', () => {
    const f = fixture();
    expect(() => experiment(f, { actions: [{ name: 'L', fault: Fault.lambdaInvocationDelay(ChaosTarget.lambdaFunction(f.fn), { duration: Duration.minutes(1), invocationPercentage: 150 }) }] }))
      .toThrow("invalid 'actions[0].fault.invocationPercentage': got 150; allowed: a whole number from 1 to 100 percent");
    expect(() => experiment(f, { actions: [{ name: 'S', fault: Fault.stopTasks(ChaosTarget.ecsServiceTasks(f.service, TargetSelection.percent(0))) }] }, 'E2'))
      .toThrow("invalid 'actions[0].fault.target.selection': got 0; allowed: a whole number from 1 to 100 percent (PERCENT)");
    expect(() => experiment(f, { actions: [{ name: 'W', fault: Fault.wait(Duration.seconds(30)) }] }, 'E3'))
      .toThrow("invalid 'actions[0].fault.duration': got \"PT30S\"; allowed: an ISO 8601 duration from 60 seconds to 12 hours (e.g. PT5M)");
    expect(() => experiment(f, { actions: [{ name: 'W', fault: Fault.wait(Duration.hours(13)) }] }, 'E4'))
      .toThrow("invalid 'actions[0].fault.duration': got \"PT13H\"");
  });

  test('an ECS network fault on tasks without fault injection enabled gets a hint', () => {
    const f = fixture({ ecsFaultInjection: false });
    const fault = Fault.taskNetworkLatency(ChaosTarget.ecsServiceTasks(f.service), { duration: Duration.minutes(2) });
    expect(() => experiment(f, { actions: [{ name: 'Slow', fault }] }))
      .toThrow(/invalid 'actions\[0\]\.fault\.target': got "Chaos\/Service"; allowed: an ECS service whose task definition sets enableFaultInjection: true \(hint: /);
    // Without the endpoints (tc on the SSM sidecar) the fault needs no fault injection.
    expect(() => experiment(f, {
      actions: [{ name: 'Slow', fault: Fault.taskNetworkLatency(ChaosTarget.ecsServiceTasks(f.service), { duration: Duration.minutes(2), useEcsFaultInjectionEndpoints: false }) }],
    }, 'Tc')).not.toThrow();
  });

  test('a Lambda fault on a function without the FIS extension gets a hint', () => {
    const f = fixture();
    const plain = new lambda.Function(f.stack, 'Plain', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    expect(() => experiment(f, { actions: [{ name: 'Slow', fault: Fault.lambdaInvocationDelay(ChaosTarget.lambdaFunction(plain), { duration: Duration.minutes(2) }) }] }))
      .toThrow("invalid 'actions[0].fault.target': got \"Chaos/Plain\"; allowed: a function with the FIS Lambda extension (hint: FisLambdaExtension.attach(fn, { bucket })");
    const imported = lambda.Function.fromFunctionName(f.stack, 'Imported', 'svc-fn');
    expect(() => experiment(f, { actions: [{ name: 'Slow', fault: Fault.lambdaInvocationError(ChaosTarget.lambdaFunction(imported), { duration: Duration.minutes(2) }) }] }, 'E2'))
      .toThrow('allowed: a configurationLocation for a function this app does not create');
  });

  test('a fault on a target of another resource type is rejected', () => {
    const f = fixture();
    expect(() => experiment(f, { actions: [{ name: 'Stop', fault: Fault.stopInstances(ChaosTarget.lambdaFunction(f.fn)) }] }))
      .toThrow("invalid 'actions[0].fault.target': got \"aws:lambda:function\"; allowed: a target of resource type aws:ec2:instance: aws:ec2:stop-instances acts on aws:ec2:instance");
  });

  test('more than 5 ARNs in one target, or an unknown resource type, are rejected', () => {
    const f = fixture();
    const arns = [1, 2, 3, 4, 5, 6].map((i) => `arn:aws:rds:eu-west-1:111111111111:cluster:c${i}`);
    expect(() => experiment(f, { actions: [{ name: 'F', fault: Fault.failoverDbCluster(ChaosTarget.fromArns('aws:rds:cluster', arns)) }] }))
      .toThrow("invalid 'actions[0].fault.target.resourceArns': got [\"arn:aws:rds:eu-west-1:111111111111:cluster:c1\", ...] (6 items); allowed: 1 to 5 item(s)");
    expect(() => experiment(f, { actions: [{ name: 'F', fault: Fault.failoverDbCluster(ChaosTarget.fromArns('aws:rds:clusters', arns.slice(0, 1))) }] }, 'E2'))
      .toThrow("invalid 'actions[0].fault.target.resourceType': got \"aws:rds:clusters\"; allowed: one of");
  });

  test('tokens pass unchecked', () => {
    const f = fixture();
    const percent = Token.asNumber(Lazy.number({ produce: () => 40 }));
    expect(() => experiment(f, {
      description: Lazy.string({ produce: () => 'from a parameter' }),
      actions: [{ name: 'L', fault: Fault.lambdaInvocationDelay(ChaosTarget.lambdaFunction(f.fn), { duration: Duration.minutes(2), invocationPercentage: percent }) }],
    })).not.toThrow();
    expect(experimentTemplate(f.stack).Actions.L.Parameters.invocationPercentage).toBe('40');
  });
});

describe('per-action target quotas', () => {
  const stopTagged = (selection: TargetSelection) => Fault.stopInstances(ChaosTarget.fromTags({ resourceType: 'aws:ec2:instance', tags: { app: 'shop' }, selection }));

  test('COUNT(n) over the action\'s FIS quota fails synth, naming the construct, the action, the value and the limit', () => {
    const f = fixture();
    expect(() => experiment(f, { actions: [{ name: 'Stop', fault: stopTagged(TargetSelection.count(6)) }] }))
      .toThrow("[ChaosExperiment at 'Chaos/Experiment'] invalid 'actions[0].fault.target.selection': got \"COUNT(6)\"; allowed: at most 5 resources for aws:ec2:stop-instances "
        + '(the default of FIS quota "Target Instances for aws:ec2:stop-instances" (L-3F98B425); the quota is adjustable: raise it in Service Quotas and pass the new value in targetQuotas)');
    expect(() => experiment(f, { actions: [{ name: 'Kill', fault: Fault.stopTasks(ChaosTarget.ecsServiceTasks(f.service, TargetSelection.count(9))) }] }, 'E2'))
      .toThrow("invalid 'actions[0].fault.target.selection': got \"COUNT(9)\"; allowed: at most 5 resources for aws:ecs:stop-task");
  });

  test('at the quota, with a raised quota, with an unknown count (ALL or PERCENT of tags) or a token, it passes', () => {
    const f = fixture();
    expect(() => experiment(f, { actions: [{ name: 'Stop', fault: stopTagged(TargetSelection.count(5)) }] })).not.toThrow();
    expect(() => experiment(f, { actions: [{ name: 'Stop', fault: stopTagged(TargetSelection.count(40)) }], targetQuotas: { 'aws:ec2:stop-instances': 40 } }, 'E2')).not.toThrow();
    expect(() => experiment(f, { actions: [{ name: 'Stop', fault: stopTagged(TargetSelection.percent(100)) }, { name: 'Reboot', fault: Fault.rebootInstances(ChaosTarget.autoScalingGroupInstances({ autoScalingGroupName: 'web' } as any)) }] }, 'E3')).not.toThrow();
    expect(() => experiment(f, { actions: [{ name: 'Stop', fault: stopTagged(TargetSelection.count(Token.asNumber(Lazy.number({ produce: () => 50 })))) }] }, 'E4')).not.toThrow();
    // A raised quota is still a limit.
    expect(() => experiment(f, { actions: [{ name: 'Stop', fault: stopTagged(TargetSelection.count(41)) }], targetQuotas: { 'aws:ec2:stop-instances': 40 } }, 'E5'))
      .toThrow('allowed: at most 40 resources for aws:ec2:stop-instances (as raised by targetQuotas;');
  });

  test('targetQuotas names actions with a quota and only raises it', () => {
    const f = fixture();
    expect(() => experiment(f, { targetQuotas: { 'aws:ec2:stop-instance': 10 } }))
      .toThrow("invalid 'targetQuotas': got \"aws:ec2:stop-instance\"; allowed: one of");
    expect(() => experiment(f, { targetQuotas: { 'aws:ecs:stop-task': 2 } }, 'E2'))
      .toThrow("invalid 'targetQuotas['aws:ecs:stop-task']': got 2; allowed: a whole number from 5 to");
  });

  test('every quota is of an action of the FIS action catalogue, with a positive whole value', () => {
    const catalogue = JSON.parse(readFileSync(OUTPUT, 'utf8')) as ActionCatalogue;
    const ids = new Set(catalogue.actions.map((a) => a.id));
    for (const [actionId, quota] of Object.entries(Limits.fis.actionTargetQuotas)) {
      expect([actionId, ids.has(actionId)]).toEqual([actionId, true]);
      expect(Number.isInteger(quota.value) && quota.value > 0).toBe(true);
      expect(quota.quotaCode).toMatch(/^L-[0-9A-F]{8}$/);
    }
  });
});

describe('experiment report', () => {
  test('by default: a secure bucket, reports under fis-reports/, and exactly the writes (and key use through S3) FIS needs', () => {
    const f = fixture();
    const e = experiment(f, { report: {} });
    const template = experimentTemplate(f.stack);
    const bucketId = f.stack.getLogicalId(e.reportBucket!.node.defaultChild as s3.CfnBucket);
    expect(template.ExperimentReportConfiguration).toEqual({ Outputs: { ExperimentReportS3Configuration: { BucketName: { Ref: bucketId }, Prefix: 'fis-reports' } } });
    Template.fromStack(f.stack).hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) })] },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    const statements = roleStatements(f.stack, /^ExperimentExperimentRole/);
    const write = statements.find((s) => s.Sid === 'WriteExperimentReports');
    expect(write).toEqual({
      Sid: 'WriteExperimentReports',
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:GetObject'],
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/fis-reports/*']] },
    });
    const key = statements.find((s) => s.Sid === 'EncryptExperimentReports');
    expect(key.Action).toEqual(['kms:GenerateDataKey', 'kms:Decrypt']);
    expect(key.Condition).toEqual({ StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } });
    expect(statements.flatMap(actionsOf).filter((a) => a.startsWith('cloudwatch:'))).toEqual([]);
  });

  test('with dashboards and durations: the graphs\' sources, and read access to exactly those dashboards', () => {
    const f = fixture();
    const bucket = new s3.Bucket(f.stack, 'Reports', { enforceSSL: true });
    const dashboard = new cloudwatch.Dashboard(f.stack, 'Health', { dashboardName: 'shop-health' });
    const e = experiment(f, { report: { bucket, prefix: 'chaos/dev', dashboards: [dashboard], preExperimentDuration: Duration.minutes(10), postExperimentDuration: Duration.minutes(5) } });
    expect(e.reportBucket).toBe(bucket);
    const dashboardArn = f.stack.resolve(dashboard.dashboardArn);
    expect(experimentTemplate(f.stack).ExperimentReportConfiguration).toEqual({
      Outputs: { ExperimentReportS3Configuration: { BucketName: { Ref: f.stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket) }, Prefix: 'chaos/dev' } },
      DataSources: { CloudWatchDashboards: [{ DashboardIdentifier: dashboardArn }] },
      PreExperimentDuration: 'PT10M',
      PostExperimentDuration: 'PT5M',
    });
    const statements = roleStatements(f.stack, /^ExperimentExperimentRole/);
    expect(statements.find((s) => s.Sid === 'ReadReportDashboards')).toEqual({ Sid: 'ReadReportDashboards', Effect: 'Allow', Action: 'cloudwatch:GetDashboard', Resource: dashboardArn });
    expect(statements.find((s) => s.Sid === 'RenderReportGraphs')).toEqual({ Sid: 'RenderReportGraphs', Effect: 'Allow', Action: 'cloudwatch:GetMetricWidgetImage', Resource: '*' });
    expect(statements.find((s) => s.Sid === 'EncryptExperimentReports')).toBeUndefined();
    expect(statements.find((s) => s.Sid === 'WriteExperimentReports').Resource['Fn::Join'][1][1]).toBe('/chaos/dev/*');
  });

  test('an ObservabilityDashboard\'s pages are report sources', () => {
    const f = fixture();
    const observability = new ObservabilityDashboard(f.stack, 'Observability');
    observability.monitor(f.fn);
    experiment(f, { report: { dashboards: observability.dashboards } });
    expect(experimentTemplate(f.stack).ExperimentReportConfiguration.DataSources.CloudWatchDashboards).toHaveLength(observability.dashboards.length);
  });

  test('bad prefixes, non-positive durations and a dashboard named twice are rejected; tokens pass', () => {
    const f = fixture();
    expect(() => experiment(f, { report: { prefix: 'fis reports' } }))
      .toThrow("[ChaosExperiment at 'Chaos/Experiment'] invalid 'report.prefix': got \"fis reports\"; allowed: 1 to 256 characters without spaces and without a leading or trailing slash");
    expect(() => experiment(f, { report: { prefix: 'reports/' } }, 'E2')).toThrow("invalid 'report.prefix': got \"reports/\"");
    expect(() => experiment(f, { report: { postExperimentDuration: Duration.seconds(0) } }, 'E3'))
      .toThrow("invalid 'report.postExperimentDuration': got \"PT0S\"; allowed: a positive duration whose ISO 8601 form has at most 32 characters");
    const dashboard = new cloudwatch.Dashboard(f.stack, 'Health');
    expect(() => experiment(f, { report: { dashboards: [dashboard, dashboard] } }, 'E4')).toThrow("invalid 'report.dashboards': got \"Chaos/Health\"; allowed: each value at most once");
    expect(() => experiment(f, {
      report: { prefix: Lazy.string({ produce: () => 'from-a-parameter' }) },
    }, 'E5')).not.toThrow();
  });
});

describe('production guard', () => {
  test('targets in a scope marked production need an explicit opt-in', () => {
    const app = new App({ context: { 'gantry:production': true } });
    const stack = new Stack(app, 'Prod', { env: ENV });
    const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    const props: ChaosExperimentProps = {
      description: 'prod chaos',
      actions: [{ name: 'Slow', fault: Fault.lambdaInvocationDelay(ChaosTarget.lambdaFunction(fn, { configurationLocation: 'arn:aws:s3:::cfg/FisConfigs/' }), { duration: Duration.minutes(2) }) }],
      noStopConditionReason: 'test of the production guard only, never deployed',
    };
    expect(() => new ChaosExperiment(stack, 'Chaos', props))
      .toThrow("[ChaosExperiment at 'Prod/Chaos'] invalid 'allowInProduction': got undefined; allowed: true to run chaos on production targets");
    expect(() => new ChaosExperiment(stack, 'Chaos2', { ...props, allowInProduction: true })).not.toThrow();
    expect(() => new ChaosExperiment(new Stack(new App(), 'Dev', { env: ENV }), 'Chaos', { ...props, production: true })).toThrow("invalid 'allowInProduction'");
  });
});

describe('events, schedule and dashboard', () => {
  test('state changes of this template go to an encrypted topic, with a dead-letter queue', () => {
    const f = fixture();
    experiment(f);
    const t = Template.fromStack(f.stack);
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['aws.fis'], 'detail-type': ['FIS Experiment State Change'], 'detail': { 'experiment-template-id': [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^ExperimentTemplate'), 'Id'] }] } },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^GantryNotificationsTopic') }, DeadLetterConfig: Match.anyValue() })],
    });
    t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });

  test('a given topic and addresses: the rule targets it (only this rule may publish), the addresses subscribe, the key admits EventBridge', () => {
    const f = fixture();
    const key = new kms.Key(f.stack, 'TeamKey');
    const topic = new sns.Topic(f.stack, 'Team', { masterKey: key });
    const exp = experiment(f, { notifications: { topic, emailAddresses: ['chaos@example.com'] } });
    expect(exp.notificationTopic).toBe(topic);
    const t = Template.fromStack(f.stack);
    t.resourceCountIs('AWS::SNS::Topic', 1);
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'chaos@example.com', TopicArn: { Ref: Match.stringLikeRegexp('^Team') } });
    const rule = Object.keys(t.findResources('AWS::Events::Rule', { Properties: { EventPattern: { source: ['aws.fis'] } } }))[0];
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'events.amazonaws.com' }, Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [rule, 'Arn'] } } } })]) },
    });
    const own = Object.entries<any>(t.findResources('AWS::KMS::Key')).find(([id]) => id.startsWith('TeamKey'))![1];
    expect(own.Properties.KeyPolicy.Statement).toContainEqual(expect.objectContaining({ Sid: 'AllowEventBridgeToPublishToEncryptedTopics' }));
  });

  test('notifications { enabled: false }: no state-change rule, no topic', () => {
    const f = fixture();
    const exp = experiment(f, { notifications: { enabled: false } });
    expect(exp.notificationTopic).toBeUndefined();
    Template.fromStack(f.stack).resourceCountIs('AWS::SNS::Topic', 0);
  });

  test('the game-day schedule is off by default and may start only this template\'s experiments', () => {
    const f = fixture();
    experiment(f, { gameDaySchedule: scheduler.ScheduleExpression.cron({ weekDay: 'WED', hour: '10', minute: '0' }) });
    const t = Template.fromStack(f.stack);
    const [schedule] = Object.values(t.findResources('AWS::Scheduler::Schedule'));
    expect(schedule.Properties.State).toBe('DISABLED');
    expect(JSON.stringify(schedule.Properties.Target.Arn)).toContain(':scheduler:::aws-sdk:fis:startExperiment');
    const statements = roleStatements(f.stack, /^ExperimentGameDayRole/);
    expect(statements.flatMap(actionsOf)).toEqual(['fis:StartExperiment']);
  });

  test('registers its log group and stop alarms with the monitoring', () => {
    const f = fixture();
    const monitored: string[] = [];
    experiment(f, { monitoring: { monitor: (r, options) => monitored.push(`${r.node.path}|${options?.title}`), addAlarms: (title, alarms) => monitored.push(`${title}|${alarms.length}`) } });
    expect(monitored).toEqual([
      'Chaos/Experiment/Logs|Chaos experiment Chaos/Experiment',
      'Chaos stop conditions (Chaos/Experiment)|1',
      'Chaos/GantryNotifications/Topic|Chaos experiment state changes (Chaos/Experiment)',
      'Chaos/GantryDeadLetters/Queue|Dead letters Chaos/GantryDeadLetters/Queue',
    ]);
  });

  test('its FIS state-change events are on the dashboard: the messages of the events topic', () => {
    const f = fixture();
    const dashboard = new ObservabilityDashboard(f.stack, 'Dashboard', {});
    const exp = experiment(f, { monitoring: dashboard });
    const cfnDashboard = dashboard.node.findAll().find((c) => c instanceof cloudwatch.CfnDashboard) as cloudwatch.CfnDashboard;
    const body = JSON.stringify(f.stack.resolve(cfnDashboard.dashboardBody));
    expect(body).toContain('Chaos experiment state changes (Chaos/Experiment)');
    expect(body).toContain('NumberOfMessagesPublished');
    // The topic the state-change rule publishes to, by its name.
    const topicId = f.stack.resolve((exp.notificationTopic!.node.defaultChild as any).logicalId);
    expect(body).toContain(topicId);
    const rule = Object.values<any>(Template.fromStack(f.stack).findResources('AWS::Events::Rule'))
      .find((r) => r.Properties.EventPattern?.source?.[0] === 'aws.fis');
    expect(rule.Properties.Targets[0].Arn).toEqual({ Ref: topicId });
  });
});

describe('pipeline step', () => {
  function withStep(options: Parameters<ChaosExperiment['pipelineStep']>[0] = {}) {
    const f = fixture();
    const exp = experiment(f);
    const step = exp.pipelineStep(options);
    return { f, exp, step };
  }

  test('the state machine starts, polls, verifies and fails with the runner\'s message', () => {
    const { f, step } = withStep({ verify: { recoveryTimeout: Duration.minutes(5), pollInterval: Duration.seconds(20) } });
    const definition = JSON.parse(JSON.stringify(Stack.of(f.stack).resolve((step.stateMachine.node.defaultChild as any).definitionString))
      .replace(/\{\\"Fn::GetAtt\\":[^}]*\}/g, 'X'));
    const asl = JSON.parse((definition['Fn::Join'][1] as any[]).map((p) => (typeof p === 'string' ? p : 'REF')).join(''));
    expect(asl.StartAt).toBe('StartExperiment');
    expect(Object.keys(asl.States).sort()).toEqual([
      'ExperimentDone', 'ExperimentFailed', 'ExperimentPassed', 'PollExperiment', 'Recovered', 'StartExperiment', 'VerifyRecovery', 'WaitForExperiment', 'WaitForRecovery',
    ]);
    expect(asl.States.StartExperiment.Parameters).toMatchObject({ 'action': 'start', 'clientToken.$': '$$.Execution.Name', 'recoveryTimeoutSeconds': 300 });
    expect(asl.States.WaitForExperiment).toMatchObject({ Seconds: 20, Next: 'PollExperiment' });
    expect(asl.States.ExperimentDone.Choices).toEqual([
      { Variable: '$.run.outcome', StringEquals: 'RUNNING', Next: 'WaitForExperiment' },
      { Variable: '$.run.outcome', StringEquals: 'COMPLETED', Next: 'VerifyRecovery' },
    ]);
    expect(asl.States.ExperimentDone.Default).toBe('ExperimentFailed');
    expect(asl.States.Recovered.Choices.map((c: any) => [c.StringEquals, c.Next])).toEqual([['RECOVERED', 'ExperimentPassed'], ['RECOVERING', 'WaitForRecovery']]);
    expect(asl.States.ExperimentFailed).toEqual({ Type: 'Fail', ErrorPath: '$.run.error', CausePath: '$.run.message' });
    expect(asl.States.VerifyRecovery.Parameters.alarmNames).toEqual(['REF']);
  });

  test('the runner may only start and read this template\'s experiments and describe the verified alarms', () => {
    const { f } = withStep();
    const statements = roleStatements(f.stack, /^ExperimentStepChaosRunnerRole/);
    const byAction = (a: string) => statements.filter((s) => actionsOf(s).includes(a));
    expect(statements.flatMap(actionsOf).sort()).toEqual([
      'cloudwatch:DescribeAlarms', 'fis:GetExperiment', 'fis:StartExperiment', 'fis:TagResource',
      'logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments',
    ]);
    expect(JSON.stringify(byAction('fis:StartExperiment')[0].Resource)).toContain(':experiment-template/');
    expect(byAction('fis:GetExperiment')[0].Condition).toEqual({
      StringEquals: { 'aws:ResourceTag/gantry:experiment-template': { 'Fn::GetAtt': [expect.stringMatching(/^ExperimentTemplate/), 'Id'] } },
    });
    expect(byAction('cloudwatch:DescribeAlarms')[0].Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Errors/), 'Arn'] });
  });

  test('the state machine may invoke only its runner, by the unqualified ARN its tasks call', () => {
    const { f } = withStep();
    const invokes = roleStatements(f.stack, /^ExperimentStepChaosStateMachineRole/).filter((s) => actionsOf(s).includes('lambda:InvokeFunction'));
    expect(invokes).toHaveLength(1);
    expect(invokes[0].Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ExperimentStepChaosRunner[0-9A-F]{8}$/), 'Arn'] });
    expect(JSON.stringify(invokes)).not.toContain(':*');
  });

  test('contributes a Step Functions invoke action at the stage\'s run order', () => {
    const { f, step } = withStep({ stepName: 'ChaosDev' });
    const pipeline = new codepipeline.Pipeline(f.stack, 'Pipeline', { pipelineType: codepipeline.PipelineType.V2, artifactBucket: new s3.Bucket(f.stack, 'Artifacts') });
    const source = new codepipeline.Artifact('Source');
    pipeline.addStage({ stageName: 'Source', actions: [new actions.S3SourceAction({ actionName: 'Src', bucket: new s3.Bucket(f.stack, 'Src'), bucketKey: 'k', output: source })] });
    const produced = step.produceActions({ scope: f.stack, stageName: 'Dev', runOrder: 3, sourceArtifact: source, buildArtifact: source });
    pipeline.addStage({ stageName: 'Dev', actions: produced });
    expect(step.stepName).toBe('ChaosDev');
    Template.fromStack(f.stack).hasResourceProperties('AWS::CodePipeline::Pipeline', {
      Stages: Match.arrayWith([Match.objectLike({
        Name: 'Dev',
        Actions: [Match.objectLike({
          Name: 'ChaosDev',
          RunOrder: 3,
          ActionTypeId: { Category: 'Invoke', Owner: 'AWS', Provider: 'StepFunctions', Version: '1' },
          Configuration: Match.objectLike({ StateMachineArn: { Ref: Match.stringLikeRegexp('^ExperimentStepChaosDevStateMachine') }, ExecutionNamePrefix: 'ChaosDev' }),
        })],
      })]),
    });
  });

  test('bad step options are rejected', () => {
    expect(() => withStep({ stepName: 'chaos step' })).toThrow("invalid 'stepName': got \"chaos step\"");
    expect(() => withStep({ verify: { pollInterval: Duration.seconds(1) } })).toThrow("invalid 'verify.pollInterval': got 1; allowed: a number from 5 to 3600 seconds");
    expect(() => withStep({ verify: { alarms: [] } })).toThrow("invalid 'verify.alarms'");
  });
});

test('snapshot of an experiment with its pipeline step', () => {
  const f = fixture();
  experiment(f).pipelineStep();
  expect(Annotations.fromStack(f.stack).findError('*', Match.anyValue())).toEqual([]);
  expect(normalisedTemplate(Template.fromStack(f.stack).toJSON())).toMatchSnapshot();
});

describe('FisLambdaExtension', () => {
  test('adds the layer of the function\'s architecture, the wrapper and the configuration location, and read access to it only', () => {
    const f = fixture();
    const t = Template.fromStack(f.stack);
    const [fnResource] = Object.entries(t.findResources('AWS::Lambda::Function')).filter(([id]) => id.startsWith('Fn'));
    const props = fnResource[1].Properties;
    expect(props.Environment.Variables).toEqual({
      AWS_LAMBDA_EXEC_WRAPPER: '/opt/aws-fis/bootstrap',
      AWS_FIS_CONFIGURATION_LOCATION: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^FisConfig/), 'Arn'] }, '/FisConfigs/']] },
    });
    expect(props.Layers).toEqual([{ Ref: expect.stringMatching(/^SsmParameterValueawsservicefislambdaextensionAWSFISextensionx8664/) }]);
    const parameter = Object.values(t.toJSON().Parameters).find((p: any) => p.Type === 'AWS::SSM::Parameter::Value<String>') as any;
    expect(parameter.Default).toBe('/aws/service/fis/lambda-extension/AWS-FIS-extension-x86_64/1.x.x');
    const statements = Object.values(t.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements.find((s) => s.Action === 's3:ListBucket').Condition).toEqual({
      StringLike: { 's3:prefix': ['FisConfigs/*'] },
      StringEquals: { 's3:ResourceAccount': '111111111111' },
    });
    const read = statements.find((s) => s.Action === 's3:GetObject');
    expect(read.Resource).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^FisConfig/), 'Arn'] }, '/FisConfigs/*']] });
    expect(read.Condition).toEqual({ StringEquals: { 's3:ResourceAccount': '111111111111' } });
  });

  test('a bucket imported by name is read only while the stack\'s account owns it; one of another account names that account', () => {
    const stack = new Stack(new App(), 'Owner', { env: ENV });
    const mk = (id: string) => new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    FisLambdaExtension.attach(mk('Same'), { bucket: s3.Bucket.fromBucketName(stack, 'ByName', 'chaos-config') });
    FisLambdaExtension.attach(mk('Shared'), { bucket: s3.Bucket.fromBucketAttributes(stack, 'SharedBucket', { bucketName: 'shared-config', account: '333333333333' }) });
    const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
    const ownerOf = (fnId: string) => Object.entries(policies).filter(([id]) => id.startsWith(fnId))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement)
      .filter((st: any) => String(st.Action).startsWith('s3:'))
      .map((st: any) => [st.Action, st.Condition.StringEquals['s3:ResourceAccount']]);
    expect(ownerOf('Same')).toEqual([['s3:ListBucket', '111111111111'], ['s3:GetObject', '111111111111']]);
    expect(ownerOf('Shared')).toEqual([['s3:ListBucket', '333333333333'], ['s3:GetObject', '333333333333']]);
  });

  test('an arm64 function gets the arm64 extension; a prefix must end with a slash', () => {
    const stack = new Stack(new App(), 'Arm', { env: ENV });
    const fn = new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X, architecture: lambda.Architecture.ARM_64, handler: 'index.handler', code: lambda.Code.fromInline('x'),
    });
    const bucket = new s3.Bucket(stack, 'B');
    FisLambdaExtension.attach(fn, { bucket });
    const parameter = Object.values(Template.fromStack(stack).toJSON().Parameters).find((p: any) => p.Type === 'AWS::SSM::Parameter::Value<String>') as any;
    expect(parameter.Default).toBe('/aws/service/fis/lambda-extension/AWS-FIS-extension-arm64/1.x.x');
    const other = new lambda.Function(stack, 'Other', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    expect(() => FisLambdaExtension.attach(other, { bucket, prefix: 'fis' })).toThrow("invalid 'prefix': got \"fis\"; allowed: an S3 key prefix ending with \"/\"");
  });

  test('a bucket of another stack encrypted with its key: decrypt only through S3 for that bucket, wildcards acknowledged exactly', () => {
    const stack = new Stack(new App(), 'Imported', { env: ENV });
    const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    const bucket = s3.Bucket.fromBucketName(stack, 'Config', 'chaos-config');
    FisLambdaExtension.attach(fn, { bucket, kmsEncrypted: true });
    const policy = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))[0];
    const decrypt = policy.Properties.PolicyDocument.Statement.find((st: any) => st.Sid === 'DecryptFisConfiguration');
    expect(decrypt).toEqual({
      Sid: 'DecryptFisConfiguration',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':kms:eu-west-1:111111111111:key/*']] },
      Condition: {
        StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
        StringLike: {
          'kms:EncryptionContext:aws:s3:arn': [
            { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::chaos-config']] },
            { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::chaos-config/FisConfigs/*']] },
          ],
        },
      },
    });
    // The two wildcards (configuration objects, key) are acknowledged, nothing else of the policy.
    const result = runNag(stack);
    // (An aws-cdk-lib role's inline DefaultPolicy is a finding of its own, not the extension's.)
    const onPolicy = <T extends { path: string; ruleId?: string; id?: string }>(items: T[]) => items
      .filter((i) => i.path.startsWith('Imported/Fn/ServiceRole/DefaultPolicy') && (i.ruleId ?? i.id) === 'AwsSolutions-IAM5');
    expect(formatFindings(onPolicy(result.unsuppressed))).toBe('');
    expect(formatFindings(onPolicy(result.unusedSuppressions))).toBe('');
    expect(onPolicy(result.suppressed).map((f) => `${f.ruleId}[${f.findingId}]`).sort()).toEqual([
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kms:eu-west-1:111111111111:key/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::chaos-config/FisConfigs/*]',
    ]);
  });

  test('without kmsEncrypted an imported bucket gets no key grant', () => {
    const stack = new Stack(new App(), 'Plain', { env: ENV });
    const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    FisLambdaExtension.attach(fn, { bucket: s3.Bucket.fromBucketName(stack, 'Config', 'chaos-config') });
    const statements = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))[0].Properties.PolicyDocument.Statement;
    expect(statements.map((st: any) => st.Action)).toEqual(['s3:ListBucket', 's3:GetObject']);
  });
});

test('FisLambdaExtension.configurationBucket: named, KMS-encrypted with its own key, TLS only, public access blocked, access logs kept', () => {
  const stack = new Stack(new App(), 'Chaos', { env: { account: '111111111111', region: 'eu-west-1' } });
  FisLambdaExtension.configurationBucket(stack, 'FisConfiguration', 'fis-config-111111111111-eu-west-1');
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::S3::Bucket', {
    BucketName: 'fis-config-111111111111-eu-west-1',
    BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true }] },
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'FisConfiguration/' }),
  });
  template.resourceCountIs('AWS::KMS::Key', 1);
  template.resourceCountIs('AWS::S3::Bucket', 2);
});
