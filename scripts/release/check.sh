#!/usr/bin/env bash
# Release check: packages Gantry for npm, Python, Java and Go, publishes the npm package to a real
# local registry (Verdaccio on 127.0.0.1, no uplink, storage in a temporary folder) the way the
# release pipeline publishes to CodeArtifact, and proves fresh consumers outside the repository
# can use it:
#   - npm: installs @gantry/cdk from that registry (scope-mapped .npmrc) and the CDK packages from
#     the public registry, synthesizes an app that uses every construct, with no esbuild and no
#     Docker in the consumer. The app (scripts/release/consumer/app.js) has one stack per
#     construct; each must synthesize, and the pre-bundled handlers (smoke test, rule evaluator)
#     must be the package's own assets;
#   - Python: installs the built wheel into a fresh virtual environment and synthesizes an app
#     with three constructs (scripts/release/consumer/app.py);
#   - Java: the jar is built by Maven (jsii-pacmak); Go: the module is generated and built (go build, go vet).
# Every step fails loudly; every process and folder it starts is removed on exit.
#   usage: scripts/release/check.sh        (run after `npm install`)
#          RELEASE_CHECK_REUSE_DIST=1 scripts/release/check.sh   (skip packaging, reuse dist/: local re-runs only)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
VERDACCIO_VERSION="6.8.0"
CDK_LIB_VERSION=$(node -p "require('./package.json').devDependencies['aws-cdk-lib']")
CONSTRUCTS_VERSION=$(node -p "require('./package.json').devDependencies['constructs']")
CDK_CLI_RANGE=$(node -p "require('./package.json').devDependencies['aws-cdk']")
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
export AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN

