#!/usr/bin/env bash
# Release check: packages Gantry for npm, Python, Java and Go, publishes the npm package to a real
# local registry (Verdaccio on 127.0.0.1, no uplink, storage in a temporary folder) the way the
# release pipeline publishes to CodeArtifact, and proves fresh consumers outside the repository
# can use it:
#   - npm: installs @gantry/cdk from that registry (scope-mapped .npmrc) and the CDK packages from
#     the public registry, synthesizes an app that uses every construct, with no esbuild and no
#     Docker in the consumer;
#   - Python: installs the built wheel into a fresh virtual environment and synthesizes an app;
#   - Java: the jar is built by Maven (jsii-pacmak); Go: the module source is generated and parsed.
# Every step fails loudly; every process and folder it starts is removed on exit.
#   usage: scripts/release/check.sh        (run after `npm install`)
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

# 1. Build and package -------------------------------------------------------------------------
step "build (bundle handlers, jsii compile) and package for js, python, java"
npx projen bundle
npx projen compile
rm -rf dist
npx jsii-pacmak --target js --target python --target java
step "generate the Go module (code only) and parse it"
npx jsii-pacmak --target go --code-only
GO_DIR=$(dirname "$(find dist/go -name go.mod | head -1)")
[ -n "$GO_DIR" ] || fail "no Go module generated"
unformatted=$(gofmt -l -e "$GO_DIR") || fail "gofmt could not parse the generated Go code"
echo "Go module $(awk '/^module/{print $2}' "$GO_DIR/go.mod"): $(find "$GO_DIR" -name '*.go' | wc -l) files parsed by gofmt ($(echo -n "$unformatted" | grep -c . || true) not gofmt-formatted)"

TARBALL=$(ls dist/js/*.tgz)
WHEEL=$(ls dist/python/*.whl)
JAR=$(find dist/java -name '*.jar' -not -name '*-sources.jar' -not -name '*-javadoc.jar' | head -1)
[ -f "$JAR" ] || fail "no Java jar built"
unzip -l "$JAR" | grep -q 'PackageRegistry.class' || fail "the jar has no PackageRegistry class"

step "npm package contents (only what a consumer needs)"
contents=$(tar tzf "$TARBALL")
unexpected=$(echo "$contents" | grep -v -E '^package/(lib/.*\.(js|d\.ts)|assets/.*|\.jsii|package\.json|README\.md|LICENSE|API\.md|node_modules/.*)$' || true)
[ -z "$unexpected" ] || fail "unexpected files in the npm package: $unexpected"
echo "$contents" | grep -q '^package/.jsii$' || fail ".jsii missing from the npm package"
handlers=$(echo "$contents" | grep -c '^package/assets/.*index\.js$' || true)
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
[ "$code" -eq 3 ] && echo "$out" | grep -q 'is not reachable' || fail "unreachable registry not reported (exit $code): $out"
echo "unreachable registry -> exit $code: $out"
set +e
out=$(bash scripts/release/publish.sh "$TARBALL" "$REGISTRY" 2>&1); code=$?
set -e
[ "$code" -eq 4 ] && echo "$out" | grep -q 'no valid auth token' || fail "missing token not reported (exit $code): $out"
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
templates=$(find "$CONSUMER/cdk.out" -name '*.template.json' | wc -l)
[ "$templates" -gt 0 ] || fail "the consumer synthesized no template"
echo "npm consumer: cdk synth OK: $templates template(s): $(cd "$CONSUMER/cdk.out" && ls *.template.json | tr '\n' ' ')"
echo "npm consumer: no esbuild in node_modules, Docker never called"

# 4. A Python consumer ------------------------------------------------------------------------
step "Python consumer: fresh virtual environment with the built wheel"
PY="$WORK/py-consumer"
mkdir -p "$PY"
python3 -m venv "$PY/.venv"
"$PY/.venv/bin/pip" install --quiet --disable-pip-version-check "$ROOT/$WHEEL" "aws-cdk-lib==$CDK_LIB_VERSION" "constructs==$CONSTRUCTS_VERSION"
cp scripts/release/consumer/app.py "$PY/app.py"
(cd "$PY" && .venv/bin/python app.py)
py_templates=$(find "$PY/cdk.out" -name '*.template.json' | wc -l)
[ "$py_templates" -gt 0 ] || fail "the Python consumer synthesized no template"
echo "Python consumer: synth OK: $py_templates template(s): $(cd "$PY/cdk.out" && ls *.template.json | tr '\n' ' ')"

echo
echo "release check passed: packaged (npm, Python, Java, Go source), published to $REGISTRY, npm and Python consumers synthesized"
