import { Aws, Token } from 'aws-cdk-lib';

/** How a Control Tower control acts. Source: Control Tower Controls Reference, "Control behavior and guidance". */
export enum ControlBehavior {
  /** Prevents the action (implemented as an SCP or RCP). */
  PREVENTIVE = 'PREVENTIVE',
  /** Detects non-compliant resources after the fact (implemented as an AWS Config rule). */
  DETECTIVE = 'DETECTIVE',
  /** Checks resources before CloudFormation provisions them (implemented as a CloudFormation hook). */
  PROACTIVE = 'PROACTIVE',
}

/** How strongly AWS recommends a control. Source: Control Tower Controls Reference, "Control behavior and guidance". */
export enum ControlGuidance {
  /** Best practice for well-architected multi-account environments. */
  STRONGLY_RECOMMENDED = 'STRONGLY_RECOMMENDED',
  /** For use cases that need it (includes the data-residency and proactive controls). */
  ELECTIVE = 'ELECTIVE',
}

/** The shape of a control parameter's value. */
export enum ControlParameterType {
  /** A list of strings, e.g. `ExemptedPrincipalArns`, `AllowedRegions`. */
  STRING_LIST = 'STRING_LIST',
  /** A boolean flag, e.g. `ExemptAssumeRoot`. */
  BOOLEAN = 'BOOLEAN',
}

/** How severe AWS rates a control's finding or violation. Source: Control Catalog API, `ControlSummary.Severity`. */
export enum ControlSeverity {
  /** Low. */
  LOW = 'LOW',
  /** Medium. */
  MEDIUM = 'MEDIUM',
  /** High. */
  HIGH = 'HIGH',
  /** Critical. */
  CRITICAL = 'CRITICAL',
}

/** What implements a control. Source: Control Catalog API, `ImplementationSummary.Type`. */
export enum ControlImplementation {
  /** An AWS Organizations service control policy (`AWS::Organizations::Policy::SERVICE_CONTROL_POLICY`). */
  SERVICE_CONTROL_POLICY = 'SERVICE_CONTROL_POLICY',
  /** An AWS Organizations resource control policy (`AWS::Organizations::Policy::RESOURCE_CONTROL_POLICY`). */
  RESOURCE_CONTROL_POLICY = 'RESOURCE_CONTROL_POLICY',
  /** An AWS Organizations declarative policy for EC2 (`AWS::Organizations::Policy::DECLARATIVE_POLICY_EC2`). */
  DECLARATIVE_POLICY = 'DECLARATIVE_POLICY',
  /** An AWS Config rule (`AWS::Config::ConfigRule`). */
  CONFIG_RULE = 'CONFIG_RULE',
  /** An AWS Security Hub control (`AWS::SecurityHub::SecurityControl`). */
  SECURITY_HUB_CONTROL = 'SECURITY_HUB_CONTROL',
  /** An AWS CloudFormation hook (`AWS::CloudFormation::Type::HOOK`). */
  CLOUDFORMATION_HOOK = 'CLOUDFORMATION_HOOK',
}

/** A parameter a control accepts when it is enabled. */
export interface ControlParameterSpec {
  /** The parameter key, exactly as Control Tower names it (e.g. `ExemptAssumeRoot`). */
  readonly name: string;
  /** The value's shape. */
  readonly type: ControlParameterType;
  /** What the parameter does, in one line. */
  readonly description: string;
  /**
   * The control cannot be enabled without this parameter.
   * @default false
   */
  readonly required?: boolean;
}

/** What describes a control in the catalogue. */
export interface ControlDefinition {
  /** The control's name, e.g. `AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS`; also the last part of its regional ARN for legacy controls. */
  readonly name: string;
  /** Preventive, detective or proactive. */
  readonly behavior: ControlBehavior;
  /** One line: what the control enforces or detects. */
  readonly purpose: string;
  /**
   * Parameters the control accepts. Any other parameter is rejected at synth.
   * @default - the control takes no parameters
   */
  readonly parameters?: ControlParameterSpec[];
  /**
   * Strongly recommended or elective.
   * @default - not stated (a control declared by ARN)
   */
  readonly guidance?: ControlGuidance;
  /**
   * CloudFormation resource types the control governs (proactive controls check these before they are provisioned).
   * @default - not stated
   */
  readonly resourceTypes?: string[];
  /**
   * The control objective AWS files the control under (e.g. `Encrypt data at rest`).
   * @default - not stated
   */
  readonly objective?: string;
  /**
   * How severe AWS rates the control.
   * @default - not stated
   */
  readonly severity?: ControlSeverity;
  /**
   * What implements the control (SCP, RCP, declarative policy, Config rule, Security Hub control, hook).
   * @default - not stated
   */
  readonly implementation?: ControlImplementation;
  /**
   * The implementation's own identifier: the Config rule identifier or the Security Hub control id.
   * @default - not stated
   */
  readonly implementationIdentifier?: string;
  /**
   * The AWS services the control governs (e.g. `S3`), from its resource types or its identifier.
   * @default - not stated
   */
  readonly services?: string[];
  /**
   * The control's global Control Catalog identifier, `arn:<partition>:controlcatalog:::control/<id>`
   * without the prefix (e.g. `k4izcjxhukijhajp6ks5mjxk`).
   * @default - not known
   */
  readonly globalId?: string;
  /**
   * A mandatory control: Control Tower enables it on every registered OU, and it cannot be enabled or disabled.
   * @default false
   */
  readonly mandatory?: boolean;
}

