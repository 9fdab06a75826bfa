import { ManagedRuleDefinition, RuleTrigger } from './definition';

/** AWS Config managed rules for AWS WAF. */
export const WAF_RULES: ManagedRuleDefinition[] = [
  { identifier: 'WAF_REGIONAL_RULE_NOT_EMPTY', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::WAFRegional::Rule'] },
  { identifier: 'WAF_REGIONAL_RULEGROUP_NOT_EMPTY', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::WAFRegional::RuleGroup'] },
  { identifier: 'WAF_REGIONAL_WEBACL_NOT_EMPTY', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::WAFRegional::WebACL'] },
  { identifier: 'WAFV2_LOGGING_ENABLED', trigger: RuleTrigger.PERIODIC, nagRuleIds: ['NIST.800.53.R5-WAFv2LoggingEnabled', 'HIPAA.Security-WAFv2LoggingEnabled', 'PCI.DSS.321-WAFv2LoggingEnabled'] },
  { identifier: 'WAFV2_RULEGROUP_LOGGING_ENABLED', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::WAFv2::RuleGroup'] },
  { identifier: 'WAFV2_RULEGROUP_NOT_EMPTY', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::WAFv2::RuleGroup'] },
  { identifier: 'WAFV2_WEBACL_NOT_EMPTY', trigger: RuleTrigger.CHANGE, resourceTypes: ['AWS::WAFv2::WebACL'] },
];
