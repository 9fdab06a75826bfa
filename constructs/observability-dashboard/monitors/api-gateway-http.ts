import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { IConstruct } from 'constructs';
import { hasString, metric, Monitor, MonitorContext, percentiles, ratePercent } from '../private/monitor';

/** Metrics of an HTTP API (dimension ApiId; HTTP APIs name their error metrics `4xx`/`5xx`). */
function httpApiMetrics(api: apigatewayv2.IHttpApi, ctx: MonitorContext) {
  const dims = { ApiId: api.apiId };
  const count = metric(ctx, 'AWS/ApiGateway', 'Count', dims, 'Sum', 'Requests');
  const serverErrors = metric(ctx, 'AWS/ApiGateway', '5xx', dims, 'Sum', '5xx errors');
  return {
    count,
    clientErrors: metric(ctx, 'AWS/ApiGateway', '4xx', dims, 'Sum', '4xx errors'),
    serverErrors,
    serverErrorRate: ratePercent(ctx, serverErrors, count, '5xx rate (%)'),
    latency: percentiles(ctx, 'AWS/ApiGateway', 'Latency', dims),
    integrationLatency: metric(ctx, 'AWS/ApiGateway', 'IntegrationLatency', dims, 'p99', 'Integration latency p99'),
  };
}
type HttpApiMetrics = ReturnType<typeof httpApiMetrics>;

/** An API Gateway HTTP API. */
export const httpApiMonitor: Monitor<apigatewayv2.IHttpApi, HttpApiMetrics> = {
  kind: 'API Gateway HTTP API',
  accepts: 'aws-apigatewayv2 HttpApi / IHttpApi',
  supports: (r: IConstruct) => r instanceof apigatewayv2.HttpApi || (hasString(r, 'httpApiId') && hasString(r, 'apiId')),
  metrics: (api, ctx) => httpApiMetrics(api, ctx),
  signals: (m) => ({
    traffic: [m.count],
    errors: [m.clientErrors, m.serverErrors, m.serverErrorRate],
    latency: [...m.latency, m.integrationLatency],
  }),
  alarms: (m) => [
    { id: 'ServerErrorRate', description: 'Share of requests answered with 5xx (%)', metric: m.serverErrorRate, comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, critical: 1 },
    { id: 'LatencyP99', description: 'p99 latency (ms)', metric: m.latency[2], comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, critical: 3000 },
  ],
};
