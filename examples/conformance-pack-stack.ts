import * as path from 'path';
import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ConformancePack, PackRule, PackTemplate, Remediation, RemediationParameter, RuleSet } from '../constructs';

/**
 * Governance stack: conformance packs for a Control Tower management or delegated-administrator
 * account. Control Tower already runs the Config recorder here, so the packs skip it.
 *
 * - `devops-guardrails`: the DevOps/serverless best-practices set (minus one rule), a remediated
 *   S3 rule, a custom Lambda rule (Gantry's pre-bundled evaluator) and a Guard policy rule, with a
 *   delivery bucket, NON_COMPLIANT notifications and an organization aggregator.
 * - `lambda-security`: the AWS sample pack "Security Best Practices for Lambda", loaded from file
 *   with a parameter overridden.
 */
export class ConformancePackStack extends Stack {
  public readonly guardrails: ConformancePack;
  public readonly lambdaSecurity: ConformancePack;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);

    this.guardrails = new ConformancePack(this, 'DevOpsGuardrails', {
      packName: 'devops-guardrails',
      controlTowerManaged: true,
      createDeliveryBucket: true,
      organizationAggregator: true,
      ruleSets: [RuleSet.devOpsBestPractices().withoutRules('LambdaInsideVpc')],
      rules: [
        PackRule.managed('S3_BUCKET_VERSIONING_ENABLED', {
          remediation: Remediation.ssmDocument('AWS-ConfigureS3BucketVersioning', {
            parameters: { BucketName: RemediationParameter.resourceId(), VersioningState: RemediationParameter.staticValue('Enabled') },
            automatic: true,
            maximumAutomaticAttempts: 3,
            retryAttemptSeconds: 300,
          }),
        }),
        PackRule.managed('REQUIRED_TAGS', {
          ruleName: 'WorkloadsTaggedWithOwner',
          inputParameters: { tag1Key: 'owner' },
          resourceTypes: ['AWS::Lambda::Function', 'AWS::DynamoDB::Table', 'AWS::S3::Bucket'],
        }),
        PackRule.customLambda('TablesBilledOnDemand', {
          description: 'DynamoDB tables use on-demand capacity (checked by Gantry\'s pre-bundled evaluator)',
          resourceTypes: ['AWS::DynamoDB::Table'],
          propertyPath: 'configuration.billingModeSummary.billingMode',
          expectedValue: 'PAY_PER_REQUEST',
        }),
        PackRule.guard('LambdaFunctionsHaveDeadLetterQueue', 'rule lambda_dlq { configuration.deadLetterConfig.targetArn !empty }', {
          resourceTypes: ['AWS::Lambda::Function'],
        }),
      ],
    });

    this.lambdaSecurity = new ConformancePack(this, 'LambdaSecurity', {
      packName: 'lambda-security',
      controlTowerManaged: true,
      notifyNonCompliance: false, // the guardrails pack's rule already sends every NON_COMPLIANT change
      template: PackTemplate.fromFile(path.join(__dirname, 'conformance-packs', 'Security-Best-Practices-for-Lambda.yaml')),
      templateParameters: { LambdaFunctionSettingsCheckParamRuntime: 'nodejs22.x,nodejs20.x,python3.13,python3.12' },
    });

    new CfnOutput(this, 'NonCompliantTopicArn', {
      value: this.guardrails.notificationTopic!.topicArn,
      description: 'Subscribe to receive NON_COMPLIANT evaluations',
    });
    new CfnOutput(this, 'ShiftLeftNagRules', {
      value: this.guardrails.nagRuleIds().join(' '),
      description: 'cdk-nag rules that catch controls of the guardrails pack at synth',
    });
  }
}
