/*
 * Builds Gantry's catalogue of AWS Control Tower controls from AWS's published Controls Reference.
 *
 *   extract  <guide>   reads the Control Tower guide's control pages, writes
 *                      data/control-tower-controls/controls.json
 *   generate           writes the typed catalogue (constructs/account-baseline/controls/catalogue.generated.ts)
 *                      from the JSON and data/control-tower-controls/curated.json
 *
 * <guide> a checkout or a git directory of awsdocs/aws-control-tower-guide (env CONTROL_TOWER_DOCS_DIR).
 *         AWS archived the repository in June 2023 and its last commit deletes the pages, so from a git
 *         directory the newest commit that still has doc_source/control-identifiers.md is read.
 *
 * What is read:
 * - doc_source/control-identifiers.md: the `API controlIdentifier` of every legacy control that can be
 *   enabled (strongly recommended, elective, data residency), `arn:aws:controltower:REGION::control/AWS-GR_*`,
 *   each linked to its reference section; that section gives the purpose (its heading) and the behaviour.
 * - doc_source/*-rules.md: the proactive controls (`CT.<SERVICE>.PR.<n>`), with their control objective,
 *   implementation and resource types.
 *
 * `npx projen catalogue:controls` runs both steps; see data/control-tower-controls/README.md.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const DATA_DIR = path.join(ROOT, 'data/control-tower-controls');
const DATA_FILE = path.join(DATA_DIR, 'controls.json');
const CURATED_FILE = path.join(DATA_DIR, 'curated.json');
const OUT_FILE = path.join(ROOT, 'constructs/account-baseline/controls/catalogue.generated.ts');
const GUIDE_REPO = 'awsdocs/aws-control-tower-guide';
const MARKER = 'doc_source/control-identifiers.md';

type Behavior = 'PREVENTIVE' | 'DETECTIVE' | 'PROACTIVE';
type Guidance = 'STRONGLY_RECOMMENDED' | 'ELECTIVE';

export interface ControlFact {
  /** `AWS-GR_*` for legacy controls, `CT.<SERVICE>.PR.<n>` for proactive ones. */
  readonly name: string;
  readonly behavior: Behavior;
  readonly guidance: Guidance;
  /** One line: the reference section's heading. */
  readonly purpose: string;
  /** The page (and anchor) of the reference entry. */
  readonly page: string;
  /** Legacy controls: the identifier form the guide publishes (REGION is the home region). */
  readonly identifierTemplate?: string;
  /** Data-residency controls (legacy, elective). */
  readonly dataResidency?: boolean;
  /** Proactive controls: control objective, implementation, resource types, governed service. */
  readonly objective?: string;
  readonly implementation?: string;
  readonly resourceTypes?: string[];
  readonly service?: string;
}

interface Catalogue {
  readonly comment: string;
  readonly extractedAt: string;
  readonly source: { repository: string; commit: string; commitDate: string; paths: string[]; note: string };
  readonly controls: ControlFact[];
}

interface ParameterFact { readonly name: string; readonly type: 'STRING_LIST' | 'BOOLEAN'; readonly description: string; readonly required?: boolean }
interface Curated {
  readonly parameters: Record<string, { url: string; checkedAt: string; parameters: ParameterFact[] }>;
  readonly globalIdentifiers: { ids: Record<string, string> };
}

// --- reading a checkout or a git directory ----------------------------------------------------

interface Tree { readonly dir: string; readonly commit: string; readonly commitDate: string; cleanup(): void }

function git(gitDir: string, ...args: string[]): string {
  return execFileSync('git', [`--git-dir=${gitDir}`, ...args], { encoding: 'utf-8', maxBuffer: 256 * 1024 * 1024 }).trim();
}

