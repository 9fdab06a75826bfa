#!/usr/bin/env node
// Writes the templates that live inside other templates beside them, so cfn-lint checks them too:
// the member-account template of every StackSet (AWS::CloudFormation::StackSet TemplateBody) and the
// pack template of every conformance pack (AWS::Config::[Organization]ConformancePack TemplateBody).
//   usage: node scripts/extract-embedded-templates.js <cloud assembly dir> <output dir>
const { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } = require('fs');
const { basename, join } = require('path');

const EMBEDDING_TYPES = {
  'AWS::CloudFormation::StackSet': 'stackset',
  'AWS::Config::ConformancePack': 'pack',
  'AWS::Config::OrganizationConformancePack': 'pack',
};

function templatesUnder(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry.startsWith('asset.')) return [];
    if (statSync(path).isDirectory()) return templatesUnder(path);
    return entry.endsWith('.template.json') ? [path] : [];
  });
}

function main([assembly, outdir]) {
  if (!assembly || !outdir) {
    console.error('usage: extract-embedded-templates.js <cloud assembly dir> <output dir>');
    process.exit(2);
  }
  mkdirSync(outdir, { recursive: true });
  let count = 0;
  for (const file of templatesUnder(assembly)) {
    const template = JSON.parse(readFileSync(file, 'utf-8'));
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      const kind = EMBEDDING_TYPES[resource.Type];
      const body = resource.Properties?.TemplateBody;
      if (!kind || typeof body !== 'string') continue; // bodies built from intrinsics are not literal templates
      const isJson = body.trimStart().startsWith('{');
      const name = `${basename(file, '.template.json')}.${logicalId}.${kind}.template.${isJson ? 'json' : 'yaml'}`;
      writeFileSync(join(outdir, name), body);
      count++;
    }
  }
  console.log(`extracted ${count} embedded template(s) into ${outdir}`);
}

main(process.argv.slice(2));
