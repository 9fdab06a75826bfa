import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { FisLambdaExtension } from '../../constructs';

export const ENV = { account: '111111111111', region: 'eu-west-1' };

/** A stack with the usual targets of an experiment: a function with the FIS extension, an ECS service, a VPC. */
export function fixture(options: { ecsFaultInjection?: boolean } = {}) {
  const app = new App();
  const stack = new Stack(app, 'Chaos', { env: ENV });
  const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=async()=>1') });
  const configBucket = new s3.Bucket(stack, 'FisConfig');
  FisLambdaExtension.attach(fn, { bucket: configBucket });
  const alarm = new cloudwatch.Alarm(stack, 'Errors', { metric: fn.metricErrors(), threshold: 1, evaluationPeriods: 1 });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, clusterName: 'shop' });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task', { enableFaultInjection: options.ecsFaultInjection });
  taskDefinition.addContainer('app', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:latest') });
  const service = new ecs.FargateService(stack, 'Service', { cluster, taskDefinition, serviceName: 'shop-web' });
  return { app, stack, fn, configBucket, alarm, vpc, cluster, service };
}

/** The one experiment template of a stack. */
export function experimentTemplate(stack: Stack): any {
  const templates = Template.fromStack(stack).findResources('AWS::FIS::ExperimentTemplate');
  const values = Object.values(templates);
  if (values.length !== 1) throw new Error(`expected one experiment template, found ${values.length}`);
  return values[0].Properties;
}

/** Statements of the managed policies attached to a role whose logical id starts with `prefix`. */
export function roleStatements(stack: Stack, prefix: RegExp): any[] {
  const t = Template.fromStack(stack);
  const roles = Object.keys(t.findResources('AWS::IAM::Role')).filter((id) => prefix.test(id));
  if (roles.length !== 1) throw new Error(`expected one role matching ${prefix}, found ${roles.join(', ')}`);
  return Object.values(t.findResources('AWS::IAM::ManagedPolicy'))
    .filter((p) => (p.Properties.Roles ?? []).some((r: any) => r.Ref === roles[0]))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}

export const actionsOf = (s: any): string[] => [s.Action].flat();
