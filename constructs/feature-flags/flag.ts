import { AttributeConstraints } from './private/constraints';

/** Common options of every flag attribute. */
export interface FlagAttributeOptions {
  /**
   * What the attribute means, up to 1024 characters.
   * @default - none
   */
  readonly description?: string;

  /**
   * AppConfig rejects a flag version that leaves this attribute out (`constraints.required`).
   * @default false
   */
  readonly required?: boolean;
}

/** A string attribute: its value and what AppConfig accepts for it. */
export interface StringAttributeOptions extends FlagAttributeOptions {
  /** The value, up to 1024 characters. */
  readonly value: string;
  /**
   * A regular expression every value must match (AppConfig checks it when a version is saved;
   * Gantry checks the value at synth). Cannot be combined with `allowedValues`.
   * @default - any string
   */
  readonly pattern?: string;
  /**
   * The only values allowed (at most 100). Cannot be combined with `pattern`.
   * @default - any string
   */
  readonly allowedValues?: string[];
}

/** A number attribute: its value and its bounds. */
export interface NumberAttributeOptions extends FlagAttributeOptions {
  /** The value. */
  readonly value: number;
  /**
   * Smallest value allowed (a whole number: AppConfig's schema takes integers here).
   * @default - no lower bound
   */
  readonly minimum?: number;
  /**
   * Largest value allowed (a whole number).
   * @default - no upper bound
   */
  readonly maximum?: number;
}

/** A boolean attribute. */
export interface BooleanAttributeOptions extends FlagAttributeOptions {
  /** The value. */
  readonly value: boolean;
}

/** A list of strings: its value and what each element must be. */
export interface StringListAttributeOptions extends FlagAttributeOptions {
  /** The elements, each up to 1024 characters. */
  readonly value: string[];
  /**
   * A regular expression every element must match. Cannot be combined with `allowedValues`.
   * @default - any string
   */
  readonly elementPattern?: string;
  /**
   * The only element values allowed (at most 100). Cannot be combined with `elementPattern`.
   * @default - any string
   */
  readonly allowedValues?: string[];
}

/** A list of numbers: its value and the bounds of each element. */
export interface NumberListAttributeOptions extends FlagAttributeOptions {
  /** The elements. */
  readonly value: number[];
  /** Smallest element allowed (a whole number). @default - no lower bound */
  readonly minimum?: number;
  /** Largest element allowed (a whole number). @default - no upper bound */
  readonly maximum?: number;
}

/** The kinds of attribute AppConfig's flag format knows. */
export enum FlagAttributeType {
  /** A string. */
  STRING = 'string',
  /** A number. */
  NUMBER = 'number',
  /** A boolean. */
  BOOLEAN = 'boolean',
  /** A list of strings. */
  STRING_LIST = 'stringList',
  /** A list of numbers. */
  NUMBER_LIST = 'numberList',
}

/**
 * One attribute of a feature flag (for example the percentage a new checkout gets, or the list of
 * beta customers), with its value and AppConfig constraints. Made by the typed factories, checked
 * by `FeatureFlags` at synth (name pattern, value within its constraints).
 */
export class FlagAttribute {
  /** A string attribute. */
  public static string(name: string, options: StringAttributeOptions): FlagAttribute {
    return new FlagAttribute(name, FlagAttributeType.STRING, options, options.value, {
      pattern: options.pattern, allowedValues: options.allowedValues,
    });
  }

  /** A number attribute. */
  public static number(name: string, options: NumberAttributeOptions): FlagAttribute {
    return new FlagAttribute(name, FlagAttributeType.NUMBER, options, options.value, {
      minimum: options.minimum, maximum: options.maximum,
    });
  }

  /** A boolean attribute. */
  public static boolean(name: string, options: BooleanAttributeOptions): FlagAttribute {
    return new FlagAttribute(name, FlagAttributeType.BOOLEAN, options, options.value, {});
  }

  /** A list of strings. */
  public static stringList(name: string, options: StringListAttributeOptions): FlagAttribute {
    return new FlagAttribute(name, FlagAttributeType.STRING_LIST, options, options.value, {
      pattern: options.elementPattern, allowedValues: options.allowedValues,
    });
  }

  /** A list of numbers. */
  public static numberList(name: string, options: NumberListAttributeOptions): FlagAttribute {
    return new FlagAttribute(name, FlagAttributeType.NUMBER_LIST, options, options.value, {
      minimum: options.minimum, maximum: options.maximum,
    });
  }

