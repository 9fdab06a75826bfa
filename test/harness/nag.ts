import { App, Aspects, CfnResource, Stack } from 'aws-cdk-lib';
import {
  INagLogger, NagLoggerComplianceData, NagLoggerErrorData, NagLoggerNonComplianceData, NagLoggerNotApplicableData,
  NagLoggerSuppressedData, NagLoggerSuppressedErrorData,
} from 'cdk-nag';
import { IConstruct } from 'constructs';
import { nagPacks } from '../../examples/nag-packs';

/** One finding of one rule on one resource. */
export interface NagFinding {
  readonly ruleId: string;
  readonly findingId: string;
  readonly path: string;
  readonly level: string;
  readonly reason?: string;
}

/** A suppression declared in a resource's `cdk_nag` metadata (or the stack's). */
export interface DeclaredSuppression {
  readonly path: string;
  readonly id: string;
  readonly appliesTo?: string;
  readonly reason: string;
}

export interface NagResult {
  /** Findings nobody suppressed: each one fails the check. */
  readonly unsuppressed: NagFinding[];
  /** Findings a suppression covered. */
  readonly suppressed: NagFinding[];
  /** Declared suppressions (one per appliesTo entry) that matched no real finding. */
  readonly unusedSuppressions: DeclaredSuppression[];
}

class CollectingLogger implements INagLogger {
  public readonly unsuppressed: NagFinding[] = [];
  public readonly suppressed: NagFinding[] = [];
  onCompliance(_data: NagLoggerComplianceData): void {}
  onNotApplicable(_data: NagLoggerNotApplicableData): void {}
  onNonCompliance(data: NagLoggerNonComplianceData): void {
    this.unsuppressed.push({ ruleId: data.ruleId, findingId: data.findingId, path: data.resource.node.path, level: String(data.ruleLevel) });
  }
  onSuppressed(data: NagLoggerSuppressedData): void {
    this.suppressed.push({
      ruleId: data.ruleId,
      findingId: data.findingId,
      path: data.resource.node.path,
      level: String(data.ruleLevel),
      reason: data.suppressionReason,
    });
  }
  onError(data: NagLoggerErrorData): void {
    // A rule that could not evaluate (e.g. an unresolvable value) counts as a finding too.
    this.unsuppressed.push({ ruleId: `${data.ruleId} (rule error: ${data.errorMessage})`, findingId: data.ruleId, path: data.resource.node.path, level: 'ERROR' });
  }
  onSuppressedError(data: NagLoggerSuppressedErrorData): void {
    this.suppressed.push({ ruleId: data.ruleId, findingId: data.ruleId, path: data.resource.node.path, level: 'ERROR', reason: data.errorSuppressionReason });
  }
}

/**
 * Runs the five packs (AwsSolutions, NIST 800-53 R5, HIPAA Security, PCI DSS 3.2.1, Serverless)
 * over a stack (or a whole app) that has not been synthesized yet and reports what they found.
 */
export function runNag(scope: Stack | App): NagResult {
  const logger = new CollectingLogger();
  for (const pack of nagPacks([logger])) Aspects.of(scope).add(pack);
  const app = scope.node.root as App;
  app.synth({ force: true });

  const declared = declaredSuppressions(scope);
  const unusedSuppressions = declared.filter((d) => !logger.suppressed.some((f) => matches(d, f)));
  return { unsuppressed: logger.unsuppressed, suppressed: logger.suppressed, unusedSuppressions };
}

/** Renders findings one per line for a readable test failure. */
export function formatFindings(findings: Array<NagFinding | DeclaredSuppression>): string {
  return findings.map((f) => ('ruleId' in f
    ? `${f.path}: ${f.ruleId}${f.findingId && f.findingId !== f.ruleId ? `[${f.findingId}]` : ''} [${f.level}]`
    : `${f.path}: ${f.id}${f.appliesTo ? `[${f.appliesTo}]` : ''} (unused suppression: "${f.reason}")`)).join('\n');
}

function declaredSuppressions(scope: IConstruct): DeclaredSuppression[] {
  const result: DeclaredSuppression[] = [];
  for (const node of scope.node.findAll()) {
    if (!CfnResource.isCfnResource(node)) continue;
    const rules = (node.getMetadata('cdk_nag')?.rules_to_suppress ?? []) as Array<{ id: string; reason: string; applies_to?: Array<string | { regex: string }> }>;
    for (const rule of rules) {
      const entries = rule.applies_to ?? [undefined];
      for (const entry of entries) {
        result.push({
          path: node.node.path,
          id: rule.id,
          reason: rule.reason,
          appliesTo: entry === undefined ? undefined : typeof entry === 'string' ? entry : entry.regex,
        });
      }
    }
  }
  return result;
}

function matches(declared: DeclaredSuppression, finding: NagFinding): boolean {
  if (declared.path !== finding.path || declared.id !== finding.ruleId) return false;
  if (declared.appliesTo === undefined) return true;
  const regex = /^\/(.*)\/(\w*)$/.exec(declared.appliesTo);
  if (regex) return new RegExp(regex[1], regex[2]).test(finding.findingId);
  return declared.appliesTo === finding.findingId;
}
