import { awscdk, javascript, JsonFile, release, TextFile } from 'projen';

// Versions measured to work together on this project's machines (see README "Why these versions").
const CDK_VERSION = '2.257.0'; // newest whose cloud assemblies integ-runner 2.197.10 reads
const CONSTRUCTS_VERSION = '10.5.1';

const project = new awscdk.AwsCdkConstructLibrary({
  name: '@gantry/cdk',
  packageName: '@gantry/cdk',
  description: 'Typed AWS CDK L3 constructs for DevOps on AWS: pipelines with approval gates, blue/green Lambda, conformance packs, account baselines, observability and package registries.',
  author: 'Gantry',
  authorAddress: 'gantry@example.com',
  repositoryUrl: 'https://example.com/gantry/gantry.git',
  keywords: ['cdk', 'aws-cdk', 'devops', 'codepipeline', 'codedeploy', 'codeartifact', 'config', 'controltower', 'cloudwatch'],
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  // Node 20 reached end of life on 2026-10-30; CI builds and tests on Node 22 (.ci/run).
  minNodeVersion: '22.0.0',
  projenrcTs: true,

  // The house layout from the design card.
  srcdir: 'constructs',
  libdir: 'lib',
  testdir: 'test',

  cdkVersion: CDK_VERSION,
  constructsVersion: CONSTRUCTS_VERSION,
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.0', // TypeScript 7 breaks ts-jest
  cdkVersionPinning: false,

  // jsii targets: the same constructs for Python, Java and Go.
  publishToPypi: { distName: 'gantry-cdk', module: 'gantry_cdk' },
  publishToMaven: { javaPackage: 'dev.gantry.cdk', mavenGroupId: 'dev.gantry', mavenArtifactId: 'gantry-cdk' },
  publishToGo: { moduleName: 'github.com/gantry-dev/gantry-cdk-go' },

  // No hosted CI here: .ci/run is the CI entry point.
  github: false,
  buildWorkflow: false,
  // Semantic versions from conventional commits (feat: minor, fix: patch), CHANGELOG.md updated and the
  // release tagged by `npx projen release`; publishing is the release pipeline's (scripts/release).
  release: true,
  releaseTrigger: release.ReleaseTrigger.manual({
    changelog: true,
    changelogPath: 'CHANGELOG.md',
    gitPushCommand: 'echo "release committed and tagged locally: push the commit and the tag"',
  }),
  majorVersion: 0,
  depsUpgrade: false,
  pullRequestTemplate: false,
  docgen: true,

  devDeps: [
    // Both cdk-nag majors users install: the nag harness and the compatibility matrix run each.
    // cdk-nag 2 is the default import; cdk-nag 3 is installed under the alias `cdk-nag-v3`.
    'cdk-nag@~2.38.2',
    'cdk-nag-v3@npm:cdk-nag@^3.0.2',
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    '@aws-cdk/integ-runner@2.197.10', // newest here; reads cloud assembly schema <= 53
    'aws-cdk@^2.1148.1', // the `latest` tag (3.0.0) is older and cannot read current assemblies
    'esbuild@^0.28.2',
    'ts-node@^10.9.2',
    '@types/node@^22',
    // Handler code: the SDK is provided by the Lambda runtime (kept external by esbuild), so these
    // are only for types and for mocking in tests.
    '@aws-sdk/client-lambda@^3',
    '@aws-sdk/client-codedeploy@^3',
    '@aws-sdk/client-config-service@^3',
    '@aws-sdk/client-fis@^3',
    '@aws-sdk/client-cloudwatch@^3',
    'aws-sdk-client-mock@^4',
    '@types/aws-lambda@^8',
    'fast-check@^4',
    // Bundled into the reference service's handler by esbuild (not in the Lambda runtime).
    '@aws-lambda-powertools/logger@^2',
    '@aws-lambda-powertools/metrics@^2',
    '@aws-lambda-powertools/tracer@^2',
    // Benchmark anchor of ObservabilityDashboard (bench/ only).
    'cdk-monitoring-constructs@10.2.0',
  ],
  // Shipped inside the package (jsii bundles them), used at synth time.
  bundledDeps: ['yaml@^2.9.1'],

  // Handlers (*.lambda.ts) are bundled by esbuild at build time, AWS SDK v3 external.
  lambdaAutoDiscover: true,
  lambdaOptions: {
    runtime: awscdk.LambdaRuntime.NODEJS_24_X,
    bundlingOptions: { externals: ['@aws-sdk/*'], sourcemap: false },
  },

  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      collectCoverage: false,
      testTimeout: 120_000,
    },
  },
  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: {
    include: ['examples/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts', '.projenrc.ts'],
    // isolatedModules makes ts-jest transpile only (fast); the `typecheck` task type-checks once.
    compilerOptions: { isolatedModules: true },
  },
  eslintOptions: {
    // Lint with the dev tsconfig, which covers examples/, bench/ and test/ as well as constructs/.
    projectService: false,
    tsconfigPath: './tsconfig.dev.json',
    dirs: ['constructs'],
    devdirs: ['test', 'examples', 'bench', 'scripts', 'projenrc', '.projenrc.ts'],
    ignorePatterns: ['test/integ/*.snapshot/**', '*.d.ts', '*.generated.ts'],
  },

  gitignore: [
    'cdk.out/',
    'cdk.context.json',
    '.venv-cfnlint/',
    '.cdk.staging/',
    'bench/results/',
    // integ-runner's scratch output next to the tests
    'test/integ/cdk-integ.out.*',
    'test/integ/*.snapshot/asset.*/',
  ],
});