  /** Key of the attribute (AppConfig's flag key pattern). */
  public readonly name: string;
  /** Kind of value. */
  public readonly type: FlagAttributeType;
  /** Description. */
  public readonly description?: string;
  /** Whether AppConfig requires the attribute in every version. */
  public readonly required: boolean;
  /** @internal */
  public readonly _value: unknown;
  /** @internal */
  public readonly _constraints: AttributeConstraints;

  private constructor(name: string, type: FlagAttributeType, options: FlagAttributeOptions, value: unknown, constraints: AttributeConstraints) {
    this.name = name;
    this.type = type;
    this.description = options.description;
    this.required = options.required ?? false;
    this._value = value;
    this._constraints = constraints;
  }
}

/** Options of a boolean feature flag. */
export interface BooleanFlagOptions {
  /**
   * Whether the feature is on in the flag's first version.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Display name, 1-64 characters without a line break.
   * @default - the flag's key
   */
  readonly displayName?: string;
  /**
   * What the flag switches, up to 1024 characters.
   * @default - none
   */
  readonly description?: string;
  /**
   * Attributes of the flag (at most 25), sent with it when it is on.
   * @default - none
   */
  readonly attributes?: FlagAttribute[];
  /**
   * A short-term (release) flag: the date (`YYYY-MM-DD`) after which it should be removed, shown
   * by AppConfig as a planned deprecation. Operational flags and kill switches have none.
   * @default - a long-lived flag
   */
  readonly removeAfter?: string;
}

/** Options of a kill switch. */
export interface KillSwitchOptions {
  /**
   * Display name, 1-64 characters without a line break.
   * @default - the flag's key
   */
  readonly displayName?: string;
  /**
   * What the switch turns off, up to 1024 characters.
   * @default - none
   */
  readonly description?: string;
  /**
   * Whether the switch is thrown (the feature off) in its first version.
   * @default false
   */
  readonly engaged?: boolean;
}

/** How a flag is meant to be used. */
export enum FeatureFlagKind {
  /** A release or experiment flag that turns a feature on. */
  RELEASE = 'release',
  /**
   * A long-lived operational flag whose `enabled: true` turns a feature OFF (a kill switch):
   * the application treats "switch on" as "stop doing this".
   */
  KILL_SWITCH = 'killSwitch',
}

/**
 * A feature flag of an `AWS.AppConfig.FeatureFlags` profile, made by the typed factories and
 * rendered by `FeatureFlags` into AppConfig's format (version "1", flags, values).
 */
export class FeatureFlag {
  /** A boolean flag that turns a feature on, with optional typed attributes. */
  public static boolean(key: string, options: BooleanFlagOptions = {}): FeatureFlag {
    return new FeatureFlag(key, FeatureFlagKind.RELEASE, options.enabled ?? false, options.displayName, options.description,
      options.attributes ?? [], options.removeAfter);
  }

  /**
   * A kill switch: a long-lived operational flag, off by default; turning it on tells the
   * application to stop the feature. It has no attributes and no removal date.
   */
  public static killSwitch(key: string, options: KillSwitchOptions = {}): FeatureFlag {
    return new FeatureFlag(key, FeatureFlagKind.KILL_SWITCH, options.engaged ?? false, options.displayName, options.description, [], undefined);
  }

  /** Key of the flag (AppConfig's flag key pattern), the name the application asks for. */
  public readonly key: string;
  /** How the flag is meant to be used. */
  public readonly kind: FeatureFlagKind;
  /** Whether the flag is on in its first version. */
  public readonly enabled: boolean;
  /** Display name. */
  public readonly displayName: string;
  /** Description. */
  public readonly description?: string;
  /** Attributes. */
  public readonly attributes: FlagAttribute[];
  /** Planned removal date of a short-term flag. */
  public readonly removeAfter?: string;

  private constructor(
    key: string, kind: FeatureFlagKind, enabled: boolean, displayName: string | undefined, description: string | undefined,
    attributes: FlagAttribute[], removeAfter: string | undefined,
  ) {
    this.key = key;
    this.kind = kind;
    this.enabled = enabled;
    this.displayName = displayName ?? key;
    this.description = description;
    this.attributes = attributes;
    this.removeAfter = removeAfter;
  }
}
