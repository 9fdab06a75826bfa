/**
 * The shape of one AWS Config managed rule in Gantry's catalogue. The generated service files in
 * this folder (`*.generated.ts`) list the rules in this shape; `index.ts` composes them into the registry.
 *
 * Source of the facts: the AWS Config Developer Guide's managed-rule pages (identifier, trigger type,
 * resource types, parameters with type, optional and default) and, for rules newer than the archived
 * guide, their current guide pages (data/config-rules/current-pages.json) or else AWS's sample conformance
 * packs; see data/config-rules/managed-rules.json for commits and dates.
 */

/** How Config triggers a managed rule. */
export enum RuleTrigger {
  /** Evaluated when a resource in scope changes; a periodic frequency is refused by Config. */
  CHANGE = 'CHANGE',
  /** Evaluated on a schedule (every 24 hours unless a frequency is given). */
  PERIODIC = 'PERIODIC',
  /** Evaluated on change and on a schedule. */
  HYBRID = 'HYBRID',
  /**
   * A process check (`AWS_CONFIG_PROCESS_CHECK`): Config never evaluates it, its compliance is set by
   * hand, so a periodic frequency is refused like for a change-triggered rule.
   */
  MANUAL = 'MANUAL',
}

/** Type of a managed rule parameter as Config documents it. */
export type RuleParameterType = 'String' | 'Int' | 'Double' | 'Boolean' | 'CSV' | 'StringMap';

/** One input parameter of a managed rule. */
export interface RuleParameterDefinition {
  readonly type: RuleParameterType;
  /** Documented without "(Optional)" and without a default: Config rejects the rule without it. */
  readonly required?: boolean;
  /** The default the guide documents (the console pre-fills it; the API supplies none). */
  readonly defaultValue?: string;
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
  /**
   * False for a rule known only from AWS's sample packs (newer than the archived guide): its
   * parameters are the ones the packs pass, and its trigger is unknown unless curated.
   * @default true
   */
  readonly documented?: boolean;
  /** The current AWS Config Developer Guide page its facts were read from, when one was read. */
  readonly page?: string;
}