// The npm package carries only what a consumer needs.
// The reference service's handler bundle (assets/examples/) is not part of the library.
for (const path of ['/assets/examples/', '/examples/', '/bench/', '/scripts/', '/data/', '/.ci/', '/cdk.json', '/.cfnlintrc.yaml', 'cdk.out/', '/.venv-cfnlint/', '/tsconfig.dev.json']) {
  project.addPackageIgnore(path);
}

// The reference app: `npx cdk synth` synthesizes every stack in examples/ with no credentials.
new JsonFile(project, 'cdk.json', {
  obj: {
    // The handlers are pre-bundled first (a second or so), so `npx cdk synth` works on a fresh clone.
    app: 'npx projen bundle && npx ts-node --transpile-only --prefer-ts-exts examples/app.ts',
    watch: { include: ['constructs/**', 'examples/**'], exclude: ['**/*.d.ts', '**/*.js'] },
    context: {
      // Placeholders: set real ids with `-c key=value` or by editing these (README "Real account ids").
      'gantry:account': '111111111111',
      'gantry:region': 'eu-west-1',
      'gantry:registry:domainName': 'gantry',
      'gantry:registry:repositoryName': 'gantry-npm',
      'gantry:registry:readerAccountIds': ['222222222222'],
      'gantry:registry:organizationId': 'o-exampleorg1',
      // The container service's HTTPS listeners: an ACM certificate for the host name (placeholder ARN).
      'gantry:container:certificateArn': 'arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-0000-0000-000000000000',
      'gantry:container:hostName': 'web.example.com',
      '@aws-cdk/core:newStyleStackSynthesis': true,
    },
  },
});

// cfn-lint config: every ignored rule carries its reason.
new TextFile(project, '.cfnlintrc.yaml', {
  lines: [
    '# cfn-lint configuration for the templates in cdk.out (scripts/cfn-lint.sh).',
    '# Every ignored check is listed here with its reason. None are ignored today.',
    'templates:',
    '  - cdk.out/**/*.template.json',
    'ignore_templates:',
    '  # asset manifests and tree files are not templates',
    '  - cdk.out/**/*.assets.json',
    'ignore_checks: []',
  ],
});

// The public surface is constructs/index.ts: reference stacks, benchmarks and scripts use only it, as a
// Python, Java or Go user would (anything else under constructs/ is internal).
project.eslint?.addRules({
  'import/no-restricted-paths': ['error', {
    zones: [{
      target: ['./examples', './bench', './scripts'],
      from: './constructs',
      except: ['./index.ts'],
      message: 'examples/, bench/ and scripts/ use only the public surface: import from constructs/index.ts (\'../constructs\'); if a user needs this, make it public on purpose.',
    }],
  }],
});

