import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { checkPattern, checkRange, didYouMean, fail, isUnresolved, Limits } from '../core';
import { RemediationPlan } from './internal';
import { REMEDIATION_DOCUMENTS } from './remediation-documents';

/** The value of one parameter of a remediation document. */
export class RemediationParameter {
  /** The id of the non-compliant resource (Config fills it in for each resource). */
  public static resourceId(): RemediationParameter {
    return new RemediationParameter({ ResourceValue: { Value: 'RESOURCE_ID' } });
  }

  /** A fixed value. */
  public static staticValue(value: string): RemediationParameter {
    return new RemediationParameter({ StaticValue: { Values: [value] } });
  }

  /** A fixed list of values (for document parameters of type StringList). */
  public static staticValues(values: string[]): RemediationParameter {
    return new RemediationParameter({ StaticValue: { Values: [...values] } });
  }

  private constructor(private readonly rendered: object) {}

  /** @internal */
  public _render(): object {
    return this.rendered;
  }
}

/** Options of a remediation with an SSM Automation document. */
export interface SsmRemediationOptions {
  /**
   * Values of the document's parameters, by parameter name. `AutomationAssumeRole` is filled in
   * with the remediation role unless given here.
   * @default - the document's resource-id parameter (for documents Gantry knows) receives the resource id
   */
  readonly parameters?: { [name: string]: RemediationParameter };

  /**
   * Remediate automatically when a resource becomes non-compliant; otherwise an operator starts
   * the remediation from the Config console.
   * @default false
   */
  readonly automatic?: boolean;

  /**
   * How many times an automatic remediation is tried within `retryAttemptSeconds` (1-25).
   * @default 5
   */
  readonly maximumAutomaticAttempts?: number;

  /**
   * The window, in seconds, in which `maximumAutomaticAttempts` tries are made (1-2,678,000).
   * @default 60
   */
  readonly retryAttemptSeconds?: number;

  /**
   * Version of the document.
   * @default - the default version
   */
  readonly documentVersion?: string;

  /**
   * Resource type the remediation applies to.
   * @default - the document's resource type for documents Gantry knows, else none
   */
  readonly resourceType?: string;

  /**
   * The role SSM Automation assumes to remediate.
   * @default - for documents Gantry knows, a role allowed exactly the document's actions is created
   */
  readonly role?: iam.IRole;

  /**
   * The parameter names of a document Gantry does not know (your own document), so the
   * remediation's parameters can still be checked.
   * @default - parameters of unknown documents are not checked
   */
  readonly documentParameterNames?: string[];

  /**
   * Share of resources remediated at the same time, in percent (1-100).
   * @default - the SSM default
   */
  readonly concurrentExecutionRatePercentage?: number;

  /**
   * Share of failed remediations, in percent (1-100), at which SSM stops remediating.
   * @default - the SSM default
   */
  readonly errorPercentage?: number;
}

/** Fixes non-compliant resources of a rule with an SSM Automation document. */
export class Remediation {
  /**
   * Remediate with an SSM Automation document, e.g. `AWS-EnableS3BucketEncryption`.
   * @param documentName name (or ARN) of the document
   */
  public static ssmDocument(documentName: string, options: SsmRemediationOptions = {}): Remediation {
    return new Remediation(documentName, options);
  }

  private constructor(public readonly documentName: string, private readonly options: SsmRemediationOptions) {}

  /**
   * Validates the options and plans the remediation.
   * @internal
   */
  public _plan(scope: IConstruct, prop: string): RemediationPlan {
    const o = this.options;
    const limits = Limits.conformancePack;
    checkPattern(scope, `${prop}.documentName`, this.documentName, /[A-Za-z0-9_.:\/-]{3,256}/, 'an SSM document name or ARN (3-256 of letters, digits, _ . - : /)');
    checkRange(scope, `${prop}.maximumAutomaticAttempts`, o.maximumAutomaticAttempts, 1, limits.maxAutomaticAttempts, { integer: true });
    checkRange(scope, `${prop}.retryAttemptSeconds`, o.retryAttemptSeconds, 1, limits.maxRetryAttemptSeconds, { integer: true, unit: 'seconds' });
    checkRange(scope, `${prop}.concurrentExecutionRatePercentage`, o.concurrentExecutionRatePercentage, 1, 100, { integer: true, unit: '%' });
    checkRange(scope, `${prop}.errorPercentage`, o.errorPercentage, 1, 100, { integer: true, unit: '%' });
    if (!o.automatic && (o.maximumAutomaticAttempts !== undefined || o.retryAttemptSeconds !== undefined)) {
      fail(scope, `${prop}.maximumAutomaticAttempts`, o.maximumAutomaticAttempts ?? o.retryAttemptSeconds,
        'retry settings only with automatic: true (manual remediations are not retried)');
    }
    const document = REMEDIATION_DOCUMENTS.get(this.documentName);
    const known = document?.parameters ?? o.documentParameterNames;
    const parameters: Record<string, RemediationParameter> = { ...(o.parameters ?? {}) };
    if (known && !isUnresolved(this.documentName)) {
      for (const name of Object.keys(parameters)) {
        if (!known.includes(name)) {
          fail(scope, `${prop}.parameters.${name}`, name, `a parameter of SSM document ${this.documentName}: ${known.join(', ')}${didYouMean(name, known)}`);
        }
      }
    }
    if (document && Object.keys(parameters).every((name) => name === 'AutomationAssumeRole')) {
      parameters[document.resourceIdParameter] = RemediationParameter.resourceId();
    }
    if (!document && !o.role && !parameters.AutomationAssumeRole) {
      fail(scope, `${prop}.role`, undefined,
        `a role for SSM document ${this.documentName} (Gantry knows the permissions only of ${[...REMEDIATION_DOCUMENTS.keys()].join(', ')})`);
    }
    const resourceType = o.resourceType ?? document?.resourceType;
    checkPattern(scope, `${prop}.resourceType`, resourceType, /AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/, 'a CloudFormation resource type like AWS::S3::Bucket');
    const automatic = o.automatic ?? false;
    return {
      documentName: this.documentName,
      document,
      role: o.role,
      render: (ruleName, roleArn) => {
        const rendered: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(parameters).sort(([a], [b]) => a.localeCompare(b))) rendered[name] = value._render();
        const assumeRole = o.role?.roleArn ?? roleArn;
        if (assumeRole && !rendered.AutomationAssumeRole) rendered.AutomationAssumeRole = RemediationParameter.staticValue(assumeRole)._render();
        const ssmControls: Record<string, number> = {};
        if (o.concurrentExecutionRatePercentage !== undefined) ssmControls.ConcurrentExecutionRatePercentage = o.concurrentExecutionRatePercentage;
        if (o.errorPercentage !== undefined) ssmControls.ErrorPercentage = o.errorPercentage;
        return {
          ConfigRuleName: ruleName,
          TargetType: 'SSM_DOCUMENT',
          TargetId: this.documentName,
          ...(o.documentVersion ? { TargetVersion: o.documentVersion } : {}),
          ...(resourceType ? { ResourceType: resourceType } : {}),
          Parameters: rendered,
          ...(Object.keys(ssmControls).length ? { ExecutionControls: { SsmControls: ssmControls } } : {}),
          Automatic: automatic,
          ...(automatic ? {
            MaximumAutomaticAttempts: o.maximumAutomaticAttempts ?? 5,
            RetryAttemptSeconds: o.retryAttemptSeconds ?? 60,
          } : {}),
        };
      },
    };
  }
}
