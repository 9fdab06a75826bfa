import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  AccountBaseline, BlueGreenLambda, ConformancePack, ObservabilityDashboard, PackageFormat, PackageRegistry, PackRule,
  PipelineExecutionState, PipelineSource, PipelineWithApproval, RuleSet, SharedKeys,
} from '../../constructs';
import { buildReferenceApp } from '../../examples/reference-app';
import { BenchScenario } from '../scenario';

/**
 * KMS keys and their monthly cost: every customer-managed key costs SharedKeys.MONTHLY_KEY_COST_USD
 * a month (AWS KMS pricing, "Key storage"; each rotation adds $1 a month for the first two), so
 * the count per stack is the figure to watch. Rows: the reference app (cdk.json context) and an
 * 8-stack platform built on the public API only.
 */

const env = { account: '111111111111', region: 'eu-west-1' };
const ADDRESS = 'ops@example.com';

/** AWS::KMS::Key count of every template of an assembly (stages included), by template file name. */
function keysPerTemplate(dir: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (entry.startsWith('asset.')) continue;
    if (statSync(path).isDirectory()) {
      for (const [name, n] of keysPerTemplate(path)) counts.set(name, n);
    } else if (entry.endsWith('.template.json')) {
      const resources = Object.values<any>(JSON.parse(readFileSync(path, 'utf-8')).Resources ?? {});
      counts.set(entry.replace('.template.json', ''), resources.filter((r) => r.Type === 'AWS::KMS::Key').length);
      // A StackSet's template (AccountBaseline) is deployed to every member account and Region.
      for (const stackSet of resources.filter((r) => r.Type === 'AWS::CloudFormation::StackSet' && typeof r.Properties?.TemplateBody === 'string')) {
        const member = Object.values<any>(JSON.parse(stackSet.Properties.TemplateBody).Resources ?? {});
        counts.set(`${entry.replace('.template.json', '')} StackSet (per member account and Region)`, member.filter((r) => r.Type === 'AWS::KMS::Key').length);
      }
    }
  }
  return counts;
}

function keyNotes(dir: string): string {
  const counts = keysPerTemplate(dir);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const max = Math.max(0, ...counts.values());
  const perStack = [...counts.entries()].map(([name, n]) => `${name} ${n}`).join(', ');
  return `KMS keys: ${total} in ${counts.size} templates (at most ${max} per stack), $${total * SharedKeys.MONTHLY_KEY_COST_USD}/month (${perStack})`;
}

function inlineFunction(name: string): lambda.FunctionProps {
  return {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(`exports.handler = async () => ({ service: '${name}' });`),
    timeout: Duration.seconds(10),
  };
}

/** Three service stages, a central dashboard, a pipeline, governance (packs, account baseline) and a registry. */
function platform(app: App): Stack[] {
  const stacks: Stack[] = [];
  const newStack = (id: string) => new Stack(app, id, { env });
  for (const stage of ['Dev', 'Staging', 'Prod']) {
    const stack = newStack(`Service${stage}`);
    for (const name of ['Orders', 'Payments']) {
      new BlueGreenLambda(stack, name, {
        functionProps: inlineFunction(name),
        smokeTest: { payload: { ping: true } },
        notifications: { emailAddresses: [ADDRESS] },
      });
    }
    stacks.push(stack);
  }
  const dashboard = newStack('Dashboard');
  new ObservabilityDashboard(dashboard, 'Central', { dashboardName: 'platform' });
  const pipeline = newStack('Pipeline');
  new PipelineWithApproval(pipeline, 'Delivery', {
    source: PipelineSource.connection({ connectionArn: 'arn:aws:codeconnections:eu-west-1:111111111111:connection/00000000-0000-0000-0000-000000000000', owner: 'o', repo: 'r', branch: 'main' }),
    stages: [
      { stageName: 'Dev', stacks: [{ stackName: 'ServiceDev', templatePath: 'ServiceDev.template.json' }] },
      { stageName: 'Prod', account: '222222222222', stacks: [{ stackName: 'ServiceProd', templatePath: 'ServiceProd.template.json' }] },
    ],
    approvals: [{ beforeStage: 'Prod', notifications: { emailAddresses: ['release@example.com'] } }],
    notifications: { emailAddresses: [ADDRESS], executionStates: [PipelineExecutionState.FAILED] },
  });
  const governance = newStack('Governance');
  new ConformancePack(governance, 'Guardrails', {
    packName: 'guardrails',
    createRecorder: true,
    createDeliveryBucket: true,
    ruleSets: [RuleSet.devOpsBestPractices()],
    rules: [PackRule.customLambda('TablesOnDemand', { resourceTypes: ['AWS::DynamoDB::Table'], propertyPath: 'configuration.billingModeSummary.billingMode', expectedValue: 'PAY_PER_REQUEST' })],
    notifications: { emailAddresses: ['security@example.com'] },
  });
  const baseline = newStack('Baseline');
  new AccountBaseline(baseline, 'Baseline', {
    landingZoneVersion: '3.3',
    organizationId: 'o-exampleorg1',
    organizationalUnits: ['ou-ab12-workload1'],
    governedRegions: ['eu-west-1'],
    stackSet: { notifications: { emailAddresses: ['security@example.com'] } },
  });
  const registry = newStack('Registry');
  new PackageRegistry(registry, 'Registry', {
    domainName: 'platform',
    formats: [{ format: PackageFormat.NPM }, { format: PackageFormat.PYPI }],
    notifications: { emailAddresses: [ADDRESS] },
  });
  return [...stacks, dashboard, pipeline, governance, baseline, registry];
}

/** The same platform, every stack using the keys of one key stack (`SharedKeys.useKeyStack(app, keyStack)`). */
function platformWithKeyStack(app: App): Stack[] {
  const keyStack = new Stack(app, 'Keys', { env });
  SharedKeys.useKeyStack(app, keyStack);
  return [keyStack, ...platform(app)];
}

function cdkJsonContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf-8')).context ?? {};
}

const scenarios: BenchScenario[] = [
  {
    name: 'KMS keys: reference app (examples/, cdk.json context)',
    build: (app) => {
      for (const [key, value] of Object.entries(cdkJsonContext())) app.node.setContext(key, value);
      return buildReferenceApp(app);
    },
    notes: keyNotes,
  },
  {
    name: 'KMS keys: 8-stack platform (3 service stages with 2 BlueGreenLambdas each, central dashboard, pipeline, conformance packs, account baseline, registry)',
    build: (app) => platform(app),
    notes: keyNotes,
  },
  {
    name: 'KMS keys: the same 8-stack platform with a key stack (SharedKeys.useKeyStack(app, keyStack): one key per class for the app)',
    build: platformWithKeyStack,
    notes: keyNotes,
  },
];

export default scenarios;