WORK=$(mktemp -d /tmp/gantry-release.XXXXXX)
REGISTRY_PID=""
cleanup() {
  if [ -n "$REGISTRY_PID" ] && kill -0 "$REGISTRY_PID" 2>/dev/null; then
    kill "$REGISTRY_PID" 2>/dev/null || true
    wait "$REGISTRY_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
START=$SECONDS
step() { echo; echo "== release check [$((SECONDS - START)) s]: $*"; }
fail() { echo "release check FAILED: $*" >&2; exit 1; }

# Builds the generated Go module in a scratch copy (`go build ./...` against aws-cdk-go). The Go
# module proxy here refuses two versions aws-cdk-go 2.257.0 pins for indirect dependencies (403
# "not available"), and the checksum database is not reachable; the scratch copy pins those two
# to the nearest versions the proxy serves and skips the checksum database. dist/ is unchanged.
build_go_module() {
  command -v go >/dev/null || fail "Go is not installed: the Go package cannot be built"
  local copy="$WORK/go-build"
  rm -rf "$copy" && cp -r "$1" "$copy"
  (
    cd "$copy"
    export GOSUMDB=off GOFLAGS=-mod=mod
    go mod edit \
      -replace github.com/cdklabs/cloud-assembly-schema-go/awscdkcloudassemblyschema/v53=github.com/cdklabs/cloud-assembly-schema-go/awscdkcloudassemblyschema/v53@v53.27.0 \
      -replace github.com/cdklabs/awscdk-asset-node-proxy-agent-go/nodeproxyagentv6/v2=github.com/cdklabs/awscdk-asset-node-proxy-agent-go/nodeproxyagentv6/v2@v2.1.2
    go build ./... && go vet ./...
  ) || fail "the generated Go module does not build"
  echo "Go module $(awk '/^module/{print $2}' "$1/go.mod"): $(find "$1" -name '*.go' | wc -l) files, go build and go vet OK ($(go version | awk '{print $3}'))"
}

# 1. Build and package -------------------------------------------------------------------------
if [ "${RELEASE_CHECK_REUSE_DIST:-}" = "1" ] && [ -d dist/js ] && [ -d dist/python ] && [ -d dist/java ] && [ -d dist/go ]; then
  # For re-running the later steps only; CI always builds.
  step "reusing the packages in dist/ (RELEASE_CHECK_REUSE_DIST=1), built $(date -u -r dist/js +%H:%M:%SZ)"
  GO_DIR=$(dirname "$(find dist/go -name go.mod | head -1)")
else
  # The README's commands ("Using Gantry in a CDK app"): compile bundles the handlers itself, so
  # no separate bundle step runs here; a package without assets/ fails the consumer checks below.
  step "build the way the README says (npx projen compile && npx projen package:js), then python and java"
  rm -rf dist assets
  npx projen compile
  npx projen package:js
  npx jsii-pacmak --target python --target java
  step "generate the Go module and build it"
  npx jsii-pacmak --target go --code-only
  GO_DIR=$(dirname "$(find dist/go -name go.mod | head -1)")
  [ -n "$GO_DIR" ] || fail "no Go module generated"
  build_go_module "$GO_DIR"
fi

TARBALL=$(ls dist/js/*.tgz)
WHEEL=$(ls dist/python/*.whl)
JAR=$(find dist/java -name '*.jar' -not -name '*-sources.jar' -not -name '*-javadoc.jar' | head -1)
[ -f "$JAR" ] || fail "no Java jar built"
# (Listings are captured first: `producer | grep -q` fails under pipefail when grep stops reading early.)
jar_listing=$(unzip -l "$JAR")
for construct in PackageRegistry PipelineWithApproval BlueGreenLambda ConformancePack AccountBaseline ObservabilityDashboard; do
  grep -q "dev/gantry/cdk/$construct.class" <<< "$jar_listing" || fail "the jar has no $construct class"
done

step "npm package contents (only what a consumer needs)"
contents=$(tar tzf "$TARBALL")
unexpected=$(echo "$contents" | grep -v -E '^package/(lib/.*\.(js|d\.ts)|assets/constructs/.*|\.jsii|package\.json|README\.md|CHANGELOG\.md|LICENSE|API\.md|node_modules/.*)$' || true)
[ -z "$unexpected" ] || fail "unexpected files in the npm package: $unexpected"
grep -q '^package/.jsii$' <<< "$contents" || fail ".jsii missing from the npm package"
handlers=$(echo "$contents" | grep -c '^package/assets/.*index\.js$' || true)
# Every handler of the library (constructs/**/*.lambda.ts) is in the package, pre-bundled.
for source in $(cd constructs && find . -name '*.lambda.ts' | sed 's|^\./||' | sort); do
  grep -q "^package/assets/constructs/${source%.ts}/index\.js$" <<< "$contents" || fail "the npm package has no pre-bundled handler for constructs/$source"
done
unpacked=$(mkdir -p "$WORK/unpacked" && tar xzf "$TARBALL" -C "$WORK/unpacked" && du -sb "$WORK/unpacked/package" | cut -f1)
printf '| package | file | bytes |\n|---|---|---:|\n'
printf '| npm (packed) | %s | %s |\n' "$(basename "$TARBALL")" "$(stat -c %s "$TARBALL")"
printf '| npm (unpacked, %s files, %s handler bundles) | package/ | %s |\n' "$(echo "$contents" | wc -l)" "$handlers" "$unpacked"
printf '| Python wheel | %s | %s |\n' "$(basename "$WHEEL")" "$(stat -c %s "$WHEEL")"
printf '| Java jar | %s | %s |\n' "$(basename "$JAR")" "$(stat -c %s "$JAR")"
printf '| Go module source | %s | %s |\n' "$GO_DIR" "$(du -sb "$GO_DIR" | cut -f1)"

# 2. A real registry ----------------------------------------------------------------------------
step "start Verdaccio $VERDACCIO_VERSION on 127.0.0.1 (no uplink, storage in $WORK)"
mkdir -p "$WORK/verdaccio"
cat > "$WORK/verdaccio/package.json" <<JSON
{ "name": "gantry-release-registry", "private": true,
  "dependencies": { "verdaccio": "$VERDACCIO_VERSION" },
  "overrides": { "node-fetch@cjs": "2.7.0" } }
JSON
(cd "$WORK/verdaccio" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
REGISTRY="http://127.0.0.1:$PORT/"
cat > "$WORK/verdaccio/config.yaml" <<YAML
storage: $WORK/verdaccio/storage
auth:
  htpasswd:
    file: $WORK/verdaccio/htpasswd
    max_users: 5
uplinks: {}
packages:
  '**':
    access: \$all
    publish: \$authenticated
    unpublish: \$authenticated
listen: 127.0.0.1:$PORT
log: { type: stdout, format: pretty, level: warn }
YAML
"$WORK/verdaccio/node_modules/.bin/verdaccio" --config "$WORK/verdaccio/config.yaml" > "$WORK/verdaccio.log" 2>&1 &
REGISTRY_PID=$!
for _ in $(seq 1 60); do
  curl -sf "${REGISTRY}-/ping" >/dev/null 2>&1 && break
  kill -0 "$REGISTRY_PID" 2>/dev/null || { cat "$WORK/verdaccio.log"; fail "Verdaccio exited"; }
  sleep 1
done
curl -sf "${REGISTRY}-/ping" >/dev/null || fail "Verdaccio did not answer on $REGISTRY"
echo "registry up at $REGISTRY (pid $REGISTRY_PID)"

step "bad input: publishing must fail with a message that says why"
export NPM_CONFIG_USERCONFIG="$WORK/publisher.npmrc"
: > "$NPM_CONFIG_USERCONFIG"
set +e
out=$(bash scripts/release/publish.sh "$TARBALL" "http://127.0.0.1:9/" 2>&1); code=$?
set -e
[ "$code" -eq 3 ] && grep -q 'is not reachable' <<< "$out" || fail "unreachable registry not reported (exit $code): $out"
echo "unreachable registry -> exit $code: $out"
set +e
out=$(bash scripts/release/publish.sh "$TARBALL" "$REGISTRY" 2>&1); code=$?
set -e
[ "$code" -eq 4 ] && grep -q 'no valid auth token' <<< "$out" || fail "missing token not reported (exit $code): $out"
echo "no auth token -> exit $code: $out"

step "log in (token, as 'aws codeartifact login' would write it) and publish"
token=$(curl -sf -X PUT -H 'content-type: application/json' \
  -d '{"name":"release-bot","password":"release-check-only"}' \
  "${REGISTRY}-/user/org.couchdb.user:release-bot" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))')
[ -n "$token" ] && [ "$token" != "undefined" ] || fail "could not get a token from the registry"
echo "//127.0.0.1:$PORT/:_authToken=$token" > "$NPM_CONFIG_USERCONFIG"
bash scripts/release/publish.sh "$TARBALL" "$REGISTRY"
VERSION=$(tar xzOf "$TARBALL" package/package.json | node -p "JSON.parse(require('fs').readFileSync(0)).version")
npm view "@gantry/cdk@$VERSION" version --registry "$REGISTRY" >/dev/null || fail "published version not visible in the registry"
unset NPM_CONFIG_USERCONFIG

# 3. A fresh npm consumer outside the repository -----------------------------------------------
step "npm consumer: install @gantry/cdk@$VERSION from the local registry, CDK from the public one"
CONSUMER="$WORK/npm-consumer"
mkdir -p "$CONSUMER"
case "$CONSUMER" in "$ROOT"*) fail "consumer folder is inside the repository";; esac
echo '{ "name": "gantry-consumer", "version": "1.0.0", "private": true }' > "$CONSUMER/package.json"
echo "@gantry:registry=$REGISTRY" > "$CONSUMER/.npmrc"
cp scripts/release/consumer/app.js "$CONSUMER/app.js"
(cd "$CONSUMER" && npm install --no-audit --no-fund --loglevel=error \
  "@gantry/cdk@$VERSION" "aws-cdk-lib@$CDK_LIB_VERSION" "constructs@$CONSTRUCTS_VERSION" "aws-cdk@$CDK_CLI_RANGE")
