/* eslint-disable no-console */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

/**
 * Refreshes the FIS action catalogue (data/fis/actions.json): every action id with the resource
 * type it targets, its parameters (required or not) and the IAM permissions it needs, from AWS's
 * published "AWS FIS Actions reference" (FIS User Guide).
 *
 * One command: `npx projen refresh:fis-actions` downloads the page's Markdown source
 * (REFERENCE_URL; AWS publishes every User Guide page as `.md` beside its `.html`) and rewrites
 * the file with the source and today's date. Offline, pass a saved copy of that page:
 * `npx projen refresh:fis-actions -- path/to/fis-actions-reference.md`. `--api` asks the FIS API
 * instead (ListActions and GetAction with the caller's credentials in AWS_REGION, default
 * us-east-1): it adds each action's target keys, but has no permissions.
 * test/chaos-experiment/action-catalogue.test.ts checks every typed fault against the file.
 */
export const OUTPUT = join(__dirname, '..', 'data', 'fis', 'actions.json');

/** The page the catalogue is derived from. */
export const REFERENCE_URL = 'https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.md';

/** One action of the catalogue. */
export interface CatalogueAction {
  readonly id: string;
  /** First sentence of the action's description. */
  readonly description: string;
  /** Resource types the action targets; empty for actions without a target (aws:fis:wait). */
  readonly resourceTypes: string[];
  /** Target key (e.g. `Instances`) to resource type; only the FIS API names the keys. */
  readonly targets?: Record<string, string>;
  /** Parameter names; required unless the source marks them optional or conditional, or names a default. */
  readonly parameters: Record<string, { readonly required: boolean }>;
  /** IAM actions the page lists for the action (absent when read from the API, which has none). */
  readonly permissions?: string[];
  /** AWS managed policies the page names for the action. */
  readonly managedPolicies?: string[];
}

/** The catalogue file. */
export interface ActionCatalogue {
  readonly source: string;
  readonly retrievedOn: string;
  readonly actions: CatalogueAction[];
}

const ACTION_ID = /^aws:[a-z0-9-]+:[a-z0-9-]+$/;

/**
 * The actions of the "AWS FIS Actions reference" page (its Markdown source): one `### <action id>`
 * section per action, with `###### Resource type`, `###### Parameters`, `###### Permissions` and
 * `###### AWS managed policy` lists. Nested bullets (values of a parameter) are not parameters.
 */
