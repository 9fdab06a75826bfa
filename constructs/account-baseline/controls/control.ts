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
}

/** A control's name: also the last part of a legacy control's regional ARN. */
const CONTROL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** Source: Control Catalog API, GetControl `ControlArn` (covers Control Tower and Control Catalog ARNs). */
const CONTROL_ARN_PATTERN = /^arn:(aws(?:[-a-z]*)?):(controlcatalog|controltower):[a-zA-Z0-9-]*::control\/[0-9a-zA-Z_\-]+$/;

/**
 * One Control Tower control: its identifier, behaviour, purpose and the parameters it takes.
 *
 * Catalogue entries live one per file under `controls/` and are composed by {@link ControlCatalogue};
 * controls the catalogue does not hold yet can be declared with {@link Control.fromArn}.
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
    this.explicitArn = arn;
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
    return problems;
  }
}
