#!/usr/bin/env bash
# Release check: packages Gantry for npm, Python, Java and Go, publishes each package the way the
# release pipeline publishes to CodeArtifact (scripts/release/publish.sh, credentials written where
# `aws codeartifact login` writes them) to a real local stand-in of the registry, and proves fresh
# consumers outside the repository install it from there:
#   - npm: Verdaccio on 127.0.0.1 (no uplink, storage in a temporary folder), token in the npm config
#     as `login --tool npm` writes it; a consumer installs @gantry/cdk from it (scope-mapped .npmrc) and
#     the CDK packages from the public registry, and synthesizes an app that uses every construct, with
#     no esbuild and no Docker in the consumer. The app (scripts/release/consumer/app.js) has one stack
#     per construct; each must synthesize, and the pre-bundled handlers must be the package's own assets;
#   - Python: pypiserver (from PyPI, in a virtual environment) on 127.0.0.1, uploads authenticated
#     (user `aws`, a token, as CodeArtifact's), twine reading ~/.pypirc's [codeartifact] section as
#     `login --tool twine` writes it; a consumer installs gantry-cdk with that server as its only index
#     (the server passes other names on to the public index, as a repository's upstream store does) and
#     synthesizes an app with three constructs (scripts/release/consumer/app.py);
#   - Java: `mvn deploy:deploy-file` publishes the jar, pom, sources and javadoc through a settings.xml
#     server `codeartifact` (user aws, $CODEARTIFACT_AUTH_TOKEN) to a Maven repository on file:// and to
#     a Maven stand-in on 127.0.0.1 (scripts/release/maven-standin.py: HTTP Basic as aws + token, as
#     CodeArtifact's Maven endpoint); a consumer resolves dev.gantry:gantry-cdk from the stand-in with
#     the token into an empty local repository;
#   - Go: the module is generated and built (go build, go vet); Go modules are not published to CodeArtifact.
# Not checked here (no local stand-in): CodeArtifact itself (IAM, `aws codeartifact login`, its tokens
# and endpoints), package group origin controls (the dependency-confusion guard; asserted on the
# template in test/package-registry), upstream stores (pypiserver passing unknown names on to the
# public index stands in for public:pypi), NuGet (Gantry ships no .NET package).
# Every step fails loudly; every process and folder it starts is removed on exit.
#   usage: scripts/release/check.sh        (run after `npm install`)
#          RELEASE_CHECK_REUSE_DIST=1 scripts/release/check.sh   (skip packaging, reuse dist/: local re-runs only)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
VERDACCIO_VERSION="6.8.0"
PYPISERVER_VERSION="2.4.2"
CDK_LIB_VERSION=$(node -p "require('./package.json').devDependencies['aws-cdk-lib']")
CONSTRUCTS_VERSION=$(node -p "require('./package.json').devDependencies['constructs']")
CDK_CLI_RANGE=$(node -p "require('./package.json').devDependencies['aws-cdk']")
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
export AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN

