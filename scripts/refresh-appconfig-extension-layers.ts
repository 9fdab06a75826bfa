/* eslint-disable no-console */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

/**
 * Refreshes the AppConfig Agent Lambda extension layer table FeatureFlags.attachToFunction uses,
 * from AWS's page "Understanding available versions of the AWS AppConfig Agent Lambda extension"
 * (its Markdown form). One command: `npx projen refresh:appconfig-layers` (fetches the page), or
 * `npx ts-node scripts/refresh-appconfig-extension-layers.ts <saved-page.md>` for a saved copy.
 * The table records the page, the extension version and today's date; a test fails when it is
 * older than the allowed age, so the refresh is not forgotten.
 */
export const SOURCE_URL = 'https://docs.aws.amazon.com/appconfig/latest/userguide/appconfig-integration-lambda-extensions-versions.md';
const OUTPUT = join(__dirname, '..', 'constructs', 'feature-flags', 'private', 'extension-layers.ts');

export interface LayerTable {
  readonly version: string;
  readonly releasedOn: string;
  readonly x86_64: Record<string, string>;
  readonly arm64: Record<string, string>;
}

const ARN = /`(arn:aws[a-z-]*:lambda:([a-z0-9-]+):\d{12}:layer:AWS-AppConfig-Extension(?:-Arm64)?:\d+)`/;

/** The section of the page under a `## <heading>` line, up to the next `## `. */
function section(markdown: string, heading: RegExp): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => /^## /.test(l) && heading.test(l));
  if (start < 0) throw new Error(`section ${heading} not found on the page`);
  const end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

function arnsOf(text: string, suffix: string): { version: string; arns: Record<string, string> } {
  const version = /\*\*Version ([0-9.]+)\*\*/.exec(text)?.[1];
  if (!version) throw new Error('no "**Version x.y.z**" line in the platform section');
  const arns: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = ARN.exec(line);
    if (!match) continue;
    const [, arn, region] = match;
    if (!arn.includes(`layer:AWS-AppConfig-Extension${suffix}:`)) throw new Error(`unexpected layer in this section: ${arn}`);
    if (arns[region]) throw new Error(`region ${region} listed twice`);
    arns[region] = arn;
  }
  if (Object.keys(arns).length === 0) throw new Error('no layer ARN in the platform section');
  return { version, arns: Object.fromEntries(Object.entries(arns).sort(([a], [b]) => a.localeCompare(b))) };
}

/** Parses the page: the current version's ARN per region for x86-64 and ARM64, and its release date. */
export function parseLayerTable(markdown: string): LayerTable {
  const x86 = arnsOf(section(markdown, /x86-64 platform/), '');
  const arm = arnsOf(section(markdown, /ARM64 platform/), '-Arm64');
  if (x86.version !== arm.version) throw new Error(`x86-64 lists ${x86.version}, ARM64 ${arm.version}`);
  const row = section(markdown, /release notes/).split('\n').find((l) => l.startsWith(`| ${x86.version} |`));
  const date = row && /\| (\d{2})\/(\d{2})\/(\d{4}) \|/.exec(row);
  if (!date) throw new Error(`no release-note row for ${x86.version}`);
  return { version: x86.version, releasedOn: `${date[3]}-${date[1]}-${date[2]}`, x86_64: x86.arns, arm64: arm.arns };
}

/** The TypeScript module holding the table. */
export function renderLayerModule(table: LayerTable, checkedOn: string): string {
  const map = (arns: Record<string, string>) => Object.entries(arns).map(([r, a]) => `    '${r}': '${a}',`).join('\n');
  return `// Written by scripts/refresh-appconfig-extension-layers.ts (npx projen refresh:appconfig-layers): do not edit by hand.

/**
 * AppConfig Agent Lambda extension layers per region and architecture, version ${table.version}
 * (released ${table.releasedOn}; multi-variant flags need 2.0.678 or later). aws-cdk-lib's own table
 * is stale (aws/aws-cdk#35937), so Gantry keeps this one. A test fails when \`checkedOn\` is older
 * than the allowed age.
 */
export const EXTENSION_LAYERS = {
  source: '${SOURCE_URL}',
  version: '${table.version}',
  releasedOn: '${table.releasedOn}',
  checkedOn: '${checkedOn}',
  x86_64: {
${map(table.x86_64)}
  } as Record<string, string>,
  arm64: {
${map(table.arm64)}
  } as Record<string, string>,
};
`;
}

async function main(): Promise<void> {
  const file = process.argv[2];
  let markdown: string;
  if (file) {
    markdown = readFileSync(file, 'utf-8');
  } else {
    const response = await fetch(SOURCE_URL);
    if (!response.ok) throw new Error(`GET ${SOURCE_URL}: HTTP ${response.status}`);
    markdown = await response.text();
  }
  const table = parseLayerTable(markdown);
  writeFileSync(OUTPUT, renderLayerModule(table, new Date().toISOString().slice(0, 10)));
  console.log(`AppConfig extension ${table.version}: ${Object.keys(table.x86_64).length} x86-64 and ${Object.keys(table.arm64).length} ARM64 regions -> ${OUTPUT}`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
