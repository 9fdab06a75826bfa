#!/usr/bin/env node
// Writes the templates that live inside other templates beside them, so cfn-lint checks them too:
// the member-account template of every StackSet (AWS::CloudFormation::StackSet TemplateBody) and the
// pack template of every conformance pack (AWS::Config::[Organization]ConformancePack TemplateBody,
// or the file asset a TemplateS3Uri points to, found through the stack's asset manifest).
//   usage: node scripts/extract-embedded-templates.js <cloud assembly dir> <output dir>
const { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } = require('fs');
const { basename, dirname, join } = require('path');

/** The file asset (path in the assembly) a TemplateS3Uri names, by its object key in the stack's asset manifest. */
function s3TemplateFile(templateFile, uri) {
  const key = JSON.stringify(uri ?? '').match(/[0-9a-f]{64}\.(?:ya?ml|json)/)?.[0];
  const manifest = join(dirname(templateFile), `${basename(templateFile, '.template.json')}.assets.json`);
  if (!key || !existsSync(manifest)) return undefined;
  for (const file of Object.values(JSON.parse(readFileSync(manifest, 'utf-8')).files ?? {})) {
    if (Object.values(file.destinations ?? {}).some((d) => d.objectKey === key)) return join(dirname(templateFile), file.source.path);
  }
  return undefined;
}

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
      const asset = kind === 'pack' ? s3TemplateFile(file, resource.Properties?.TemplateS3Uri) : undefined;
      const body = resource.Properties?.TemplateBody ?? (asset ? readFileSync(asset, 'utf-8') : undefined);
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