export function parseActionsReference(markdown: string): CatalogueAction[] {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const sections: Array<{ id: string; body: string[] }> = [];
  let current: { id: string; body: string[] } | undefined;
  let fenced = false;
  for (const line of lines) {
    if (line.trimStart().startsWith('```')) fenced = !fenced;
    if (!fenced && /^#{2,3} /.test(line)) {
      const heading = line.replace(/^#+ /, '').trim();
      current = line.startsWith('### ') && ACTION_ID.test(heading) ? { id: heading, body: [] } : undefined;
      if (current) sections.push(current);
      continue;
    }
    current?.body.push(fenced ? '' : line);
  }
  if (sections.length === 0) throw new Error('no "### aws:<service>:<action>" section in the page');

  const seen = new Set<string>();
  const actions = sections.map(({ id, body }) => {
    if (seen.has(id)) throw new Error(`action ${id} listed twice`);
    seen.add(id);
    const parts = subsections(body);
    const resourceTypes = bullets(parts.get('resource type') ?? [])
      .map((b) => b.replace(/\*\*/g, '').replace(/`/g, '').trim())
      .filter((t) => t !== 'None');
    for (const t of resourceTypes) if (!/^aws:[a-z0-9-]+:[a-z0-9-]+$/.test(t)) throw new Error(`${id}: "${t}" is not a resource type`);
    const parameters: Record<string, { required: boolean }> = {};
    for (const b of bullets(parts.get('parameters') ?? [])) {
      if (b.trim() === 'None') continue;
      const m = /^(?:\*\*([A-Za-z0-9]+)\*\*|`([A-Za-z0-9]+)`)\s*(.*)$/s.exec(b.trim());
      if (!m) throw new Error(`${id}: cannot read the parameter "${b.trim().slice(0, 60)}"`);
      const text = m[3].replace(/^[–-]\s*/, '');
      parameters[m[1] ?? m[2]] = { required: !/^(Optional|Conditional)\b/.test(text) && !/The default is/.test(text) };
    }
    const permissions = bullets(parts.get('permissions') ?? [])
      .map((b) => /^`?([A-Za-z0-9-]+:[A-Za-z0-9*]+)/.exec(b.trim())?.[1])
      .filter((p): p is string => p !== undefined)
      // IAM action names are case-insensitive in the service prefix; the page writes `S3:` once.
      .map((p) => p.replace(/^[A-Za-z0-9-]+/, (prefix) => prefix.toLowerCase()));
    const managedPolicies = bullets(parts.get('aws managed policy') ?? [])
      .map((b) => /^\[([A-Za-z0-9]+)\]/.exec(b.trim())?.[1])
      .filter((p): p is string => p !== undefined);
    const description = firstSentence(parts.get('') ?? []);
    return {
      id,
      description,
      resourceTypes,
      parameters: Object.fromEntries(Object.entries(parameters).sort(([a], [b]) => a.localeCompare(b))),
      permissions: [...new Set(permissions)],
      ...(managedPolicies.length > 0 ? { managedPolicies } : {}),
    };
  });
  return actions.sort((x, y) => x.id.localeCompare(y.id));
}

/** The lines under each `###### Heading` (lower-cased), the lines before the first under ''. */
function subsections(body: string[]): Map<string, string[]> {
  const parts = new Map<string, string[]>([['', []]]);
  let key = '';
  for (const line of body) {
    const m = /^#{4,6} (.+)$/.exec(line);
    if (m) {
      key = m[1].trim().toLowerCase();
      parts.set(key, []);
    } else {
      parts.get(key)!.push(line);
    }
  }
  return parts;
}

/** Top-level bullets of a list, each with its continuation lines; nested bullets are dropped. */
function bullets(lines: string[]): string[] {
  const items: string[] = [];
  let nested = false;
  for (const line of lines) {
    if (/^- /.test(line)) {
      items.push(line.slice(2));
      nested = false;
    } else if (/^\s+- /.test(line)) {
      nested = true;
    } else if (/^\s+\S/.test(line) && items.length > 0 && !nested) {
      items[items.length - 1] += ` ${line.trim()}`;
    } else if (line.trim() === '') {
      nested = false;
    } else if (items.length > 0 && !/^\s/.test(line)) {
      break; // a paragraph after the list ends it
    }
  }
  return items;
}

function firstSentence(lines: string[]): string {
  const paragraph: string[] = [];
  for (const line of lines) {
    if (line.trim() === '' && paragraph.length > 0) break;
    if (line.trim() !== '') paragraph.push(line.trim());
  }
  const text = paragraph.join(' ')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1') // links keep their text
    .replace(/[`*]/g, '');
  const end = text.search(/\.(\s|$)/);
  return end < 0 ? text : text.slice(0, end + 1);
}

/** The ListActions / GetAction shape of one action (FIS API reference, Action). */
interface ApiAction {
  id?: string;
  description?: string;
  targets?: Record<string, { resourceType?: string }>;
  parameters?: Record<string, { required?: boolean }>;
}

/** Normalises actions of the FIS API shape: sorted by id, targets as key → resource type. */
export function fromApiShape(actions: ApiAction[]): CatalogueAction[] {
  const seen = new Set<string>();
  return actions.map((a) => {
    if (!a.id || !ACTION_ID.test(a.id)) throw new Error(`not an FIS action id: ${JSON.stringify(a.id)}`);
    if (seen.has(a.id)) throw new Error(`action ${a.id} listed twice`);
    seen.add(a.id);
    const targets: Record<string, string> = {};
    for (const [key, target] of Object.entries(a.targets ?? {})) {
      if (!target.resourceType) throw new Error(`${a.id}: target ${key} has no resourceType`);
      targets[key] = target.resourceType;
    }
    const parameters = Object.fromEntries(Object.entries(a.parameters ?? {})
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([name, p]) => [name, { required: p.required === true }]));
    return { id: a.id, description: a.description ?? '', resourceTypes: [...new Set(Object.values(targets))], targets, parameters };
  }).sort((x, y) => x.id.localeCompare(y.id));
}

/** Every action from the FIS API (ListActions, paginated; GetAction for parameters). */
export async function fromApi(region: string): Promise<ApiAction[]> {
  // Loaded only here: the SDK is a devDependency and needs credentials at run time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fis = require('@aws-sdk/client-fis') as typeof import('@aws-sdk/client-fis');
  const client = new fis.FisClient({ region });
  const ids: string[] = [];
  for await (const page of fis.paginateListActions({ client }, {})) {
    for (const a of page.actions ?? []) if (a.id) ids.push(a.id);
  }
  const actions: ApiAction[] = [];
  for (const id of ids) {
    const { action } = await client.send(new fis.GetActionCommand({ id }));
    if (action) actions.push(action);
  }
  return actions;
}

/** The catalogue from the argument: `--api`, a saved copy of the page, or (default) the page itself. */
export async function buildCatalogue(
  arg: string | undefined, today: string, download: (url: string) => Promise<string> = httpGet,
): Promise<ActionCatalogue> {
  if (arg === '--api') {
    const region = process.env.AWS_REGION ?? 'us-east-1';
    return { source: `FIS API ListActions and GetAction in ${region}`, retrievedOn: today, actions: fromApiShape(await fromApi(region)) };
  }
  if (arg) {
    return { source: `AWS FIS User Guide, "AWS FIS Actions reference" (${REFERENCE_URL}), read from a saved copy of the page`, retrievedOn: today, actions: parseActionsReference(readFileSync(arg, 'utf8')) };
  }
  return { source: `AWS FIS User Guide, "AWS FIS Actions reference" (${REFERENCE_URL})`, retrievedOn: today, actions: parseActionsReference(await download(REFERENCE_URL)) };
}

async function httpGet(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return response.text();
}

async function main(): Promise<void> {
  // `npx projen refresh:fis-actions -- <arg>` passes the `--` through.
  const arg = process.argv.slice(2).find((a) => a !== '--');
  const catalogue = await buildCatalogue(arg, new Date().toISOString().slice(0, 10));
  writeFileSync(OUTPUT, `${JSON.stringify(catalogue, undefined, 2)}\n`);
  console.log(`${catalogue.actions.length} FIS actions written to ${OUTPUT} (${catalogue.source}, ${catalogue.retrievedOn})`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
