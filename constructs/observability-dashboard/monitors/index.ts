import { httpApiMonitor } from './api-gateway-http';
import { restApiMonitor } from './api-gateway-rest';
import { codeBuildMonitor } from './codebuild';
import { codeDeployMonitor } from './codedeploy';
import { codePipelineMonitor } from './codepipeline';
import { customMetricsMonitor } from './custom-metrics';
import { dynamoDbMonitor } from './dynamodb';
import { ecsServiceMonitor } from './ecs-service';
import { lambdaAliasMonitor, lambdaVersionMonitor } from './lambda-alias';
import { lambdaFunctionMonitor } from './lambda-function';
import { logGroupMonitor } from './log-group';
import { snsMonitor } from './sns';
import { sqsMonitor } from './sqs';
import { stepFunctionsMonitor } from './step-functions';
import { targetGroupMonitor } from './target-group';
import { Monitor } from '../private/monitor';

/**
 * The registry: every monitor, most specific first (an alias is also a function). Adding a
 * monitor is adding one file to monitors/ and one line here.
 */
export const MONITORS: readonly Monitor[] = [
  customMetricsMonitor,
  lambdaAliasMonitor,
  lambdaVersionMonitor,
  lambdaFunctionMonitor,
  restApiMonitor,
  httpApiMonitor,
  sqsMonitor,
  snsMonitor,
  dynamoDbMonitor,
  stepFunctionsMonitor,
  codeBuildMonitor,
  codePipelineMonitor,
  codeDeployMonitor,
  logGroupMonitor,
  ecsServiceMonitor,
  targetGroupMonitor,
];

/** The monitor for a resource, or undefined when none supports it. */
export function monitorFor(resource: unknown): Monitor | undefined {
  return MONITORS.find((m) => m.supports(resource as any));
}
