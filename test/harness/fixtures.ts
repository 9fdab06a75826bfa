import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/** The account and Region the unit tests synthesize in. */
export const TEST_ENV = { account: '111111111111', region: 'eu-west-1' };

/** A stack `Service` in its own app, in `TEST_ENV`. */
export function serviceStack(): Stack {
  return new Stack(new App(), 'Service', { env: TEST_ENV });
}

/** Props of a small inline Node.js function answering 200, with overrides. */
export function inlineFunctionProps(overrides: Partial<lambda.FunctionProps> = {}): lambda.FunctionProps {
  return {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    timeout: Duration.seconds(10),
    ...overrides,
  };
}
