/**
 * The shape of one AWS Config managed rule in Gantry's catalogue. Each service file in this folder
 * lists its rules in this shape; `index.ts` composes them into the registry.
 *
 * Source of the facts: the AWS Config Developer Guide, "List of AWS Config Managed Rules" (identifier,
 * trigger type, resource types, parameters) and the AWS sample conformance packs (parameter names).
 */

/** How Config triggers a managed rule. */
export enum RuleTrigger {
  /** Evaluated when a resource in scope changes; a periodic frequency is refused by Config. */
  CHANGE = 'CHANGE',
  /** Evaluated on a schedule (every 24 hours unless a frequency is given). */
  PERIODIC = 'PERIODIC',
  /** Evaluated on change and on a schedule. */
  HYBRID = 'HYBRID',
}

/** Type of a managed rule parameter as Config documents it. */
export type RuleParameterType = 'String' | 'Int' | 'Double' | 'Boolean' | 'CSV';

/** One input parameter of a managed rule. */
export interface RuleParameterDefinition {
  readonly type: RuleParameterType;
  /** Config rejects the rule without it. */
  readonly required?: boolean;
}

/** One AWS Config managed rule. */
export interface ManagedRuleDefinition {
  /** Source identifier, e.g. `S3_BUCKET_VERSIONING_ENABLED`. */
  readonly identifier: string;
  readonly trigger: RuleTrigger;
  /** Resource types the rule evaluates (its default scope); none for account-level rules. */
  readonly resourceTypes?: string[];
  readonly parameters?: Record<string, RuleParameterDefinition>;
  /**
   * cdk-nag rule ids (pack prefix included) that check the same control at synth time, so a team
   * sees which controls are caught before deployment ("shift left").
   */
  readonly nagRuleIds?: string[];
}