const tsNode = 'ts-node --transpile-only --prefer-ts-exts';

// Tasks ---------------------------------------------------------------------------------------
project.addTask('typecheck', {
  description: 'Type-check sources, tests, examples and benchmarks (jest only transpiles)',
  exec: 'tsc --noEmit -p tsconfig.dev.json',
});

project.addTask('synth:examples', {
  description: 'Synthesize every reference stack into cdk.out (no AWS credentials needed)',
  exec: 'cdk synth --quiet --no-notices',
});

project.addTask('lint:cfn', {
  description: 'Lint every template in cdk.out with the official cfn-lint (installed into .venv-cfnlint)',
  exec: 'bash scripts/cfn-lint.sh',
});

const integ = project.addTask('integ', {
  description: 'Verify the committed integ-test snapshots offline (no deploy)',
  exec: 'integ-runner --directory test/integ --language typescript --parallel-regions eu-west-1 --max-workers 1',
});
integ.env('TS_NODE_TRANSPILE_ONLY', '1');

const integUpdate = project.addTask('integ:update', {
  description: 'Re-write the integ-test snapshots without deploying',
  exec: 'integ-runner --directory test/integ --language typescript --parallel-regions eu-west-1 --max-workers 1 --update-on-failed --dry-run',
});

// The AWS Config managed-rule catalogue (data/config-rules/), refreshed from AWS's published sources:
// CONFIG_DOCS_DIR = a checkout or git dir of awsdocs/aws-config-developer-guide, CONFIG_PACKS_DIR = one of
// awslabs/aws-config-rules (its sample packs). Extracts the JSON, then generates the typed registry from it.
project.addTask('catalogue:config-rules', {
  description: 'Refresh the managed-rule catalogue from CONFIG_DOCS_DIR (AWS Config Developer Guide) and CONFIG_PACKS_DIR (AWS sample packs)',
  steps: [
    { exec: `${tsNode} scripts/config-rules-catalogue.ts extract` },
    { exec: `${tsNode} scripts/config-rules-catalogue.ts generate` },
    { exec: `${tsNode} scripts/config-rules-catalogue.ts check` },
  ],
});

// The Control Tower control catalogue (data/control-tower-controls/), refreshed from AWS's published sources:
// CONTROL_CATALOG_EXPORT = the Control Catalog's ListControls output (JSON or CSV) or a checkout or git dir of
// aws-samples/aws-control-tower-controls-terraform (AWS's export); CONTROL_TOWER_DOCS_DIR = a checkout or git dir
// of awsdocs/aws-control-tower-guide (aliases, guidance). Extracts the JSON, then generates the control library.
project.addTask('catalogue:controls', {
  description: 'Refresh the Control Tower control catalogue from CONTROL_CATALOG_EXPORT (Control Catalog ListControls) and CONTROL_TOWER_DOCS_DIR (AWS Control Tower guide)',
  steps: [
    { exec: `${tsNode} scripts/control-catalogue.ts extract-guide` },
    { exec: `${tsNode} scripts/control-catalogue.ts extract-catalog` },
    { exec: `${tsNode} scripts/control-catalogue.ts generate` },
  ],
});
// After adding a file to constructs/account-baseline/controls/library/: the registry and typed members, no source needed.
project.addTask('catalogue:controls:generate', {
  description: 'Regenerate the control library registry and ControlCatalogue members from data/control-tower-controls/ and controls/library/',
  exec: `${tsNode} scripts/control-catalogue.ts generate`,
});

project.addTask('refresh:appconfig-layers', {
  description: 'Refresh the AppConfig Agent Lambda extension layer table of FeatureFlags from AWS\'s documentation page',
  exec: `${tsNode} scripts/refresh-appconfig-extension-layers.ts`,
});