function openGuide(location: string): Tree {
  const isGitDir = (dir: string) => existsSync(path.join(dir, 'HEAD')) && existsSync(path.join(dir, 'objects'));
  const gitDir = isGitDir(location) ? location : path.join(location, '.git');
  if (existsSync(path.join(location, MARKER))) {
    const known = existsSync(gitDir);
    return {
      dir: location,
      commit: known ? git(gitDir, 'rev-parse', 'HEAD') : 'unknown (not a git checkout)',
      commitDate: known ? git(gitDir, 'log', '-1', '--format=%cI', 'HEAD') : 'unknown',
      cleanup: () => undefined,
    };
  }
  if (!isGitDir(gitDir)) throw new Error(`${location}: neither a checkout with ${MARKER} nor a git directory`);
  let commit = git(gitDir, 'rev-list', '-1', 'HEAD', '--', MARKER);
  if (!commit) throw new Error(`${location}: no commit has ${MARKER}`);
  try {
    execFileSync('git', [`--git-dir=${gitDir}`, 'cat-file', '-e', `${commit}:${MARKER}`], { stdio: 'ignore' });
  } catch {
    commit = git(gitDir, 'rev-parse', `${commit}^`); // the newest change deleted it: read its parent
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'control-tower-guide-'));
  execFileSync('sh', ['-c', 'git --git-dir="$0" archive "$1" doc_source | tar -x -C "$2"', gitDir, commit, dir]);
  return { dir, commit, commitDate: git(gitDir, 'log', '-1', '--format=%cI', commit), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// --- parsing ------------------------------------------------------------------------------------

/** Markdown as the guide writes it (`AWS\-GR\_X`, `\(Amazon S3\)`) to plain text. */
function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1').replace(/`/g, '').replace(/\s+/g, ' ').trim();
}

