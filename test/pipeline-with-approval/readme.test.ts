import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Aws, Stack, Stage, StageProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { BlueGreenLambda, PipelineSource, PipelineWithApproval, StageStep } from '../../constructs';

// The README's pipeline example, compiled (tsc type-checks this file) and synthesized here; the
// test fails when the README's text drifts from this code.

/** The user's service stack: a BlueGreenLambda whose alarms are named after the stack. */
class OrdersStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new BlueGreenLambda(this, 'Orders', {
      functionProps: {
        functionName: `${Aws.STACK_NAME}-orders`,
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: lambda.Code.fromAsset(join(__dirname, 'fixtures')),
      },
      alarmNamePrefix: Aws.STACK_NAME,
    });
  }
}

function readmeExample(app: App, pipelineStack: Stack, connectionArn: string) {
  // README:start
  class OrdersStage extends Stage {
    constructor(scope: Construct, id: string, props?: StageProps) {
      super(scope, id, props);
      new OrdersStack(this, 'Orders'); // the service's stacks, e.g. one with the BlueGreenLambda above
    }
  }

  const delivery = new PipelineWithApproval(pipelineStack, 'Delivery', {
    source: PipelineSource.connection({ connectionArn, owner: 'acme', repo: 'orders', branch: 'main' }),
  });
  // Dev: the stage's stacks in dependency order; the build synthesizes once and publishes their
  // assets; the stage rolls back when the alarms of any BlueGreenLambda inside it fire.
  delivery.addStage(new OrdersStage(app, 'Dev', { env: { account: '111111111111', region: 'eu-west-1' } }));
  // Prod in another account: change sets → digest → approval → execute, then a smoke test; rolled
  // back on copies of the BlueGreenLambda's alarms the pipeline makes on Prod's metrics (its function is named).
  delivery.addStage(new OrdersStage(app, 'Prod', { env: { account: '222222222222', region: 'eu-west-1' } }), {
    approval: { notifications: { emailAddresses: ['release-managers@example.com'] } },
    post: [StageStep.codeBuild('SmokeTest', { buildSpec: { version: '0.2', phases: { build: { commands: ['npm run smoke'] } } } })],
  });
  // README:end
  return delivery;
}

test('the README shows the pipeline example as this test compiles and runs it', () => {
  const source = readFileSync(__filename, 'utf-8');
  const body = source.slice(source.indexOf('// README:start') + '// README:start'.length, source.indexOf('  // README:end'));
  const dedented = body.split('\n').map((l) => l.replace(/^ {2}/, '')).join('\n').trim();
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf-8');
  expect(readme).toContain(dedented);
});

test('the README example synthesizes: Dev gated on the BlueGreenLambda, Prod approved after its digest and gated on copies of its alarms', () => {
  const app = new App();
  const pipelineStack = new Stack(app, 'Delivery', { env: { account: '111111111111', region: 'eu-west-1' } });
  readmeExample(app, pipelineStack, 'arn:aws:codeconnections:eu-west-1:111111111111:connection/0123abcd');
  const stages = (Object.values(Template.fromStack(pipelineStack).findResources('AWS::CodePipeline::Pipeline'))[0] as any).Properties.Stages;
  expect(stages.map((s: any) => s.Name)).toEqual(['Source', 'Build', 'Dev', 'Prod']);
  expect(stages[2].OnSuccess.Conditions[0].Rules.map((r: any) => r.Configuration.AlarmName)).toEqual(BlueGreenLambda.versionAlarmNames('Dev-Orders'));
  expect(stages[3].Actions.map((a: any) => a.Name)).toEqual(['Prepare-Prod-Orders', 'Digest-Prod-Orders', 'Approve', 'Execute-Prod-Orders', 'SmokeTest']);
  expect(stages[3].OnSuccess.Conditions[0].Rules.map((r: any) => r.Name)).toEqual(['Alarm1', 'Alarm2', 'Alarm3']);
});