// The FIS action catalogue (data/fis/actions.json) from the FIS User Guide's "AWS FIS Actions reference"
// page (its .md source); `-- <saved page.md>` reads a saved copy, `-- --api` the FIS API (credentials).
project.addTask('refresh:fis-actions', {
  description: 'Refresh the FIS action catalogue (ids, resource types, parameters, permissions) from the FIS actions reference',
  exec: `${tsNode} scripts/refresh-fis-actions.ts`,
  receiveArgs: true,
});

project.addTask('bench', {
  description: 'Print the benchmark table (synth time, template size, resources, custom resources, handler bytes)',
  exec: `${tsNode} bench/run.ts`,
});

const verify = project.addTask('verify', {
  description: 'Everything CI checks: bundle, type-check, unit/snapshot/nag tests, synth, cfn-lint, integ snapshots',
});
integUpdate.env('TS_NODE_TRANSPILE_ONLY', '1');

verify.spawn(project.tasks.tryFind('typecheck')!);
verify.spawn(project.compileTask); // jsii: the public API must stay valid for every target language
verify.spawn(project.addTask('docgen:check', {
  description: 'Fail when API.md is not the one generated from the current JSDoc',
  steps: [
    { spawn: 'docgen' },
    { exec: 'git diff --exit-code -- API.md || (echo "API.md is out of date: run npx projen docgen and commit it" >&2; exit 1)' },
  ],
}));
verify.spawn(project.testTask);
verify.spawn(project.tasks.tryFind('synth:examples')!);
verify.spawn(project.tasks.tryFind('lint:cfn')!);
verify.spawn(integ);

// The reference service's handler (examples/, not shipped) is pre-bundled like the library's,
// Powertools included, the AWS SDK left to the runtime.
project.bundler.addBundle('examples/service/star-wars-counter.lambda.ts', {
  platform: 'node',
  target: 'node22',
  externals: ['@aws-sdk/*'],
  sourcemap: false,
});

// Everything that synthesizes needs the pre-bundled handler assets first.
for (const task of [project.testTask, integ, integUpdate, project.tasks.tryFind('bench')!]) {
  task.prependSpawn(project.bundler.bundleTask);
}

project.addTask('release:check', {
  description: 'Package for npm/Python/Java/Go, publish to a local registry and synthesize fresh npm and Python consumers',
  exec: 'bash scripts/release/check.sh',
});

// jsii-pacmak's Go packaging resolves aws-cdk-go's pinned indirect dependencies, two of which this
// environment's Go proxy refuses; package-all builds the other targets, `package:go` stays
// available, and scripts/release/check.sh builds the Go module with those two pinned to served versions.
const packageAll = project.tasks.tryFind('package-all')!;
packageAll.reset();
for (const target of ['js', 'java', 'python']) packageAll.spawn(project.tasks.tryFind(`package:${target}`)!);

// Every packaging path (compile, package:js, build, release) carries the pre-bundled handlers: jsii
// compile bundles first, so `npx projen compile && npx projen package:js` ships assets/.
project.compileTask.prependSpawn(project.bundler.bundleTask);

// AWS's region list (constructs/core/limits/aws-regions.generated.ts), refreshed from the AWS SDK's partition metadata.
project.addTask('refresh:regions', {
  description: 'Refresh the AWS region list governed regions are checked against (writes constructs/core/limits/aws-regions.generated.ts)',
  exec: `${tsNode} scripts/refresh-regions.ts`,
});

// What an auditor sees before acknowledgements: the reference app's cdk-nag findings with them removed.
project.addTask('nag:raw', {
  description: 'Print the reference app\'s raw cdk-nag findings by pack and rule (templates re-read without acknowledgements)',
  exec: `${tsNode} test/harness/print-raw-findings.ts`,
  receiveArgs: true,
});

// The public API's names against the committed allow-list (test/api-surface.test.ts holds them): after a
// reviewed change to the surface, this compiles (jsii) and rewrites test/api-surface.allow-list.txt.
project.addTask('api:allow-list', {
  description: 'Rewrite test/api-surface.allow-list.txt from the freshly compiled jsii assembly (review the diff, then commit it)',
  steps: [
    { spawn: project.compileTask.name },
    { exec: `${tsNode} scripts/api-surface.ts write` },
  ],
});

project.synth();
