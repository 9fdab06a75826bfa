/*
 * Builds Gantry's catalogue of AWS Control Tower controls from AWS's published sources.
 *
 *   extract-guide   <guide>    the archived Control Tower guide's control pages (aliases of legacy and
 *                              proactive controls, guidance, objectives, resource types, mandatory titles):
 *                              data/control-tower-controls/controls.json
 *   extract-catalog <export>   the Control Catalog's ListControls output (global identifiers, behaviour,
 *                              severity, implementation), joined to the guide's aliases and to the Config
 *                              rule catalogue's resource types: data/control-tower-controls/catalog.json
 *   generate                   the control library (constructs/account-baseline/controls/library/*.generated.ts),
 *                              its registry (every file of library/, hand-written ones included) and the
 *                              typed ControlCatalogue (controls/catalogue.generated.ts); needs no source
 *
 * <guide>  a checkout or a git directory of awsdocs/aws-control-tower-guide (env CONTROL_TOWER_DOCS_DIR).
 *          AWS archived the repository in June 2023 and its last commit deletes the pages, so from a git
 *          directory the newest commit that still has doc_source/control-identifiers.md is read.
 * <export> (env CONTROL_CATALOG_EXPORT) one of
 *          - the JSON of `aws controlcatalog list-controls` (all pages merged: {"Controls": [...]}), the
 *            preferred refresh: it carries each control's Aliases and GovernedResources;
 *          - a CSV of the same call (Arn,Name,Description,Behavior,Severity,Implementation_Type,...);
 *          - a checkout or git directory of aws-samples/aws-control-tower-controls-terraform, whose
 *            helpers/controlcatalog_list_controls.csv is AWS's ListControls export and whose
 *            variables.tfvars names the global identifier of controls by alias (read as documented aliases).
 *
 * `npx projen catalogue:controls` runs the three steps; see data/control-tower-controls/README.md.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { git, literal, openTree } from './source-tree';

const ROOT = path.join(__dirname, '..');
const DATA_DIR = path.join(ROOT, 'data/control-tower-controls');
const DATA_FILE = path.join(DATA_DIR, 'controls.json');
const CURATED_FILE = path.join(DATA_DIR, 'curated.json');
const CATALOG_FILE = path.join(DATA_DIR, 'catalog.json');
const CONFIG_RULES_FILE = path.join(ROOT, 'data/config-rules/managed-rules.json');
const OUT_FILE = path.join(ROOT, 'constructs/account-baseline/controls/catalogue.generated.ts');
const LIBRARY_DIR = path.join(ROOT, 'constructs/account-baseline/controls/library');
const SAMPLES_REPO = 'aws-samples/aws-control-tower-controls-terraform';
const SAMPLES_EXPORT = 'helpers/controlcatalog_list_controls.csv';
const SAMPLES_ALIASES = 'variables.tfvars';
/** The date this catalogue's sources were read and checked against AWS's current pages. */
const CHECKED_AT = process.env.CATALOGUE_DATE ?? new Date().toISOString().slice(0, 10);
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
  /** Headings of the mandatory controls (they cannot be enabled), to mark them in the Control Catalog. */
  readonly mandatoryTitles?: string[];
}

interface ParameterFact { readonly name: string; readonly type: 'STRING_LIST' | 'BOOLEAN'; readonly description: string; readonly required?: boolean }
interface Curated {
  readonly parameters: Record<string, { url: string; checkedAt: string; parameters: ParameterFact[] }>;
  readonly globalIdentifiers: { ids: Record<string, string> };
}

// --- reading a checkout or a git directory ----------------------------------------------------

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

/** The headings of the guide's mandatory controls (mandatory-controls.md), without former titles. */
export function parseMandatory(text: string): string[] {
  return [...sections(text).values()].map((s) => s.heading.replace(/\s*\[Previously:[^\]]*\]\s*$/, ''));
}

function extractGuide(location: string): void {
  const tree = openTree(location, MARKER, 'doc_source');
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
      comment: 'Generated by scripts/control-catalogue.ts extract-guide; do not edit by hand (hand-kept facts live in curated.json). Refresh: npx projen catalogue:controls',
      extractedAt: CHECKED_AT,
      source: {
        repository: GUIDE_REPO,
        commit: tree.commit,
        commitDate: tree.commitDate,
        paths: ['doc_source/control-identifiers.md', 'doc_source/{strongly-recommended,elective,data-residency,mandatory}-controls.md', 'doc_source/*-rules.md'],
        note: 'AWS Control Tower User Guide, "The AWS Control Tower controls library": archived by AWS in June 2023; the newest commit with the pages is read. Gives the aliases (AWS-GR_*, CT.*.PR.*), guidance, objectives and resource types that the Control Catalog export (catalog.json) lacks.',
      },
      controls,
      mandatoryTitles: parseMandatory(read('mandatory-controls')),
    };
    writeFileSync(DATA_FILE, `${JSON.stringify(catalogue, null, 1)}\n`);
    console.log(`wrote ${path.relative(ROOT, DATA_FILE)}: ${controls.length} controls (${legacy.length} legacy, ${proactive.length} proactive), ${catalogue.mandatoryTitles!.length} mandatory titles, from ${GUIDE_REPO}@${tree.commit.slice(0, 12)}`);
  } finally {
    tree.cleanup();
  }
}