[ -d "$CONSUMER/node_modules/@gantry/cdk" ] || fail "@gantry/cdk not installed in the consumer"
# The installed package is the one in the local registry (same integrity), through the scope mapping.
want=$(npm view "@gantry/cdk@$VERSION" dist.integrity --registry "$REGISTRY")
got=$(node -p "require('$CONSUMER/package-lock.json').packages['node_modules/@gantry/cdk'].integrity")
[ "$want" = "$got" ] || fail "@gantry/cdk in the consumer ($got) is not the package published to $REGISTRY ($want)"
[ ! -e "$CONSUMER/node_modules/esbuild" ] || fail "esbuild was installed into the consumer"
# Any attempt to use Docker would run this and leave a mark.
printf '#!/bin/sh\ntouch "%s/docker-was-called"\nexit 1\n' "$CONSUMER" > "$WORK/no-docker"
chmod +x "$WORK/no-docker"
(cd "$CONSUMER" && CDK_DOCKER="$WORK/no-docker" npx cdk synth --app 'node app.js' --output cdk.out --quiet --no-notices)
[ ! -e "$CONSUMER/docker-was-called" ] || fail "the consumer's synth tried to run Docker"
# One stack per construct exported by constructs/index.ts (scripts/release/consumer/app.js).
for stack in ConsumerRegistry ConsumerBlueGreen ConsumerDelivery ConsumerGovernance ConsumerBaseline ConsumerObservability ConsumerContainers ConsumerFlags ConsumerStagedDelivery; do
  [ -s "$CONSUMER/cdk.out/$stack.template.json" ] || fail "the consumer synthesized no template for stack $stack"
  node -e 'const m=require(process.argv[1]); if (!m.artifacts[process.argv[2]]) process.exit(1)' "$CONSUMER/cdk.out/manifest.json" "$stack" \
    || fail "stack $stack is not in the consumer's cloud assembly manifest"
