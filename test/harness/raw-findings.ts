import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Aspects, BootstraplessSynthesizer, Stack } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { INagLogger, NagLoggerNonComplianceData, NagLoggerErrorData, NagLoggerSuppressedData } from 'cdk-nag';
import { nagPacks } from '../../examples/nag-packs';

/** What an auditor sees before any acknowledgement: findings per pack, counted on the synthesized templates. */
export interface RawFindings {
  readonly total: number;
  readonly byPack: Record<string, number>;
  readonly byRule: Record<string, number>;
  /** Findings per template file (stack, nested stack or stage template). */
  readonly byTemplate: Record<string, number>;
  /** Every finding: template file, rule, resource (logical id) and, for IAM5 and the like, what it applies to. */
  readonly findings: RawFinding[];
}

/** One raw finding. */
export interface RawFinding {
  readonly template: string;
  readonly ruleId: string;
  readonly resource: string;
  readonly findingId: string;
}

/** The pack a rule id belongs to (`AwsSolutions-IAM5` -> `AwsSolutions`). */
export function packOf(ruleId: string): string {
  return ruleId.replace(/-[^-]*$/, '');
}

class CountingLogger implements INagLogger {
  public readonly findings: string[] = [];
  public readonly details: RawFinding[] = [];
  public template = '';
  onCompliance(): void {}
  onNotApplicable(): void {}
  onNonCompliance(data: NagLoggerNonComplianceData): void { this.add(data.ruleId, data.resource.node.id, data.findingId); }
  // Nothing should be suppressed in a re-read template; count it anyway, so nothing hides.
  onSuppressed(data: NagLoggerSuppressedData): void { this.add(data.ruleId, data.resource.node.id, data.findingId); }
  onError(data: NagLoggerErrorData): void { this.add(data.ruleId, data.resource.node.id, `error: ${data.errorMessage}`); }
  onSuppressedError(): void {}
  private add(ruleId: string, resource: string, findingId: string): void {
    this.findings.push(ruleId);
    this.details.push({ template: this.template, ruleId, resource, findingId });
  }
}

/** Every template of an assembly directory, nested stacks and stage assemblies included. */
function templateFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry.startsWith('asset.')) return [];
    if (statSync(path).isDirectory()) return templateFiles(path);
    return entry.endsWith('.template.json') ? [path] : [];
  });
}

/** A template without the acknowledgements (cdk_nag metadata) Gantry wrote into it. */
export function withoutAcknowledgements(template: any): any {
  const copy = JSON.parse(JSON.stringify(template));
  if (copy.Metadata) delete copy.Metadata.cdk_nag;
  for (const resource of Object.values<any>(copy.Resources ?? {})) {
    if (resource.Metadata) delete resource.Metadata.cdk_nag;
  }
  return copy;
}

/**
 * Synthesizes the stacks' app, re-reads each template with `CfnInclude` into a fresh app (so the
 * findings are those of the template alone, acknowledgements removed) and counts what the five
 * cdk-nag packs find.
 */
export function countRawFindings(app: App): RawFindings {
  const outdir = mkdtempSync(join(tmpdir(), 'gantry-raw-findings-'));
  try {
    const assemblyDir = app.synth({ force: true }).directory;
    const logger = new CountingLogger();
    const byTemplate: Record<string, number> = {};
    templateFiles(assemblyDir).forEach((file, index) => {
      const before = logger.findings.length;
      logger.template = file.slice(assemblyDir.length + 1);
      const fresh = new App({ outdir: join(outdir, String(index)) });
      // No synthesizer parameters of its own: the included template brings its own.
      const stack = new Stack(fresh, `Template${index}`, { synthesizer: new BootstraplessSynthesizer() });
      const templateFile = join(outdir, `template-${index}.json`);
      writeFileSync(templateFile, JSON.stringify(withoutAcknowledgements(JSON.parse(readFileSync(file, 'utf-8')))));
      new CfnInclude(stack, 'Template', { templateFile });
      for (const pack of nagPacks([logger])) Aspects.of(stack).add(pack);
      fresh.synth();
      byTemplate[file.slice(assemblyDir.length + 1)] = logger.findings.length - before;
    });
    const byPack: Record<string, number> = {};
    const byRule: Record<string, number> = {};
    for (const ruleId of logger.findings) {
      byPack[packOf(ruleId)] = (byPack[packOf(ruleId)] ?? 0) + 1;
      byRule[ruleId] = (byRule[ruleId] ?? 0) + 1;
    }
    return { total: logger.findings.length, byPack, byRule, byTemplate, findings: logger.details };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
