import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { checkCount, checkEach, checkOneOf, checkPattern, didYouMean, fail, isUnresolved, Limits } from '../core';
import { RenderedRule, RuleRenderContext } from './internal';
import { Remediation } from './remediation';
import { MANAGED_RULES, ManagedRuleDefinition, RuleParameterDefinition, RuleTrigger } from './rules';

/** Who evaluates a rule. */
export enum RuleKind {
  /** An AWS Config managed rule. */
  MANAGED = 'AWS',
  /** A custom rule evaluated by a Lambda function. */
  CUSTOM_LAMBDA = 'CUSTOM_LAMBDA',
  /** A custom policy rule written in Guard. */
  CUSTOM_POLICY = 'CUSTOM_POLICY',
}

/** Options every rule accepts. */
export interface RuleOptions {
  /**
   * Description of the rule.
   * @default - none
   */
  readonly description?: string;

  /**
   * Resource types the rule evaluates (`AWS::S3::Bucket` ...), at most 100.
   * @default - managed rules: the rule's own resource types; custom rules: all recorded types
   */
  readonly resourceTypes?: string[];

  /**
   * Evaluate only resources with this tag key.
   * @default - no tag filter
   */
  readonly tagKey?: string;

  /**
   * Evaluate only resources whose `tagKey` tag has this value (needs `tagKey`).
   * @default - any value
   */
  readonly tagValue?: string;

  /**
   * Evaluate periodically, every this many hours: 1, 3, 6, 12 or 24. Only for rules with a
   * periodic trigger (managed periodic or hybrid rules, custom Lambda rules).
   * @default - managed periodic rules: every 24 hours; otherwise not periodic
   */
  readonly periodicHours?: number;

  /**
   * Remediation of non-compliant resources.
   * @default - none
   */
  readonly remediation?: Remediation;
}

/** Options of a managed rule. */
export interface ManagedRuleOptions extends RuleOptions {
  /**
   * Name of the rule in the pack (unique in the pack, 1-128 characters).
   * @default - the identifier in PascalCase (S3_BUCKET_VERSIONING_ENABLED -> S3BucketVersioningEnabled)
   */
  readonly ruleName?: string;

  /**
   * Input parameters by name. Values are checked against the rule's parameter types: `Int` takes
   * a whole number, `Boolean` a boolean, `CSV` a string or a list of strings, `String` a string.
   * @default - none (rules with required parameters need them)
   */
  readonly inputParameters?: { [name: string]: any };

  /**
   * Accept an identifier or parameters Gantry's catalogue does not know (a managed rule newer
   * than this library). Only the identifier's format is checked then.
   * @default false
   */
  readonly skipCatalogueCheck?: boolean;
}

/** Options of a custom Lambda rule. */
export interface CustomLambdaRuleOptions extends RuleOptions {
  /**
   * The function that evaluates the rule. Config is allowed to invoke it.
   * @default - Gantry's pre-bundled property evaluator, which compares `propertyPath` with `expectedValue`
   */
  readonly evaluator?: lambda.IFunction;

  /**
   * For the built-in evaluator: dotted path of the property to check in the configuration item,
   * e.g. `configuration.versioningConfiguration.status` or `tags.owner`.
   * @default - required with the built-in evaluator
   */
  readonly propertyPath?: string;

  /**
   * For the built-in evaluator: the value (as a string) the property must have to be compliant.
   * @default - required with the built-in evaluator
   */
  readonly expectedValue?: string;

  /**
   * Input parameters passed to your evaluator.
   * @default - none
   */
  readonly inputParameters?: { [name: string]: string };

  /**
   * Evaluate when a resource in scope changes.
   * @default true
   */
  readonly evaluateOnChange?: boolean;
}

/** Options of a Guard custom policy rule. */
export interface GuardRuleOptions extends RuleOptions {
  /**
   * Deliver Guard debug logs to CloudWatch Logs.
   * @default false
   */
  readonly debugLogDelivery?: boolean;
}

/** Config's names for the periodic frequencies. Source: AWS Config API, MaximumExecutionFrequency. */
const FREQUENCY_BY_HOURS: Record<number, string> = {
  1: 'One_Hour', 3: 'Three_Hours', 6: 'Six_Hours', 12: 'Twelve_Hours', 24: 'TwentyFour_Hours',
};
const RESOURCE_TYPE = /AWS::[A-Za-z0-9]*::[A-Za-z0-9]+/; // AWS::::Account for account-level rules
const IDENTIFIER = /[A-Z0-9_]{3,128}/;
const CHANGE_DETAILS = [
  { EventSource: 'aws.config', MessageType: 'ConfigurationItemChangeNotification' },
  { EventSource: 'aws.config', MessageType: 'OversizedConfigurationItemChangeNotification' },
];

