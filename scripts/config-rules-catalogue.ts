/*
 * Builds Gantry's catalogue of AWS Config managed rules from AWS's own published sources.
 *
 *   extract  <docs> [<packs>]  reads the AWS Config Developer Guide's managed-rule pages and AWS's
 *                              sample conformance packs, writes data/config-rules/managed-rules.json
 *   generate                   writes the typed per-service registry
 *                              (constructs/conformance-pack/rules/*.generated.ts) from the JSON
 *   check    <packs>           renders every managed rule configuration of AWS's sample packs through
 *                              the typed path and lists the ones refused (none should be)
 *
 * <docs>  a checkout or a git directory of awsdocs/aws-config-developer-guide (env CONFIG_DOCS_DIR).
 *         The repository was archived in June 2023 and its last commit deletes the pages, so from a
 *         git directory the newest commit that still has doc_source/managed-rules-by-aws-config.md is read.
 * <packs> a checkout or a git directory of awslabs/aws-config-rules (env CONFIG_PACKS_DIR), optional.
 *         Its aws-config-conformance-packs/ folder is AWS's current set of sample packs: rules they use that
 *         the archived guide does not document are added from it (identifier, parameter names, scope,
 *         whether AWS runs them on a schedule), marked `source: "packs"`.
 *
 * `npx projen catalogue:config-rules` runs both steps; see data/config-rules/README.md.
 */
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { literal, openTree } from './source-tree';

const ROOT = path.join(__dirname, '..');
const DATA_DIR = path.join(ROOT, 'data/config-rules');
const DATA_FILE = path.join(DATA_DIR, 'managed-rules.json');
const CURATED_FILE = path.join(DATA_DIR, 'curated.json');
const CURRENT_FILE = path.join(DATA_DIR, 'current-pages.json');
const OUT_DIR = path.join(ROOT, 'constructs/conformance-pack/rules');
const DOCS_REPO = 'awsdocs/aws-config-developer-guide';
const PACKS_REPO = 'awslabs/aws-config-rules';
const DOCS_MARKER = 'doc_source/managed-rules-by-aws-config.md';

type ParameterType = 'String' | 'Int' | 'Double' | 'Boolean' | 'CSV' | 'StringMap';
type Trigger = 'CHANGE' | 'PERIODIC' | 'HYBRID' | 'MANUAL';

interface ParameterFact {
  readonly name: string;
  readonly type: ParameterType;
  readonly optional: boolean;
  readonly default?: string;
}

interface RuleFact {
  readonly identifier: string;
  /**
   * Where the facts come from: the archived guide's page (docs), the current guide's page for a rule
   * newer than the archive (current-page), a process check (no evaluation), or only AWS's sample packs.
   */
  readonly source: 'docs' | 'current-page' | 'process-check' | 'packs';
  /** Page name in the archived guide (docs), the URL of the current page, or the first pack that uses the rule. */
  readonly page?: string;
  /** The current guide page whose facts were applied, and when it was read. */
  readonly currentPage?: string;
  readonly checkedAt?: string;
  readonly trigger: Trigger;
  readonly resourceTypes: string[];
  readonly regions?: string;
  readonly parameters: ParameterFact[];
  /** Packs-only rules: how many of AWS's sample packs use it. */
  readonly usedByPacks?: number;
}

interface SourceFact {
  readonly repository: string;
  readonly commit: string;
  readonly commitDate: string;
  readonly path: string;
  readonly note?: string;
}

interface Catalogue {
  readonly comment: string;
  readonly extractedAt: string;
  readonly sources: SourceFact[];
  readonly checkedAgainstCurrentDocs: NonNullable<Curated['checkedAgainstCurrentDocs']>;
  readonly corrections: Array<{ identifier: string; field: string; docs: unknown; used: unknown; reason: string }>;
  /** What the current guide pages (current-pages.json) contributed. */
  readonly currentPages?: {
    readonly source: string; readonly file: string; readonly checkedAt: string; readonly pages: number; readonly processChecks: number;
  };
  /** Rules known only from the packs: no page read, so the trigger is unknown and both are allowed. */
  readonly undocumented?: Array<{ identifier: string; usedByPacks?: number; reason: string }>;
  readonly rules: RuleFact[];
}

