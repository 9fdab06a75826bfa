import { IConstruct } from 'constructs';
import { fail, ManagedPolicyRole, suppressExpectedWildcards, suppressNagFindings } from '../core';

/** One acknowledged cdk-nag finding and why it is acceptable. */
export interface NagAcknowledgementProps {
  /**
   * The rule, as cdk-nag names it: `AwsSolutions-IAM5`, `NIST.800.53.R5-LambdaInsideVPC`, ...
   * A granular finding (`Resource::*`) goes in `appliesTo`, not here.
   */
  readonly ruleId: string;

  /**
   * Why the finding is acceptable on this resource: at least 20 characters and three words, saying
   * why rather than that (not a TODO, not the rule id again). Auditors read it.
   */
  readonly reason: string;

  /**
   * The granular findings acknowledged (for example `Resource::*` or `Action::s3:GetObject*`), so the
   * rule still reports any other finding of the resource.
   * @default - every finding of the rule on the resource
   */
  readonly appliesTo?: string[];

  /**
   * Acknowledge the finding on every CloudFormation resource below the scope, not only on the scope's
   * own resource.
   * @default false - the scope itself when it is a CloudFormation resource, else its default child
   */
  readonly applyToChildren?: boolean;
}

/** A wildcard an L2 grant writes on purpose into a role's policy, and why it is acceptable. */
export interface WildcardAcknowledgement {
  /**
   * A regular expression (JavaScript syntax) the whole granular finding matches, as cdk-nag names it:
   * `Action::s3:GetObject*` or `Resource::<ArtifactsBucket1234ABCD.Arn>/*`, e.g. `Resource::<ArtifactsBucket[A-F0-9]{8}\.Arn>/\*`.
   */
  readonly findingPattern: string;

  /** Why this wildcard is acceptable (as `NagAcknowledgementProps.reason`). */
  readonly reason: string;
}

/**
 * Records that a cdk-nag finding is accepted, with its reason, the way both cdk-nag majors read it:
 * cdk-nag 2's `cdk_nag` resource metadata and aws-cdk-lib's acknowledgements (`Validations`), which
 * cdk-nag 3 reads. Gantry's constructs acknowledge their own findings the same way.
 *
 * Least privilege first, acknowledgement last: acknowledge only a finding you have looked at, on the
 * resource it names, and narrow it with `appliesTo` where the rule reports granular findings.
 *
 * @example
 * NagAcknowledgement.add(loadBalancer, {
 *   ruleId: 'NIST.800.53.R5-ALBWAFEnabled',
 *   reason: 'The load balancer is internal (private subnets, VPC clients only); a WAF belongs to an internet-facing entry point.',
 * });
 */
export class NagAcknowledgement {
  /**
   * Acknowledge one rule's findings on a resource (a CloudFormation resource, or an L2 construct whose
   * default child is one). Throws when the rule id holds a finding or the reason says nothing.
   */
  public static add(scope: IConstruct, props: NagAcknowledgementProps): void {
    suppressNagFindings(scope, [{ id: props.ruleId, reason: props.reason, appliesTo: props.appliesTo }], props.applyToChildren ?? false);
  }

  /**
   * Acknowledge AwsSolutions-IAM5 for exactly those wildcards of a `ManagedPolicyRole`'s grants policy
   * that match one of the given patterns (findings computed as cdk-nag computes them); a wildcard that
   * matches none stays a finding. Call it after the last grant to the role.
   */
  public static addExpectedWildcards(role: ManagedPolicyRole, wildcards: WildcardAcknowledgement[]): void {
    const expected = wildcards.map((wildcard, index) => {
      let finding: RegExp;
      try {
        finding = new RegExp(`^(?:${wildcard.findingPattern})$`);
      } catch (error) {
        return fail(role, `wildcards[${index}].findingPattern`, wildcard.findingPattern, `a JavaScript regular expression (${(error as Error).message})`);
      }
      return { finding, reason: wildcard.reason };
    });
    suppressExpectedWildcards(role, expected);
  }

  private constructor() {}
}