/**
 * One rule of a conformance pack: an AWS Config managed rule, a custom Lambda rule or a Guard
 * custom policy rule. Rules are checked when the pack is built, so errors name the pack.
 */
export class PackRule {
  /**
   * An AWS Config managed rule, by identifier (e.g. `S3_BUCKET_VERSIONING_ENABLED`), with typed,
   * checked input parameters.
   */
  public static managed(identifier: string, options: ManagedRuleOptions = {}): PackRule {
    return new PackRule(RuleKind.MANAGED, options.ruleName ?? pascalCase(identifier), options, identifier);
  }

  /**
   * A custom rule evaluated by a Lambda function: your own, or Gantry's pre-bundled evaluator
   * which checks that one property of each configuration item has an expected value.
   * @param ruleName name of the rule in the pack (unique in the pack, 1-128 characters)
   */
  public static customLambda(ruleName: string, options: CustomLambdaRuleOptions = {}): PackRule {
    return new PackRule(RuleKind.CUSTOM_LAMBDA, ruleName, options);
  }

  /**
   * A custom policy rule written in Guard 2 (evaluated on configuration changes).
   * @param ruleName name of the rule in the pack (unique in the pack, 1-128 characters)
   * @param policyText the Guard rules
   */
  public static guard(ruleName: string, policyText: string, options: GuardRuleOptions = {}): PackRule {
    return new PackRule(RuleKind.CUSTOM_POLICY, ruleName, options, undefined, policyText);
  }

  /** Name of the rule in the pack. */
  public readonly ruleName: string;
  /** Who evaluates the rule. */
  public readonly kind: RuleKind;
  /** Managed rule identifier, for managed rules. */
  public readonly identifier?: string;

  private constructor(
    kind: RuleKind,
    ruleName: string,
    private readonly options: RuleOptions,
    identifier?: string,
    private readonly policyText?: string,
  ) {
    this.kind = kind;
    this.ruleName = ruleName;
    this.identifier = identifier;
  }

  /** cdk-nag rules that check the same control at synth time (managed rules in Gantry's catalogue). */
  public get nagRuleIds(): string[] {
    return [...(this.identifier ? MANAGED_RULES.get(this.identifier)?.nagRuleIds ?? [] : [])];
  }

  /** Resource types the rule evaluates, as rendered (explicit scope or the managed rule's own). */
  public get resourceTypes(): string[] {
    const own = this.identifier ? MANAGED_RULES.get(this.identifier)?.resourceTypes : undefined;
    return [...(this.options.resourceTypes ?? own ?? [])];
  }

