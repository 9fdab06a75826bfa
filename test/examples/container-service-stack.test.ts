import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  CONTAINER_ALARM_THRESHOLDS, CONTAINER_CERTIFICATE_CONTEXT, CONTAINER_HOST_NAME_CONTEXT, CONTAINER_IMAGE, ContainerServiceStack,
} from '../../examples/container-service-stack';
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
  // Production clients (HTTPS, and HTTP to be redirected) from the VPC only.
  template.hasResourceProperties('AWS::EC2::SecurityGroup', {
    SecurityGroupIngress: Match.arrayWith([
      Match.objectLike({ CidrIp: '10.0.0.0/16', FromPort: 443, ToPort: 443 }),
      Match.objectLike({ CidrIp: '10.0.0.0/16', FromPort: 80, ToPort: 80 }),
    ]),
  });
});

describe('TLS from the context (gantry:container:certificateArn and gantry:container:hostName)', () => {
  const listeners = (t: Template) => Object.fromEntries(Object.values(t.findResources('AWS::ElasticLoadBalancingV2::Listener')).map((r) => [r.Properties.Port, r.Properties]));

  test('HTTPS production (443) and test (8443) listeners with the context certificate and the TLS 1.3 policy; port 80 only redirects', () => {
    const certificateArn = stack.node.tryGetContext(CONTAINER_CERTIFICATE_CONTEXT);
    expect(certificateArn).toMatch(/^arn:aws:acm:eu-west-1:111111111111:certificate\//);
    const byPort = listeners(template);
    expect(Object.keys(byPort).sort()).toEqual(['443', '80', '8443']);
    for (const port of [443, 8443]) {
      expect(byPort[port]).toMatchObject({ Protocol: 'HTTPS', Certificates: [{ CertificateArn: certificateArn }], SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09' });
    }
    expect(byPort[80]).toMatchObject({ Protocol: 'HTTP', DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443' } }] });
  });

  test('the smoke test calls https://<load balancer>:8443/ as the context host name', () => {
    const service = Object.values(template.findResources('AWS::ECS::Service'))[0].Properties;
    expect(service.DeploymentConfiguration.LifecycleHooks[0].HookDetails).toMatchObject({
      url: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [expect.stringMatching(/^LoadBalancer/), 'DNSName'] }, ':8443/']] },
      hostName: stack.node.tryGetContext(CONTAINER_HOST_NAME_CONTEXT),
    });
    expect(template.findOutputs('LoadBalancerDnsName').LoadBalancerDnsName.Description).toMatch(/^HTTPS as web\.example\.com .*443.*8443/);
  });

  test('without the context: plain HTTP listeners (80, 8080) inside the VPC, as the integration test deploys', () => {
    const plain = new ContainerServiceStack(new App(), 'Plain', { env: { account: '111111111111', region: 'eu-west-1' } });
    const t = Template.fromStack(plain);
    const byPort = listeners(t);
    expect(Object.keys(byPort).sort()).toEqual(['80', '8080']);
    expect(Object.values(byPort).map((l: any) => l.Protocol)).toEqual(['HTTP', 'HTTP']);
    expect(t.findOutputs('LoadBalancerDnsName').LoadBalancerDnsName.Description).toBe('Production on port 80, test traffic on 8080 (inside the VPC)');
  });

  test('a certificate without a host name (or the reverse) fails, naming both keys', () => {
    expect(() => new ContainerServiceStack(new App(), 'Half', { certificateArn: 'arn:aws:acm:eu-west-1:111111111111:certificate/x' }))
      .toThrow(/invalid 'certificateArn' and 'hostName': got only certificateArn; allowed: both \(context gantry:container:certificateArn and gantry:container:hostName\)/);
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
