import { CfnResource, Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, IConstruct } from 'constructs';
import { dependOnGrantsOnly, eventDeadLetterQueue, ManagedPolicyRole, secureLogGroup, stackSingleton, suppressNagFindings } from '../../core';
import { EcsSmokeTestFunction } from '../ecs-smoke-test-function';

/** Fixed id of the per-stack singleton every BlueGreenEcsService of the stack shares. */
const SHARED_ID = 'GantryBlueGreenEcsShared';

/** Timeout of the shared smoke-test hook: one check per invocation (retries are ECS's callbacks). */
export const ECS_SMOKE_TEST_HOOK_TIMEOUT = Duration.minutes(1);

/** The stack's smoke-test hook and where it runs. */
export interface EcsSmokeTestHook {
  readonly function: lambda.Function;
  readonly securityGroup: ec2.SecurityGroup;
  readonly vpc: ec2.IVpc;
}

/**
 * What every BlueGreenEcsService in a stack shares, created on first use: the smoke-test hook
 * (one function in the services' VPC, configured per service through hookDetails) and the
 * dead-letter queue of the notification rules (the topic is the stack's notification topic, or the one given).
 */
export class BlueGreenEcsShared extends Construct {
  public static of(scope: IConstruct): BlueGreenEcsShared {
    return stackSingleton(scope, SHARED_ID, 'BlueGreenEcsService', (c): c is BlueGreenEcsShared => c instanceof BlueGreenEcsShared, (stack, id) => new BlueGreenEcsShared(stack, id));
  }

  private _hook?: EcsSmokeTestHook;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  /** Dead letters of the notification rules. */
  public get deadLetterQueue(): sqs.Queue {
    return eventDeadLetterQueue(this);
  }

  /**
   * The smoke-test hook, created on first use in the given VPC and subnets. Every service of the
   * stack shares it, so they must share the VPC.
   */
  public smokeTestHook(owner: IConstruct, vpc: ec2.IVpc, subnets: ec2.SubnetSelection | undefined): EcsSmokeTestHook {
    if (this._hook) {
      if (this._hook.vpc !== vpc && this._hook.vpc.vpcId !== vpc.vpcId) {
        throw new Error(`[BlueGreenEcsService at '${owner.node.path}'] invalid 'cluster': its VPC differs from the VPC of the stack's shared smoke-test hook `
          + `(${this._hook.vpc.node.path}); allowed: services of one stack in one VPC, or smokeTest.enabled false for this one`);
      }
      return this._hook;
    }
    const { logGroup } = secureLogGroup(this, 'SmokeTestLogs');
    const role = new ManagedPolicyRole(this, 'SmokeTestRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Smoke-test hook of blue/green ECS deployments',
    });
    logGroup.grantWrite(role);
    // Network interfaces in the VPC: the actions have no resource-level scoping for Create/Describe.
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'ManageVpcNetworkInterfaces',
      actions: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface',
        'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
      resources: ['*'],
    }));
    // The hook only calls the test listener: no egress but what the services open to it.
    const securityGroup = new ec2.SecurityGroup(this, 'SmokeTestSecurityGroup', {
      vpc,
      allowAllOutbound: false,
      description: 'Smoke-test hook of blue/green ECS deployments: egress to the test listeners only',
    });
    // An inline rule that matches no traffic: the egress to each test listener is a separate
    // resource, and a group without inline egress would get CloudFormation's allow-all rule.
    securityGroup.addEgressRule(ec2.Peer.ipv4('255.255.255.255/32'), ec2.Port.icmpTypeAndCode(252, 85), 'No traffic: only the test-listener rules allow egress');
    const fn = new EcsSmokeTestFunction(this, 'SmokeTest', {
      description: 'Gantry BlueGreenEcsService smoke test: calls the test listener of the revision under deployment',
      role,
      logGroup,
      timeout: ECS_SMOKE_TEST_HOOK_TIMEOUT,
      memorySize: 256,
      tracing: lambda.Tracing.ACTIVE,
      vpc,
      vpcSubnets: subnets,
      securityGroups: [securityGroup],
    });
    dependOnGrantsOnly(fn.node.defaultChild as CfnResource, role);
    suppressNagFindings(role.grantsPolicy!, [{
      id: 'AwsSolutions-IAM5',
      reason: 'X-Ray PutTraceSegments/PutTelemetryRecords and EC2 Create/Describe/Delete/AssignPrivateIp network interface actions have no resource-level permissions (Service Authorization Reference); Lambda needs them to run in the VPC.',
      appliesTo: ['Resource::*'],
    }]);
    const concurrency = 'The hook runs a few times per deployment; reserving concurrency would take it from the account pool (new accounts reject any reservation).';
    const synchronous = 'Amazon ECS invokes the hook synchronously and reads its hookStatus; there is no asynchronous event to dead-letter (a failed invocation rolls the deployment back).';
    suppressNagFindings(fn, [
      { id: 'NIST.800.53.R5-LambdaConcurrency', reason: concurrency },
      { id: 'HIPAA.Security-LambdaConcurrency', reason: concurrency },
      { id: 'Serverless-LambdaDLQ', reason: synchronous },
      { id: 'NIST.800.53.R5-LambdaDLQ', reason: synchronous },
      { id: 'HIPAA.Security-LambdaDLQ', reason: synchronous },
    ]);
    this._hook = { function: fn, securityGroup, vpc };
    return this._hook;
  }
}