  /**
   * Validates the rule and renders its `AWS::Config::ConfigRule` properties.
   * @internal
   */
  public _render(scope: IConstruct, prop: string, context: RuleRenderContext): RenderedRule {
    const o = this.options;
    const where = `${prop} (${this.ruleName})`;
    if (!isUnresolved(this.ruleName) && (this.ruleName.trim().length === 0 || this.ruleName.length > Limits.conformancePack.maxRuleNameLength)) {
      fail(scope, `${where}.ruleName`, this.ruleName, `1 to ${Limits.conformancePack.maxRuleNameLength} characters, not blank`);
    }
    checkCount(scope, `${where}.resourceTypes`, o.resourceTypes, 1, Limits.conformancePack.maxScopeResourceTypes);
    checkEach(scope, `${where}.resourceTypes`, o.resourceTypes, RESOURCE_TYPE, 'a CloudFormation resource type like AWS::S3::Bucket');
    checkPattern(scope, `${where}.tagKey`, o.tagKey, /[^\s].{0,127}/, '1-128 characters');
    checkPattern(scope, `${where}.tagValue`, o.tagValue, /.{0,256}/, 'at most 256 characters');
    if (o.tagValue !== undefined && o.tagKey === undefined) fail(scope, `${where}.tagValue`, o.tagValue, 'a tag value only together with tagKey');
    checkOneOf(scope, `${where}.periodicHours`, o.periodicHours, Limits.config.periodicFrequenciesHours);
    const remediation = o.remediation?._plan(scope, `${where}.remediation`);

    const properties: Record<string, unknown> = { ConfigRuleName: this.ruleName };
    if (o.description !== undefined && !isUnresolved(o.description) && o.description.length > Limits.config.maxRuleDescriptionLength) {
      fail(scope, `${where}.description`, `${o.description.length} characters`, `at most ${Limits.config.maxRuleDescriptionLength} characters (Config's limit for a rule description)`);
    }
    if (o.description) properties.Description = o.description;
    let source: Record<string, unknown>;
    let resourceTypes = o.resourceTypes;
    let inputParameters: Record<string, string> | undefined;
    switch (this.kind) {
      case RuleKind.MANAGED: {
        const definition = this.checkManaged(scope, where);
        resourceTypes = resourceTypes ?? definition?.resourceTypes;
        inputParameters = this.managedParameters(scope, where, definition);
        source = { Owner: 'AWS', SourceIdentifier: this.identifier };
        if (o.periodicHours !== undefined) properties.MaximumExecutionFrequency = FREQUENCY_BY_HOURS[o.periodicHours];
        break;
      }
      case RuleKind.CUSTOM_LAMBDA: {
        const custom = o as CustomLambdaRuleOptions;
        const onChange = custom.evaluateOnChange ?? true;
        if (!onChange && o.periodicHours === undefined) {
          fail(scope, `${where}.periodicHours`, undefined, 'a frequency (1, 3, 6, 12 or 24) when evaluateOnChange is false: the rule needs a trigger');
        }
        let evaluator = custom.evaluator;
        inputParameters = { ...(custom.inputParameters ?? {}) };
        if (!evaluator) {
          if (!custom.propertyPath) fail(scope, `${where}.propertyPath`, custom.propertyPath, 'a dotted path in the configuration item (the built-in evaluator needs it)');
          if (custom.expectedValue === undefined) fail(scope, `${where}.expectedValue`, undefined, 'the compliant value (the built-in evaluator needs it)');
          checkPattern(scope, `${where}.propertyPath`, custom.propertyPath, /[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*/, 'a dotted path like configuration.versioningConfiguration.status');
          if (o.periodicHours !== undefined) fail(scope, `${where}.periodicHours`, o.periodicHours, 'none: the built-in evaluator checks configuration items, so it runs on changes only');
          if (!o.resourceTypes) fail(scope, `${where}.resourceTypes`, undefined, 'the resource types the built-in evaluator checks (at least one)');
          evaluator = context.builtInEvaluator();
          inputParameters = { ...inputParameters, propertyPath: custom.propertyPath!, expectedValue: custom.expectedValue! };
        } else {
          context.allowConfigToInvoke(evaluator);
        }
        const details: Record<string, unknown>[] = onChange ? CHANGE_DETAILS.map((d) => ({ ...d })) : [];
        if (o.periodicHours !== undefined) {
          details.push({ EventSource: 'aws.config', MessageType: 'ScheduledNotification', MaximumExecutionFrequency: FREQUENCY_BY_HOURS[o.periodicHours] });
        }
        source = { Owner: 'CUSTOM_LAMBDA', SourceIdentifier: evaluator.functionArn, SourceDetails: details };
        break;
      }
      case RuleKind.CUSTOM_POLICY: {
        const guard = o as GuardRuleOptions;
        if (o.periodicHours !== undefined) fail(scope, `${where}.periodicHours`, o.periodicHours, 'none: Config runs Guard custom policy rules on configuration changes only');
        if (!isUnresolved(this.policyText) && !(this.policyText ?? '').trim()) fail(scope, `${where}.policyText`, this.policyText, 'Guard 2 rules (not empty)');
        if (!isUnresolved(this.policyText) && this.policyText!.length > Limits.conformancePack.maxGuardPolicyLength) {
          fail(scope, `${where}.policyText`, `${this.policyText!.length} characters`, `at most ${Limits.conformancePack.maxGuardPolicyLength} characters of Guard rules`);
        }
        source = {
          Owner: 'CUSTOM_POLICY',
          SourceDetails: CHANGE_DETAILS.map((d) => ({ ...d })),
          CustomPolicyDetails: { PolicyRuntime: 'guard-2.x.x', PolicyText: this.policyText, EnableDebugLogDelivery: guard.debugLogDelivery ?? false },
        };
        break;
      }
    }
    if (inputParameters && Object.keys(inputParameters).length) properties.InputParameters = inputParameters;
    const scopeProps: Record<string, unknown> = {};
    if (resourceTypes?.length) scopeProps.ComplianceResourceTypes = [...resourceTypes];
    if (o.tagKey) scopeProps.TagKey = o.tagKey;
    if (o.tagValue) scopeProps.TagValue = o.tagValue;
    if (Object.keys(scopeProps).length) properties.Scope = scopeProps;
    properties.Source = source;
    return { prop, ruleName: this.ruleName, kind: this.kind, identifier: this.identifier, properties, remediation, nagRuleIds: this.nagRuleIds };
  }

  private checkManaged(scope: IConstruct, where: string): ManagedRuleDefinition | undefined {
    const o = this.options as ManagedRuleOptions;
    const identifier = this.identifier!;
    if (isUnresolved(identifier)) return undefined;
    if (o.skipCatalogueCheck) {
      checkPattern(scope, `${where}.identifier`, identifier, IDENTIFIER, 'a managed rule identifier in upper case, like S3_BUCKET_VERSIONING_ENABLED');
      return MANAGED_RULES.get(identifier);
    }
    const definition = MANAGED_RULES.get(identifier);
    if (!definition) {
      fail(scope, `${where}.identifier`, identifier,
        `an AWS Config managed rule identifier Gantry knows (${MANAGED_RULES.size} rules; for a newer rule set skipCatalogueCheck: true)`
        + didYouMean(identifier, MANAGED_RULES.keys()));
    }
    if (o.periodicHours !== undefined && definition.trigger === RuleTrigger.CHANGE) {
      fail(scope, `${where}.periodicHours`, o.periodicHours, `none: ${identifier} is change-triggered, Config refuses a periodic frequency for it${seePage(definition)}`);
    }
    if (o.periodicHours !== undefined && definition.trigger === RuleTrigger.MANUAL) {
      fail(scope, `${where}.periodicHours`, o.periodicHours, `none: ${identifier} is a process check, Config never evaluates it (its compliance is set by hand)`);
    }
    return definition;
  }

  private managedParameters(scope: IConstruct, where: string, definition?: ManagedRuleDefinition): Record<string, string> {
    const o = this.options as ManagedRuleOptions;
    const given = o.inputParameters ?? {};
    const rendered: Record<string, string> = {};
    const known = definition?.parameters ?? {};
    const checked = definition !== undefined && !o.skipCatalogueCheck;
    for (const [name, value] of Object.entries(given)) {
      const prop = `${where}.inputParameters.${name}`;
      const parameter = known[name];
      if (!parameter) {
        if (checked) {
          const names = Object.keys(known);
          fail(scope, prop, value, names.length ? `a parameter of ${this.identifier}: ${names.join(', ')}${didYouMean(name, names)}` : `no parameters (${this.identifier} takes none)`);
        }
        rendered[name] = isUnresolved(value) ? value : Array.isArray(value) ? value.join(',') : String(value);
        continue;
      }
      rendered[name] = renderParameter(scope, prop, value, parameter);
    }
    if (checked) {
      for (const [name, parameter] of Object.entries(known)) {
        if (parameter.required && given[name] === undefined) {
          fail(scope, `${where}.inputParameters.${name}`, undefined, `a value: ${this.identifier} requires parameter ${name} (${parameter.type})`);
        }
      }
    }
    return rendered;
  }
}

/** Checks one parameter value against its type and renders it as Config expects (a string). */
function renderParameter(scope: IConstruct, prop: string, value: unknown, parameter: RuleParameterDefinition): string {
  if (isUnresolved(value)) return value as string;
  switch (parameter.type) {
    case 'Int':
      if ((typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value))) return String(value);
      return fail(scope, prop, value, 'a whole number (parameter type Int)');
    case 'Double':
      if ((typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))) return String(value);
      return fail(scope, prop, value, 'a number (parameter type Double)');
    case 'Boolean':
      if (typeof value === 'boolean') return String(value);
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase();
      return fail(scope, prop, value, 'true or false (parameter type Boolean)');
    case 'CSV':
      if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(',');
      if (typeof value === 'string' || typeof value === 'number') return String(value);
      return fail(scope, prop, value, 'a string or a list of strings (parameter type CSV)');
    case 'StringMap':
      if (typeof value === 'string') return value;
      if (isRecordOfStrings(value)) return Object.entries(value).map(([k, v]) => (v ? `${k}:${v}` : k)).join(',');
      return fail(scope, prop, value, 'a string like key:value,other-key or a map of strings (parameter type StringMap)');
    default:
      // AWS's own packs pass empty strings for optional parameters they leave unset.
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return fail(scope, prop, value, 'a string (parameter type String)');
  }
}

function isRecordOfStrings(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

/** Where the rule's facts were read, for an error message. */
function seePage(definition: ManagedRuleDefinition): string {
  return definition.page ? ` (${definition.page})` : '';
}

/** S3_BUCKET_VERSIONING_ENABLED -> S3BucketVersioningEnabled. */
function pascalCase(identifier: string): string {
  if (isUnresolved(identifier)) return identifier;
  return identifier.toLowerCase().split(/[_-]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}
