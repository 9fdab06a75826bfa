import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

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
 * The one way Gantry records a nag suppression. It writes the metadata cdk-nag reads, so the
 * library needs no runtime dependency on cdk-nag and consumers who run cdk-nag see the same,
 * reasoned suppressions. Applies to the construct's own CfnResource, or to every CfnResource
 * below it with `applyToChildren`.
 */
export function suppressNagFindings(scope: IConstruct, suppressions: NagSuppression[], applyToChildren = false): void {
  for (const s of suppressions) {
    if (!s.reason || s.reason.trim().length < MIN_REASON_LENGTH) {
      throw new Error(`[nag] suppression of '${s.id}' at '${scope.node.path}' needs a reason of at least ${MIN_REASON_LENGTH} characters`);
    }
    if (/\[.*\]/.test(s.id)) {
      throw new Error(`[nag] suppression id '${s.id}' at '${scope.node.path}' contains a finding: put the finding in appliesTo`);
    }
  }
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
  }
}

function cfnResourceOf(scope: IConstruct): CfnResource {
  if (CfnResource.isCfnResource(scope)) return scope;
  const child = scope.node.defaultChild;
  if (child && CfnResource.isCfnResource(child)) return child;
  throw new Error(`[nag] '${scope.node.path}' (in ${Stack.of(scope).stackName}) has no CloudFormation resource to suppress findings on`);
}
