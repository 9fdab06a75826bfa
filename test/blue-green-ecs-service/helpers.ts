import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { BlueGreenEcsService, BlueGreenEcsServiceProps } from '../../constructs';

export const env = { account: '111111111111', region: 'eu-west-1' };

/** A stack with a VPC, a cluster, an internal ALB and a Fargate task definition with one web container. */
export function setup() {
  const app = new App();
  const stack = new Stack(app, 'Ecs', { env });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
  const loadBalancer = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: false });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task', { cpu: 256, memoryLimitMiB: 512 });
  taskDefinition.addContainer('web', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable'),
    portMappings: [{ containerPort: 80 }],
  });
  return { app, stack, vpc, cluster, loadBalancer, taskDefinition };
}

export type Setup = ReturnType<typeof setup>;

/** A BlueGreenEcsService on the setup, with the given props on top. */
export function service(s: Setup, props: Partial<BlueGreenEcsServiceProps> = {}, id = 'Web'): BlueGreenEcsService {
  return new BlueGreenEcsService(s.stack, id, { cluster: s.cluster, taskDefinition: s.taskDefinition, loadBalancer: s.loadBalancer, ...props });
}
