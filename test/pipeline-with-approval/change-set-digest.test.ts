import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { gunzipSync } from 'zlib';
import { Stack } from 'aws-cdk-lib';
import { changeSetDigestBuildSpec, DIGEST_SCRIPT } from '../../constructs/pipeline-with-approval/private/change-set-digest';

// The digest runs the exact script text embedded in the build spec; these tests run that text with
// Node on change-set descriptions in the shape `describe-change-set` returns.

const fixture = (name: string) => join(__dirname, 'fixtures', name);

function runDigest(...pages: string[]): { report: string; summary: string } {
  const dir = mkdtempSync(join(tmpdir(), 'digest-'));
  const script = join(dir, 'digest.js');
  writeFileSync(script, DIGEST_SCRIPT);
  const summaryFile = join(dir, 'summary.txt');
  const report = execFileSync(process.execPath, [script, summaryFile, ...pages], { encoding: 'utf-8' });
  return { report, summary: readFileSync(summaryFile, 'utf-8') };
}

test('counts additions, modifications, replacements and removals across NextToken pages', () => {
  const { summary } = runDigest(fixture('change-set-page-1.json'), fixture('change-set-page-2.json'));
  expect(summary).toBe('App-Prod: 1 to add, 1 to modify, 1 to replace (+1 may be replaced), 1 to remove - REVIEW replacements/removals');
});

test('the report lists every resource change, riskiest first, with the properties that change', () => {
  const { report } = runDigest(fixture('change-set-page-1.json'), fixture('change-set-page-2.json'));
  const rows = report.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Change'));
  expect(rows.map((r) => r.split(' | ')[0])).toEqual(['| Remove', '| Replace', '| May replace', '| Modify', '| Add']);
  expect(report).toContain('# Change set PipelineChange for stack App-Prod');
  expect(report).toContain('| Replace | OrdersTable2D3B1C8A | AWS::DynamoDB::Table | App-Prod-OrdersTable2D3B1C8A-1QWERTY | KeySchema |');
  expect(report).toContain('| Modify | ApiHandler5E7490E8 | AWS::Lambda::Function | App-Prod-ApiHandler5E7490E8-AbCdEf123456 | Code, Environment |');
  // A new resource has no physical id yet; a pipe in a value cannot break the table.
  expect(report).toContain('| Add | OrdersQueue\\|Dlq | AWS::SQS::Queue | - | - |');
});

test('a change set without changes is reported as such, not as a failure', () => {
  const { report, summary } = runDigest(fixture('change-set-no-changes.json'));
  expect(summary).toBe('App-Dev: no changes');
  expect(report).toContain('No changes');
});

test('a failed change set says why', () => {
  const dir = mkdtempSync(join(tmpdir(), 'digest-failed-'));
  const page = join(dir, 'page.json');
  writeFileSync(page, JSON.stringify({ StackName: 'App', ChangeSetName: 'C', Status: 'FAILED', StatusReason: 'Template format error', Changes: [] }));
  expect(runDigest(page).summary).toBe('App: change set FAILED (Template format error)');
});

test('the build spec embeds this script, follows NextToken and exports the two variables', () => {
  const spec = new Stack().resolve(changeSetDigestBuildSpec().toBuildSpec());
  const parsed = JSON.parse(spec);
  expect(parsed.env['exported-variables']).toEqual(['DIGEST_SUMMARY', 'DIGEST_URL']);
  const commands: string[] = parsed.phases.build.commands;
  const embedded = commands.find((c) => c.includes('base64 -d'))!;
  const b64 = /echo "([A-Za-z0-9+/=]+)"/.exec(embedded)![1];
  expect(gunzipSync(Buffer.from(b64, 'base64')).toString('utf-8')).toBe(DIGEST_SCRIPT);
  expect(commands.join('\n')).toContain('--next-token "$token"');
  expect(commands.join('\n')).toContain('aws cloudformation describe-change-set');
  expect(commands).toContain('export DIGEST_URL="$CODEBUILD_BUILD_URL"');
  expect(commands.join('\n')).toContain('aws sts assume-role --role-arn "$ASSUME_ROLE_ARN"');
});
