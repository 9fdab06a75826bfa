/* eslint-disable no-console */
import { countRawFindings } from './raw-findings';
import { referenceStacks } from './reference-app';

/**
 * Prints the reference app's raw cdk-nag findings (before acknowledgements), by pack and by rule:
 *   npx ts-node --transpile-only test/harness/print-raw-findings.ts [--detail]
 * (`--detail`: every finding too, one a line: template, rule, resource, what it applies to).
 * A figure, not a test: the goal is fewer findings by least privilege, not more acknowledgements.
 */
const [first] = referenceStacks();
const raw = countRawFindings(first.node.root as any);
console.log(`raw cdk-nag findings of the reference app (five packs, acknowledgements removed): ${raw.total}`);
for (const [pack, count] of Object.entries(raw.byPack).sort()) console.log(`  ${pack}: ${count}`);
console.log('by template:');
for (const [template, count] of Object.entries(raw.byTemplate).sort()) console.log(`  ${template}: ${count}`);
console.log('by rule:');
for (const [rule, count] of Object.entries(raw.byRule).sort((a, b) => b[1] - a[1])) console.log(`  ${rule}: ${count}`);
if (process.argv.includes('--detail')) {
  console.log('findings:');
  for (const f of raw.findings) console.log(`  ${f.template}\t${f.ruleId}\t${f.resource}\t${f.findingId}`);
}