/** One current guide page, read by hand (current-pages.json). */
interface CurrentPage {
  readonly identifier: string;
  readonly url: string;
  readonly checkedAt: string;
  readonly trigger: Exclude<Trigger, 'MANUAL'>;
  readonly resourceTypes: string[];
  readonly parameters: ParameterFact[];
  readonly note?: string;
}

interface CurrentPages {
  readonly source: string;
  readonly checkedAt: string;
  readonly pages: CurrentPage[];
  readonly processChecks?: Array<{ identifier: string; url: string; checkedAt: string; note: string }>;
  /** Rules whose current page was looked for and not found, with why. */
  readonly notFound?: Array<{ identifier: string; searches: number; note: string }>;
}

/** A fact from a current guide page that wins over the extracted sources. */
interface Correction {
  readonly trigger?: Trigger;
  readonly resourceTypes?: string[];
  readonly parameters?: ParameterFact[];
  readonly reason: string;
  readonly evidence: string;
}

/** Hand-kept facts no extracted source has: cdk-nag mappings, service grouping, corrections. */
interface Curated {
  readonly checkedAgainstCurrentDocs?: Array<{ identifier: string; url: string; checkedAt: string; current: string; agrees: boolean }>;
  readonly nagRuleIds: Record<string, string[]>;
  readonly corrections?: Record<string, Correction>;
}

// --- reading a checkout or a git directory ----------------------------------------------------

// --- the developer guide ----------------------------------------------------------------------

/** Markdown as the guide writes it (`ACCESS\_KEYS\_ROTATED`) to plain text. */
function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1').trim();
}

const TYPES: Record<string, ParameterType> = { int: 'Int', String: 'String', CSV: 'CSV', boolean: 'Boolean', double: 'Double', StringMap: 'StringMap' };
const PARAMETER_LINE = /^([A-Za-z0-9_]+) ?(\\\(Optional\\\))?Type: (int|String|CSV|boolean|double|StringMap)(?:Default: (.*?))?\s*$/;

