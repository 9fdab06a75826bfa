import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { fail } from './validate';

/**
 * One cdk-nag suppression. `appliesTo` narrows it to granular findings (for example
 * `Resource::*` or `Action::s3:GetObject*`) so the rest of the rule still applies.
 */
export interface NagSuppression {
  /** Rule id, e.g. `AwsSolutions-IAM5` or `NIST.800.53.R5-S3BucketReplicationEnabled`. */
  readonly id: string;
  /** Why the finding is acceptable here. At least 20 characters: say why, not just that. */
  readonly reason: string;
  /** Granular findings this suppression covers; all findings of the rule when omitted. */
  readonly appliesTo?: string[];
}

/** Metadata key and shape that cdk-nag 2.x reads on CloudFormation resources. */
const NAG_METADATA_KEY = 'cdk_nag';
const MIN_REASON_LENGTH = 20;

/**
 * The one way Gantry records a nag acknowledgement, so that every supported cdk-nag major honours it
 * and the library needs no runtime dependency on cdk-nag:
 * - cdk-nag 2.x reads the `cdk_nag` CloudFormation metadata (`rules_to_suppress`, granular findings
 *   in `applies_to`);
 * - cdk-nag 3.x reads only aws-cdk-lib's acknowledgements (`Validations.of(scope).acknowledge`,
 *   construct metadata `aws:cdk:acknowledged-rules`), one id per finding: `Rule[Finding]`.
 * Applies to the construct's own CfnResource, or to every CfnResource below it with `applyToChildren`.
 */
export function suppressNagFindings(scope: IConstruct, suppressions: NagSuppression[], applyToChildren = false): void {
  for (const s of suppressions) checkSuppression(scope, s);
  const targets = applyToChildren
    ? scope.node.findAll().filter(CfnResource.isCfnResource)
    : [cfnResourceOf(scope)];
  for (const resource of targets) {
    const existing = (resource.getMetadata(NAG_METADATA_KEY)?.rules_to_suppress ?? []) as object[];
    const added = suppressions.map((s) => ({
      id: s.id,
      reason: s.reason,
      ...(s.appliesTo ? { applies_to: s.appliesTo } : {}),
    }));
    const merged = Array.from(new Set([...existing, ...added].map((r) => JSON.stringify(r)))).map((r) => JSON.parse(r));
    resource.addMetadata(NAG_METADATA_KEY, { rules_to_suppress: merged });
    for (const s of suppressions) {
      for (const id of acknowledgementIds(s)) acknowledge(resource, id, s.reason);
    }
  }
}

/**
 * A suppression names one rule (its granular findings go in `appliesTo`) and says why it is acceptable:
 * at least 20 characters and three words, more than the rule id, no placeholder ("TODO ...").
 */
function checkSuppression(scope: IConstruct, s: NagSuppression): void {
  if (typeof s.id !== 'string' || !/^[^\s[\]]+$/.test(s.id)) {
    const finding = typeof s.id === 'string' && /\[.*\]/.test(s.id);
    fail(scope, 'ruleId', s.id, finding
      ? 'a rule id alone, e.g. AwsSolutions-IAM5: this one contains a finding, put the finding in appliesTo'
      : 'a cdk-nag rule id such as AwsSolutions-IAM5 or NIST.800.53.R5-LambdaInsideVPC');
  }
  const reason = typeof s.reason === 'string' ? s.reason.trim() : '';
  const words = reason.split(/\s+/).filter((word) => /[A-Za-z]{2,}/.test(word));
  const placeholder = /^(todo|tbd|fixme|xxx)\b/i.test(reason);
  if (reason.length < MIN_REASON_LENGTH || words.length < 3 || placeholder || reason.split(s.id).join('').trim().length < MIN_REASON_LENGTH) {
    fail(scope, `reason of ${s.id}`, s.reason,
      `a reason of at least ${MIN_REASON_LENGTH} characters and three words saying why the finding is acceptable here (not a TODO or the rule id)`);
  }
}

/** The ids cdk-nag 3 matches: the rule alone, or `Rule[Finding]` per granular finding. */
export function acknowledgementIds(suppression: NagSuppression): string[] {
  return suppression.appliesTo ? suppression.appliesTo.map((finding) => `${suppression.id}[${finding}]`) : [suppression.id];
}

/**
 * Records one acknowledgement through aws-cdk-lib. aws-cdk-lib before 2.262 splits ids on every
 * `::` and refuses ids with more than one (e.g. `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:...]`,
 * which cdk-nag 3 reports as such); for those, the same metadata entry `acknowledge` writes is
 * recorded directly (the key is aws-cdk-lib's public `Validations.ACKNOWLEDGED_RULES_METADATA_KEY`;
 * cdk-nag 3 compares ids with or without aws-cdk-lib's `annotation::` namespace).
 */
function acknowledge(resource: CfnResource, id: string, reason: string): void {
  try {
    Validations.of(resource).acknowledge({ id, reason });
  } catch {
    const key = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;
    const entries = resource.node.metadata.filter((m) => m.type === key);
    const acknowledged = { ...(entries.length > 0 ? entries[entries.length - 1].data : {}), [id]: reason };
    resource.node.addMetadata(key, acknowledged);
  }
}

function cfnResourceOf(scope: IConstruct): CfnResource {
  if (CfnResource.isCfnResource(scope)) return scope;
  const child = scope.node.defaultChild;
  if (child && CfnResource.isCfnResource(child)) return child;
  return fail(scope, 'scope', scope.node.path,
    `a CloudFormation resource or a construct whose default child is one (in stack ${Stack.of(scope).stackName}); acknowledge on the resource the finding names, or apply to its children`);
}
