import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { IConstruct } from 'constructs';
import { metric, Monitor, MonitorContext, percentiles, ratePercent } from '../private/monitor';

/** Metrics of a REST API stage (dimensions ApiName and Stage). */
function restApiMetrics(api: apigateway.RestApiBase, ctx: MonitorContext) {
  const dims: Record<string, string> = { ApiName: api.restApiName };
  const stage = (api as apigateway.RestApi).deploymentStage?.stageName;
  if (stage) dims.Stage = stage;
  const count = metric(ctx, 'AWS/ApiGateway', 'Count', dims, 'Sum', 'Requests');
  const serverErrors = metric(ctx, 'AWS/ApiGateway', '5XXError', dims, 'Sum', '5XX errors');
  return {
    count,
    clientErrors: metric(ctx, 'AWS/ApiGateway', '4XXError', dims, 'Sum', '4XX errors'),
    serverErrors,
    serverErrorRate: ratePercent(ctx, serverErrors, count, '5XX rate (%)'),
    latency: percentiles(ctx, 'AWS/ApiGateway', 'Latency', dims),
    integrationLatency: metric(ctx, 'AWS/ApiGateway', 'IntegrationLatency', dims, 'p99', 'Integration latency p99'),
  };
}
type RestApiMetrics = ReturnType<typeof restApiMetrics>;

/** An API Gateway REST API (its deployment stage when it has one). */
export const restApiMonitor: Monitor<apigateway.RestApiBase, RestApiMetrics> = {
  kind: 'API Gateway REST API',
  accepts: 'aws-apigateway RestApi / SpecRestApi',
  supports: (r: IConstruct) => r instanceof apigateway.RestApiBase,
  metrics: (api, ctx) => restApiMetrics(api, ctx),
  signals: (m) => ({
    traffic: [m.count],
    errors: [m.clientErrors, m.serverErrors, m.serverErrorRate],
    latency: [...m.latency, m.integrationLatency],
  }),
  alarms: (m) => [
    { id: 'ServerErrorRate', description: 'Share of requests answered with 5XX (%)', metric: m.serverErrorRate, comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, critical: 1 },
    { id: 'LatencyP99', description: 'p99 latency (ms)', metric: m.latency[2], comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, critical: 3000 },
  ],
};
