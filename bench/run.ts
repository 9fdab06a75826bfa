/* eslint-disable no-console */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { App, Stack } from 'aws-cdk-lib';
import { BenchScenario } from './scenario';

/**
 * Prints one row per scenario: median synth time over several runs, template bytes, resource
 * count, Lambda-backed custom resources and bundled handler bytes. Figures, never assertions.
 *   npm run bench            (BENCH_RUNS=7 by default; BENCH_FILTER=<text> to pick rows)
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const FILTER = process.env.BENCH_FILTER;
const ROOT = join(__dirname, '..');

interface Row {
  scenario: string;
  synthMs: number;
  templateBytes: number;
  resources: number;
  customResources: number;
  handlerBytes: string;
  notes: string;
}

function loadScenarios(): BenchScenario[] {
  const dir = join(__dirname, 'scenarios');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- scenario files are discovered at run time
    .flatMap((f) => (require(join(dir, f)).default ?? []) as BenchScenario[])
    .filter((s) => !FILTER || s.name.includes(FILTER));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** All templates of an assembly, nested assemblies (stages) included. */
function templates(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (entry.startsWith('asset.')) continue;
    if (statSync(path).isDirectory()) found.push(...templates(path));
    else if (entry.endsWith('.template.json')) found.push(path);
  }
  return found;
}

function isCustomResource(type: string): boolean {
  return type === 'AWS::CloudFormation::CustomResource' || type.startsWith('Custom::');
}

function measure(scenario: BenchScenario): Row {
  const times: number[] = [];
  let outdir = '';
  let stacks: Stack[] = [];
  for (let run = 0; run < RUNS; run++) {
    if (outdir) rmSync(outdir, { recursive: true, force: true });
    outdir = mkdtempSync(join(tmpdir(), 'gantry-bench-'));
    const start = performance.now();
    const app = new App({ outdir });
    stacks = scenario.build(app);
    app.synth();
    times.push(performance.now() - start);
  }
  let templateBytes = 0;
  let resources = 0;
  let customResources = 0;
  for (const file of templates(outdir)) {
    templateBytes += statSync(file).size;
    const template = JSON.parse(readFileSync(file, 'utf-8'));
    const types = Object.values<any>(template.Resources ?? {}).map((r) => r.Type as string);
    resources += types.length;
    customResources += types.filter(isCustomResource).length;
  }
  // Figures read the synthesized assembly, so before it is removed.
  const figures = scenario.figures ? `; ${scenario.figures(stacks)}` : '';
  const notes = scenario.notes?.(outdir) ?? '';
  rmSync(outdir, { recursive: true, force: true });
  const handlerFiles = scenario.handlerFiles ?? [];
  const missing = handlerFiles.filter((f) => !existsSync(join(ROOT, f)));
  const handlerBytes = handlerFiles.length === 0
    ? '-'
    : missing.length > 0
      ? `missing (run npx projen bundle): ${missing.join(', ')}`
      : String(handlerFiles.reduce((sum, f) => sum + statSync(join(ROOT, f)).size, 0));
  return { scenario: `${scenario.name}${figures}`, synthMs: median(times), templateBytes, resources, customResources, handlerBytes, notes };
}

function main() {
  const scenarios = loadScenarios();
  console.log(`Gantry benchmarks: median synth time of ${RUNS} runs, node ${process.version}\n`);
  console.log('| scenario | synth ms (median) | template bytes | resources | Lambda-backed custom resources | handler bytes | notes |');
  console.log('|---|---:|---:|---:|---:|---:|---|');
  for (const scenario of scenarios) {
    try {
      const row = measure(scenario);
      console.log(`| ${row.scenario} | ${row.synthMs.toFixed(0)} | ${row.templateBytes} | ${row.resources} | ${row.customResources} | ${row.handlerBytes} | ${row.notes} |`);
    } catch (e) {
      // A synth that fails is a figure too (for example an anchor past CloudFormation's limits).
      const reason = ((e as Error).message.split('\n')[0] ?? '').slice(0, 160).replace(/\|/g, '/');
      console.log(`| ${scenario.name} | synth fails: ${reason} | - | - | - | - | - |`);
    }
  }
}

main();
