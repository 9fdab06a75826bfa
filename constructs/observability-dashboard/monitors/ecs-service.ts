import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { IConstruct } from 'constructs';
import { hasString, metric, Monitor, MonitorContext } from '../private/monitor';

/** CPU and memory of an ECS service (AWS/ECS, by cluster and service). */
function serviceMetrics(service: ecs.IBaseService, ctx: MonitorContext) {
  const dims = { ClusterName: service.cluster.clusterName, ServiceName: service.serviceName };
  return {
    cpu: metric(ctx, 'AWS/ECS', 'CPUUtilization', dims, 'Average', 'CPU (%)'),
    cpuMax: metric(ctx, 'AWS/ECS', 'CPUUtilization', dims, 'Maximum', 'CPU max (%)'),
    memory: metric(ctx, 'AWS/ECS', 'MemoryUtilization', dims, 'Average', 'Memory (%)'),
    memoryMax: metric(ctx, 'AWS/ECS', 'MemoryUtilization', dims, 'Maximum', 'Memory max (%)'),
  };
}
type ServiceMetrics = ReturnType<typeof serviceMetrics>;

/** An ECS service (Fargate or EC2): CPU and memory saturation, alarming when sustained near full. */
export const ecsServiceMonitor: Monitor<ecs.IBaseService, ServiceMetrics> = {
  kind: 'ECS service',
  accepts: 'aws-ecs FargateService / Ec2Service / IBaseService',
  supports: (r: IConstruct) => r instanceof ecs.BaseService
    || (hasString(r, 'serviceArn') && hasString(r, 'serviceName') && typeof (r as any).cluster?.clusterName === 'string'),
  metrics: (service, ctx) => serviceMetrics(service, ctx),
  signals: (m) => ({ saturation: [m.cpu, m.cpuMax, m.memory, m.memoryMax] }),
  alarms: (m) => [
    { id: 'CpuUtilization', description: 'Average CPU of the service (%)', metric: m.cpu, comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, critical: 90, evaluationPeriods: 5 },
    { id: 'MemoryUtilization', description: 'Average memory of the service (%)', metric: m.memory, comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, critical: 90, evaluationPeriods: 5 },
  ],
};