/** A control's name: also the last part of a legacy control's regional ARN. */
const CONTROL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** Source: Control Catalog API, GetControl `ControlArn` (covers Control Tower and Control Catalog ARNs). */
const CONTROL_ARN_PATTERN = /^arn:(aws(?:[-a-z]*)?):(controlcatalog|controltower):[a-zA-Z0-9-]*::control\/[0-9a-zA-Z_\-]+$/;
/** The opaque part of a global Control Catalog ARN. */
const GLOBAL_ID_PATTERN = /^[0-9a-z]{10,64}$/;

/**
 * One Control Tower control: its identifier, behaviour, purpose and the parameters it takes.
 *
 * Catalogue entries live in `controls/library/` (generated files from AWS's Control Catalog, and any file
 * added there) and are composed by {@link ControlCatalogue}; controls the catalogue does not hold yet can be
 * declared with {@link Control.fromArn}.
 */
export class Control {
  /**
   * A legacy Control Tower control (`AWS-GR_*`), addressed by its regional ARN
   * `arn:<partition>:controltower:<home region>::control/<name>`.
   * Source: Control Tower Controls Reference, "Resource identifiers for APIs and controls".
   */
  public static legacy(definition: ControlDefinition): Control {
    return new Control(definition, undefined);
  }

  /**
   * A control given by its full ARN (global `arn:aws:controlcatalog:::control/<id>` or regional
   * `arn:aws:controltower:<region>::control/<id>`), for controls not in the catalogue.
   * The ARN is checked against the documented format when the control is used.
   */
  public static fromArn(arn: string, definition: ControlDefinition): Control {
    return new Control(definition, arn);
  }

  /** The control's name. */
  public readonly name: string;
  /** Preventive, detective or proactive. */
  public readonly behavior: ControlBehavior;
  /** What the control enforces or detects. */
  public readonly purpose: string;
  /** Parameters the control accepts. */
  public readonly parameters: ControlParameterSpec[];
  /** Strongly recommended or elective, when known. */
  public readonly guidance?: ControlGuidance;
  /** CloudFormation resource types the control governs (empty when not stated). */
  public readonly resourceTypes: string[];
  /** The control objective, when known. */
  public readonly objective?: string;
  /** How severe AWS rates the control, when known. */
  public readonly severity?: ControlSeverity;
  /** What implements the control, when known. */
  public readonly implementation?: ControlImplementation;
  /** The Config rule identifier or Security Hub control id that implements the control, when known. */
  public readonly implementationIdentifier?: string;
  /** The AWS services the control governs (empty when not stated). */
  public readonly services: string[];
  /** The global Control Catalog identifier (the `<id>` of `arn:aws:controlcatalog:::control/<id>`), when known. */
  public readonly globalId?: string;
  /** Whether the control is mandatory (Control Tower enables it everywhere; it cannot be enabled). */
  public readonly mandatory: boolean;
  /** The explicit ARN, when the control was declared with `fromArn`. */
  public readonly explicitArn?: string;

  private constructor(definition: ControlDefinition, arn: string | undefined) {
    this.name = definition.name;
    this.behavior = definition.behavior;
    this.purpose = definition.purpose;
    this.parameters = [...(definition.parameters ?? [])];
    this.guidance = definition.guidance;
    this.resourceTypes = [...(definition.resourceTypes ?? [])];
    this.objective = definition.objective;
    this.severity = definition.severity;
    this.implementation = definition.implementation;
    this.implementationIdentifier = definition.implementationIdentifier;
    this.services = [...(definition.services ?? [])];
    this.globalId = definition.globalId;
    this.mandatory = definition.mandatory ?? false;
    this.explicitArn = arn;
  }

  /**
   * The global Control Catalog ARN (`arn:<partition>:controlcatalog:::control/<id>`), when the global
   * identifier is known. AWS recommends it over the regional ARN; legacy catalogue members keep
   * enabling by their regional identifier (changing the identifier of an enabled control replaces it).
   */
  public get globalArn(): string | undefined {
    return this.globalId ? `arn:${Aws.PARTITION}:controlcatalog:::control/${this.globalId}` : undefined;
  }

  /**
   * The `ControlIdentifier` to enable the control with: the explicit ARN, or the legacy regional
   * ARN in the deploying stack's region (the Control Tower home region).
   */
  public get identifier(): string {
    return this.explicitArn ?? `arn:${Aws.PARTITION}:controltower:${Aws.REGION}::control/${this.name}`;
  }

  /** Problems with the definition itself (empty when it is well-formed); checked by the construct. */
  public definitionProblems(): string[] {
    const problems: string[] = [];
    if (!CONTROL_NAME_PATTERN.test(this.name ?? '')) problems.push(`name ${JSON.stringify(this.name)} must be 1-128 letters, digits, '.', '_' or '-'`);
    if (this.explicitArn !== undefined && !Token.isUnresolved(this.explicitArn) && !CONTROL_ARN_PATTERN.test(this.explicitArn)) {
      problems.push(`ARN ${JSON.stringify(this.explicitArn)} must look like arn:aws:controlcatalog:::control/<id> or arn:aws:controltower:<region>::control/<id>`);
    }
    if (!Object.values(ControlBehavior).includes(this.behavior)) problems.push(`behavior must be one of ${Object.values(ControlBehavior).join(', ')}`);
    if (!this.purpose || this.purpose.trim().length === 0) problems.push('purpose must say in one line what the control does');
    if (this.globalId !== undefined && !GLOBAL_ID_PATTERN.test(this.globalId)) problems.push(`global id ${JSON.stringify(this.globalId)} must be the lower-case letters and digits of arn:aws:controlcatalog:::control/<id>`);
    if (this.mandatory) problems.push(`${this.name} is a mandatory control: Control Tower enables it on every registered OU and it cannot be enabled or disabled`);
    return problems;
  }
}
