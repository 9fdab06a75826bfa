// One cell of the compatibility matrix (scripts/compat/matrix.sh), run inside a fresh npm consumer:
// builds the release consumer app (every construct, scripts/release/consumer/app.js) on whatever
// aws-cdk-lib the consumer installed, runs the five cdk-nag packs of one major over it and sorts the
// unsuppressed findings into Gantry's internals (anything inside a construct whose class @gantry/cdk
// exports) and the consumer's own resources. Prints one JSON line; exits 1 when Gantry has findings.
//   usage: node nag-check.js <2|3> <app.js>
const path = require('path');
const { Aspects } = require('aws-cdk-lib');
const gantry = require('@gantry/cdk');

const major = Number(process.argv[2]);
const appFile = path.resolve(process.argv[3]);
if (major !== 2 && major !== 3) throw new Error(`nag-check: major must be 2 or 3, got ${process.argv[2]}`);

// Deprecation warnings aws-cdk-lib prints while the app is built and synthesized (jsii prints them
// with console.error / process.emitWarning, depending on the version).
const deprecations = [];
const onMessage = (text) => { if (/deprecated/i.test(String(text))) deprecations.push(String(text).trim()); };
const originalError = console.error;
const originalWarn = console.warn;
console.error = (...args) => { onMessage(args.join(' ')); originalError(...args); };
console.warn = (...args) => { onMessage(args.join(' ')); originalWarn(...args); };
process.on('warning', (w) => onMessage(`${w.name}: ${w.message}`));

const app = require(appFile);
if (!app || !app.node) throw new Error(`nag-check: ${appFile} must export its App (module.exports = app)`);

const gantryClasses = new Set(Object.values(gantry).filter((v) => typeof v === 'function'));
const all = app.node.findAll();
const gantryRoots = all.filter((c) => gantryClasses.has(c.constructor)).map((c) => c.node.path);
// Resources Gantry builds from the consumer's own props carry this marker (constructs/core/nag/ownership.ts).
const userConfigured = all.filter((c) => c.node.metadata.some((m) => m.type === 'gantry:user-configured')).map((c) => c.node.path);
const under = (p, roots) => roots.some((root) => p === root || p.startsWith(`${root}/`));
const owner = (p) => (!under(p, userConfigured) && under(p, gantryRoots) ? 'gantry' : 'consumer');

const findings = [];
let acknowledged = 0;
const packNames = ['AwsSolutionsChecks', 'NIST80053R5Checks', 'HIPAASecurityChecks', 'PCIDSS321Checks', 'ServerlessChecks'];
if (major === 2) {
  const nag = require('cdk-nag');
  const logger = {
    onCompliance() {}, onNotApplicable() {},
    onNonCompliance: (d) => findings.push({ rule: d.findingId && d.findingId !== d.ruleId ? `${d.ruleId}[${d.findingId}]` : d.ruleId, path: d.resource.node.path }),
    onError: (d) => findings.push({ rule: `${d.ruleId} (rule error)`, path: d.resource.node.path }),
    onSuppressed: () => { acknowledged += 1; }, onSuppressedError: () => { acknowledged += 1; },
  };
  for (const name of packNames) Aspects.of(app).add(new nag[name]({ additionalLoggers: [logger] }));
  app.synth();
} else {
  const nag = require('cdk-nag-v3');
  app.synth();
  for (const name of packNames) {
    const pack = new nag[name]();
    const check = pack.isAcknowledged;
    pack.isAcknowledged = (resource, ruleId) => { const yes = check.call(pack, resource, ruleId); if (yes) acknowledged += 1; return yes; };
    for (const v of pack.validateScope(app).violations) {
      for (const r of v.violatingResources) findings.push({ rule: v.ruleName, path: r.constructPath });
    }
  }
}

const internal = findings.filter((f) => owner(f.path) === 'gantry');
const result = {
  awsCdkLib: require('aws-cdk-lib/package.json').version,
  cdkNag: require(major === 2 ? 'cdk-nag/package.json' : 'cdk-nag-v3/package.json').version,
  node: process.version,
  gantryConstructs: gantryRoots.length,
  unsuppressed: findings.length,
  gantryInternal: internal.length,
  consumerOwn: findings.length - internal.length,
  acknowledged,
  deprecations: [...new Set(deprecations)],
};
console.log(JSON.stringify(result));
for (const f of internal) originalError(`  gantry internal finding: ${f.path}: ${f.rule}`);
for (const d of result.deprecations) originalError(`  deprecation warning: ${d}`);
process.exit(internal.length > 0 || result.deprecations.length > 0 ? 1 : 0);