/** One managed-rule page to facts, or undefined for a page that is not a rule. */
export function parseRulePage(page: string, text: string): RuleFact | undefined {
  const field = (name: string) => {
    const match = text.match(new RegExp(`^\\*\\*${name}:\\*\\* *(.*)$`, 'm'));
    return match ? unescape(match[1]) : undefined;
  };
  const identifier = field('Identifier');
  if (!identifier) return undefined;
  if (!/^[A-Z0-9_]+$/.test(identifier)) throw new Error(`${page}: identifier '${identifier}' is not a managed rule identifier`);
  const triggerText = field('Trigger type') ?? '';
  const change = /Configuration changes/i.test(triggerText);
  const periodic = /Periodic/i.test(triggerText);
  if (!change && !periodic) throw new Error(`${page}: trigger type '${triggerText}' not understood`);
  const resourceTypes = (field('Resource Types') ?? '').split(',').map((t) => t.trim()).filter((t) => /^AWS::/.test(t));
  const parameters: ParameterFact[] = [];
  const section = text.split(/^\*\*Parameters:\*\*\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  for (const line of section.split('\n')) {
    const match = line.match(PARAMETER_LINE);
    if (!match) continue;
    const [, name, optional, type, defaultValue] = match;
    const parameter: ParameterFact = { name, type: TYPES[type], optional: optional !== undefined };
    parameters.push(defaultValue !== undefined && unescape(defaultValue) !== '' ? { ...parameter, default: unescape(defaultValue) } : parameter);
  }
  if (parameters.length === 0 && !/^None\s*$/m.test(section)) throw new Error(`${page}: parameters not understood`);
  return {
    identifier,
    source: 'docs',
    page,
    trigger: change && periodic ? 'HYBRID' : periodic ? 'PERIODIC' : 'CHANGE',
    resourceTypes,
    regions: field('AWS Region'),
    parameters,
  };
}

function readDocs(dir: string): RuleFact[] {
  const docs = path.join(dir, 'doc_source');
  const rules: RuleFact[] = [];
  for (const file of readdirSync(docs).filter((f) => f.endsWith('.md')).sort()) {
    const rule = parseRulePage(file.replace(/\.md$/, ''), readFileSync(path.join(docs, file), 'utf-8'));
    if (rule) rules.push(rule);
  }
  return rules;
}

// --- AWS's sample conformance packs -----------------------------------------------------------

interface PackUse {
  packs: Set<string>;
  parameters: Map<string, string[]>;
  resourceTypes: Set<string>;
  frequencies: number;
  uses: number;
}

const CFN_TAGS = ['Ref', 'Sub', 'If', 'Join', 'GetAtt', 'Select', 'Split', 'Equals', 'Not', 'And', 'Or', 'Condition', 'FindInMap', 'ImportValue', 'Base64', 'GetAZs', 'Cidr']
  .flatMap((fn) => (['scalar', 'seq', 'map'] as const).map((kind) => ({
    tag: `!${fn}`,
    collection: kind === 'scalar' ? undefined : kind,
    resolve: (v: unknown) => ({ [fn === 'Ref' || fn === 'Condition' ? fn : `Fn::${fn}`]: (v as { toJSON?: () => unknown })?.toJSON?.() ?? v }),
  }))) as unknown as YAML.Tags;

/** Every managed rule use in AWS's sample packs, with parameter values resolved to their defaults. */
function readPacks(dir: string): Map<string, PackUse> {
  const folder = path.join(dir, 'aws-config-conformance-packs');
  const uses = new Map<string, PackUse>();
  for (const file of readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const template = YAML.parse(readFileSync(path.join(folder, file), 'utf-8'), { customTags: CFN_TAGS }) ?? {};
    const defaults = template.Parameters ?? {};
    for (const resource of Object.values<any>(template.Resources ?? {})) {
      const p = resource?.Properties ?? {};
      if (resource?.Type !== 'AWS::Config::ConfigRule' || p.Source?.Owner !== 'AWS' || typeof p.Source?.SourceIdentifier !== 'string') continue;
      const identifier = p.Source.SourceIdentifier;
      const use = uses.get(identifier) ?? { packs: new Set(), parameters: new Map(), resourceTypes: new Set(), frequencies: 0, uses: 0 };
      uses.set(identifier, use);
      use.packs.add(file);
      use.uses++;
      if (p.MaximumExecutionFrequency) use.frequencies++;
      for (const type of p.Scope?.ComplianceResourceTypes ?? []) if (typeof type === 'string') use.resourceTypes.add(type);
      for (const [name, value] of inputParameterEntries(p.InputParameters)) {
        const resolved = resolveValue(value, defaults, () => undefined);
        const values = use.parameters.get(name) ?? [];
        if (resolved !== undefined && typeof resolved !== 'object') values.push(String(resolved));
        use.parameters.set(name, values);
      }
    }
  }
  return uses;
}

/** Input parameters of a rule; both branches of an `Fn::If` around them. */
function inputParameterEntries(value: any): Array<[string, unknown]> {
  if (!value || typeof value !== 'object' || 'Ref' in value) return []; // AWS::NoValue, or a parameter holding them all
  if (Array.isArray(value['Fn::If'])) return [value['Fn::If'][1], value['Fn::If'][2]].flatMap(inputParameterEntries);
  return Object.entries(value).filter(([name]) => !name.startsWith('Fn::'));
}

/**
 * A parameter value as the pack deploys it by default: a `Ref` to a template parameter is its
 * default, an `Fn::If` the branch that is not `AWS::NoValue`.
 */
function resolveValue(value: unknown, defaults: Record<string, any>, noDefault: (ref: string) => unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const ref = (value as { Ref?: unknown }).Ref;
  if (ref === 'AWS::NoValue') return undefined;
  if (typeof ref === 'string') return defaults[ref]?.Default ?? noDefault(ref);
  const branches = (value as { 'Fn::If'?: unknown[] })['Fn::If'];
  if (Array.isArray(branches)) return resolveValue(branches[1], defaults, noDefault) ?? resolveValue(branches[2], defaults, noDefault);
  return value;
}

function inferType(values: string[]): ParameterType {
  if (values.length && values.every((v) => /^-?\d+$/.test(v))) return 'Int';
  if (values.length && values.every((v) => /^(true|false)$/i.test(v))) return 'Boolean';
  if (values.length && values.every((v) => /^-?\d+(\.\d+)?$/.test(v))) return 'Double';
  return 'String';
}

// --- extract ----------------------------------------------------------------------------------

function extract(docsLocation: string, packsLocation?: string): void {
  const curated: Curated = JSON.parse(readFileSync(CURATED_FILE, 'utf-8'));
  const docsTree = openTree(docsLocation, DOCS_MARKER, 'doc_source');
  const sources: SourceFact[] = [{
    repository: DOCS_REPO,
    commit: docsTree.commit,
    commitDate: docsTree.commitDate,
    path: 'doc_source/*.md (pages with an Identifier)',
    note: 'AWS Config Developer Guide, "List of AWS Config Managed Rules": archived by AWS in June 2023; the newest commit with the pages is read',
  }];
  const rules = new Map<string, RuleFact>();
  try {
    for (const rule of readDocs(docsTree.dir)) rules.set(rule.identifier, rule);
  } finally {
    docsTree.cleanup();
  }
  const corrections: Catalogue['corrections'] = [];
  let uses = new Map<string, PackUse>();
  if (packsLocation) {
    const packsTree = openTree(packsLocation, 'aws-config-conformance-packs', 'aws-config-conformance-packs');
    try {
      uses = readPacks(packsTree.dir);
      sources.push({
        repository: PACKS_REPO,
        commit: packsTree.commit,
        commitDate: packsTree.commitDate,
        path: 'aws-config-conformance-packs/*.yaml',
        note: `AWS's sample conformance packs (${new Set([...uses.values()].flatMap((u) => [...u.packs])).size} packs): rules newer than the archived guide, and parameters AWS's packs pass that the guide omits`,
      });
      for (const [identifier, use] of [...uses.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        const documented = rules.get(identifier);
        if (!documented) {
          rules.set(identifier, {
            identifier,
            source: 'packs',
            page: [...use.packs][0],
            usedByPacks: use.packs.size,
            // AWS's packs give a frequency only to rules with a periodic trigger; without one seen,
            // the trigger is unknown and both are allowed.
            trigger: use.frequencies > 0 && use.frequencies === use.uses ? 'PERIODIC' : 'HYBRID',
            resourceTypes: [...use.resourceTypes].sort(),
            parameters: [...use.parameters.entries()].sort(([a], [b]) => a.localeCompare(b))
              .map(([name, values]) => ({ name, type: inferType(values), optional: true })),
          });
          continue;
        }
        // Parameters AWS's packs pass that the guide does not list: the packs are newer, they win.
        const known = new Set(documented.parameters.map((p) => p.name));
        const added = [...use.parameters.entries()].filter(([name]) => !known.has(name));
        if (added.length) {
          for (const [name, values] of added) {
            corrections.push({ identifier, field: `parameters.${name}`, docs: 'not listed', used: inferType(values), reason: `passed by AWS's sample packs (${[...use.packs].slice(0, 2).join(', ')}), newer than the archived guide` });
          }
          const extra = added.map(([name, values]): ParameterFact => ({ name, type: inferType(values), optional: true }));
          rules.set(identifier, { ...documented, parameters: [...documented.parameters, ...extra] });
        }
        // A frequency on a rule the guide calls change-triggered: AWS runs it periodically now.
        if (use.frequencies > 0 && documented.trigger === 'CHANGE') {
          corrections.push({ identifier, field: 'trigger', docs: 'CHANGE', used: 'HYBRID', reason: `AWS's sample packs give it MaximumExecutionFrequency (${[...use.packs][0]}), newer than the archived guide` });
          rules.set(identifier, { ...rules.get(identifier)!, trigger: 'HYBRID' });
        }
      }
    } finally {
      packsTree.cleanup();
    }
  }
  const current: CurrentPages = JSON.parse(readFileSync(CURRENT_FILE, 'utf-8'));
  applyCurrentPages(current, rules, uses, corrections);
  for (const [identifier, correction] of Object.entries(curated.corrections ?? {})) {
    const rule = rules.get(identifier);
    if (!rule) throw new Error(`curated correction for unknown rule ${identifier}`);
    const why = `${correction.reason} (${correction.evidence})`;
    let corrected = rule;
    if (correction.trigger && correction.trigger !== rule.trigger) {
      corrections.push({ identifier, field: 'trigger', docs: rule.trigger, used: correction.trigger, reason: why });
      corrected = { ...corrected, trigger: correction.trigger };
    }
    if (correction.resourceTypes && JSON.stringify(correction.resourceTypes) !== JSON.stringify(rule.resourceTypes)) {
      corrections.push({ identifier, field: 'resourceTypes', docs: rule.resourceTypes, used: correction.resourceTypes, reason: why });
      corrected = { ...corrected, resourceTypes: correction.resourceTypes };
    }
    for (const parameter of correction.parameters ?? []) {
      const existing = corrected.parameters.find((p) => p.name === parameter.name);
      if (JSON.stringify(existing) === JSON.stringify(parameter)) continue;
      corrections.push({ identifier, field: `parameters.${parameter.name}`, docs: existing ?? 'not listed', used: parameter, reason: why });
      corrected = { ...corrected, parameters: [...corrected.parameters.filter((p) => p.name !== parameter.name), parameter] };
    }
    rules.set(identifier, corrected);
  }
  const sorted = [...rules.values()].sort((a, b) => a.identifier.localeCompare(b.identifier));
  const notFound = new Map((current.notFound ?? []).map((n) => [n.identifier, n]));
  const catalogue: Catalogue = {
    comment: 'Generated by scripts/config-rules-catalogue.ts extract; do not edit by hand (hand-kept facts live in curated.json and current-pages.json). Refresh: npx projen catalogue:config-rules',
    extractedAt: new Date().toISOString().slice(0, 10),
    sources,
    currentPages: {
      source: current.source,
      file: path.relative(ROOT, CURRENT_FILE),
      checkedAt: current.checkedAt,
      pages: current.pages.length,
      processChecks: (current.processChecks ?? []).length,
    },
    checkedAgainstCurrentDocs: curated.checkedAgainstCurrentDocs ?? [],
    corrections,
    undocumented: sorted.filter((r) => r.source === 'packs').map((r) => ({
      identifier: r.identifier,
      usedByPacks: r.usedByPacks,
      reason: notFound.get(r.identifier)?.note
        ?? 'no current page read yet (rules used by fewer sample packs were read last); trigger unknown, so both change and periodic are allowed',
    })),
    rules: sorted,
  };
  writeFileSync(DATA_FILE, `${JSON.stringify(catalogue, null, 1)}\n`);
  const count = (source: RuleFact['source']) => catalogue.rules.filter((r) => r.source === source).length;
  console.log(`wrote ${path.relative(ROOT, DATA_FILE)}: ${catalogue.rules.length} rules (${count('docs')} from the archived guide, `
    + `${count('current-page')} from current pages, ${count('process-check')} process checks, ${count('packs')} from packs only), ${corrections.length} corrections`);
}

/**
 * Applies the current guide pages read by hand: each page's trigger, default scope and parameters win
 * over the archived guide and the packs (they are the newest source). Two exceptions keep AWS's own packs
 * deployable: a parameter a pack passes that the page does not list stays (optional), and a frequency a
 * pack gives to a rule the page calls change-triggered makes it HYBRID. Both are recorded as corrections.
 */
function applyCurrentPages(current: CurrentPages, rules: Map<string, RuleFact>, uses: Map<string, PackUse>, corrections: Catalogue['corrections']): void {
  const seen = new Set<string>();
  for (const page of current.pages) {
    if (seen.has(page.identifier)) throw new Error(`current-pages.json lists ${page.identifier} twice`);
    seen.add(page.identifier);
    if (!/^https:\/\/docs\.aws\.amazon\.com\/config\/latest\/developerguide\/[a-z0-9-]+\.html$/.test(page.url)) {
      throw new Error(`current-pages.json: ${page.identifier} has no current guide page URL (${page.url})`);
    }
    const before = rules.get(page.identifier);
    const why = `current guide page, read ${page.checkedAt} (${page.url})`;
    const use = uses.get(page.identifier);
    let trigger: Trigger = page.trigger;
    if (trigger === 'CHANGE' && use && use.frequencies > 0) {
      corrections.push({ identifier: page.identifier, field: 'trigger', docs: 'CHANGE', used: 'HYBRID', reason: `the current page says change-triggered, but AWS's sample packs give it MaximumExecutionFrequency (${[...use.packs][0]}); both are allowed so the pack deploys` });
      trigger = 'HYBRID';
    }
    const parameters = page.parameters.map((p) => ({ ...p }));
    for (const [name, values] of use?.parameters ?? []) {
      if (parameters.some((p) => p.name === name)) continue;
      const known = before?.parameters.find((p) => p.name === name);
      parameters.push(known ? { ...known, optional: true } : { name, type: inferType(values), optional: true });
      corrections.push({ identifier: page.identifier, field: `parameters.${name}`, docs: 'not on the current page', used: 'kept, optional', reason: `passed by AWS's sample packs (${[...use!.packs][0]})` });
    }
    if (before) {
      if (before.trigger !== trigger) corrections.push({ identifier: page.identifier, field: 'trigger', docs: before.trigger, used: trigger, reason: why });
      if (JSON.stringify(before.resourceTypes) !== JSON.stringify(page.resourceTypes)) {
        corrections.push({ identifier: page.identifier, field: 'resourceTypes', docs: before.resourceTypes, used: page.resourceTypes, reason: why });
      }
      for (const parameter of parameters) {
        const old = before.parameters.find((p) => p.name === parameter.name);
        if (JSON.stringify(old) !== JSON.stringify(parameter)) {
          corrections.push({ identifier: page.identifier, field: `parameters.${parameter.name}`, docs: old ?? 'not listed', used: parameter, reason: why });
        }
      }
      for (const old of before.parameters.filter((p) => !parameters.some((q) => q.name === p.name))) {
        corrections.push({ identifier: page.identifier, field: `parameters.${old.name}`, docs: old, used: 'kept, optional (not on the current page)', reason: why });
        parameters.push({ ...old, optional: true });
      }
    }
    rules.set(page.identifier, {
      identifier: page.identifier,
      source: before?.source === 'docs' ? 'docs' : 'current-page',
      page: before?.source === 'docs' ? before.page : page.url,
      currentPage: page.url,
      checkedAt: page.checkedAt,
      trigger,
      resourceTypes: [...page.resourceTypes],
      regions: before?.regions,
      parameters,
      ...(before?.usedByPacks !== undefined ? { usedByPacks: before.usedByPacks } : {}),
    });
  }
  for (const processCheck of current.processChecks ?? []) {
    const before = rules.get(processCheck.identifier);
    if (before && before.parameters.length) throw new Error(`process check ${processCheck.identifier}: AWS's packs pass parameters to it`);
    rules.set(processCheck.identifier, {
      identifier: processCheck.identifier,
      source: 'process-check',
      page: processCheck.url,
      currentPage: processCheck.url,
      checkedAt: processCheck.checkedAt,
      trigger: 'MANUAL',
      resourceTypes: [],
      parameters: [],
      ...(before?.usedByPacks !== undefined ? { usedByPacks: before.usedByPacks } : {}),
    });
  }
}

// --- generate ---------------------------------------------------------------------------------

/** Service file of a rule: by the identifier's first word, grouped as the guide's services are. */
const SERVICE_GROUPS: Array<[string, RegExp]> = [
  ['account-and-iam', /^(COGNITO|SECURITY_ACCOUNT|AWS_CONFIG|ACCESS_KEYS|ACCOUNT|IAM|MFA|ROOT|SECURITYHUB|GUARDDUTY|MACIE|INSPECTOR|DESIRED_INSTANCE|FMS|CLOUDTRAIL|CLOUD_TRAIL|MULTI_REGION|CW_|CLOUDWATCH|CLOUDFORMATION|SERVICE_VPC|SERVICE_CATALOG)/],
  ['compute', /^(EC2|EBS|ECS|ECR|EKS|LAMBDA|AUTOSCALING|APPROVED_AMIS|INSTANCES|ELASTIC_BEANSTALK|BEANSTALK|BATCH|INCOMING_SSH|RESTRICTED|EIP|DESIRED|APPRUNNER|LIGHTSAIL)/],
  ['network', /^(CLB|APPMESH|VPC|ELB|ALB|NLB|ELBV2|CLOUDFRONT|API_GW|APIGATEWAY|WAF|WAFV2|ROUTE53|NETFW|NO_UNRESTRICTED|SUBNET|INTERNET_GATEWAY|NACL|GLOBAL_ENDPOINT|SHIELD|TRANSIT|APPSYNC|VPN|DIRECTCONNECT|CLIENT_VPN)/],
  ['storage-and-data', /^(VIRTUALMACHINE|S3|DYNAMODB|RDS|AURORA|REDSHIFT|ELASTICACHE|DAX|DMS|DB_|EFS|FSX|BACKUP|STORAGEGATEWAY|ELASTICSEARCH|OPENSEARCH|KINESIS|MSK|EMR|GLUE|ATHENA|NEPTUNE|DOCDB|DOCUMENTDB|SAGEMAKER|KMS|SECRETSMANAGER|SNS|SQS|ACM|ENCRYPTED|CMK|MQ|TIMESTREAM|KEYSPACES|QLDB|LAKE|DATASYNC|STEP_FUNCTIONS|SFN|APPFLOW|EVENTBRIDGE|AMPLIFY|CODEBUILD|CODEDEPLOY|CODEPIPELINE|CODEARTIFACT|SSM|CONFIG|WORKSPACES|TRANSFER|REQUIRED_TAGS|NETWORK)/],
];

function serviceFile(identifier: string): string {
  for (const [file, pattern] of SERVICE_GROUPS) if (pattern.test(identifier)) return file;
  return 'other';
}


function generate(): void {
  const catalogue: Catalogue = JSON.parse(readFileSync(DATA_FILE, 'utf-8'));
  const curated: Curated = JSON.parse(readFileSync(CURATED_FILE, 'utf-8'));
  const unknownNag = Object.keys(curated.nagRuleIds).filter((id) => !catalogue.rules.some((r) => r.identifier === id));
  if (unknownNag.length) throw new Error(`curated.json maps cdk-nag rules to identifiers the catalogue lacks: ${unknownNag.join(', ')}`);
  const byFile = new Map<string, RuleFact[]>();
  for (const rule of catalogue.rules) {
    const file = serviceFile(rule.identifier);
    byFile.set(file, [...(byFile.get(file) ?? []), rule]);
  }
  const header = [
    '// ~~ Generated by scripts/config-rules-catalogue.ts from data/config-rules/managed-rules.json. Do not edit. ~~',
    `// Sources: ${catalogue.sources.map((s) => `${s.repository}@${s.commit.slice(0, 12)} (${s.commitDate.slice(0, 10)})`).join(', ')}; current guide pages read ${catalogue.currentPages?.checkedAt ?? 'never'}; extracted ${catalogue.extractedAt}.`,
    '// Refresh: npx projen catalogue:config-rules',
  ];
  const files = [...byFile.keys()].sort();
  for (const file of files) {
    const constant = `${file.toUpperCase().replace(/-/g, '_')}_RULES`;
    const lines = [...header, "import { ManagedRuleDefinition, RuleTrigger } from './definition';", '', `export const ${constant}: ManagedRuleDefinition[] = [`];
    for (const rule of byFile.get(file)!) {
      const parts = [`identifier: '${rule.identifier}'`, `trigger: RuleTrigger.${rule.trigger}`];
      if (rule.resourceTypes.length) parts.push(`resourceTypes: ${literal(rule.resourceTypes)}`);
      if (rule.parameters.length) {
        const parameters = rule.parameters.map((p) => {
          const fields = [`type: '${p.type}'`];
          // Required: the guide lists it without "(Optional)". Its default is only the console's
          // pre-filled value; the API (and so CloudFormation) supplies none.
          if (!p.optional) fields.push('required: true');
          if (p.default !== undefined) fields.push(`defaultValue: ${literal(p.default)}`);
          return `${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(p.name) ? p.name : literal(p.name)}: { ${fields.join(', ')} }`;
        });
        parts.push(`parameters: { ${parameters.join(', ')} }`);
      }
      const nag = curated.nagRuleIds[rule.identifier];
      if (nag?.length) parts.push(`nagRuleIds: ${literal(nag)}`);
      if (rule.source === 'packs') parts.push('documented: false');
      if (rule.currentPage) parts.push(`page: '${rule.currentPage}'`);
      lines.push(`  { ${parts.join(', ')} },`);
    }
    lines.push('];', '');
    writeFileSync(path.join(OUT_DIR, `${file}.generated.ts`), lines.join('\n'));
  }
  const index = [
    ...header,
    "import { ManagedRuleDefinition } from './definition';",
    ...files.map((f) => `import { ${f.toUpperCase().replace(/-/g, '_')}_RULES } from './${f}.generated';`),
    '',
    '/** Every managed rule of the catalogue, by identifier. */',
    'export const GENERATED_RULES: ManagedRuleDefinition[] = [',
    ...files.map((f) => `  ...${f.toUpperCase().replace(/-/g, '_')}_RULES,`),
    '];',
    '',
    '/** Where the catalogue comes from. */',
    `export const CATALOGUE_SOURCES = ${literal(catalogue.sources.map((s) => ({ repository: s.repository, commit: s.commit, commitDate: s.commitDate })))};`,
    `export const CATALOGUE_EXTRACTED_AT = '${catalogue.extractedAt}';`,
    '',
  ];
  writeFileSync(path.join(OUT_DIR, 'registry.generated.ts'), index.join('\n'));
  console.log(`wrote ${files.length + 1} files under ${path.relative(ROOT, OUT_DIR)} (${catalogue.rules.length} rules)`);
}

// --- check ----------------------------------------------------------------------------------

const HOURS_BY_FREQUENCY: Record<string, number> = { One_Hour: 1, Three_Hours: 3, Six_Hours: 6, Twelve_Hours: 12, TwentyFour_Hours: 24 };

/**
 * Renders every managed rule configuration of AWS's sample packs through the typed path
 * (`PackRule.managed` with the pack's parameters at their defaults, frequency and scope) and
 * reports the ones refused. Exit code 1 when any is.
 */
function check(packsLocation: string): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { App, Fn, Stack } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
  const { PackRule } = require('../constructs') as typeof import('../constructs');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const tree = openTree(packsLocation, 'aws-config-conformance-packs', 'aws-config-conformance-packs');
  const folder = path.join(tree.dir, 'aws-config-conformance-packs');
  const stack = new Stack(new App(), 'Check');
  const context = { builtInEvaluator: () => { throw new Error('not used'); }, allowConfigToInvoke: () => undefined };
  let total = 0;
  const refused: string[] = [];
  try {
    for (const file of readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).sort()) {
      const template = YAML.parse(readFileSync(path.join(folder, file), 'utf-8'), { customTags: CFN_TAGS }) ?? {};
      const defaults = template.Parameters ?? {};
      for (const [logicalId, resource] of Object.entries<any>(template.Resources ?? {})) {
        const p = resource?.Properties ?? {};
        if (resource?.Type !== 'AWS::Config::ConfigRule' || p.Source?.Owner !== 'AWS') continue;
        total++;
        const inputParameters: Record<string, unknown> = {};
        for (const [name, value] of inputParameterEntries(p.InputParameters)) {
          // A pack parameter without a default is set at deploy time: a token in the typed path.
          const resolved = resolveValue(value, defaults, (ref) => Fn.ref(ref));
          if (resolved !== undefined && typeof resolved !== 'object') inputParameters[name] = resolved;
        }
        const types = p.Scope?.ComplianceResourceTypes;
        try {
          PackRule.managed(p.Source.SourceIdentifier, {
            ruleName: typeof p.ConfigRuleName === 'string' ? p.ConfigRuleName : logicalId,
            inputParameters,
            periodicHours: typeof p.MaximumExecutionFrequency === 'string' ? HOURS_BY_FREQUENCY[p.MaximumExecutionFrequency] : undefined,
            resourceTypes: Array.isArray(types) && types.every((t) => typeof t === 'string') && types.length ? types : undefined,
            tagKey: typeof p.Scope?.TagKey === 'string' ? p.Scope.TagKey : undefined,
            tagValue: typeof p.Scope?.TagValue === 'string' ? p.Scope.TagValue : undefined,
            description: typeof p.Description === 'string' ? p.Description : undefined,
          })._render(stack, `${file}.${logicalId}`, context);
        } catch (error) {
          refused.push((error as Error).message.split('\n')[0]);
        }
      }
    }
  } finally {
    tree.cleanup();
  }
  console.log(`${total} managed rule configurations in AWS's sample packs, ${refused.length} refused by the typed path`);
  for (const message of refused) console.log(`  ${message}`);
  if (refused.length) process.exitCode = 1;
}

function main(argv: string[]): void {
  const [command, ...rest] = argv;
  if (command === 'extract') {
    const docs = rest[0] ?? process.env.CONFIG_DOCS_DIR;
    const packs = rest[1] ?? process.env.CONFIG_PACKS_DIR;
    if (!docs) throw new Error('usage: config-rules-catalogue.ts extract <aws-config-developer-guide checkout or git dir> [<aws-config-rules checkout or git dir>] (or CONFIG_DOCS_DIR, CONFIG_PACKS_DIR)');
    extract(docs, packs);
  } else if (command === 'generate') {
    generate();
  } else if (command === 'check') {
    const packs = rest[0] ?? process.env.CONFIG_PACKS_DIR;
    if (packs) check(packs);
    else console.log('check skipped: no aws-config-rules checkout given (argument or CONFIG_PACKS_DIR)');
  } else {
    throw new Error('usage: config-rules-catalogue.ts extract <docs> [<packs>] | generate | check <packs>');
  }
}

if (require.main === module) main(process.argv.slice(2));
