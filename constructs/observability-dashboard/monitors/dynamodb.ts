import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { IConstruct } from 'constructs';
import { hasString, literalName, metric, Monitor, MonitorContext } from '../private/monitor';

/** Operations whose latency and system errors are shown (SystemErrors is per operation). */
const OPERATIONS = ['GetItem', 'PutItem', 'Query', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'];

function tableMetrics(table: dynamodb.ITable | dynamodb.ITableV2, ctx: MonitorContext) {
  const dims = { TableName: literalName(table.tableName, table.tableArn, 5, true) };
  const op = (name: string, stat: string, operation: string) =>
    metric(ctx, 'AWS/DynamoDB', name, { ...dims, Operation: operation }, stat, `${operation} ${stat === 'Sum' ? '' : stat}`.trim());
  const systemErrorMetrics: Record<string, cloudwatch.IMetric> = {};
  OPERATIONS.forEach((operation, i) => { systemErrorMetrics[`e${i}`] = op('SystemErrors', 'Sum', operation); });
  const readThrottles = metric(ctx, 'AWS/DynamoDB', 'ReadThrottleEvents', dims, 'Sum', 'Read throttles');
  const writeThrottles = metric(ctx, 'AWS/DynamoDB', 'WriteThrottleEvents', dims, 'Sum', 'Write throttles');
  return {
    reads: metric(ctx, 'AWS/DynamoDB', 'ConsumedReadCapacityUnits', dims, 'Sum', 'Consumed RCU'),
    writes: metric(ctx, 'AWS/DynamoDB', 'ConsumedWriteCapacityUnits', dims, 'Sum', 'Consumed WCU'),
    systemErrors: new cloudwatch.MathExpression({
      expression: Object.keys(systemErrorMetrics).map((id) => `FILL(${id}, 0)`).join(' + '),
      usingMetrics: systemErrorMetrics,
      label: 'System errors',
      period: ctx.period,
    }),
    throttles: new cloudwatch.MathExpression({
      expression: 'FILL(r, 0) + FILL(w, 0)', usingMetrics: { r: readThrottles, w: writeThrottles }, label: 'Throttled events', period: ctx.period,
    }),
    readThrottles,
    writeThrottles,
    latency: ['GetItem', 'Query', 'PutItem'].map((operation) => op('SuccessfulRequestLatency', 'p99', operation)),
  };
}
type TableMetrics = ReturnType<typeof tableMetrics>;

/** A DynamoDB table (Table or TableV2): capacity used, throttles, system errors, latency per operation. */
export const dynamoDbMonitor: Monitor<dynamodb.ITable | dynamodb.ITableV2, TableMetrics> = {
  kind: 'DynamoDB table',
  accepts: 'aws-dynamodb Table / TableV2 / ITable',
  supports: (r: IConstruct) => r instanceof dynamodb.TableBase || r instanceof dynamodb.TableBaseV2
    || (hasString(r, 'tableName') && hasString(r, 'tableArn')),
  metrics: (table, ctx) => tableMetrics(table, ctx),
  signals: (m) => ({ traffic: [m.reads, m.writes], errors: [m.systemErrors], latency: m.latency, saturation: [m.readThrottles, m.writeThrottles] }),
  alarms: (m) => [
    { id: 'SystemErrors', description: 'Requests that failed with a DynamoDB system error', metric: m.systemErrors, comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, critical: 0 },
    { id: 'Throttles', description: 'Read and write throttle events', metric: m.throttles, comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, critical: 0 },
  ],
};
