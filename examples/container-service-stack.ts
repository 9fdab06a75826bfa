import { Aws, CfnOutput, Duration, Stack, StackProps, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { BlueGreenEcsService, IDeploymentAlarmSource, ObservabilityDashboard, TrafficShift } from '../constructs';
import { accessLogsBucket, ManagedPolicyRole, secureLogGroup, suppressNagFindings } from '../constructs/core';

/** The image the reference container service runs: a public registry image, so synth needs no Docker. */
export const CONTAINER_IMAGE = 'public.ecr.aws/nginx/nginx:stable-alpine';

/** Thresholds of the container service's deployment alarms (the pipeline's gate uses the same health alarm). */
export const CONTAINER_ALARM_THRESHOLDS = { errorRatePercent: 5, p99LatencyMs: 1_000 } as const;

/** Address range of the stack's VPC; the production listener admits clients from it. */
const VPC_CIDR = '10.0.0.0/16';

export interface ContainerServiceStackProps extends StackProps {
  /**
   * How production traffic moves to a new revision.
   * @default TrafficShift.canary({ percent: 10, bakeTime: Duration.minutes(5) })
   */
  readonly trafficShift?: TrafficShift;
  /**
   * Deletion protection of the load balancer (the integration test turns it off to clean up).
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/**
 * Container service stack: nginx from a public registry on Fargate behind an internal Application
 * Load Balancer, deployed by Amazon ECS's own blue/green controller: every new task definition
 * starts a green revision, test traffic reaches it on port 8080, the built-in smoke test checks it
 * from inside the VPC, 10% of production traffic moves for five minutes, then the rest, and the
 * 5xx-rate and p99 alarms over both target groups roll it back. The health alarm gates the
 * pipeline; a dashboard draws the service, both target groups and the alarms.
 */
export class ContainerServiceStack extends Stack {
  /** Names of the alarms (error rate, p99 latency, health) of the service deployed as stack `stackName`. */
  public static alarmNamesIn(stackName: string): string[] {
    return BlueGreenEcsService.alarmNames(stackName);
  }

  /** The blue/green service; its health alarm gates the delivery pipeline. */
  public readonly service: BlueGreenEcsService;
  /** The dashboard and its alarm topic. */
  public readonly dashboard: ObservabilityDashboard;
  /** The internal load balancer. */
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;

  constructor(scope: Construct, id: string, props: ContainerServiceStackProps = {}) {
    super(scope, id, props);

    const { logGroup: flowLogs } = secureLogGroup(this, 'FlowLogs');
    const flowLogsRole = new ManagedPolicyRole(this, 'FlowLogsRole', {
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com'),
      description: 'Writes the VPC flow logs of the reference container service',
    });
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(VPC_CIDR),
      maxAzs: 2,
      natGateways: 1,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      ],
      flowLogs: { All: { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs, flowLogsRole), trafficType: ec2.FlowLogTrafficType.ALL } },
    });
    const cluster = new ecs.Cluster(this, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });

    // Own roles whose grants land in customer-managed policies (no inline policies).
    const executionRole = new ManagedPolicyRole(this, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Pulls the image and writes the container logs of the reference container service',
    });
    const taskRole = new ManagedPolicyRole(this, 'TaskRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Role of the reference container service\'s tasks (nginx calls no AWS API)',
    });
    const taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', { cpu: 256, memoryLimitMiB: 512, executionRole, taskRole });
    const { logGroup: containerLogs } = secureLogGroup(this, 'ContainerLogs');
    taskDefinition.addContainer('web', {
      image: ecs.ContainerImage.fromRegistry(CONTAINER_IMAGE),
      portMappings: [{ containerPort: 80 }],
      logging: ecs.LogDrivers.awsLogs({ logGroup: containerLogs, streamPrefix: 'web' }),
      healthCheck: { command: ['CMD-SHELL', 'wget -q -O /dev/null http://localhost/ || exit 1'], interval: Duration.seconds(15) },
    });

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc,
      internetFacing: false,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      dropInvalidHeaderFields: true,
      deletionProtection: props.deletionProtection ?? true,
    });
    const albLogs = accessLogsBucket(this, 'LoadBalancerLogs');
    this.loadBalancer.logAccessLogs(albLogs, 'alb');

    this.dashboard = new ObservabilityDashboard(this, 'Observability', { dashboardName: Aws.STACK_NAME });

    this.service = new BlueGreenEcsService(this, 'Web', {
      cluster,
      taskDefinition,
      loadBalancer: this.loadBalancer,
      trafficShift: props.trafficShift ?? TrafficShift.canary({ percent: 10, bakeTime: Duration.minutes(5) }),
      bakeTime: Duration.minutes(10),
      healthCheck: { path: '/', healthyThresholdCount: 2, interval: Duration.seconds(10) },
      alarmThresholds: CONTAINER_ALARM_THRESHOLDS,
      // Named after the deployed stack, so the pipeline's gate finds the health alarm without an export.
      alarmNamePrefix: Aws.STACK_NAME,
      smokeTest: { path: '/', expectedStatus: 200, expectedBodyContains: 'nginx' },
      monitoring: this.dashboard,
    });
    // Clients inside the VPC only: the load balancer is internal.
    this.service.productionListener.connections.allowDefaultPortFrom(ec2.Peer.ipv4(VPC_CIDR), 'Clients inside the VPC');

    this.acceptFindings(vpc, albLogs);

    new CfnOutput(this, 'LoadBalancerDnsName', { value: this.loadBalancer.loadBalancerDnsName, description: 'Production on port 80, test traffic on 8080 (inside the VPC)' });
    new CfnOutput(this, 'ServiceName', { value: this.service.service.serviceName });
    new CfnOutput(this, 'HealthAlarmName', { value: this.service.healthAlarm.alarmName });
  }

  /**
   * Zones `<region>a` and `<region>b` without a context lookup, so synth needs no credentials
   * (an environment-agnostic stack keeps Fn::GetAZs).
   */
  public get availabilityZones(): string[] {
    return Token.isUnresolved(this.region) ? super.availabilityZones : [`${this.region}a`, `${this.region}b`];
  }

  /** The health alarm, for the pipeline stage that deploys this stack. */
  public get deployment(): IDeploymentAlarmSource {
    return this.service;
  }

  /** Findings of this reference stack's own infrastructure that are accepted, each with its reason. */
  private acceptFindings(vpc: ec2.Vpc, albLogs: Construct): void {
    const internalHttp = 'Amazon ECS blue/green needs forward-only listeners (no redirect to HTTPS on them); this internal load balancer serves HTTP inside the VPC only, and a certificate needs a domain the reference app does not own.';
    for (const listener of [this.service.productionListener, this.service.testListener]) {
      suppressNagFindings(listener!, ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].flatMap((pack) => [
        { id: `${pack}-ALBHttpToHttpsRedirection`, reason: internalHttp },
        { id: `${pack}-ELBv2ACMCertificateRequired`, reason: internalHttp },
      ]));
    }
    const internal = 'The load balancer is internal (private subnets, VPC clients only); a WAF web ACL belongs to an internet-facing entry point.';
    suppressNagFindings(this.loadBalancer, [
      { id: 'NIST.800.53.R5-ALBWAFEnabled', reason: internal },
      { id: 'PCI.DSS.321-ALBWAFEnabled', reason: internal },
    ]);
    const logChain = 'This bucket receives the load balancer\'s access logs (SSE-S3, as ELB requires); logging access to it would need a further log bucket, and the chain has to end.';
    suppressNagFindings(albLogs, [
      { id: 'AwsSolutions-S1', reason: logChain },
      { id: 'NIST.800.53.R5-S3BucketLoggingEnabled', reason: logChain },
      { id: 'HIPAA.Security-S3BucketLoggingEnabled', reason: logChain },
      { id: 'PCI.DSS.321-S3BucketLoggingEnabled', reason: logChain },
    ]);
    const defaultGroup = 'Nothing uses the VPC\'s default security group (every resource has its own); closing it takes a Lambda-backed custom resource this stack avoids.';
    suppressNagFindings(vpc, ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].map((pack) => ({ id: `${pack}-VPCDefaultSecurityGroupClosed`, reason: defaultGroup })));
    const natRoute = 'The public subnets hold only the NAT gateway, which reaches the public image registry through the internet gateway; tasks and the load balancer are in private subnets.';
    for (const subnet of vpc.publicSubnets) {
      suppressNagFindings(subnet.node.findChild('DefaultRoute'), ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].map((pack) => ({ id: `${pack}-VPCNoUnrestrictedRouteToIGW`, reason: natRoute })));
    }
  }
}
