import { Match, Template } from 'aws-cdk-lib/assertions';
import { CONTAINER_ALARM_THRESHOLDS, CONTAINER_IMAGE, ContainerServiceStack } from '../../examples/container-service-stack';
import { referenceStacks } from '../harness/reference-app';

// The container service stack as the reference app builds it (cdk.json context). Nag (five packs)
// and the snapshot are covered with every reference stack in nag.test.ts and snapshot.test.ts.
const stack = referenceStacks().find((s) => s.node.id === 'GantryContainerService') as ContainerServiceStack;
const template = Template.fromStack(stack);

test('the reference app includes the container service stack', () => {
  expect(stack).toBeInstanceOf(ContainerServiceStack);
});

test('nginx from a public registry on Fargate (no Docker needed to synthesize), logging to an encrypted log group', () => {
  template.hasResourceProperties('AWS::ECS::TaskDefinition', {
    RequiresCompatibilities: ['FARGATE'],
    NetworkMode: 'awsvpc',
    ContainerDefinitions: [Match.objectLike({ Image: CONTAINER_IMAGE, PortMappings: [{ ContainerPort: 80, Protocol: 'tcp' }], LogConfiguration: Match.objectLike({ LogDriver: 'awslogs' }) })],
  });
  expect(Object.keys(stack.node.tryFindChild('Task')?.node.children ?? {})).not.toContain('AssetImage');
});

test('deployed canary 10% for 5 minutes by the ECS controller, baked 10 minutes, rolled back by the circuit breaker and both alarms', () => {
  const service = Object.values(template.findResources('AWS::ECS::Service'))[0].Properties;
  expect(service.DeploymentController).toEqual({ Type: 'ECS' });
  expect(service.DeploymentConfiguration).toMatchObject({
    Strategy: 'CANARY',
    CanaryConfiguration: { CanaryPercent: 10, CanaryBakeTimeInMinutes: 5 },
    BakeTimeInMinutes: 10,
    DeploymentCircuitBreaker: { Enable: true, Rollback: true },
    Alarms: { Enable: true, Rollback: true, AlarmNames: [{ Ref: expect.stringMatching(/^WebErrorRateAlarm/) }, { Ref: expect.stringMatching(/^WebLatencyAlarm/) }] },
  });
  expect(service.DeploymentConfiguration.LifecycleHooks).toEqual([expect.objectContaining({
    LifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
    HookDetails: expect.objectContaining({ expectedStatus: 200, expectedBodyContains: 'nginx' }),
  })]);
});

test('the load balancer is internal, drops invalid headers, logs access and is protected from deletion', () => {
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
    Scheme: 'internal',
    LoadBalancerAttributes: Match.arrayWith([
      { Key: 'deletion_protection.enabled', Value: 'true' },
      { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
      { Key: 'access_logs.s3.enabled', Value: 'true' },
    ]),
  });
  // Production clients from the VPC only.
  template.hasResourceProperties('AWS::EC2::SecurityGroup', {
    SecurityGroupIngress: Match.arrayWith([Match.objectLike({ CidrIp: '10.0.0.0/16', FromPort: 80, ToPort: 80 })]),
  });
});

test('the load-balancer log bucket is SSE-S3 (what ELB supports) and logs its own access to the stack\'s access-log bucket', () => {
  const lbLogs = Object.entries(template.findResources('AWS::S3::Bucket')).filter(([id]) => id.startsWith('LoadBalancerLogs'));
  expect(lbLogs).toHaveLength(1);
  const [id, bucket] = lbLogs[0] as [string, any];
  expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' });
  expect(bucket.Properties.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: expect.stringMatching(/^GantryAccessLogsBucket/) }, LogFilePrefix: 'LoadBalancerLogs/' });
  template.hasResourceProperties('AWS::S3::BucketPolicy', {
    Bucket: { Ref: Match.stringLikeRegexp('^GantryAccessLogsBucket') },
    PolicyDocument: {
      Statement: Match.arrayWith([Match.objectLike({
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Condition: { ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [id, 'Arn'] } }, StringEquals: { 'aws:SourceAccount': '111111111111' } },
      })]),
    },
  });
});

test('alarms are named after the deployed stack, so the pipeline gates on the health alarm without an export', () => {
  expect(ContainerServiceStack.alarmNamesIn('GantryContainerService')).toEqual([
    'GantryContainerService-ErrorRate', 'GantryContainerService-LatencyP99', 'GantryContainerService-Health',
  ]);
  template.hasResourceProperties('AWS::CloudWatch::CompositeAlarm', { AlarmName: { 'Fn::Join': ['', [{ Ref: 'AWS::StackName' }, '-Health']] } });
  template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: { 'Fn::Join': ['', [{ Ref: 'AWS::StackName' }, '-ErrorRate']] }, Threshold: CONTAINER_ALARM_THRESHOLDS.errorRatePercent });
  expect(stack.deployment.deploymentAlarms).toEqual([stack.service.healthAlarm]);
});

test('the dashboard draws the service and both target groups', () => {
  const body = JSON.stringify(template.findResources('AWS::CloudWatch::Dashboard'));
  expect(body).toContain('ECS service');
  expect((body.match(/ALB target group/g) ?? []).length).toBe(2);
});

test('no Lambda-backed custom resource; one Lambda function (the smoke-test hook)', () => {
  const types = Object.values(template.toJSON().Resources).map((r: any) => r.Type as string);
  expect(types.filter((t) => t.startsWith('Custom::') || t === 'AWS::CloudFormation::CustomResource')).toEqual([]);
  template.resourceCountIs('AWS::Lambda::Function', 1);
});