// --- the Control Catalog export -----------------------------------------------------------------

/** One control as ListControls returns it (the fields Gantry keeps). */
export interface CatalogRow {
  readonly id: string;
  readonly title: string;
  readonly behavior: Behavior;
  readonly severity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  readonly implementationType: string;
  readonly implementationIdentifier?: string;
  readonly createTime?: string;
  readonly aliases?: string[];
  readonly governedResources?: string[];
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): Array<Record<string, string>> {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') {quoted = false;} else {field += ch;}
    } else if (ch === '"') {quoted = true;} else if (ch === ',') { record.push(field); field = ''; } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field); field = '';
      if (record.some((f) => f.length > 0)) records.push(record);
      record = [];
    } else {field += ch;}
  }
  if (field.length > 0 || record.length > 0) { record.push(field); records.push(record); }
  const [header, ...rows] = records;
  return rows.map((fields) => {
    if (fields.length !== header.length) throw new Error(`CSV row has ${fields.length} fields, the header ${header.length}: ${fields.slice(0, 2).join(',')}`);
    return Object.fromEntries(header.map((h, i) => [h, fields[i]]));
  });
}

const BEHAVIORS = ['PREVENTIVE', 'DETECTIVE', 'PROACTIVE'];
const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const GLOBAL_ARN = /^arn:aws:controlcatalog:::control\/([0-9a-z]+)$/;

interface ExportFields {
  arn: string;
  name: string;
  behavior: string;
  severity: string;
  type: string;
  identifier?: string;
  createTime?: string;
  aliases?: string[];
  governed?: string[];
}

function row(fields: ExportFields): CatalogRow {
  const id = fields.arn.match(GLOBAL_ARN)?.[1];
  if (!id) throw new Error(`control ARN ${JSON.stringify(fields.arn)} is not a global Control Catalog ARN`);
  if (!BEHAVIORS.includes(fields.behavior)) throw new Error(`${fields.arn}: behaviour ${JSON.stringify(fields.behavior)} is not one of ${BEHAVIORS.join(', ')}`);
  if (!SEVERITIES.includes(fields.severity)) throw new Error(`${fields.arn}: severity ${JSON.stringify(fields.severity)} is not one of ${SEVERITIES.join(', ')}`);
  if (!IMPLEMENTATIONS[fields.type]) throw new Error(`${fields.arn}: implementation type ${JSON.stringify(fields.type)} is not one Gantry knows (${Object.keys(IMPLEMENTATIONS).join(', ')})`);
  return {
    id,
    title: fields.name.trim(),
    behavior: fields.behavior as Behavior,
    severity: fields.severity as CatalogRow['severity'],
    implementationType: fields.type,
    ...(fields.identifier ? { implementationIdentifier: fields.identifier } : {}),
    ...(fields.createTime ? { createTime: fields.createTime } : {}),
    ...(fields.aliases?.length ? { aliases: fields.aliases } : {}),
    ...(fields.governed?.length ? { governedResources: fields.governed } : {}),
  };
}

/** ListControls output (JSON, `{"Controls": [...]}` or an array) or its CSV export. */
export function parseCatalogExport(text: string): CatalogRow[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const json = JSON.parse(text);
    const controls: any[] = Array.isArray(json) ? json : json.Controls;
    if (!Array.isArray(controls)) throw new Error('JSON export: expected {"Controls": [...]} as aws controlcatalog list-controls prints it');
    return controls.map((c) => row({
      arn: c.Arn,
      name: c.Name,
      behavior: c.Behavior,
      severity: c.Severity,
      type: c.Implementation?.Type,
      identifier: c.Implementation?.Identifier,
      createTime: c.CreateTime === undefined ? undefined : String(c.CreateTime),
      aliases: c.Aliases,
      governed: c.GovernedResources,
    }));
  }
  return parseCsv(text).map((r) => row({
    arn: r.Arn,
    name: r.Name,
    behavior: r.Behavior,
    severity: r.Severity,
    type: r.Implementation_Type,
    identifier: r.Implementation_Identifier,
    createTime: r.CreateTime,
  }));
}

