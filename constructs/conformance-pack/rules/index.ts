import { ManagedRuleDefinition } from './definition';
import { GENERATED_RULES } from './registry.generated';

export * from './definition';
export { CATALOGUE_EXTRACTED_AT, CATALOGUE_SOURCES } from './registry.generated';

/**
 * The registry of managed rules Gantry knows, by identifier. The per-service files
 * (`*.generated.ts`) are generated from `data/config-rules/managed-rules.json` by
 * `scripts/config-rules-catalogue.ts`: refresh with `npx projen catalogue:config-rules`, never by hand.
 */
export const MANAGED_RULES: ReadonlyMap<string, ManagedRuleDefinition> = new Map(GENERATED_RULES.map((rule) => [rule.identifier, rule]));
