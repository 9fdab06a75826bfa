import { gzipSync } from 'zlib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';

/**
 * The change-set digest: a CodeBuild step between "create change set" and the manual approval.
 * It runs `aws cloudformation describe-change-set` (following NextToken pages), turns the
 * description into a readable report (resources added / modified / replaced / removed) printed to
 * the build log, and exports two CodePipeline variables: DIGEST_SUMMARY (one line, shown as the
 * approval's comment) and DIGEST_URL (the build's page, the approval's review URL).
 */

/** Variables the digest action exports, read by the approval through the action's namespace. */
export const DIGEST_SUMMARY_VARIABLE = 'DIGEST_SUMMARY';
export const DIGEST_URL_VARIABLE = 'DIGEST_URL';

/**
 * The digest logic as a self-contained Node.js script (no dependencies: CodeBuild's standard image
 * has Node but no SDK). Usage: `node digest.js <summary-out> <page.json>...`; prints the report in
 * Markdown and writes the one-line summary to <summary-out>. Kept as text so the exact script that
 * runs in CodeBuild is the one the tests execute.
 */
export const DIGEST_SCRIPT = String.raw`'use strict';
const fs = require('fs');
const [summaryFile, ...pages] = process.argv.slice(2);
const descriptions = pages.map((p) => JSON.parse(fs.readFileSync(p, 'utf-8')));
const first = descriptions[0] || {};
const stack = first.StackName || '(unknown stack)';
const changeSet = first.ChangeSetName || '(unknown change set)';
const changes = [].concat(...descriptions.map((d) => d.Changes || []))
  .filter((c) => c.Type === 'Resource' && c.ResourceChange)
  .map((c) => c.ResourceChange);
const noChanges = changes.length === 0 && first.Status === 'FAILED'
  && /didn't contain changes|No updates are to be performed/i.test(first.StatusReason || '');
const kind = (rc) => {
  if (rc.Action === 'Add') return 'add';
  if (rc.Action === 'Remove') return 'remove';
  if (rc.Action === 'Import') return 'import';
  if (rc.Action === 'Modify' && rc.Replacement === 'True') return 'replace';
  if (rc.Action === 'Modify' && rc.Replacement === 'Conditional') return 'maybe-replace';
  return 'modify';
};
const label = { add: 'Add', modify: 'Modify', replace: 'Replace', 'maybe-replace': 'May replace', remove: 'Remove', import: 'Import' };
const counts = { add: 0, modify: 0, replace: 0, 'maybe-replace': 0, remove: 0, import: 0 };
for (const rc of changes) counts[kind(rc)]++;
const order = ['remove', 'replace', 'maybe-replace', 'modify', 'add', 'import'];
const rows = changes.slice().sort((a, b) => order.indexOf(kind(a)) - order.indexOf(kind(b))
  || String(a.LogicalResourceId).localeCompare(String(b.LogicalResourceId)));
const cell = (v) => String(v === undefined || v === null || v === '' ? '-' : v).replace(/\|/g, '\\|');
const lines = ['# Change set ' + changeSet + ' for stack ' + stack, ''];
let summary;
if (noChanges) {
  summary = stack + ': no changes';
  lines.push('No changes: deploying this change set leaves the stack as it is.');
} else if (first.Status === 'FAILED') {
  summary = stack + ': change set FAILED (' + (first.StatusReason || 'no reason given') + ')';
  lines.push('The change set could not be created: ' + (first.StatusReason || 'no reason given'));
} else {
  const risky = counts.remove + counts.replace;
  summary = stack + ': ' + counts.add + ' to add, ' + counts.modify + ' to modify, '
    + counts.replace + ' to replace' + (counts['maybe-replace'] ? ' (+' + counts['maybe-replace'] + ' may be replaced)' : '')
    + ', ' + counts.remove + ' to remove' + (counts.import ? ', ' + counts.import + ' to import' : '')
    + (risky > 0 ? ' - REVIEW replacements/removals' : '');
  lines.push(summary, '', '| Change | Logical ID | Type | Physical ID | Changed properties |', '|---|---|---|---|---|');
  for (const rc of rows) {
    const props = Array.from(new Set((rc.Details || [])
      .map((d) => d.Target && (d.Target.Name || d.Target.Attribute))
      .filter(Boolean))).join(', ');
    lines.push('| ' + [label[kind(rc)], rc.LogicalResourceId, rc.ResourceType, rc.PhysicalResourceId, props].map(cell).join(' | ') + ' |');
  }
}
process.stdout.write(lines.join('\n') + '\n');
if (summaryFile) fs.writeFileSync(summaryFile, summary.slice(0, 900));
`;

/**
 * The build spec of the digest project. The action passes STACK_NAME, CHANGE_SET_NAME,
 * TARGET_REGION and, for another account, ASSUME_ROLE_ARN (a role there allowed to describe the
 * change set, by default the CDK bootstrap deploy role).
 */
export function changeSetDigestBuildSpec(): codebuild.BuildSpec {
  // Gzipped to keep the template small (Node's gzip writes no timestamp, so the text is stable).
  const script = gzipSync(Buffer.from(DIGEST_SCRIPT, 'utf-8'), { level: 9 }).toString('base64');
  const describe = 'aws cloudformation describe-change-set --region "$TARGET_REGION" --stack-name "$STACK_NAME" --change-set-name "$CHANGE_SET_NAME" --output json';
  return codebuild.BuildSpec.fromObject({
    version: '0.2',
    env: {
      'shell': 'bash',
      'exported-variables': [DIGEST_SUMMARY_VARIABLE, DIGEST_URL_VARIABLE],
    },
    phases: {
      build: {
        commands: [
          'set -euo pipefail',
          'if [ -n "${ASSUME_ROLE_ARN:-}" ]; then creds=$(aws sts assume-role --role-arn "$ASSUME_ROLE_ARN" --role-session-name change-set-digest --query Credentials --output json); '
            + 'export AWS_ACCESS_KEY_ID=$(echo "$creds" | jq -r .AccessKeyId) AWS_SECRET_ACCESS_KEY=$(echo "$creds" | jq -r .SecretAccessKey) AWS_SESSION_TOKEN=$(echo "$creds" | jq -r .SessionToken); fi',
          `${describe} > /tmp/change-set-1.json`,
          'page=1; token=$(jq -r \'.NextToken // empty\' /tmp/change-set-1.json); '
            + `while [ -n "$token" ]; do page=$((page+1)); ${describe} --next-token "$token" > /tmp/change-set-$page.json; token=$(jq -r '.NextToken // empty' /tmp/change-set-$page.json); done`,
          `echo "${script}" | base64 -d | gunzip > /tmp/digest.js`,
          'node /tmp/digest.js /tmp/digest-summary.txt $(ls /tmp/change-set-*.json | sort -V)',
          `export ${DIGEST_SUMMARY_VARIABLE}="$(cat /tmp/digest-summary.txt)"`,
          `export ${DIGEST_URL_VARIABLE}="$CODEBUILD_BUILD_URL"`,
        ],
      },
    },
  });
}