/** `"<global id>", # <ALIAS>` pairs, as AWS's sample configuration names the controls it enables. */
export function parseDocumentedAliases(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const m of text.matchAll(/"([0-9a-z]{20,40})"\s*,?\s*(?:=\s*\{)?\s*#\s*((?:AWS-GR_|CT\.)[A-Za-z0-9_.-]+)/g)) {
    const [, id, alias] = m;
    if (result[alias] && result[alias] !== id) throw new Error(`documented aliases: ${alias} is given two global ids (${result[alias]}, ${id})`);
    result[alias] = id;
  }
  return result;
}

/** What the parameter keys AWS's Control Tower controls take mean (Controls Reference, "Configure controls with parameters"). */
const PARAMETER_MEANING: Record<string, string> = {
  ExemptedPrincipalArns: 'IAM principals (ARNs, wildcards allowed) the control does not apply to.',
  ExemptedResourceArns: 'Resources (ARNs) the control does not apply to.',
  ExemptedActions: 'Actions the control does not deny.',
  AllowedRegions: 'The Regions where access stays allowed.',
  ExemptAssumeRoot: 'Exempt root sessions started with sts:AssumeRoot (IAM centralized root access) from the control.',
};

/** The parameters AWS's sample configuration passes to controls, by alias: `{ "<id>" = { # ALIAS parameters = { "Key" : [...] } } }`. */
export function parseDocumentedParameters(text: string): Record<string, ParameterFact[]> {
  const result: Record<string, ParameterFact[]> = {};
  for (const m of text.matchAll(/"[0-9a-z]{20,40}"\s*=\s*\{\s*#\s*((?:AWS-GR_|CT\.)[A-Za-z0-9_.-]+)\s*parameters\s*=\s*\{([^}]*)\}/g)) {
    const [, alias, body] = m;
    result[alias] = [...body.matchAll(/"([A-Za-z]+)"\s*:\s*(\[|true|false)/g)].map(([, name, value]) => {
      const description = PARAMETER_MEANING[name];
      if (!description) throw new Error(`documented parameters: ${alias} takes ${name}, whose meaning the script does not know (add it to PARAMETER_MEANING)`);
      return { name, type: value === '[' ? 'STRING_LIST' : 'BOOLEAN', description };
    });
  }
  return result;
}

const IMPLEMENTATIONS: Record<string, string> = {
  'AWS::Organizations::Policy::SERVICE_CONTROL_POLICY': 'SERVICE_CONTROL_POLICY',
  'AWS::Organizations::Policy::RESOURCE_CONTROL_POLICY': 'RESOURCE_CONTROL_POLICY',
  'AWS::Organizations::Policy::DECLARATIVE_POLICY_EC2': 'DECLARATIVE_POLICY',
  'AWS::Config::ConfigRule': 'CONFIG_RULE',
  'AWS::SecurityHub::SecurityControl': 'SECURITY_HUB_CONTROL',
  'AWS::CloudFormation::Type::HOOK': 'CLOUDFORMATION_HOOK',
};

/** A title as a join key: case, punctuation, spacing and the vendor words (`Amazon`, `AWS`) do not count. */
export function titleKey(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, ' ').split(' ').filter((w) => w && w !== 'amazon' && w !== 'aws').join(' ');
}

type AliasSource = 'export' | 'documented' | 'guide-title' | 'config-rule' | 'security-hub' | 'none';

export interface CatalogControl extends CatalogRow {
  /** The name Gantry keys the control by: its alias, else its Config rule identifier or SH.<id>, else its global id. */
  readonly name: string;
  readonly aliasSource: AliasSource;
  readonly resourceTypes?: string[];
  readonly services?: string[];
  readonly guidance?: Guidance;
  readonly objective?: string;
  /** A legacy control with a documented regional identifier `arn:aws:controltower:REGION::control/<name>`. */
  readonly legacy?: boolean;
  readonly dataResidency?: boolean;
  readonly mandatory?: boolean;
}

interface CatalogFile {
  readonly comment: string;
  readonly extractedAt: string;
  readonly source: { repository: string; commit: string; commitDate: string; path: string; note: string };
  readonly aliasSources: Record<Exclude<AliasSource, 'none'>, string>;
  readonly counts: Record<string, number>;
  readonly controls: CatalogControl[];
  /** Guide controls whose Control Catalog entry could not be identified (title changed, no documented alias). */
  readonly unmatchedGuideControls: string[];
  /** Parameters AWS's sample configuration passes, by control name (curated.json adds and overrides). */
  readonly documentedParameters: Record<string, ParameterFact[]>;
}

function servicesOf(resourceTypes: string[]): string[] {
  return [...new Set(resourceTypes.map((t) => t.split('::')[1]?.toUpperCase()).filter((s): s is string => !!s))].sort();
}

/**
 * Joins the Control Catalog rows to the guide's aliases: an alias the export carries, else one AWS's
 * sample configuration documents for the global id, else the guide control with the same title and behaviour
 * (only when the title is unique on both sides). Config rule and Security Hub controls are named by their
 * implementation (`SH.<id>` as the Controls Reference names Security Hub controls); the rest by their global id.
 */
export function joinCatalog(
  rows: CatalogRow[], guide: Catalogue, documented: Record<string, string>, configRuleTypes: Record<string, string[]>,
): { controls: CatalogControl[]; unmatched: string[] } {
  const guideByName = new Map(guide.controls.map((c) => [c.name, c]));
  const guideByTitle = new Map<string, ControlFact[]>();
  for (const c of guide.controls) guideByTitle.set(titleKey(c.purpose), [...(guideByTitle.get(titleKey(c.purpose)) ?? []), c]);
  const rowsByTitle = new Map<string, number>();
  for (const r of rows) rowsByTitle.set(titleKey(r.title), (rowsByTitle.get(titleKey(r.title)) ?? 0) + 1);
  const mandatory = new Set((guide.mandatoryTitles ?? []).map(titleKey));
  const documentedById = new Map(Object.entries(documented).map(([alias, id]) => [id, alias]));
  const taken = new Set<string>();
  const matchedGuide = new Set<string>();
  const controls: CatalogControl[] = [];
  for (const r of [...rows].sort((a, b) => a.id.localeCompare(b.id))) {
    let alias: string | undefined;
    let source: AliasSource = 'none';
    const exported = r.aliases?.find((a) => guideByName.has(a)) ?? r.aliases?.[0];
    const key = titleKey(r.title);
    const byTitle = guideByTitle.get(key);
    if (exported) { alias = exported; source = 'export'; } else if (documentedById.has(r.id)) { alias = documentedById.get(r.id); source = 'documented'; } else if (byTitle?.length === 1 && rowsByTitle.get(key) === 1 && byTitle[0].behavior === r.behavior) {
      alias = byTitle[0].name; source = 'guide-title';
    }
    if (alias && taken.has(alias)) throw new Error(`alias ${alias} would name two controls (second: ${r.id})`);
    const fact = alias ? guideByName.get(alias) : undefined;
    if (fact && fact.behavior !== r.behavior) throw new Error(`${alias}: the guide says ${fact.behavior}, the Control Catalog ${r.behavior} (${r.id})`);
    if (fact) matchedGuide.add(fact.name);
    let name = alias;
    if (!name && r.implementationType === 'AWS::Config::ConfigRule' && r.implementationIdentifier && !taken.has(r.implementationIdentifier)) { name = r.implementationIdentifier; source = 'config-rule'; }
    if (!name && r.implementationType === 'AWS::SecurityHub::SecurityControl' && r.implementationIdentifier) { name = `SH.${r.implementationIdentifier}`; source = 'security-hub'; }
    if (!name || taken.has(name)) { name = r.id; source = 'none'; }
    taken.add(name);
    const resourceTypes = r.governedResources?.length ? r.governedResources
      : fact?.resourceTypes?.length ? fact.resourceTypes
        : r.implementationType === 'AWS::Config::ConfigRule' && r.implementationIdentifier ? configRuleTypes[r.implementationIdentifier] ?? [] : [];
    const services = resourceTypes.length ? servicesOf(resourceTypes)
      : /^CT\.[A-Z0-9-]+\./.test(name) ? [name.split('.')[1]]
        : r.implementationType === 'AWS::SecurityHub::SecurityControl' && r.implementationIdentifier ? [r.implementationIdentifier.split('.')[0].toUpperCase()] : [];
    controls.push({
      ...r,
      name,
      aliasSource: source,
      ...(resourceTypes.length ? { resourceTypes } : {}),
      ...(services.length ? { services } : {}),
      ...(fact ? { guidance: fact.guidance } : {}),
      ...(fact?.objective ? { objective: fact.objective } : {}),
      ...(fact?.identifierTemplate ? { legacy: true } : {}),
      ...(fact?.dataResidency ? { dataResidency: true } : {}),
      ...(mandatory.has(key) && !fact ? { mandatory: true } : {}),
    });
  }
  const unmatched = guide.controls.filter((c) => !matchedGuide.has(c.name)).map((c) => c.name);
  return { controls: controls.sort((a, b) => a.name.localeCompare(b.name)), unmatched };
}

interface ExportSource { readonly rows: CatalogRow[]; readonly documented: Record<string, string>; readonly parameters: Record<string, ParameterFact[]>; readonly source: CatalogFile['source'] }

function openExport(location: string): ExportSource {
  const isGitDir = (dir: string) => existsSync(path.join(dir, 'HEAD')) && existsSync(path.join(dir, 'objects'));
  if (!existsSync(location)) throw new Error(`${location}: no such file or directory`);
  if (!isGitDir(location) && !existsSync(path.join(location, SAMPLES_EXPORT)) && !existsSync(path.join(location, '.git'))) {
    return {
      rows: parseCatalogExport(readFileSync(location, 'utf-8')),
      documented: {},
      parameters: {},
      source: { repository: 'aws controlcatalog list-controls', commit: 'n/a', commitDate: CHECKED_AT, path: path.basename(location), note: 'A ListControls output saved by hand.' },
    };
  }
  const checkout = existsSync(path.join(location, SAMPLES_EXPORT));
  const gitDir = isGitDir(location) ? location : path.join(location, '.git');
  const known = existsSync(gitDir);
  const commit = known ? git(gitDir, 'rev-list', '-1', 'HEAD', '--', SAMPLES_EXPORT) : 'unknown (not a git checkout)';
  const read = (file: string) => (checkout ? readFileSync(path.join(location, file), 'utf-8') : git(gitDir, 'show', `${commit}:${file}`));
  return {
    rows: parseCatalogExport(read(SAMPLES_EXPORT)),
    documented: parseDocumentedAliases(read(SAMPLES_ALIASES)),
    parameters: parseDocumentedParameters(read(SAMPLES_ALIASES)),
    source: {
      repository: SAMPLES_REPO,
      commit,
      commitDate: known ? git(gitDir, 'log', '-1', '--format=%cI', commit) : 'unknown',
      path: SAMPLES_EXPORT,
      note: 'AWS\'s ListControls export of the Control Catalog (every control Control Tower can enable, with its global identifier, behaviour, severity and implementation), published in the aws-samples pattern "Deploy and manage AWS Control Tower controls by using Terraform"; its variables.tfvars names controls by alias beside their global identifier. The newest stored public source of the whole catalog found; controls created after it: Control.fromArn.',
    },
  };
}

function extractCatalog(location: string): void {
  const { rows, documented, parameters, source } = openExport(location);
  const guide: Catalogue = JSON.parse(readFileSync(DATA_FILE, 'utf-8'));
  const configRules: { rules: Array<{ identifier: string; resourceTypes: string[] }> } = JSON.parse(readFileSync(CONFIG_RULES_FILE, 'utf-8'));
  const configRuleTypes = Object.fromEntries(configRules.rules.map((r) => [r.identifier, r.resourceTypes]));
  const { controls, unmatched } = joinCatalog(rows, guide, documented, configRuleTypes);
  const count = (f: (c: CatalogControl) => boolean) => controls.filter(f).length;
  const file: CatalogFile = {
    comment: 'Generated by scripts/control-catalogue.ts extract-catalog; do not edit by hand. Refresh: npx projen catalogue:controls',
    extractedAt: CHECKED_AT,
    source,
    aliasSources: {
      'export': 'the Aliases of the ListControls output',
      'documented': `${SAMPLES_REPO}/${SAMPLES_ALIASES}: AWS's sample names the global identifier of each control it enables by alias`,
      'guide-title': `the ${GUIDE_REPO} control (controls.json) with the same title and behaviour, the title unique on both sides`,
      'config-rule': 'the AWS Config managed rule that implements the control (Implementation.Identifier)',
      'security-hub': 'SH.<Security Hub control id>, as the Controls Reference names Security Hub controls',
    },
    counts: {
      controls: controls.length,
      preventive: count((c) => c.behavior === 'PREVENTIVE'),
      detective: count((c) => c.behavior === 'DETECTIVE'),
      proactive: count((c) => c.behavior === 'PROACTIVE'),
      withAlias: count((c) => ['export', 'documented', 'guide-title'].includes(c.aliasSource)),
      mandatory: count((c) => !!c.mandatory),
    },
    controls,
    unmatchedGuideControls: unmatched,
    documentedParameters: parameters,
  };
  writeFileSync(CATALOG_FILE, `${JSON.stringify(file, null, 1)}\n`);
  console.log(`wrote ${path.relative(ROOT, CATALOG_FILE)}: ${JSON.stringify(file.counts)}; ${unmatched.length} guide controls without a Control Catalog match`);
}

// --- generate ---------------------------------------------------------------------------------


/** `AWS-GR_RESTRICTED_SSH` -> `RESTRICTED_SSH`; `CT.S3.PR.1` -> `CT_S3_PR_1`. */
export function memberName(name: string): string {
  return name.replace(/^AWS-GR_/, '').replace(/[.-]/g, '_').toUpperCase();
}

/** The entry of one control, as a library file lists it (see controls/library/entry.ts). */
interface EntryFacts {
  name: string;
  behavior: string;
  purpose: string;
  guidance?: string;
  severity?: string;
  implementation?: string;
  implementationIdentifier?: string;
  globalId?: string;
  resourceTypes?: string[];
  services?: string[];
  objective?: string;
  legacy?: boolean;
  mandatory?: boolean;
}

function entryLiteral(c: EntryFacts, parameters: ParameterFact[] | undefined): string {
  const fields = [`name: ${literal(c.name)}`];
  if (c.globalId) fields.push(`globalId: ${literal(c.globalId)}`);
  fields.push(`behavior: B.${c.behavior}`);
  if (c.severity) fields.push(`severity: S.${c.severity}`);
  if (c.implementation) fields.push(`implementation: I.${c.implementation}`);
  if (c.implementationIdentifier) fields.push(`implementationIdentifier: ${literal(c.implementationIdentifier)}`);
  fields.push(`purpose: ${literal(c.purpose)}`);
  if (c.guidance) fields.push(`guidance: G.${c.guidance}`);
  if (c.resourceTypes?.length) fields.push(`resourceTypes: ${literal(c.resourceTypes)}`);
  if (c.services?.length) fields.push(`services: ${literal(c.services)}`);
  if (c.objective) fields.push(`objective: ${literal(c.objective)}`);
  if (c.legacy) fields.push('legacy: true');
  if (c.mandatory) fields.push('mandatory: true');
  if (parameters?.length) {
    fields.push(`parameters: [${parameters.map((p) => `{ name: ${literal(p.name)}, type: P.${p.type}, description: ${literal(p.description)}${p.required ? ', required: true' : ''} }`).join(', ')}]`);
  }
  return `{ ${fields.join(', ')} }`;
}

const GENERATED_GROUPS: Array<{ file: string; what: string; test: (c: { behavior: string; implementation?: string }) => boolean }> = [
  { file: 'preventive.generated', what: 'Preventive controls (service control policies, resource control policies, declarative policies)', test: (c) => c.behavior === 'PREVENTIVE' },
  { file: 'proactive.generated', what: 'Proactive controls (CloudFormation hooks)', test: (c) => c.behavior === 'PROACTIVE' },
  { file: 'detective-config-rules.generated', what: 'Detective controls implemented as AWS Config rules', test: (c) => c.behavior === 'DETECTIVE' && c.implementation !== 'SECURITY_HUB_CONTROL' },
  { file: 'detective-security-hub.generated', what: 'Detective controls implemented as AWS Security Hub controls', test: (c) => c.behavior === 'DETECTIVE' && c.implementation === 'SECURITY_HUB_CONTROL' },
];
const GUIDE_IMPLEMENTATION: Record<Behavior, string> = { PROACTIVE: 'CLOUDFORMATION_HOOK', PREVENTIVE: 'SERVICE_CONTROL_POLICY', DETECTIVE: 'CONFIG_RULE' };
const LIBRARY_FIXED = new Set(['entry.ts', 'registry.generated.ts']);

/** The library files a registry composes: every `.ts` of the folder but the entry shape and the registry itself. */
export function libraryFiles(dir: string = LIBRARY_DIR): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !LIBRARY_FIXED.has(f)).sort();
}

/** The registry module's text: one import per library file, every file's `CONTROLS` in file order. */
export function renderRegistry(files: string[]): string {
  const binding = (f: string) => `controls_${f.replace(/\.ts$/, '').replace(/[^A-Za-z0-9]/g, '_')}`;
  return [
    '// ~~ Generated by scripts/control-catalogue.ts generate from the files of this folder. Do not edit. ~~',
    '// A control is added by adding a file here that exports `CONTROLS: CatalogueEntry[]`; `npx projen catalogue:controls:generate` picks it up.',
    "import { CatalogueEntry } from './entry';",
    ...files.map((f) => `import { CONTROLS as ${binding(f)} } from './${f.replace(/\.ts$/, '')}';`),
    '',
    '/** Every control of the library, file by file. */',
    'export const CONTROL_LIBRARY: CatalogueEntry[] = [',
    ...files.map((f) => `  ...${binding(f)},`),
    '];',
    '',
    '/** The files the registry was generated from. */',
    `export const CONTROL_LIBRARY_FILES = ${literal(files)};`,
    '',
  ].join('\n');
}

function generate(): void {
  const guide: Catalogue = JSON.parse(readFileSync(DATA_FILE, 'utf-8'));
  const catalog: CatalogFile = JSON.parse(readFileSync(CATALOG_FILE, 'utf-8'));
  const curated: Curated = JSON.parse(readFileSync(CURATED_FILE, 'utf-8'));
  const params = (name: string) => curated.parameters[name]?.parameters ?? catalog.documentedParameters?.[name];
  for (const name of Object.keys(catalog.documentedParameters ?? {})) {
    if (!catalog.controls.some((c) => c.name === name)) throw new Error(`documented parameters name a control the catalogue lacks: ${name}`);
  }
  // Guide controls the export does not identify stay described (a proactive one is enabled by the ARN its user gives).
  const unmatched = new Set(catalog.unmatchedGuideControls);
  const entries = [
    ...catalog.controls.map((c) => ({ ...c, purpose: c.title.endsWith('.') ? c.title : `${c.title}.`, globalId: c.id, implementation: IMPLEMENTATIONS[c.implementationType] })),
    // The guide: proactive controls are CloudFormation hooks, preventive ones SCPs, detective ones Config rules.
    ...guide.controls.filter((c) => unmatched.has(c.name))
      .map((c) => ({ ...c, legacy: !!c.identifierTemplate, implementation: GUIDE_IMPLEMENTATION[c.behavior] })),
  ];
  for (const name of Object.keys(curated.parameters)) {
    if (!entries.some((e) => e.name === name)) throw new Error(`curated.json names a control the catalogue lacks: ${name}`);
  }
  const source = catalog.source;
  const stamp = [
    `// Sources: ${source.repository}@${source.commit.slice(0, 12)} (${source.commitDate.slice(0, 10)}) ${source.path}; ${guide.source.repository}@${guide.source.commit.slice(0, 12)} (${guide.source.commitDate.slice(0, 10)}); read ${catalog.extractedAt}.`,
    '// Refresh: npx projen catalogue:controls',
  ];
  for (const group of GENERATED_GROUPS) {
    const members = entries.filter(group.test).sort((a, b) => a.name.localeCompare(b.name));
    const body = members.map((c) => `  ${entryLiteral(c, params(c.name))},`);
    const enums = [['ControlBehavior', 'B'], ['ControlGuidance', 'G'], ['ControlImplementation', 'I'], ['ControlParameterType', 'P'], ['ControlSeverity', 'S']]
      .filter(([, short]) => body.some((line) => line.includes(` ${short}.`)));
    writeFileSync(path.join(LIBRARY_DIR, `${group.file}.ts`), [
      '// ~~ Generated by scripts/control-catalogue.ts from data/control-tower-controls/ (catalog.json, controls.json, curated.json). Do not edit. ~~',
      ...stamp,
      `import { ${enums.map(([name, short]) => `${name} as ${short}`).join(', ')} } from '../control';`,
      "import { CatalogueEntry } from './entry';",
      '',
      `/** ${group.what}: ${members.length}. */`,
      'export const CONTROLS: CatalogueEntry[] = [',
      ...body,
      '];',
      '',
    ].join('\n'));
  }
  const files = libraryFiles();
  writeFileSync(path.join(LIBRARY_DIR, 'registry.generated.ts'), renderRegistry(files));
  // The typed members come from the whole library (hand-written files included): legacy controls by their
  // name without AWS-GR_, controls with a Control Tower alias (CT.*) that can be enabled.
  type Member = { name: string; purpose: string; legacy?: boolean; globalId?: string; mandatory?: boolean; behavior: string };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const library: Member[] = files.flatMap((f) => require(path.join(LIBRARY_DIR, f)).CONTROLS);
  const members = library.filter((c) => !c.mandatory && (c.legacy || (c.globalId && /^CT\./.test(c.name)))).sort((a, b) => a.name.localeCompare(b.name));
  const seen = new Map<string, string>();
  for (const m of members) {
    const member = memberName(m.name);
    if (seen.has(member)) throw new Error(`${m.name} and ${seen.get(member)} would both be ControlCatalogue.${member}`);
    seen.set(member, m.name);
  }
  const lines = [
    '// ~~ Generated by scripts/control-catalogue.ts from the control library (controls/library/). Do not edit. ~~',
    ...stamp,
    "import { Control } from './control';",
    "import { catalogueControl, CONTROL_CATALOGUE_FACTS, enablableControls, findControl, proactiveDescription, proactiveNames } from './registry';",
    '',
    '/**',
    ' * The typed catalogue of AWS Control Tower controls, generated from the Control Catalog (AWS\'s ListControls',
    ` * export, ${source.commitDate.slice(0, 10)}: ${catalog.counts.controls} controls with global identifier, behaviour and severity) and the`,
    ` * archived Controls Reference (${guide.source.commitDate.slice(0, 10)}: aliases, guidance, resource types). Legacy controls`,
    ' * (`AWS-GR_*`) are members named without the prefix and enable by their documented regional identifier; controls',
    ' * with a Control Tower alias (`CT.S3.PR.1`, `CT.S3.PV.5`) are members enabling by their global ARN; every other',
    ' * control (Config rule and Security Hub controls by their rule identifier or `SH.<id>`) is found with `byName`',
    ' * or `byGlobalId`. Declare controls newer than the catalogue with `Control.fromArn`; add one to the catalogue',
    ' * by adding a file to controls/library/ (see entry.ts).',
    ' */',
    'export class ControlCatalogue {',
  ];
  for (const m of members) {
    const tags = m.legacy ? 'legacy' : m.behavior.toLowerCase();
    lines.push(`  /** ${m.name} (${tags}): ${m.purpose.replace(/\*\//g, '* /')} */`);
    lines.push(`  public static readonly ${memberName(m.name)}: Control = catalogueControl(${literal(m.name)});`);
  }
  lines.push(
    '',
    '  /** Every control of the catalogue that can be enabled (mandatory controls cannot), in name order. */',
    '  public static all(): Control[] {',
    '    return enablableControls();',
    '  }',
    '',
    '  /**',
    '   * A control of the catalogue by its name: an alias (`AWS-GR_RESTRICTED_SSH`, `CT.S3.PV.5`), the Config rule',
    '   * identifier of a Config rule control (`CLOUDWATCH_LOG_GROUP_ENCRYPTED`) or `SH.<id>` of a Security Hub',
    '   * control (`SH.ECS.4`). Throws for a name the catalogue does not hold, a mandatory control, or a proactive',
    '   * control whose global identifier the catalogue does not know (use `proactive`).',
    '   */',
    '  public static byName(name: string): Control {',
    '    return findControl(name);',
    '  }',
    '',
    '  /** A control of the catalogue by its global identifier (`k4izcjxhukijhajp6ks5mjxk`) or global ARN. */',
    '  public static byGlobalId(globalIdOrArn: string): Control {',
    '    return findControl(globalIdOrArn);',
    '  }',
    '',
    '  /** The names of the proactive controls the catalogue describes, in name order. */',
    '  public static proactiveControlNames(): string[] {',
    '    return proactiveNames();',
    '  }',
    '',
    '  /**',
    '   * A proactive control of the catalogue (e.g. `CT.S3.PR.1`) enabled by the ARN given (its global ARN from the',
    '   * console\'s Control details page or `aws controlcatalog list-controls`). Behaviour, purpose and resource types',
    '   * come from the catalogue. Throws for a name the catalogue does not hold.',
    '   */',
    '  public static proactive(name: string, arn: string): Control {',
    '    return Control.fromArn(arn, proactiveDescription(name));',
    '  }',
    '',
    '  /** Where the catalogue comes from: sources, commits and dates. */',
    '  public static source(): string {',
    '    return CONTROL_CATALOGUE_FACTS;',
    '  }',
    '}',
    '',
  );
  writeFileSync(OUT_FILE, lines.join('\n'));
  writeFileSync(path.join(path.dirname(OUT_FILE), 'source.generated.ts'), [
    '// ~~ Generated by scripts/control-catalogue.ts. Do not edit. ~~',
    '/** Where the control catalogue comes from (data/control-tower-controls/). */',
    `export const CONTROL_CATALOGUE_SOURCE = ${literal({
      catalog: { repository: source.repository, commit: source.commit, commitDate: source.commitDate, path: source.path },
      guide: { repository: guide.source.repository, commit: guide.source.commit, commitDate: guide.source.commitDate },
      extractedAt: catalog.extractedAt,
    })};`,
    '',
  ].join('\n'));
  console.log(`wrote the control library (${entries.length} controls in ${GENERATED_GROUPS.length} generated files; ${files.length} files in the registry) and ${path.relative(ROOT, OUT_FILE)}: ${members.length} members`);
}

function main(argv: string[]): void {
  const [command, ...rest] = argv;
  if (command === 'extract-guide' || command === 'extract') {
    const guide = rest[0] ?? process.env.CONTROL_TOWER_DOCS_DIR;
    if (!guide) throw new Error('usage: control-catalogue.ts extract-guide <aws-control-tower-guide checkout or git dir> (or CONTROL_TOWER_DOCS_DIR)');
    extractGuide(guide);
  } else if (command === 'extract-catalog') {
    const source = rest[0] ?? process.env.CONTROL_CATALOG_EXPORT;
    if (!source) throw new Error('usage: control-catalogue.ts extract-catalog <list-controls JSON or CSV, or aws-control-tower-controls-terraform checkout or git dir> (or CONTROL_CATALOG_EXPORT)');
    extractCatalog(source);
  } else if (command === 'generate') {
    generate();
  } else {
    throw new Error('usage: control-catalogue.ts extract-guide <guide> | extract-catalog <export> | generate');
  }
}

if (require.main === module) main(process.argv.slice(2));