done
# The pre-bundled handlers are assets copied from the installed package, byte for byte.
PKG="$CONSUMER/node_modules/@gantry/cdk"
for pair in blue-green-lambda/smoke-test.lambda:ConsumerBlueGreen conformance-pack/rule-evaluator.lambda:ConsumerGovernance blue-green-ecs-service/ecs-smoke-test.lambda:ConsumerContainers chaos-experiment/experiment-runner.lambda:ConsumerContainers; do
  handler=${pair%%:*}; stack=${pair##*:}
  shipped="$PKG/assets/constructs/$handler/index.js"
  [ -f "$shipped" ] || fail "the installed package has no pre-bundled handler $handler"
  found=""
  for dir in "$CONSUMER"/cdk.out/asset.*; do
    if [ -f "$dir/index.js" ] && cmp -s "$dir/index.js" "$shipped"; then found=$(basename "$dir"); break; fi
  done
  [ -n "$found" ] || fail "no asset in the consumer's cdk.out is the package's $handler handler"
  grep -q "\"$found\"" "$CONSUMER/cdk.out/$stack.assets.json" || fail "asset $found ($handler) is not an asset of stack $stack"
  echo "npm consumer: $stack asset $found = node_modules/@gantry/cdk/assets/constructs/$handler/index.js ($(stat -c %s "$shipped") bytes)"
done
templates=$(cd "$CONSUMER/cdk.out" && ls Consumer*.template.json)
echo "npm consumer: cdk synth OK: $(echo "$templates" | wc -l) stack template(s), one per construct:"
for t in $templates; do
  node -e 'const t=require(process.argv[1]); const r=Object.values(t.Resources||{}); const c={}; r.forEach(x=>c[x.Type]=(c[x.Type]||0)+1);
    const top=Object.entries(c).sort((a,b)=>b[1]-a[1]).slice(0,4).map(([k,v])=>k.replace("AWS::","")+" x"+v).join(", ");
    console.log("  "+require("path").basename(process.argv[1])+": "+r.length+" resources ("+top+"), "+require("fs").statSync(process.argv[1]).size+" bytes")' "$CONSUMER/cdk.out/$t"
done
echo "npm consumer: no esbuild in node_modules, Docker never called"

# 4. A Python consumer ------------------------------------------------------------------------
step "Python consumer: fresh virtual environment with the built wheel"
PY="$WORK/py-consumer"
mkdir -p "$PY"
python3 -m venv "$PY/.venv"
"$PY/.venv/bin/pip" install --quiet --disable-pip-version-check "$ROOT/$WHEEL" "aws-cdk-lib==$CDK_LIB_VERSION" "constructs==$CONSTRUCTS_VERSION"
cp scripts/release/consumer/app.py "$PY/app.py"
(cd "$PY" && .venv/bin/python app.py)
for stack in PyConsumerRegistry PyConsumerBlueGreen PyConsumerGovernance; do
  [ -s "$PY/cdk.out/$stack.template.json" ] || fail "the Python consumer synthesized no template for stack $stack"
done
py_templates=$(find "$PY/cdk.out" -name 'PyConsumer*.template.json' | wc -l)
echo "Python consumer: synth OK: $py_templates template(s): $(cd "$PY/cdk.out" && ls PyConsumer*.template.json | tr '\n' ' ')"
# The wheel carries the pre-bundled handlers: the staged assets are the repository's bundles.
for handler in blue-green-lambda/smoke-test.lambda conformance-pack/rule-evaluator.lambda; do
  found=""
  for dir in "$PY"/cdk.out/asset.*; do
    if [ -f "$dir/index.js" ] && cmp -s "$dir/index.js" "assets/constructs/$handler/index.js"; then found=$(basename "$dir"); break; fi
  done
  [ -n "$found" ] || fail "the Python consumer staged no asset equal to the pre-bundled $handler handler"
  echo "Python consumer: asset $found = the pre-bundled $handler handler"
done

echo
echo "release check passed: packaged and built (npm, Python, Java, Go), published to $REGISTRY, npm and Python consumers synthesized"
