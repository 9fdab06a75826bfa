/* eslint-disable no-console */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

/**
 * Refreshes the FIS action catalogue (data/fis/actions.json): every action id with its target
 * keys and resource types and its parameters, from AWS's own sources.
 *
 * One command: `npx projen refresh:fis-actions` asks the FIS API itself (ListActions, paginated,
 * then GetAction for each action's parameters) with the caller's credentials in AWS_REGION
 * (default us-east-1); `npx ts-node scripts/refresh-fis-actions.ts <file>` reads a saved
 * `aws fis list-actions` output instead, or an AWS CLI example page (.rst) that contains one
 * (an optional second argument names the source recorded in the file).
 * The file records the source and the date; test/chaos-experiment/action-catalogue.test.ts checks
 * every typed fault against it.
 */
export const OUTPUT = join(__dirname, '..', 'data', 'fis', 'actions.json');

/** One action of the catalogue. */
export interface CatalogueAction {
  readonly id: string;
  readonly description: string;
  /** Target key (e.g. `Instances`) to resource type (e.g. `aws:ec2:instance`). */
  readonly targets: Record<string, string>;
  /** Parameter names with whether they are required; absent when the source lists none (ListActions has no parameters). */
  readonly parameters?: Record<string, { readonly required: boolean }>;
}

/** The catalogue file. */
export interface ActionCatalogue {
  readonly source: string;
  readonly retrievedOn: string;
  readonly actions: CatalogueAction[];
}

/** The ListActions / GetAction shape of one action (FIS API reference, Action and ActionSummary). */
interface ApiAction {
  id?: string;
  description?: string;
  targets?: Record<string, { resourceType?: string }>;
  parameters?: Record<string, { required?: boolean }>;
}

/** Normalises actions of the FIS API shape: sorted by id, targets as key → resource type. */
export function toCatalogueActions(actions: ApiAction[]): CatalogueAction[] {
  const seen = new Set<string>();
  return actions.map((a) => {
    if (!a.id || !/^aws:[a-z0-9-]+:[a-z0-9-]+$/.test(a.id)) throw new Error(`not an FIS action id: ${JSON.stringify(a.id)}`);
    if (seen.has(a.id)) throw new Error(`action ${a.id} listed twice`);
    seen.add(a.id);
    const targets: Record<string, string> = {};
    for (const [key, target] of Object.entries(a.targets ?? {})) {
      if (!target.resourceType) throw new Error(`${a.id}: target ${key} has no resourceType`);
      targets[key] = target.resourceType;
    }
    const parameters = a.parameters
      ? Object.fromEntries(Object.entries(a.parameters)
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([name, p]) => [name, { required: p.required === true }]))
      : undefined;
    return { id: a.id, description: a.description ?? '', targets, ...(parameters ? { parameters } : {}) };
  }).sort((x, y) => x.id.localeCompare(y.id));
}

/**
 * The actions of a saved `aws fis list-actions` output: the JSON itself, or an AWS CLI example
 * page whose literal block (after `Output::`) is that JSON.
 */
export function parseListActionsOutput(text: string): ApiAction[] {
  const trimmed = text.trim();
  const json = trimmed.startsWith('{') ? trimmed : literalBlockAfter(text, 'Output::');
  const parsed = JSON.parse(json) as { actions?: ApiAction[] };
  if (!Array.isArray(parsed.actions) || parsed.actions.length === 0) throw new Error('no "actions" array in the list-actions output');
  return parsed.actions;
}

/** The indented reStructuredText literal block that follows a `marker` line. */
function literalBlockAfter(text: string, marker: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === marker);
  if (start < 0) throw new Error(`no "${marker}" block in the page`);
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() !== '' && !/^\s/.test(line)) break;
    block.push(line);
  }
  return block.join('\n').trim();
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

async function main(): Promise<void> {
  const file = process.argv[2];
  const region = process.env.AWS_REGION ?? 'us-east-1';
  const today = new Date().toISOString().slice(0, 10);
  const catalogue: ActionCatalogue = file
    ? { source: process.argv[3] ?? `aws fis list-actions output read from ${file}`, retrievedOn: today, actions: toCatalogueActions(parseListActionsOutput(readFileSync(file, 'utf8'))) }
    : { source: `FIS API ListActions and GetAction in ${region}`, retrievedOn: today, actions: toCatalogueActions(await fromApi(region)) };
  writeFileSync(OUTPUT, `${JSON.stringify(catalogue, undefined, 2)}\n`);
  console.log(`${catalogue.actions.length} FIS actions written to ${OUTPUT} (${catalogue.source}, ${catalogue.retrievedOn})`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