/** The sections of a page by anchor: heading text and body up to the next heading of the same level. */
function sections(text: string): Map<string, { heading: string; body: string }> {
  const result = new Map<string, { heading: string; body: string }>();
  const parts = text.split(/^## /m).slice(1);
  for (const part of parts) {
    const [first, ...rest] = part.split('\n');
    const anchor = first.match(/<a name="([^"]+)"><\/a>/);
    if (!anchor) continue;
    result.set(anchor[1], { heading: unescape(first.replace(/<a name="[^"]+"><\/a>/, '')), body: rest.join('\n') });
  }
  return result;
}

const LEGACY_LINE = /^\+ \[arn:aws:controltower:REGION::control\/([A-Za-z0-9\\_-]+)\]\(https:\/\/docs\.aws\.amazon\.com\/controltower\/latest\/userguide\/([a-z-]+)\.html#([A-Za-z0-9-]+) ?\)/;

/** The legacy controls the identifier page lists, with behaviour and purpose from their sections. */
export function parseLegacy(identifiers: string, page: (name: string) => string): ControlFact[] {
  const controls: ControlFact[] = [];
  let group: 'elective' | 'data-residency' | 'strongly-recommended' | undefined;
  for (const line of identifiers.split('\n')) {
    if (/Designations for Elective/.test(line)) group = 'elective';
    else if (/Designations for Data residency/.test(line)) group = 'data-residency';
    else if (/Designations for Strongly recommended/.test(line)) group = 'strongly-recommended';
    const match = line.match(LEGACY_LINE);
    if (!match) {
      if (line.includes('controltower:REGION::control/')) throw new Error(`control-identifiers.md: line not understood: ${line}`);
      continue;
    }
    if (!group) throw new Error(`control-identifiers.md: ${line} is outside a designation list`);
    const name = unescape(match[1]);
    const [, , file, anchor] = match;
    const section = sections(page(file)).get(anchor);
    if (!section) throw new Error(`${file}.md has no section #${anchor} (for ${name})`);
    const said = section.body.match(/\b(preventive|detective) control\b/i) ?? section.body.match(/\b(preventive|detective) guidance\b/i);
    if (!said) throw new Error(`${file}.md#${anchor}: behaviour of ${name} not stated`);
    const behavior = said[1].toUpperCase() as Behavior;
    // Headings carry a former title in brackets: "Disallow ... [Previously: ...]".
    const purpose = section.heading.replace(/\s*\[Previously:[^\]]*\]\s*$/, '');
    controls.push({
      name,
      behavior,
      guidance: group === 'strongly-recommended' ? 'STRONGLY_RECOMMENDED' : 'ELECTIVE',
      purpose: purpose.endsWith('.') ? purpose : `${purpose}.`,
      page: `${file}#${anchor}`,
      identifierTemplate: `arn:aws:controltower:REGION::control/${name}`,
      ...(group === 'data-residency' ? { dataResidency: true } : {}),
    });
  }
  return controls;
}

/** The proactive controls of one service page (`<service>-rules.md`). */
export function parseProactive(file: string, text: string): ControlFact[] {
  const controls: ControlFact[] = [];
  for (const [anchor, section] of sections(text)) {
    const bullet = (label: string) => {
      const match = section.body.match(new RegExp(`^\\+ \\*\\*${label}: \\*\\* *(.*)$`, 'm'));
      return match ? match[1] : undefined;
    };
    const behavior = bullet('Control behavior');
    if (!behavior) continue;
    const title = section.heading.match(/^\[C?(CT\.[A-Z0-9-]+\.PR\.\d+)\] (.+)$/);
    if (!title) throw new Error(`${file}.md#${anchor}: heading '${section.heading}' is not '[CT.<SERVICE>.PR.<n>] <purpose>'`);
    if (!/^Proactive$/i.test(unescape(behavior))) throw new Error(`${file}.md#${anchor}: behaviour '${behavior}' is not Proactive`);
    const resourceTypes = [...(bullet('Resource types') ?? '').matchAll(/`(AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)`/g)].map((m) => m[1]);
    if (resourceTypes.length === 0) throw new Error(`${file}.md#${anchor}: no resource types`);
    const [, name, purpose] = title;
    controls.push({
      name,
      behavior: 'PROACTIVE',
      guidance: 'ELECTIVE',
      purpose: purpose.endsWith('.') ? purpose : `${purpose}.`,
      page: `${file}#${anchor}`,
      objective: unescape(bullet('Control objective') ?? ''),
      implementation: unescape(bullet('Implementation') ?? ''),
      resourceTypes,
      service: name.split('.')[1],
    });
  }
  return controls;
}

function extract(location: string): void {
  const tree = openGuide(location);
  try {
    const docs = path.join(tree.dir, 'doc_source');
    const read = (file: string) => readFileSync(path.join(docs, `${file}.md`), 'utf-8');
    const legacy = parseLegacy(read('control-identifiers'), read);
    const ruleFiles = readdirSync(docs).filter((f) => f.endsWith('-rules.md')).sort();
    const proactive = ruleFiles.flatMap((f) => parseProactive(f.replace(/\.md$/, ''), read(f.replace(/\.md$/, ''))));
    const controls = [...legacy, ...proactive].sort((a, b) => a.name.localeCompare(b.name));
    const duplicate = controls.find((c, i) => i > 0 && controls[i - 1].name === c.name);
    if (duplicate) throw new Error(`control ${duplicate.name} appears twice`);
    const catalogue: Catalogue = {
      comment: 'Generated by scripts/control-catalogue.ts extract; do not edit by hand (hand-kept facts live in curated.json). Refresh: npx projen catalogue:controls',
      extractedAt: new Date().toISOString().slice(0, 10),
      source: {
        repository: GUIDE_REPO,
        commit: tree.commit,
        commitDate: tree.commitDate,
        paths: ['doc_source/control-identifiers.md', 'doc_source/{strongly-recommended,elective,data-residency}-controls.md', 'doc_source/*-rules.md'],
        note: 'AWS Control Tower User Guide, "The AWS Control Tower controls library": archived by AWS in June 2023; the newest commit with the pages is read. It predates Control Catalog global identifiers and control parameters (curated.json).',
      },
      controls,
    };
    writeFileSync(DATA_FILE, `${JSON.stringify(catalogue, null, 1)}\n`);
    console.log(`wrote ${path.relative(ROOT, DATA_FILE)}: ${controls.length} controls (${legacy.length} legacy, ${proactive.length} proactive) from ${GUIDE_REPO}@${tree.commit.slice(0, 12)}`);
  } finally {
    tree.cleanup();
  }
}

// --- generate ---------------------------------------------------------------------------------

function literal(value: unknown): string {
  return JSON.stringify(value).replace(/"([A-Za-z_$][A-Za-z0-9_$]*)":/g, '$1: ');
}

/** `AWS-GR_RESTRICTED_SSH` -> `RESTRICTED_SSH`; `CT.S3.PR.1` -> `CT_S3_PR_1`. */
export function memberName(name: string): string {
  return name.replace(/^AWS-GR_/, '').replace(/[.-]/g, '_').toUpperCase();
}

function definition(control: ControlFact, parameters: ParameterFact[] | undefined): string {
  const fields = [
    `name: ${literal(control.name)}`,
    `behavior: ControlBehavior.${control.behavior}`,
    `purpose: ${literal(control.purpose)}`,
    `guidance: ControlGuidance.${control.guidance}`,
  ];
  if (control.resourceTypes) fields.push(`resourceTypes: ${literal(control.resourceTypes)}`);
  if (control.objective) fields.push(`objective: ${literal(control.objective)}`);
  if (parameters?.length) {
    fields.push(`parameters: [${parameters.map((p) => `{ name: ${literal(p.name)}, type: ControlParameterType.${p.type}, description: ${literal(p.description)}${p.required ? ', required: true' : ''} }`).join(', ')}]`);
  }
  return `{ ${fields.join(', ')} }`;
}

function generate(): void {
  const catalogue: Catalogue = JSON.parse(readFileSync(DATA_FILE, 'utf-8'));
  const curated: Curated = JSON.parse(readFileSync(CURATED_FILE, 'utf-8'));
  const byName = new Map(catalogue.controls.map((c) => [c.name, c]));
  for (const name of [...Object.keys(curated.parameters), ...Object.keys(curated.globalIdentifiers.ids)]) {
    if (!byName.has(name)) throw new Error(`curated.json names a control the catalogue lacks: ${name}`);
  }
  const params = (name: string) => curated.parameters[name]?.parameters;
  const legacy = catalogue.controls.filter((c) => c.identifierTemplate);
  const proactive = catalogue.controls.filter((c) => c.behavior === 'PROACTIVE');
  const withGlobalId = proactive.filter((c) => curated.globalIdentifiers.ids[c.name]);
  const source = catalogue.source;
  const lines = [
    '// ~~ Generated by scripts/control-catalogue.ts from data/control-tower-controls/controls.json and curated.json. Do not edit. ~~',
    `// Source: ${source.repository}@${source.commit.slice(0, 12)} (${source.commitDate.slice(0, 10)}); extracted ${catalogue.extractedAt}.`,
    '// Refresh: npx projen catalogue:controls',
    ...(withGlobalId.length ? ["import { Aws } from 'aws-cdk-lib';"] : []),
    "import { Control, ControlBehavior, ControlDefinition, ControlGuidance, ControlParameterType } from './control';",
    '',
    '/** Proactive controls of the Controls Reference, by name; enable one with `ControlCatalogue.proactive`. */',
    'export const PROACTIVE_CONTROL_DEFINITIONS: { [name: string]: ControlDefinition } = {',
    ...proactive.map((c) => `  ${literal(c.name)}: ${definition(c, params(c.name))},`),
    '};',
    '',
    '/** Where the catalogue comes from. */',
    `export const CONTROL_CATALOGUE_SOURCE = ${literal({ repository: source.repository, commit: source.commit, commitDate: source.commitDate, extractedAt: catalogue.extractedAt })};`,
    '',
    '/**',
    ' * The typed catalogue of AWS Control Tower controls, generated from AWS\'s published Controls Reference',
    ` * (${source.repository}, ${source.commitDate.slice(0, 10)}): every legacy control that can be enabled`,
    ` * (${legacy.length}: strongly recommended, elective, data residency) as a member, and the ${proactive.length} proactive`,
    ' * controls by name (`ControlCatalogue.proactive`). Declare controls newer than the catalogue with `Control.fromArn`.',
    ' * Add a control by adding data (data/control-tower-controls/) and running `npx projen catalogue:controls`.',
    ' */',
    'export class ControlCatalogue {',
  ];
  for (const c of legacy) {
    const tags = [c.guidance === 'STRONGLY_RECOMMENDED' ? 'strongly recommended' : 'elective', c.behavior.toLowerCase(), ...(c.dataResidency ? ['data residency'] : [])];
    lines.push(`  /** ${c.name} (${tags.join(', ')}): ${c.purpose.replace(/\*\//g, '* /')} */`);
    lines.push(`  public static readonly ${memberName(c.name)} = Control.legacy(${definition(c, params(c.name))});`);
  }
  for (const c of withGlobalId) {
    lines.push(`  /** ${c.name} (proactive): ${c.purpose.replace(/\*\//g, '* /')} */`);
    lines.push(`  public static readonly ${memberName(c.name)} = Control.fromArn(\`arn:\${Aws.PARTITION}:controlcatalog:::control/${curated.globalIdentifiers.ids[c.name]}\`, PROACTIVE_CONTROL_DEFINITIONS[${literal(c.name)}]);`);
  }
  lines.push(
    '',
    '  /** Every control of the catalogue that has an identifier (a member), in name order. */',
    '  public static all(): Control[] {',
    '    return [',
    ...[...legacy, ...withGlobalId].map((c) => `      ControlCatalogue.${memberName(c.name)},`),
    '    ];',
    '  }',
    '',
    '  /** The names of the proactive controls the catalogue describes, in name order. */',
    '  public static proactiveControlNames(): string[] {',
    '    return Object.keys(PROACTIVE_CONTROL_DEFINITIONS);',
    '  }',
    '',
    '  /**',
    '   * A proactive control of the catalogue (e.g. `CT.S3.PR.1`) with the identifier to enable it by, its',
    '   * Control Catalog global ARN (`arn:aws:controlcatalog:::control/<id>`, shown in the console and by',
    '   * ListControls). Behaviour, purpose and resource types come from the catalogue. Throws for a name the',
    '   * catalogue does not hold.',
    '   */',
    '  public static proactive(name: string, arn: string): Control {',
    '    const definition = PROACTIVE_CONTROL_DEFINITIONS[name];',
    '    if (!definition) {',
    '      throw new Error(`[ControlCatalogue] unknown proactive control ${JSON.stringify(name)}; the catalogue has ${Object.keys(PROACTIVE_CONTROL_DEFINITIONS).length} (e.g. CT.S3.PR.1; see ControlCatalogue.proactiveControlNames()); declare others with Control.fromArn`);',
    '    }',
    '    return Control.fromArn(arn, definition);',
    '  }',
    '',
    '  /**',
    '   * A catalogue control by its name (e.g. `AWS-GR_RESTRICTED_SSH`). Throws for a name the catalogue',
    '   * does not hold as a member, listing the names it does.',
    '   */',
    '  public static byName(name: string): Control {',
    '    const found = ControlCatalogue.all().find((control) => control.name === name);',
    '    if (!found) {',
    '      const proactive = PROACTIVE_CONTROL_DEFINITIONS[name] ? \' (a proactive control: use ControlCatalogue.proactive with its global ARN)\' : \'\';',
    '      throw new Error(`[ControlCatalogue] unknown control ${JSON.stringify(name)}${proactive}; known controls: ${ControlCatalogue.all().map((c) => c.name).join(\', \')} (declare others with Control.fromArn)`);',
    '    }',
    '    return found;',
    '  }',
    '}',
    '',
  );
  writeFileSync(OUT_FILE, lines.join('\n'));
  console.log(`wrote ${path.relative(ROOT, OUT_FILE)}: ${legacy.length + withGlobalId.length} members, ${proactive.length} proactive definitions`);
}

function main(argv: string[]): void {
  const [command, ...rest] = argv;
  if (command === 'extract') {
    const guide = rest[0] ?? process.env.CONTROL_TOWER_DOCS_DIR;
    if (!guide) throw new Error('usage: control-catalogue.ts extract <aws-control-tower-guide checkout or git dir> (or CONTROL_TOWER_DOCS_DIR)');
    extract(guide);
  } else if (command === 'generate') {
    generate();
  } else {
    throw new Error('usage: control-catalogue.ts extract <guide> | generate');
  }
}

if (require.main === module) main(process.argv.slice(2));
