import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { RemediationDocumentDefinition } from './remediation-documents';

/*
 * Internal contracts between the rule, remediation and template modules and the construct. Not
 * part of the public surface (index.ts does not export this file).
 */

/** What a rule's remediation renders to, before the role is known. */
export interface RemediationPlan {
  readonly documentName: string;
  readonly document?: RemediationDocumentDefinition;
  readonly role?: iam.IRole;
  /** Renders the RemediationConfiguration properties for a rule, given the role ARN. */
  render(ruleName: string, roleArn?: string): Record<string, unknown>;
}

/** What a pack needs from its surroundings to render a rule. */
export interface RuleRenderContext {
  /** The pre-bundled property evaluator (created on first use). */
  builtInEvaluator(): lambda.IFunction;
  /** Lets Config invoke a custom evaluator. */
  allowConfigToInvoke(evaluator: lambda.IFunction): void;
}

/** A rule rendered to the pack template. */
export interface RenderedRule {
  /** Where the rule was given (`rules[2]`, `ruleSets[0].rules[5]`), for messages. */
  readonly prop: string;
  readonly ruleName: string;
  readonly kind: string;
  readonly identifier?: string;
  readonly properties: Record<string, unknown>;
  readonly remediation?: RemediationPlan;
  readonly nagRuleIds: string[];
}
