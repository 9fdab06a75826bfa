import { App, Aspects, CfnResource, Stack, Stage, Validations } from 'aws-cdk-lib';
import {
  INagLogger, NagLoggerComplianceData, NagLoggerErrorData, NagLoggerNonComplianceData, NagLoggerNotApplicableData,
  NagLoggerSuppressedData, NagLoggerSuppressedErrorData,
} from 'cdk-nag';
import * as nag3 from 'cdk-nag-v3';
import { IConstruct } from 'constructs';
import { nagPacks } from '../../examples/nag-packs';

/** The cdk-nag majors Gantry supports; the harness runs each (cdk-nag 3 is installed as `cdk-nag-v3`). */
export const NAG_MAJORS = [2, 3] as const;
export type NagMajor = typeof NAG_MAJORS[number];

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
 * Runs the five packs (AwsSolutions, NIST 800-53 R5, HIPAA Security, PCI DSS 3.2.1, Serverless) of
 * one cdk-nag major over a stack (or a whole app) that has not been synthesized yet and reports what
 * they found. cdk-nag 2 reads the `cdk_nag` CloudFormation metadata; cdk-nag 3 reads aws-cdk-lib's
 * acknowledgements (`Validations.of(scope).acknowledge`); Gantry writes both.
 *
 * The stacks of every `Stage` under the scope (a pipeline's stages, nested or not) are checked too:
 * they are deployed like any other stack, so they are reference stacks as well.
 */
export function runNag(scope: Stack | App, major: NagMajor = 2): NagResult {
  return major === 3 ? runNag3(scope) : runNag2(scope);
}

function runNag2(scope: Stack | App): NagResult {
  const logger = new CollectingLogger();
  const packs = nagPacks([logger]);
  // Aspects do not cross a Stage boundary (aws-cdk-lib's invokeAspects stops at a child Stage, which
  // invokes its own aspects when it synthesizes): each Stage under the scope gets the packs itself.
  for (const root of [scope, ...stagesUnder(scope)]) {
    for (const pack of packs) Aspects.of(root).add(pack);
  }
  const app = scope.node.root as App;
  app.synth({ force: true });

  const declared = declaredSuppressions(scope);
  const unusedSuppressions = declared.filter((d) => !logger.suppressed.some((f) => matches(d, f)));
  return { unsuppressed: logger.unsuppressed, suppressed: logger.suppressed, unusedSuppressions };
}

/** Every Stage below the scope, nested stages included (the scope itself excluded). */
export function stagesUnder(scope: IConstruct): Stage[] {
  return scope.node.findAll().filter((c): c is Stage => c !== scope && Stage.isStage(c));
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

/** cdk-nag 3's packs, constructed as a user registers them with `Validations.of(app).addPlugins(...)`. */
function nag3Packs(): nag3.NagPack[] {
  const props = { verbose: true };
  return [
    new nag3.AwsSolutionsChecks(undefined, props),
    new nag3.NIST80053R5Checks(undefined, props),
    new nag3.HIPAASecurityChecks(undefined, props),
    new nag3.PCIDSS321Checks(undefined, props),
    new nag3.ServerlessChecks(undefined, props),
  ];
}

/**
 * cdk-nag 3 is a policy-validation plugin: it reports violations (`Rule` or `Rule[Finding]` per
 * construct path) and drops acknowledged ones without saying so.
 *
 * Registered as a user does (`Validations.of(app).addPlugins(pack)`), aws-cdk-lib (2.257) would
 * give each Stage's plugins the templates of that Stage's assembly and its nested ones, but calls
 * `validate({ templatePaths })` without the construct tree, which cdk-nag 3.0 needs (it then
 * reports "NagPack requires a construct tree on the validation context" and checks nothing). So
 * the harness calls `validateScope(scope)`, which walks the construct tree through every child,
 * Stage boundaries included: the stacks of nested Stages are checked in the same pass.
 *
 * To tell which acknowledgements took effect, the harness wraps each pack's acknowledgement check
 * (called only for non-compliant findings) and records the ones it answered yes to.
 */
function runNag3(scope: Stack | App): NagResult {
  const app = scope.node.root as App;
  app.synth({ force: true });
  const unsuppressed: NagFinding[] = [];
  const suppressed: NagFinding[] = [];
  const declared = declaredAcknowledgements(scope);
  for (const pack of nag3Packs()) {
    const hooked = pack as unknown as { isAcknowledged?: (resource: CfnResource, ruleId: string) => boolean };
    const original = hooked.isAcknowledged;
    if (typeof original !== 'function') throw new Error('cdk-nag 3 changed: NagPack.isAcknowledged is gone; update test/harness/nag.ts');
    hooked.isAcknowledged = (resource, ruleId) => {
      const acknowledged = original.call(pack, resource, ruleId);
      if (acknowledged) {
        const { rule, finding } = splitId(ruleId);
        const reason = declared.find((d) => d.id === rule && d.appliesTo === finding && isUnder(resource.node.path, d.path))?.reason;
        suppressed.push({ ruleId: rule, findingId: finding ?? rule, path: resource.node.path, level: 'acknowledged', reason });
      }
      return acknowledged;
    };
    const report = pack.validateScope(scope);
    for (const violation of report.violations) {
      const { rule, finding } = splitId(violation.ruleName);
      const errored = violation.description.startsWith('Rule threw an error') ? ` (rule error: ${violation.description})` : '';
      for (const resource of violation.violatingResources) {
        unsuppressed.push({ ruleId: `${rule}${errored}`, findingId: finding ?? rule, path: resource.constructPath ?? '', level: String(violation.severity ?? 'error') });
      }
    }
  }
  const unusedSuppressions = declared.filter((d) => !suppressed.some((f) => isUnder(f.path, d.path) && matches({ ...d, path: f.path }, f)));
  return { unsuppressed, suppressed, unusedSuppressions };
}

/** Acknowledgements recorded through aws-cdk-lib (what cdk-nag 3 reads), one per id. */
function declaredAcknowledgements(scope: IConstruct): DeclaredSuppression[] {
  const result: DeclaredSuppression[] = [];
  for (const node of scope.node.findAll()) {
    const seen = new Map<string, string>();
    for (const entry of node.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      for (const [qualified, reason] of Object.entries(entry.data as Record<string, string>)) {
        seen.set(qualified.replace(/^annotation::/i, ''), reason);
      }
    }
    for (const [id, reason] of seen) {
      const { rule, finding } = splitId(id);
      result.push({ path: node.node.path, id: rule, appliesTo: finding, reason });
    }
  }
  return result;
}

/** `AwsSolutions-IAM5[Resource::*]` → rule `AwsSolutions-IAM5`, finding `Resource::*`. */
function splitId(id: string): { rule: string; finding?: string } {
  const open = id.indexOf('[');
  if (open < 0 || !id.endsWith(']')) return { rule: id };
  return { rule: id.slice(0, open), finding: id.slice(open + 1, -1) };
}

function isUnder(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}