WORK=$(mktemp -d /tmp/gantry-release.XXXXXX)
REGISTRY_PID=""
PYPI_PID=""
MAVEN_PID=""
stop() {
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}
cleanup() {
  stop "$REGISTRY_PID"
  stop "$PYPI_PID"
  stop "$MAVEN_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT
START=$SECONDS
step() { echo; echo "== release check [$((SECONDS - START)) s]: $*"; }
fail() { echo "release check FAILED: $*" >&2; exit 1; }
# Waits up to 60 s for a local stand-in server to answer: wait_for_server <name> <url> <pid> <log>.
wait_for_server() {
  for _ in $(seq 1 60); do
    curl -sf "$2" >/dev/null 2>&1 && return 0
    kill -0 "$3" 2>/dev/null || { cat "$4"; fail "$1 exited"; }
    sleep 1
  done
  curl -sf "$2" >/dev/null || fail "$1 did not answer on $2"
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
# Runs a command that must fail with this exit code and a message containing this text.
expect_failure() {
  local want_code="$1" want_text="$2" what="$3" out code
  shift 3
  set +e
  out=$("$@" 2>&1); code=$?
  set -e
  [ "$code" -eq "$want_code" ] && grep -q -- "$want_text" <<< "$out" || fail "$what not reported (exit $code, wanted $want_code): $out"
  echo "$what -> exit $code: $(grep -m1 -- "$want_text" <<< "$out")"
}
SUMMARY=()

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
PORT=$(free_port)
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
wait_for_server Verdaccio "${REGISTRY}-/ping" "$REGISTRY_PID" "$WORK/verdaccio.log"
echo "registry up at $REGISTRY (pid $REGISTRY_PID)"

step "npm bad input: publishing must fail with a message that says why"
export NPM_CONFIG_USERCONFIG="$WORK/publisher.npmrc"
: > "$NPM_CONFIG_USERCONFIG"
expect_failure 3 'is not reachable' "npm: unreachable registry" bash scripts/release/publish.sh npm "$TARBALL" "http://127.0.0.1:9/"
expect_failure 4 'no valid auth token' "npm: no auth token" bash scripts/release/publish.sh npm "$TARBALL" "$REGISTRY"

step "npm: log in (token, as 'aws codeartifact login --tool npm' would write it) and publish"
token=$(curl -sf -X PUT -H 'content-type: application/json' \
  -d '{"name":"release-bot","password":"release-check-only"}' \
  "${REGISTRY}-/user/org.couchdb.user:release-bot" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))')
[ -n "$token" ] && [ "$token" != "undefined" ] || fail "could not get a token from the registry"
echo "//127.0.0.1:$PORT/:_authToken=$token" > "$NPM_CONFIG_USERCONFIG"
bash scripts/release/publish.sh npm "$TARBALL" "$REGISTRY"
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
# The registry's formats and protected names work through the package's API.
for want in '"Pattern": "/npm/consumer/*"' '"Pattern": "/maven/com.consumer/*"' '"public:maven-central"'; do
  grep -qF "$want" "$CONSUMER/cdk.out/ConsumerRegistry.template.json" || fail "ConsumerRegistry has no $want"
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
SUMMARY+=("| npm | npm publish (token in the npm config) | Verdaccio $REGISTRY | npm install @gantry/cdk@$VERSION (scope-mapped .npmrc), synth of $(echo "$templates" | wc -l) stacks |")

# 4. Python: a local PyPI server, twine, a consumer -----------------------------------------------
step "start pypiserver $PYPISERVER_VERSION on 127.0.0.1 (uploads need user aws and a token; storage in $WORK)"
PYPI_VENV="$WORK/pypi-venv"
python3 -m venv "$PYPI_VENV"
# passlib reads the password file; twine is what the release pipeline publishes with.
"$PYPI_VENV/bin/pip" install --quiet --disable-pip-version-check "pypiserver==$PYPISERVER_VERSION" passlib twine
mkdir -p "$WORK/pypi/packages"
PYPI_TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')
"$PYPI_VENV/bin/python" -c 'import sys; from passlib.apache import HtpasswdFile
h = HtpasswdFile(sys.argv[1], new=True, default_scheme="apr_md5_crypt"); h.set_password("aws", sys.argv[2]); h.save()' \
  "$WORK/pypi/htpasswd" "$PYPI_TOKEN"
PYPI_PORT=$(free_port)
PYPI_URL="http://127.0.0.1:$PYPI_PORT/"
# Names it does not hold are passed on to the public index, as a repository reads through its upstream store.
"$PYPI_VENV/bin/pypi-server" run -i 127.0.0.1 -p "$PYPI_PORT" -P "$WORK/pypi/htpasswd" -a update "$WORK/pypi/packages" > "$WORK/pypi.log" 2>&1 &
PYPI_PID=$!
wait_for_server pypiserver "$PYPI_URL" "$PYPI_PID" "$WORK/pypi.log"
echo "PyPI stand-in up at $PYPI_URL (pid $PYPI_PID)"

# What `aws codeartifact login --tool twine` writes to ~/.pypirc, with this server and token.
pypirc() {
  printf '[distutils]\nindex-servers =\n    codeartifact\n\n[codeartifact]\nrepository = %s\nusername = aws\n' "$1"
  [ -z "${2:-}" ] || printf 'password = %s\n' "$2"
}
export TWINE="$PYPI_VENV/bin/twine" PYPIRC="$WORK/publisher.pypirc"
step "Python bad input: publishing must fail with a message that says why"
pypirc "http://127.0.0.1:9/" "$PYPI_TOKEN" > "$PYPIRC"
expect_failure 3 'is not reachable' "Python: unreachable repository" bash scripts/release/publish.sh python dist/python
pypirc "$PYPI_URL" > "$PYPIRC"
expect_failure 4 'no token for' "Python: no token" bash scripts/release/publish.sh python dist/python
pypirc "$PYPI_URL" "not-the-token" > "$PYPIRC"
expect_failure 1 '403' "Python: wrong token (refused by the server)" bash scripts/release/publish.sh python dist/python

step "Python: log in (as 'aws codeartifact login --tool twine' would write ~/.pypirc) and publish with twine"
pypirc "$PYPI_URL" "$PYPI_TOKEN" > "$PYPIRC"
bash scripts/release/publish.sh python dist/python
unset TWINE PYPIRC
PY_VERSION=$(basename "$WHEEL" | cut -d- -f2)
listing=$(curl -sf "${PYPI_URL}simple/gantry-cdk/") || fail "gantry-cdk not listed by $PYPI_URL"
for f in dist/python/*; do grep -q "$(basename "$f")" <<< "$listing" || fail "$(basename "$f") not served by $PYPI_URL"; done
echo "Python: $PYPI_URL serves $(grep -o 'gantry[_-]cdk-[^"#<]*' <<< "$listing" | sort -u | tr '\n' ' ')"

step "Python consumer: fresh virtual environment, the local server as its only index"
PY="$WORK/py-consumer"
mkdir -p "$PY"
case "$PY" in "$ROOT"*) fail "consumer folder is inside the repository";; esac
python3 -m venv "$PY/.venv"
# pip's report says where each package came from: gantry-cdk must be the wheel published above.
"$PY/.venv/bin/pip" install --quiet --disable-pip-version-check --no-cache-dir --index-url "${PYPI_URL}simple/" --report "$PY/install.json" \
  "gantry-cdk==$PY_VERSION" "aws-cdk-lib==$CDK_LIB_VERSION" "constructs==$CONSTRUCTS_VERSION"
origin=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))
i=[x for x in r["install"] if x["metadata"]["name"]=="gantry-cdk"][0]
print(i["download_info"]["url"], i["download_info"].get("archive_info",{}).get("hashes",{}).get("sha256",""))' "$PY/install.json")
want_sha=$(sha256sum "$WHEEL" | cut -d' ' -f1)
[ "$origin" = "${PYPI_URL}packages/$(basename "$WHEEL") $want_sha" ] || fail "gantry-cdk in the Python consumer ($origin) is not the wheel published to $PYPI_URL ($want_sha)"
echo "Python consumer: gantry-cdk $PY_VERSION installed from ${PYPI_URL}packages/$(basename "$WHEEL") (sha256 $want_sha = the built wheel)"
cp scripts/release/consumer/app.py "$PY/app.py"
(cd "$PY" && .venv/bin/python app.py)
for stack in PyConsumerRegistry PyConsumerBlueGreen PyConsumerGovernance; do
  [ -s "$PY/cdk.out/$stack.template.json" ] || fail "the Python consumer synthesized no template for stack $stack"
done
# The registry's formats and protected names work through the Python API (enum, structs, static factories).
grep -q '"Pattern": "/pypi//pyconsumer~"' "$PY/cdk.out/PyConsumerRegistry.template.json" || fail "the Python consumer's registry has no package group /pypi//pyconsumer~"
grep -q '"ExternalConnections": \[' "$PY/cdk.out/PyConsumerRegistry.template.json" && grep -q '"public:pypi"' "$PY/cdk.out/PyConsumerRegistry.template.json" || fail "the Python consumer's registry has no public:pypi store"
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
SUMMARY+=("| Python | twine upload (.pypirc [codeartifact], user aws + token) | pypiserver $PYPI_URL | pip install gantry-cdk==$PY_VERSION (only index: the stand-in), synth of $py_templates stacks |")

# 5. Java: a Maven repository on file://, an authenticated Maven stand-in, mvn deploy:deploy-file, a consumer
MAVEN_REPO="$WORK/maven-repo"
MAVEN_URL="file://$MAVEN_REPO/"
# Maven's own downloads (the deploy and dependency plugins) go to a local repository of the check's.
export MAVEN_REPO_LOCAL="$WORK/m2-publisher"
step "start the Maven stand-in on 127.0.0.1 (every request needs user aws and a token, as CodeArtifact's Maven endpoint)"
MAVEN_TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')
MAVEN_PORT=$(free_port)
MAVEN_HTTP_URL="http://127.0.0.1:$MAVEN_PORT/"
STANDIN_TOKEN="$MAVEN_TOKEN" python3 scripts/release/maven-standin.py "$WORK/maven-http" "$MAVEN_PORT" 2> "$WORK/maven-standin.log" &
MAVEN_PID=$!
for _ in $(seq 1 30); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$MAVEN_HTTP_URL" || true)" = "401" ] && break
  kill -0 "$MAVEN_PID" 2>/dev/null || { cat "$WORK/maven-standin.log"; fail "the Maven stand-in exited"; }
  sleep 1
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "$MAVEN_HTTP_URL" || true)" = "401" ] || fail "the Maven stand-in does not ask for credentials on $MAVEN_HTTP_URL"
echo "Maven stand-in up at $MAVEN_HTTP_URL (pid $MAVEN_PID), unauthenticated requests get 401"

step "Java bad input: publishing must fail with a message that says why"
expect_failure 3 'is not reachable' "Java: unreachable repository" bash scripts/release/publish.sh maven dist/java "file://$WORK/no-such-folder/repo/"
expect_failure 4 'no CODEARTIFACT_AUTH_TOKEN' "Java: no token" env -u CODEARTIFACT_AUTH_TOKEN bash scripts/release/publish.sh maven dist/java "$MAVEN_HTTP_URL"
expect_failure 1 '401 Unauthorized' "Java: wrong token (refused by the stand-in)" env CODEARTIFACT_AUTH_TOKEN=not-the-token bash scripts/release/publish.sh maven dist/java "$MAVEN_HTTP_URL"

JAVA_DIR=$(dirname "$JAR")
JAVA_VERSION=$(basename "$JAVA_DIR")
# Every jar and pom jsii-pacmak staged, with checksums Maven computed, and the version in maven-metadata.xml.
verify_maven_repository() {
  local repo="$1" published="$1/dev/gantry/gantry-cdk/$JAVA_VERSION"
  for f in "$JAVA_DIR"/*.jar "$JAVA_DIR"/*.pom; do
    cmp -s "$f" "$published/$(basename "$f")" || fail "$(basename "$f") in $2 differs from dist/java"
    [ "$(cut -d' ' -f1 < "$published/$(basename "$f").sha1")" = "$(sha1sum "$f" | cut -d' ' -f1)" ] || fail "$(basename "$f").sha1 in $2 is wrong"
  done
  grep -q "<version>$JAVA_VERSION</version>" "$repo/dev/gantry/gantry-cdk/maven-metadata.xml" || fail "maven-metadata.xml in $2 does not list $JAVA_VERSION"
  echo "Java: $2 holds dev.gantry:gantry-cdk:$JAVA_VERSION: $(cd "$published" && ls | grep -v -E '\.(md5|sha1)$' | tr '\n' ' ')(with .md5/.sha1, maven-metadata.xml)"
}

step "Java: mvn deploy:deploy-file to $MAVEN_URL (settings.xml server 'codeartifact')"
bash scripts/release/publish.sh maven dist/java "$MAVEN_URL"
verify_maven_repository "$MAVEN_REPO" "$MAVEN_URL"

step "Java: log in (CODEARTIFACT_AUTH_TOKEN, as the release pipeline exports it) and mvn deploy:deploy-file to $MAVEN_HTTP_URL"
CODEARTIFACT_AUTH_TOKEN="$MAVEN_TOKEN" bash scripts/release/publish.sh maven dist/java "$MAVEN_HTTP_URL"
verify_maven_repository "$WORK/maven-http" "$MAVEN_HTTP_URL"

step "Java consumer: resolve dev.gantry:gantry-cdk:$JAVA_VERSION from $MAVEN_HTTP_URL (settings.xml server with the token) into an empty local repository"
CONSUMER_M2="$WORK/m2-consumer"
cat > "$WORK/consumer-settings.xml" <<'XML'
<settings>
  <servers>
    <server><id>codeartifact</id><username>aws</username><password>${env.CODEARTIFACT_AUTH_TOKEN}</password></server>
  </servers>
</settings>
XML
CODEARTIFACT_AUTH_TOKEN="$MAVEN_TOKEN" mvn --batch-mode --no-transfer-progress -q -Dstyle.color=never -s "$WORK/consumer-settings.xml" -Dmaven.repo.local="$CONSUMER_M2" \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
  "-Dartifact=dev.gantry:gantry-cdk:$JAVA_VERSION" -Dtransitive=false "-DremoteRepositories=codeartifact::default::$MAVEN_HTTP_URL"
resolved="$CONSUMER_M2/dev/gantry/gantry-cdk/$JAVA_VERSION"
cmp -s "$JAR" "$resolved/$(basename "$JAR")" || fail "the consumer did not resolve the published jar"
grep -q "$(basename "$JAR")>codeartifact=" "$resolved/_remote.repositories" || fail "the consumer's jar did not come from $MAVEN_HTTP_URL"
echo "Java consumer: dev.gantry:gantry-cdk:$JAVA_VERSION resolved from repository 'codeartifact' ($MAVEN_HTTP_URL, as aws with the token), jar sha256 $(sha256sum "$JAR" | cut -d' ' -f1) = the built jar"
unset MAVEN_REPO_LOCAL
SUMMARY+=("| Java | mvn deploy:deploy-file (settings.xml server codeartifact, user aws + CODEARTIFACT_AUTH_TOKEN) | file:// repository; Maven stand-in $MAVEN_HTTP_URL (HTTP Basic) | mvn dependency:get dev.gantry:gantry-cdk:$JAVA_VERSION with the token (jar identical) |")

step "summary per language"
printf '| language | published with | to (local stand-in) | consumer |\n|---|---|---|---|\n'
printf '%s\n' "${SUMMARY[@]}"
echo
echo "not checked here: CodeArtifact itself (IAM, aws codeartifact login, its tokens and endpoints), package group origin controls (asserted on the template in test/package-registry), upstream stores (pypiserver's pass-on to the public index stands in for public:pypi), NuGet (no .NET package)"
echo "release check passed: packaged and built (npm, Python, Java, Go), published npm, Python and Java packages to local stand-ins, npm, Python and Java consumers installed them from there"
