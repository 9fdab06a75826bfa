import { CfnResource, Duration, Fn, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import {
  checkPattern, checkRange, DeadLetteredTarget, fail, IDeploymentAlarmSource, IMonitoring, isUnresolved, Limits, ManagedPolicyRole,
  monitorDeadLetterQueue, NotificationOptions, resolveNotifications, RuleTopicTarget, suppressNagFindings, errorRateExpression,
} from '../core';
import { ApprovalTimeoutAction, DeploymentApprovalProps } from './deployment-approval';
import { BlueGreenEcsShared } from './private/shared';
import { EcsSmokeTestConfig } from './private/smoke-test-config';
import { EcsDeploymentAlarmThresholds, EcsSmokeTestProps } from './smoke-test-props';
import { checkMinutes, TrafficShift } from './traffic-shift';

/** Properties of a {@link BlueGreenEcsService}. */
export interface BlueGreenEcsServiceProps {
  /** The cluster the service runs in; its VPC holds the target groups and the smoke-test hook. */
  readonly cluster: ecs.ICluster;

  /**
   * The task definition. Fargate-compatible ones run as a Fargate service, others as an EC2
   * service. Its container (`containerName`) must map `containerPort`.
   */
  readonly taskDefinition: ecs.TaskDefinition;

  /** The Application Load Balancer whose listeners carry production and test traffic. */
  readonly loadBalancer: elbv2.IApplicationLoadBalancer;

  /**
   * The production listener. The construct adds a rule to it (`listenerRulePriority`,
   * `conditions`) forwarding to the two target groups. Its other rules and default action must be
   * forward actions too: Amazon ECS blue/green fails on listeners mixing forward with redirect,
   * fixed-response or authenticate actions.
   * @default - a listener on `productionPort` is created, HTTPS with `certificates`, else HTTP (closed: allow clients with `productionListener.connections`)
   */
  readonly productionListener?: elbv2.IApplicationListener;

  /**
   * Port of the created production listener (1-65535; not 80 while `redirectHttp` takes it).
   * @default - 443 with `certificates`, else 80
   */
  readonly productionPort?: number;

  /**
   * ACM certificates of the listeners this construct creates (production and test): with them,
   * both are HTTPS (the first certificate is the default one, the others are served by SNI).
   * Certificates apply to created listeners only: a given `productionListener` or `testListener`
   * carries its own.
   * @default - none: the created listeners are plain HTTP, allowed on an internal load balancer only
   */
  readonly certificates?: elbv2.IListenerCertificate[];

  /**
   * Security policy of the created HTTPS listeners (needs `certificates`).
   * @default - ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09, the TLS 1.3 policy AWS recommends (hybrid post-quantum key exchange, TLS 1.2 still accepted)
   */
  readonly sslPolicy?: elbv2.SslPolicy;

  /**
   * Create a separate plain-HTTP listener on port 80 that redirects every request to HTTPS on the
   * production port (needs `certificates`). It is a listener of its own, never the production or
   * test listener: Amazon ECS blue/green fails on listeners mixing forward with redirect actions.
   * Closed like the others: allow clients with `redirectListener.connections`.
   * @default - true with `certificates`
   */
  readonly redirectHttp?: boolean;

  /**
   * Default action of the created listeners. Only forward actions are allowed (see `productionListener`).
   * @default - forward to the two target groups (the rule matches first)
   */
  readonly listenerDefaultAction?: elbv2.ListenerAction;

  /**
   * Route test traffic to the new revision before production traffic moves, through a test
   * listener rule. The smoke test calls it.
   * @default true
   */
  readonly testTraffic?: boolean;

  /**
   * The test listener (must listen on `testPort`, which the smoke test calls).
   * @default - a listener on `testPort` is created, HTTPS with `certificates`, else HTTP (open only to the smoke-test hook)
   */
  readonly testListener?: elbv2.IApplicationListener;

  /**
   * Port of the test listener (1-65535, not the production port; not 80 while `redirectHttp` takes it).
   * @default - 8443 with `certificates`, else 8080
   */
  readonly testPort?: number;

  /**
   * Priority of the production and test listener rules (1-50000).
   * @default 1
   */
  readonly listenerRulePriority?: number;

  /**
   * Conditions of the listener rules.
   * @default - every path (`/*`)
   */
  readonly conditions?: elbv2.ListenerCondition[];

  /**
   * The container behind the load balancer.
   * @default - the task definition's default (first essential) container
   */
  readonly containerName?: string;

  /**
   * The container port behind the load balancer; the two target groups use it too.
   * @default - the container's first port mapping
   */
  readonly containerPort?: number;

  /**
   * Target type of the two target groups. `IP` needs the `awsvpc` network mode (Fargate always).
   * @default - IP for awsvpc, INSTANCE for bridge and host
   */
  readonly targetType?: elbv2.TargetType;

  /**
   * Health check of both target groups (they must match).
   * @default - the target group default (HTTP on the traffic port, path `/`)
   */
  readonly healthCheck?: elbv2.HealthCheck;

  /**
   * Deregistration delay of both target groups.
   * @default Duration.seconds(30)
   */
  readonly deregistrationDelay?: Duration;

  /**
   * Tasks to run.
   * @default 2
   */
  readonly desiredCount?: number;

  /**
   * Name of the service.
   * @default - generated by CloudFormation
   */
  readonly serviceName?: string;

  /**
   * Subnets of the tasks (awsvpc) and of the smoke-test hook.
   * @default - the VPC's private subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * Security groups of the tasks (awsvpc).
   * @default - one is created
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * Grace period before failed load-balancer health checks count.
   * @default Duration.seconds(60)
   */
  readonly healthCheckGracePeriod?: Duration;

  /**
   * The deployment controller, when porting props of an existing service: only `ECS` deploys
   * blue/green natively. A service on `CODE_DEPLOY` or `EXTERNAL` cannot switch controllers;
   * migrate by creating this service beside it and moving traffic.
   * @default - the ECS controller
   */
  readonly deploymentController?: ecs.DeploymentController;

  /**
   * How production traffic moves to the new revision.
   * @default TrafficShift.allAtOnce()
   */
  readonly trafficShift?: TrafficShift;

  /**
   * How long both revisions keep running after production traffic moved, while the deployment
   * alarms can still roll back: whole minutes, 0 to 24 hours.
   * @default Duration.minutes(10)
   */
  readonly bakeTime?: Duration;

  /**
   * Thresholds of the deployment alarms (error rate and p99 latency over both target groups).
   * @default - see EcsDeploymentAlarmThresholds
   */
  readonly alarmThresholds?: EcsDeploymentAlarmThresholds;

  /**
   * Names the alarms `<prefix>-ErrorRate`, `<prefix>-LatencyP99` and `<prefix>-Health`, so another
   * stack (a pipeline gating on the health alarm) finds them by name. `Aws.STACK_NAME` keeps copies
   * of one template apart.
   * @default - names generated by CloudFormation
   */
  readonly alarmNamePrefix?: string;

  /**
   * Further alarms that roll a deployment back (they join the health alarm too).
   * @default - none
   */
  readonly alarms?: cloudwatch.IAlarm[];

  /**
   * The built-in smoke test on the test listener.
   * @default - on, `GET /` must answer 200
   */
  readonly smokeTest?: EcsSmokeTestProps;

  /**
   * Your own lifecycle hooks (for example `ecs.DeploymentLifecycleLambdaTarget`), at any stage.
   * @default - none
   */
  readonly lifecycleHooks?: ecs.IDeploymentLifecycleHookTarget[];

  /**
   * Pause each deployment at a stage until someone continues it (`grantContinue`).
   * @default - no pause
   */
  readonly approval?: DeploymentApprovalProps;

  /**
   * Where failed and rolled-back deployments, paused approvals and the health alarm are notified
   * (the health alarm only without `monitoring`, which routes it to its own topic).
   * A given topic encrypted with a key of the app gets the statements CloudWatch and EventBridge
   * need; `{ enabled: false }` sends none. The boolean form of 0.x is rejected.
   * @default - notifications on, to the stack's shared Gantry notification topic, no subscriber
   */
  readonly notifications?: NotificationOptions;

  /**
   * Where to register the service, its target groups and its alarms (an ObservabilityDashboard).
   * @default - not registered
   */
  readonly monitoring?: IMonitoring;
}

const DEFAULTS = {
  productionPort: 80,
  testPort: 8080,
  httpsProductionPort: 443,
  httpsTestPort: 8443,
  redirectPort: 80,
  priority: 1,
  desiredCount: 2,
  bakeTime: Duration.minutes(10),
  errorRatePercent: 5,
  p99LatencyMs: 1000,
  evaluationPeriods: 2,
  smokePath: '/',
  expectedStatus: 200,
  maxAttempts: 10,
  retryDelay: Duration.seconds(15),
  requestTimeout: Duration.seconds(5),
  approvalTimeout: Duration.hours(4),
} as const;

/** Deployment events worth a page: a failed deployment, and one rolling back. */
const FAILURE_PATTERN = {
  $or: [
    { eventName: ['SERVICE_DEPLOYMENT_FAILED'] },
    { eventName: ['SERVICE_DEPLOYMENT_IN_PROGRESS'], reason: [{ wildcard: '*rolling back*' }] },
  ],
};

/**
 * An ECS service deployed blue/green, canary or linear by Amazon ECS's own deployment controller:
 * two target groups behind a production listener rule and a test listener rule, the infrastructure
 * role that lets ECS shift them, the deployment circuit breaker, and deployment alarms on the 5xx
 * rate and p99 latency of both target groups (production and alternate swap on every deployment),
 * all rolling back. A built-in smoke test checks the new revision on the test listener before
 * production traffic moves; an optional pause hook holds the deployment for an approval.
 */
export class BlueGreenEcsService extends Construct implements IDeploymentAlarmSource {
  /** Names the alarms get with `alarmNamePrefix`: error rate, p99 latency and the health alarm. */
  public static alarmNames(alarmNamePrefix: string): string[] {
    return ['ErrorRate', 'LatencyP99', 'Health'].map((suffix) => `${alarmNamePrefix}-${suffix}`);
  }

  /** The ECS service. */
  public readonly service: ecs.BaseService;
  /** The target group production traffic starts on. */
  public readonly blueTargetGroup: elbv2.ApplicationTargetGroup;
  /** The alternate target group (the roles swap on every deployment). */
  public readonly greenTargetGroup: elbv2.ApplicationTargetGroup;
  /** The production listener (given or created). */
  public readonly productionListener: elbv2.IApplicationListener;
  /** The production listener rule ECS shifts. */
  public readonly productionListenerRule: elbv2.ApplicationListenerRule;
  /** The test listener, when test traffic is on. */
  public readonly testListener?: elbv2.IApplicationListener;
  /** The test listener rule, when test traffic is on. */
  public readonly testListenerRule?: elbv2.ApplicationListenerRule;
  /** The plain-HTTP listener on port 80 that redirects to HTTPS, when `certificates` are given and `redirectHttp` is on. */
  public readonly redirectListener?: elbv2.ApplicationListener;
  /** The role ECS uses to shift the listener rules (AWS managed policy for load balancers only). */
  public readonly infrastructureRole: iam.Role;
  /** The role ECS uses to invoke the smoke-test hook and the lifecycle hooks without their own role. */
  public readonly hookRole: iam.Role;
  /** Alarm on the 5xx rate of either target group. */
  public readonly errorRateAlarm: cloudwatch.Alarm;
  /** Alarm on the p99 target response time of either target group. */
  public readonly latencyAlarm: cloudwatch.Alarm;
  /** The one health alarm: any deployment alarm in ALARM. Pipelines gate on it. */
  public readonly healthAlarm: cloudwatch.CompositeAlarm;
  /** The stack's shared smoke-test hook, when the smoke test is on. */
  public readonly smokeTestFunction?: lambda.IFunction;
  /** The shared deployment notification topic, when notifications are on. */
  public readonly notificationTopic?: sns.ITopic;
  /** Rule on failed and rolled-back deployments, when notifications are on. */
  public readonly deploymentFailureRule?: events.IRule;
  /** Rule on the deployment pausing for approval, when approval notifications are on. */
  public readonly approvalRule?: events.IRule;

  private readonly deploymentAlarmList: cloudwatch.IAlarm[] = [];
  private readonly hooks: object[] = [];
  private readonly title: string;
  private readonly monitoring?: IMonitoring;

  constructor(scope: Construct, id: string, props: BlueGreenEcsServiceProps) {
    super(scope, id);
    const shift = props.trafficShift ?? TrafficShift.allAtOnce();
    const bakeTime = props.bakeTime ?? DEFAULTS.bakeTime;
    const testTraffic = props.testTraffic ?? true;
    const smokeTest = props.smokeTest ?? {};
    const smokeTestEnabled = smokeTest.enabled ?? true;
    const tls = props.certificates !== undefined;
    const testPort = props.testPort ?? (tls ? DEFAULTS.httpsTestPort : DEFAULTS.testPort);
    const productionPort = props.productionPort ?? (tls ? DEFAULTS.httpsProductionPort : DEFAULTS.productionPort);
    const redirectHttp = props.redirectHttp ?? tls;
    this.validate(props, shift, bakeTime, testTraffic, smokeTestEnabled, testPort, productionPort);
    this.validateTls(props, testTraffic, smokeTestEnabled, testPort, productionPort, redirectHttp);
    const shared = BlueGreenEcsShared.of(this);
    this.title = `Blue/green ${this.node.path}`;
    this.monitoring = props.monitoring;

    const vpc = props.cluster.vpc;
    const taskDefinition = props.taskDefinition;
    const container = this.containerOf(props);
    const containerPort = props.containerPort ?? container.containerPort;
    const awsVpc = taskDefinition.networkMode === ecs.NetworkMode.AWS_VPC;
    const targetType = props.targetType ?? (awsVpc ? elbv2.TargetType.IP : elbv2.TargetType.INSTANCE);
    if (targetType === elbv2.TargetType.IP && !awsVpc) {
      fail(this, 'targetType', targetType, `INSTANCE for the '${taskDefinition.networkMode}' network mode (IP target groups need awsvpc)`);
    }

    // Two target groups of one shape: ECS moves the revisions between them.
    const targetGroupProps: elbv2.ApplicationTargetGroupProps = {
      vpc,
      port: containerPort,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType,
      healthCheck: props.healthCheck,
      deregistrationDelay: props.deregistrationDelay ?? Duration.seconds(30),
    };
    this.blueTargetGroup = new elbv2.ApplicationTargetGroup(this, 'BlueTargetGroup', targetGroupProps);
    this.greenTargetGroup = new elbv2.ApplicationTargetGroup(this, 'GreenTargetGroup', targetGroupProps);
    const forward = () => elbv2.ListenerAction.weightedForward([
      { targetGroup: this.blueTargetGroup, weight: 100 },
      { targetGroup: this.greenTargetGroup, weight: 0 },
    ]);
    const conditions = props.conditions ?? [elbv2.ListenerCondition.pathPatterns(['/*'])];
    const priority = props.listenerRulePriority ?? DEFAULTS.priority;

    if (!tls && (!props.productionListener || (testTraffic && !props.testListener))) checkPlainHttpAllowed(this, props.loadBalancer);
    // Created listeners: HTTPS with the certificates, else plain HTTP (internal load balancers only).
    const sslPolicy = props.sslPolicy ?? Limits.elb.recommendedSslPolicy as elbv2.SslPolicy;
    const protocol: Pick<elbv2.ApplicationListenerProps, 'protocol' | 'certificates' | 'sslPolicy'> = tls
      ? { protocol: elbv2.ApplicationProtocol.HTTPS, certificates: props.certificates, sslPolicy }
      : { protocol: elbv2.ApplicationProtocol.HTTP };
    this.productionListener = props.productionListener ?? new elbv2.ApplicationListener(this, 'ProductionListener', {
      loadBalancer: props.loadBalancer,
      port: productionPort,
      ...protocol,
      open: false,
      defaultAction: props.listenerDefaultAction ?? forward(),
    });
    this.productionListenerRule = new elbv2.ApplicationListenerRule(this, 'ProductionRule', {
      listener: this.productionListener, priority, conditions, action: forward(),
    });
    if (testTraffic) {
      this.testListener = props.testListener ?? new elbv2.ApplicationListener(this, 'TestListener', {
        loadBalancer: props.loadBalancer,
        port: testPort,
        ...protocol,
        open: false,
        defaultAction: props.listenerDefaultAction ?? forward(),
      });
      this.testListenerRule = new elbv2.ApplicationListenerRule(this, 'TestRule', {
        listener: this.testListener, priority, conditions, action: forward(),
      });
    }

    if (!tls) {
      for (const [given, created] of [[props.productionListener, this.productionListener], [props.testListener, this.testListener]] as const) {
        if (!given && created) suppressNagFindings(created, PLAIN_HTTP_ACKNOWLEDGEMENTS);
      }
    }
    if (tls && redirectHttp) {
      // A listener of its own: ECS blue/green fails on listeners mixing forward with redirect.
      this.redirectListener = new elbv2.ApplicationListener(this, 'RedirectListener', {
        loadBalancer: props.loadBalancer,
        port: DEFAULTS.redirectPort,
        protocol: elbv2.ApplicationProtocol.HTTP,
        open: false,
        defaultAction: elbv2.ListenerAction.redirect({
          protocol: elbv2.ApplicationProtocol.HTTPS,
          port: isUnresolved(productionPort) ? Token.asString(productionPort) : String(productionPort),
          permanent: true,
        }),
      });
      // After the production listener: switching a service from HTTP to HTTPS frees port 80 first.
      this.redirectListener.node.addDependency(this.productionListener);
      suppressNagFindings(this.redirectListener, REDIRECT_ACKNOWLEDGEMENTS);
    }

    // Only the AWS managed policy ECS documents for blue/green with load balancers.
    this.infrastructureRole = new iam.Role(this, 'InfrastructureRole', {
      assumedBy: new iam.ServicePrincipal('ecs.amazonaws.com'),
      description: `Lets Amazon ECS shift the listener rules of blue/green service ${this.node.path}`,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(Limits.ecs.infrastructureRoleManagedPolicy)],
    });
    suppressNagFindings(this.infrastructureRole, [{
      id: 'AwsSolutions-IAM4',
      reason: 'Amazon ECS documents AmazonECSInfrastructureRolePolicyForLoadBalancers as the policy of its blue/green infrastructure role; AWS maintains it as ECS adds load-balancer operations.',
      appliesTo: [`Policy::arn:<AWS::Partition>:iam::aws:policy/${Limits.ecs.infrastructureRoleManagedPolicy}`],
    }]);
    this.hookRole = new ManagedPolicyRole(this, 'HookRole', {
      assumedBy: new iam.ServicePrincipal('ecs.amazonaws.com'),
      description: `Lets Amazon ECS invoke the lifecycle hooks of blue/green service ${this.node.path}`,
    });

    const stepConfig: ecs.TrafficShiftConfig = { stepPercent: shift.percent, stepBakeTime: shift.stepBakeTime };
    const strategyProps = {
      deploymentController: { type: ecs.DeploymentControllerType.ECS },
      deploymentStrategy: shift.strategy,
      bakeTime,
      canaryConfiguration: shift.strategy === ecs.DeploymentStrategy.CANARY ? stepConfig : undefined,
      linearConfiguration: shift.strategy === ecs.DeploymentStrategy.LINEAR ? stepConfig : undefined,
      circuitBreaker: { enable: true, rollback: true },
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
    };
    const common = {
      cluster: props.cluster,
      desiredCount: props.desiredCount ?? DEFAULTS.desiredCount,
      serviceName: props.serviceName,
      healthCheckGracePeriod: props.healthCheckGracePeriod ?? Duration.seconds(60),
      ...strategyProps,
    };
    const network = awsVpc ? { vpcSubnets: props.vpcSubnets, securityGroups: props.securityGroups } : {};
    this.service = taskDefinition.isFargateCompatible
      ? new ecs.FargateService(this, 'Service', { ...common, ...network, taskDefinition })
      : new ecs.Ec2Service(this, 'Service', { ...common, ...network, taskDefinition });

    this.service.loadBalancerTarget({
      containerName: container.containerName,
      containerPort,
      alternateTarget: new ecs.AlternateTarget('AlternateTarget', {
        alternateTargetGroup: this.greenTargetGroup,
        productionListener: ecs.ListenerRuleConfiguration.applicationListenerRule(this.productionListenerRule),
        testListener: this.testListenerRule ? ecs.ListenerRuleConfiguration.applicationListenerRule(this.testListenerRule) : undefined,
        role: this.infrastructureRole,
      }),
    }).attachToApplicationTargetGroup(this.blueTargetGroup);
    // The load balancer reaches the tasks through either target group (the rules forward to both,
    // so the service already waits for both to be attached).
    this.greenTargetGroup.registerConnectable(this.service);
    const cfnService = this.service.node.defaultChild as ecs.CfnService;
    const rules = [this.productionListenerRule, this.testListenerRule].filter((r): r is elbv2.ApplicationListenerRule => r !== undefined);
    dropDependsOnReferenced(cfnService, [this.service, cfnService], rules);

    // Alarms: each the worse of the two target groups, since production moves between them.
    const thresholds = props.alarmThresholds ?? {};
    const prefix = props.alarmNamePrefix;
    const names = prefix !== undefined ? BlueGreenEcsService.alarmNames(prefix) : [];
    const evaluationPeriods = thresholds.evaluationPeriods ?? DEFAULTS.evaluationPeriods;
    this.errorRateAlarm = new cloudwatch.Alarm(this, 'ErrorRateAlarm', {
      alarmName: names[0],
      alarmDescription: `5xx rate of the targets of ${this.node.path} (either target group) above ${thresholds.errorRatePercent ?? DEFAULTS.errorRatePercent}%`,
      metric: this.worseOfTargetGroups('errors', props.loadBalancer),
      threshold: thresholds.errorRatePercent ?? DEFAULTS.errorRatePercent,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.latencyAlarm = new cloudwatch.Alarm(this, 'LatencyAlarm', {
      alarmName: names[1],
      alarmDescription: `p99 target response time of ${this.node.path} (either target group) above ${thresholds.p99LatencyMs ?? DEFAULTS.p99LatencyMs} ms`,
      metric: this.worseOfTargetGroups('latency', props.loadBalancer),
      threshold: thresholds.p99LatencyMs ?? DEFAULTS.p99LatencyMs,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    for (const alarm of [this.errorRateAlarm, this.latencyAlarm, ...(props.alarms ?? [])]) {
      if (!this.deploymentAlarmList.includes(alarm)) this.deploymentAlarmList.push(alarm);
    }
    this.healthAlarm = new cloudwatch.CompositeAlarm(this, 'HealthAlarm', {
      compositeAlarmName: names[2],
      alarmDescription: `Any deployment alarm of ${this.node.path} in ALARM`,
      alarmRule: { renderAlarmRule: () => Lazy.string({ produce: () => cloudwatch.AlarmRule.anyOf(...this.deploymentAlarmList).renderAlarmRule() }) },
    });
    // Deployment alarms are rendered from this construct's list at synth, so one added later counts.
    cfnService.addPropertyOverride('DeploymentConfiguration.Alarms', {
      Enable: true,
      Rollback: true,
      AlarmNames: Lazy.list({ produce: () => this.deploymentAlarmList.map((a) => a.alarmName) }),
    });

    // Lifecycle hooks, rendered here rather than by the L2, which has no hook details and no pause hooks.
    cfnService.addPropertyOverride('DeploymentConfiguration.LifecycleHooks', Lazy.any({ produce: () => (this.hooks.length > 0 ? this.hooks : undefined) }));
    if (smokeTestEnabled) this.smokeTestFunction = this.addSmokeTest(shared, props, smokeTest, testPort);
    for (const hook of props.lifecycleHooks ?? []) this.addLifecycleHook(hook);
    if (props.approval) this.addPause(props.approval);

    const topic = resolveNotifications(this, 'notifications', props.notifications, ['events.amazonaws.com', 'cloudwatch.amazonaws.com']);
    if (topic) {
      this.notificationTopic = topic;
      this.deploymentFailureRule = new events.Rule(this, 'DeploymentFailures', {
        description: `Failed or rolled-back deployments of ${this.node.path}`,
        eventPattern: {
          source: ['aws.ecs'],
          detailType: [Limits.ecs.deploymentStateChangeDetailType],
          resources: [this.service.serviceArn],
          detail: FAILURE_PATTERN,
        },
        targets: [new DeadLetteredTarget(new RuleTopicTarget(topic), shared.deadLetterQueue)],
      });
      // With a monitoring, it routes the health alarm (its topic): a second action would page twice.
      if (!props.monitoring) this.healthAlarm.addAlarmAction(new cwActions.SnsAction(topic));
      if (props.approval && (props.approval.notify ?? true)) this.approvalRule = this.notifyApproval(shared, topic, props.approval);
    }

    if (!this.monitoring) {
      // Without a dashboard to route them, the component alarms carry no action of their own.
      for (const alarm of [this.errorRateAlarm, this.latencyAlarm]) {
        suppressNagFindings(alarm, ['NIST.800.53.R5', 'HIPAA.Security'].map((pack) => ({
          id: `${pack}-CloudWatchAlarmAction`,
          reason: 'Component of the composite health alarm: Amazon ECS reads it to roll back and the pipeline gates on the composite, which carries the notification; an action here would notify twice.',
        })));
      }
    }
    // One call per resource. The service carries the deployment alarms (read at synth, so added
    // ones show too) beside its CPU and memory defaults; the target groups are drawn without
    // defaults, since the deployment alarms watch their 5xx rate and latency (one set of thresholds).
    const self = this;
    this.monitoring?.monitor(this.service, {
      title: this.title,
      alarmSource: { get alarms() { return [...self.deploymentAlarmList, self.healthAlarm]; } },
      defaultAlarms: true,
    });
    this.monitoring?.monitor(this.blueTargetGroup, { title: `${this.title} target group A`, defaultAlarms: false });
    this.monitoring?.monitor(this.greenTargetGroup, { title: `${this.title} target group B`, defaultAlarms: false });
    // The stack's shared dead-letter queue (failure and approval notifications), once per monitoring.
    if (this.monitoring && this.notificationTopic) monitorDeadLetterQueue(this.monitoring, shared.deadLetterQueue);
  }

  /**
   * The health alarm: it is in ALARM when any deployment alarm is. There are no
   * `deploymentGateAlarms`: the alarms watch target-group metrics, whose `TargetGroup` dimension is
   * the target group's full name with an id Elastic Load Balancing assigns at creation, so a
   * pipeline in another account cannot re-create them at synth; gate such a stage in its own
   * account, or opt out (the ECS deployment alarms still roll back there).
   */
  public get deploymentAlarms(): cloudwatch.IAlarm[] {
    return [this.healthAlarm];
  }

  /** Alarms Amazon ECS watches during a deployment (defaults and added ones). */
  public get rollbackAlarms(): cloudwatch.IAlarm[] {
    return [...this.deploymentAlarmList];
  }

  /** Add an alarm that rolls a deployment back (and joins the health alarm). */
  public addDeploymentAlarm(alarm: cloudwatch.IAlarm): void {
    if (this.deploymentAlarmList.includes(alarm)) return;
    this.deploymentAlarmList.push(alarm);
  }

  /**
   * Add a lifecycle hook (for example `ecs.DeploymentLifecycleLambdaTarget`). A hook without its
   * own role is invoked with `hookRole`.
   */
  public addLifecycleHook(target: ecs.IDeploymentLifecycleHookTarget): void {
    const config = target.bind(this.service);
    this.hooks.push({
      HookTargetArn: config.targetArn,
      RoleArn: (config.role ?? this.hookRole).roleArn,
      LifecycleStages: config.lifecycleStages.map(String),
    });
    if (!config.role) this.grantHookInvoke(config.targetArn);
  }

  /**
   * Let a principal continue or roll back this service's paused deployments
   * (`ecs:ContinueServiceDeployment`), and find them (`ecs:ListServiceDeployments`,
   * `ecs:DescribeServiceDeployments`), on this service only.
   */
  public grantContinue(grantee: iam.IGrantable): iam.Grant {
    const stack = Stack.of(this);
    const deployments = stack.formatArn({
      service: 'ecs',
      resource: 'service-deployment',
      resourceName: `${this.service.cluster.clusterName}/${this.service.serviceName}/*`,
    });
    iam.Grant.addToPrincipal({ grantee, actions: ['ecs:ListServiceDeployments'], resourceArns: [this.service.serviceArn] });
    return iam.Grant.addToPrincipal({ grantee, actions: ['ecs:ContinueServiceDeployment', 'ecs:DescribeServiceDeployments'], resourceArns: [deployments] });
  }

  private addSmokeTest(
    shared: BlueGreenEcsShared, props: BlueGreenEcsServiceProps, smokeTest: EcsSmokeTestProps, testPort: number,
  ): lambda.IFunction {
    const hook = shared.smokeTestHook(this, props.cluster.vpc, props.vpcSubnets);
    // The hook reaches the test listener only.
    this.testListener!.connections.allowFrom(hook.securityGroup, ec2.Port.tcp(testPort), `Smoke test of ${this.node.path}`);
    const config: EcsSmokeTestConfig = {
      service: this.node.path,
      url: `${props.certificates ? 'https' : 'http'}://${props.loadBalancer.loadBalancerDnsName}:${testPort}${smokeTest.path ?? DEFAULTS.smokePath}`,
      hostName: smokeTest.hostName,
      expectedStatus: smokeTest.expectedStatus ?? DEFAULTS.expectedStatus,
      expectedBodyContains: smokeTest.expectedBodyContains,
      maxAttempts: smokeTest.maxAttempts ?? DEFAULTS.maxAttempts,
      retryDelaySeconds: (smokeTest.retryDelay ?? DEFAULTS.retryDelay).toSeconds(),
      requestTimeoutMs: (smokeTest.requestTimeout ?? DEFAULTS.requestTimeout).toMilliseconds(),
    };
    this.hooks.push({
      HookTargetArn: hook.function.functionArn,
      RoleArn: this.hookRole.roleArn,
      LifecycleStages: [smokeTest.stage ?? ecs.DeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT],
      HookDetails: config,
    });
    this.grantHookInvoke(hook.function.functionArn);
    return hook.function;
  }

  /**
   * A pause hook. aws-cdk-lib 2.257 models neither `TargetType: PAUSE` nor `TimeoutConfiguration`
   * (the CloudFormation resource has both), so they are written as raw properties here; a test
   * fails once the pinned aws-cdk-lib offers them natively.
   */
  private addPause(approval: DeploymentApprovalProps): void {
    this.hooks.push({
      TargetType: 'PAUSE',
      LifecycleStages: [approval.stage ?? ecs.DeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT],
      TimeoutConfiguration: {
        TimeoutInMinutes: (approval.timeout ?? DEFAULTS.approvalTimeout).toMinutes(),
        Action: approval.timeoutAction ?? ApprovalTimeoutAction.ROLLBACK,
      },
    });
  }

  private notifyApproval(shared: BlueGreenEcsShared, topic: sns.ITopic, approval: DeploymentApprovalProps): events.Rule {
    const stage = approval.stage ?? ecs.DeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT;
    const timeout = approval.timeout ?? DEFAULTS.approvalTimeout;
    const action = approval.timeoutAction ?? ApprovalTimeoutAction.ROLLBACK;
    const deployment = events.EventField.fromPath('$.detail.serviceDeploymentArn');
    const hookId = events.EventField.fromPath('$.detail.hookId');
    return new events.Rule(this, 'ApprovalRequests', {
      description: `Deployments of ${this.node.path} paused for approval`,
      eventPattern: {
        source: ['aws.ecs'],
        detailType: [Limits.ecs.hookStateChangeDetailType],
        resources: [this.service.serviceArn],
        detail: { eventName: ['HOOK_AWAITING_ACTION'] },
      },
      targets: [new DeadLetteredTarget(new RuleTopicTarget(topic, {
        message: events.RuleTargetInput.fromText(
          `The deployment of ECS service ${this.service.serviceName} (${this.node.path}) is paused at ${stage} for approval. `
          + `Continue it: aws ecs continue-service-deployment --service-deployment-arn ${deployment} --hook-id ${hookId} --action CONTINUE `
          + `(or --action ROLLBACK). Without an answer it will ${action === ApprovalTimeoutAction.ROLLBACK ? 'roll back' : 'continue'} after ${timeout.toHumanString()}.`,
        ),
      }), shared.deadLetterQueue)],
    });
  }

  private grantHookInvoke(functionArn: string): void {
    this.hookRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [functionArn] }));
  }

  /** The worse (MAX) of the two target groups: 5xx rate in percent, or p99 response time in ms. */
  private worseOfTargetGroups(kind: 'errors' | 'latency', loadBalancer: elbv2.IApplicationLoadBalancer): cloudwatch.IMetric {
    const period = Duration.minutes(1);
    const lbName = loadBalancer instanceof elbv2.ApplicationLoadBalancer
      ? loadBalancer.loadBalancerFullName
      : Fn.select(1, Fn.split(':loadbalancer/', loadBalancer.loadBalancerArn));
    const m = (tg: elbv2.ApplicationTargetGroup, metricName: string, statistic: string) => new cloudwatch.Metric({
      namespace: 'AWS/ApplicationELB',
      metricName,
      statistic,
      period,
      dimensionsMap: { TargetGroup: tg.targetGroupFullName, LoadBalancer: lbName },
    });
    const [a, b] = [this.blueTargetGroup, this.greenTargetGroup];
    if (kind === 'latency') {
      return new cloudwatch.MathExpression({
        expression: '1000 * MAX([a, b])',
        usingMetrics: { a: m(a, 'TargetResponseTime', 'p99'), b: m(b, 'TargetResponseTime', 'p99') },
        label: 'p99 target response time (ms), worse target group',
        period,
      });
    }
    // Metric ids are global to the alarm: one set per target group.
    const rate = (tg: elbv2.ApplicationTargetGroup, suffix: string) => new cloudwatch.MathExpression({
      expression: errorRateExpression(`errors${suffix}`, `requests${suffix}`),
      usingMetrics: { [`errors${suffix}`]: m(tg, 'HTTPCode_Target_5XX_Count', 'Sum'), [`requests${suffix}`]: m(tg, 'RequestCount', 'Sum') },
      label: `target group ${suffix}`,
      period,
    });
    return new cloudwatch.MathExpression({
      expression: 'MAX([rateA, rateB])',
      usingMetrics: { rateA: rate(a, 'A'), rateB: rate(b, 'B') },
      label: '5xx rate (%), worse target group',
      period,
    });
  }

  private containerOf(props: BlueGreenEcsServiceProps): ecs.ContainerDefinition {
    const td = props.taskDefinition;
    const container = props.containerName !== undefined ? td.findContainer(props.containerName) : td.defaultContainer;
    if (!container) {
      fail(this, 'containerName', props.containerName, `a container of task definition ${td.node.path}`
        + (props.containerName === undefined ? ' (it has none yet: add the container before creating the service)' : ''));
    }
    if (props.containerPort === undefined && container.portMappings.length === 0) {
      fail(this, 'containerPort', undefined, `a port mapped by container '${container.containerName}' (it maps none)`);
    }
    if (props.containerPort !== undefined && !isUnresolved(props.containerPort)
      && !container.portMappings.some((p) => p.containerPort === props.containerPort)) {
      fail(this, 'containerPort', props.containerPort, `a port mapped by container '${container.containerName}': ${container.portMappings.map((p) => p.containerPort).join(', ') || 'none'}`);
    }
    return container;
  }

  private validateTls(
    props: BlueGreenEcsServiceProps, testTraffic: boolean, smokeTestEnabled: boolean, testPort: number, productionPort: number, redirectHttp: boolean,
  ): void {
    const certificates = props.certificates;
    if (certificates === undefined) {
      if (props.redirectHttp) fail(this, 'redirectHttp', true, 'false or unset without certificates (the redirect goes to the HTTPS listeners that certificates create)');
      if (props.sslPolicy !== undefined) fail(this, 'sslPolicy', props.sslPolicy, 'unset without certificates (it applies to the HTTPS listeners that certificates create)');
    } else {
      if (!isUnresolved(certificates) && certificates.length === 0) {
        fail(this, 'certificates', '[] (an empty list)', 'at least one ACM certificate, or no certificates prop for plain HTTP listeners');
      }
      const given = [props.productionListener && 'productionListener', testTraffic && props.testListener && 'testListener'].filter(Boolean);
      if (given.length > 0) {
        fail(this, 'certificates', `${certificates.length} certificate(s) with ${given.join(' and ')} given`,
          'certificates only when the construct creates the production and test listeners: a given listener carries its own certificates and security policy');
      }
      if (redirectHttp) {
        for (const [prop, port] of [['productionPort', productionPort], ['testPort', testTraffic ? testPort : undefined]] as const) {
          if (port !== undefined && !isUnresolved(port) && port === DEFAULTS.redirectPort) {
            fail(this, prop, port, `a port other than ${DEFAULTS.redirectPort}, which the HTTP-to-HTTPS redirect listener takes (or redirectHttp false)`);
          }
        }
      }
    }
    const hostName = props.smokeTest?.hostName;
    if (smokeTestEnabled && certificates !== undefined && hostName === undefined) {
      fail(this, 'smokeTest.hostName', undefined, 'the DNS name of the listener certificate: over HTTPS the smoke test sends it as TLS SNI and Host header '
        + 'and verifies the certificate against it (the load balancer\'s own DNS name is not on the certificate)');
    }
    checkPattern(this, 'smokeTest.hostName', hostName, /(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*/,
      'a DNS name (labels of letters, digits and hyphens, at most 253 characters, no scheme, port or path)');
  }

  private validate(
    props: BlueGreenEcsServiceProps, shift: TrafficShift, bakeTime: Duration, testTraffic: boolean,
    smokeTestEnabled: boolean, testPort: number, productionPort: number,
  ): void {
    const controller = props.deploymentController?.type;
    if (controller !== undefined && controller !== ecs.DeploymentControllerType.ECS) {
      fail(this, 'deploymentController', controller,
        `ECS (the only controller that deploys blue/green, canary and linear natively). A service on ${controller} cannot change controllers: `
        + 'migrate by creating this BlueGreenEcsService as a new service beside it, moving traffic to it, then removing the old one');
    }
    shift._validate(this, 'trafficShift');
    checkMinutes(this, 'bakeTime', bakeTime, Limits.ecs.maxBakeMinutes);
    const computed = bakeTime.isUnresolved() ? undefined : shift._computedMinutes(bakeTime.toMinutes({ integral: false }));
    if (computed !== undefined && computed > Limits.ecs.maxCloudFormationComputedDeploymentMinutes) {
      fail(this, 'trafficShift', `${computed} minutes of bake time (bakeTime plus ${shift.strategy === ecs.DeploymentStrategy.LINEAR ? 'stepBakeTime x steps' : 'the canary bake time'})`,
        `at most ${Limits.ecs.maxCloudFormationComputedDeploymentMinutes} minutes (CloudFormation rejects ECS deployments computed above 33 hours)`);
    }
    if (props.approval) {
      const timeout = props.approval.timeout ?? DEFAULTS.approvalTimeout;
      checkMinutes(this, 'approval.timeout', timeout, Limits.ecs.maxHookTimeoutMinutes, Limits.ecs.minHookTimeoutMinutes);
      if (computed !== undefined && !timeout.isUnresolved() && computed + timeout.toMinutes() > Limits.ecs.cloudFormationOperationTimeoutMinutes) {
        fail(this, 'approval.timeout', `${timeout.toMinutes()} minutes (plus ${computed} minutes of bake time)`,
          `at most ${Limits.ecs.cloudFormationOperationTimeoutMinutes - computed} minutes here: bake times plus the pause must stay under CloudFormation's 36-hour operation timeout`);
      }
    }
    if (props.listenerDefaultAction) {
      if (props.productionListener && (props.testListener || !testTraffic)) {
        fail(this, 'listenerDefaultAction', 'a default action', 'none when every listener is given (it applies to the listeners this construct creates)');
      }
      const types = props.listenerDefaultAction.renderActions().map((a) => a.type);
      const other = types.filter((t) => !Limits.ecs.blueGreenListenerActionTypes.includes(t));
      if (other.length > 0) {
        fail(this, 'listenerDefaultAction', types.join(', '),
          'forward actions only: Amazon ECS blue/green fails on listeners that mix forward with redirect, fixed-response or authenticate actions');
      }
    }
    for (const [prop, port] of [['productionPort', props.productionPort], ['testPort', props.testPort], ['containerPort', props.containerPort]] as const) {
      checkRange(this, prop, port, Limits.elb.minPort, Limits.elb.maxPort, { integer: true });
    }
    if (!props.productionListener && testTraffic && !props.testListener && !isUnresolved(testPort) && testPort === productionPort) {
      fail(this, 'testPort', testPort, `a port other than the production port ${productionPort}`);
    }
    checkRange(this, 'listenerRulePriority', props.listenerRulePriority, Limits.elb.minRulePriority, Limits.elb.maxRulePriority, { integer: true });
    checkRange(this, 'desiredCount', props.desiredCount, 0, Number.MAX_SAFE_INTEGER, { integer: true });
    const t = props.alarmThresholds ?? {};
    checkRange(this, 'alarmThresholds.errorRatePercent', t.errorRatePercent, 0, 100, { unit: 'percent' });
    checkRange(this, 'alarmThresholds.p99LatencyMs', t.p99LatencyMs, 1, 3_600_000, { unit: 'milliseconds' });
    checkRange(this, 'alarmThresholds.evaluationPeriods', t.evaluationPeriods, 1, 60, { integer: true, unit: 'one-minute periods' });
    checkPattern(this, 'alarmNamePrefix', props.alarmNamePrefix, /[^\s].{0,240}/, '1-241 characters, not starting with a space (alarm names are at most 255 characters with the suffix)');

    const s = props.smokeTest ?? {};
    if (smokeTestEnabled) {
      if (!testTraffic) fail(this, 'smokeTest', 'enabled', 'smokeTest.enabled false when testTraffic is false (the smoke test calls the test listener)');
      if (s.path !== undefined && !Token.isUnresolved(s.path) && !s.path.startsWith('/')) {
        fail(this, 'smokeTest.path', s.path, 'a path starting with "/"');
      }
      checkRange(this, 'smokeTest.expectedStatus', s.expectedStatus, 100, 599, { integer: true });
      checkRange(this, 'smokeTest.maxAttempts', s.maxAttempts, 1, 60, { integer: true });
      checkSeconds(this, 'smokeTest.retryDelay', s.retryDelay, 5, 300);
      checkSeconds(this, 'smokeTest.requestTimeout', s.requestTimeout, 1, 50);
    }
  }
}

/**
 * The service references its listener rules (AdvancedConfiguration), so the DependsOn the L2 adds
 * on them is redundant (cfn-lint W3005): render DependsOn from the same dependencies without them.
 */
function dropDependsOnReferenced(resource: CfnResource, owners: IConstruct[], referenced: IConstruct[]): void {
  const skip = new Set(referenced.flatMap((r) => r.node.findAll()));
  resource.addOverride('DependsOn', Lazy.any({
    produce: () => {
      const ids = new Set<string>();
      for (const owner of owners) {
        for (const dependency of owner.node.dependencies) {
          for (const c of dependency.node.findAll()) {
            const sameStack = CfnResource.isCfnResource(c) && Stack.of(c) === Stack.of(resource);
            if (sameStack && !skip.has(c) && c !== resource) ids.add(Stack.of(c).resolve(c.logicalId));
          }
        }
      }
      return ids.size > 0 ? [...ids].sort() : undefined;
    },
  }));
}

function checkSeconds(scope: Construct, prop: string, value: Duration | undefined, min: number, max: number): void {
  if (value === undefined || value.isUnresolved()) return;
  const seconds = value.toSeconds({ integral: false });
  if (!Number.isInteger(seconds) || seconds < min || seconds > max) fail(scope, prop, value.toHumanString(), `whole seconds from ${min} to ${max}`);
}

/** The nag findings of a listener this construct creates (plain HTTP, forward only), and why they are accepted. */
const PLAIN_HTTP_ACKNOWLEDGEMENTS = ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].flatMap((pack) => [
  `${pack}-ALBHttpToHttpsRedirection`, `${pack}-ELBv2ACMCertificateRequired`,
].map((id) => ({
  id,
  reason: 'Created only on an internal load balancer (checked at synth): HTTP stays inside the VPC, and Amazon ECS blue/green needs forward-only listeners (no redirect to HTTPS); give an HTTPS listener for anything else.',
})));

/** The nag finding of the redirect listener (plain HTTP, redirect only), and why it is accepted. */
const REDIRECT_ACKNOWLEDGEMENTS = ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].map((pack) => ({
  id: `${pack}-ELBv2ACMCertificateRequired`,
  reason: 'Redirect-only listener on port 80: it answers every plain-HTTP request with a permanent redirect to the HTTPS production listener (which has the ACM certificate) and serves no content; an HTTP listener cannot hold a certificate.',
}));

/**
 * The construct creates plain HTTP listeners only on a load balancer it can see is internal: on an
 * internet-facing (or imported) one, the user gives the HTTPS listeners.
 */
function checkPlainHttpAllowed(scope: IConstruct, loadBalancer: elbv2.IApplicationLoadBalancer): void {
  const cfn = loadBalancer.node.defaultChild;
  const scheme = cfn instanceof elbv2.CfnLoadBalancer ? cfn.scheme : undefined;
  if (scheme !== undefined && Token.isUnresolved(scheme)) return;
  if (scheme === 'internal') return;
  const kind = scheme === undefined ? 'an imported' : 'an internet-facing';
  fail(scope, 'productionListener', undefined, `certificates (the construct then creates HTTPS listeners), or a listener of your own (HTTPS, with its certificate) for ${kind} load balancer `
    + 'and a testListener unless testTraffic is false: the construct creates plain HTTP listeners only on an internal load balancer');
}
