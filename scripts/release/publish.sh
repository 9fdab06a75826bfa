#!/usr/bin/env bash
# Publishes Gantry's packages to a registry, the way the release pipeline publishes to CodeArtifact,
# after checking the two things that usually go wrong, with a message that says which (exit 3: the
# registry is not reachable; exit 4: no credentials for it), one language at a time:
#
#   publish.sh npm    <package.tgz> <registry-url>
#       credentials: the registry's _authToken in the npm config (aws codeartifact login --tool npm ...)
#   publish.sh python <dist/python>
#       publishes the wheel and sdist with twine to the [codeartifact] repository of the .pypirc
#       (aws codeartifact login --tool twine ... writes it; PYPIRC names another file; TWINE names the twine command)
#   publish.sh maven  <dist/java> <repository-url>
#       mvn deploy:deploy-file of every pom (with its jar, sources and javadoc) jsii-pacmak staged in
#       dist/java, through a settings.xml whose server `codeartifact` authenticates as `aws` with
#       $CODEARTIFACT_AUTH_TOKEN (aws codeartifact get-authorization-token ...); a file:// repository needs none.
#       MAVEN_REPO_LOCAL names Maven's local repository (default: Maven's own).
set -euo pipefail
usage="usage: publish.sh npm <package.tgz> <registry-url> | python <dist/python> | maven <dist/java> <repository-url>"
language="${1:?$usage}"
shift

# Reachable = it answers HTTP at all (an unauthenticated CodeArtifact answers 401, which is still reachable).
reachable() {
  local status
  status=$(curl -s -o /dev/null --max-time 15 -w '%{http_code}' "$1" || true)
  [ -n "$status" ] && [ "$status" != "000" ]
}
unreachable() {
  echo "publish: registry $1 is not reachable (check the URL, the network, or that the registry is running)" >&2
  exit 3
}

publish_npm() {
  local tarball="${1:?$usage}" registry="${2:?$usage}"
  registry="${registry%/}/"
  [ -f "$tarball" ] || { echo "publish: no package at '$tarball' (run: npx projen package:js)" >&2; exit 2; }
  # No retries: an unreachable registry should be reported now, not after minutes of back-off.
  local quick=(--fetch-retries=0 --fetch-timeout=15000)
  reachable "${registry}-/ping" || unreachable "$registry"
  # CodeArtifact does not implement `npm whoami`; its `npm ping` verifies the token instead.
  local check as user
  case "$registry" in
    https://*.codeartifact.*.amazonaws.com/*) check=ping; as="CodeArtifact token" ;;
    *) check=whoami; as="" ;;
  esac
  if ! user=$(npm "$check" "${quick[@]}" --registry "$registry" 2>/dev/null); then
    echo "publish: no valid auth token for $registry: log in first (CodeArtifact: aws codeartifact login --tool npm --domain <domain> --domain-owner <account> --repository <repo>)" >&2
    exit 4
  fi
  echo "publish: $(basename "$tarball") -> $registry as ${as:-$user}"
  npm publish "$tarball" --registry "$registry" "--@gantry:registry=$registry"
}

publish_python() {
  local dist="${1:?$usage}" pypirc="${PYPIRC:-$HOME/.pypirc}" twine="${TWINE:-twine}"
  local files=()
  mapfile -t files < <(find "$dist" -maxdepth 1 \( -name '*.whl' -o -name '*.tar.gz' \) | sort)
  [ "${#files[@]}" -gt 0 ] || { echo "publish: no wheel or sdist in '$dist' (run: npx projen package:python)" >&2; exit 2; }
  # The repository and credentials as `aws codeartifact login --tool twine` writes them.
  local url password
  url=$(python3 -c 'import configparser,sys; c=configparser.RawConfigParser(); c.read(sys.argv[1]); print(c.get("codeartifact","repository",fallback=""))' "$pypirc")
  password=$(python3 -c 'import configparser,sys; c=configparser.RawConfigParser(); c.read(sys.argv[1]); print(c.get("codeartifact","password",fallback=""))' "$pypirc")
  if [ -z "$url" ]; then
    echo "publish: no [codeartifact] repository in $pypirc: log in first (aws codeartifact login --tool twine --domain <domain> --domain-owner <account> --repository <repo>)" >&2
    exit 4
  fi
  reachable "$url" || unreachable "$url"
  if [ -z "$password" ] && [ -z "${TWINE_PASSWORD:-}" ]; then
    echo "publish: no token for $url in $pypirc: log in first (aws codeartifact login --tool twine --domain <domain> --domain-owner <account> --repository <repo>)" >&2
    exit 4
  fi
  echo "publish: $(for f in "${files[@]}"; do basename "$f"; done | tr '\n' ' ')-> $url"
  "$twine" upload --non-interactive --disable-progress-bar --config-file "$pypirc" --repository codeartifact "${files[@]}"
}

publish_maven() {
  local dist="${1:?$usage}" url="${2:?$usage}"
  url="${url%/}/"
  local poms=()
  mapfile -t poms < <(find "$dist" -name '*.pom' | sort)
  [ "${#poms[@]}" -gt 0 ] || { echo "publish: no pom in '$dist' (run: npx projen package:java)" >&2; exit 2; }
  case "$url" in
    file://*)
      local dir="${url#file://}"
      [ -d "$(dirname "${dir%/}")" ] || unreachable "$url"
      ;;
    *)
      reachable "$url" || unreachable "$url"
      if [ -z "${CODEARTIFACT_AUTH_TOKEN:-}" ]; then
        echo "publish: no CODEARTIFACT_AUTH_TOKEN for $url: export CODEARTIFACT_AUTH_TOKEN=\$(aws codeartifact get-authorization-token --domain <domain> --domain-owner <account> --query authorizationToken --output text)" >&2
        exit 4
      fi
      ;;
  esac
  # Maven reads the token from the environment when it sends the request; the file holds no secret.
  local settings
  settings=$(mktemp /tmp/gantry-maven-settings.XXXXXX.xml)
  trap 'rm -f "$settings"' RETURN
  cat > "$settings" <<'XML'
<settings>
  <servers>
    <server>
      <id>codeartifact</id>
      <username>aws</username>
      <password>${env.CODEARTIFACT_AUTH_TOKEN}</password>
    </server>
  </servers>
</settings>
XML
  local local_repo=()
  [ -z "${MAVEN_REPO_LOCAL:-}" ] || local_repo=("-Dmaven.repo.local=$MAVEN_REPO_LOCAL")
  for pom in "${poms[@]}"; do
    local base="${pom%.pom}" extra=()
    [ -f "$base.jar" ] || { echo "publish: no jar beside $pom" >&2; exit 2; }
    [ ! -f "$base-sources.jar" ] || extra+=("-Dsources=$base-sources.jar")
    [ ! -f "$base-javadoc.jar" ] || extra+=("-Djavadoc=$base-javadoc.jar")
    echo "publish: $(basename "$base").jar (+ pom${extra:+, sources, javadoc}) -> $url"
    mvn --batch-mode --no-transfer-progress -Dstyle.color=never --settings "$settings" "${local_repo[@]}" \
      org.apache.maven.plugins:maven-deploy-plugin:3.1.2:deploy-file \
      -DrepositoryId=codeartifact "-Durl=$url" "-Dfile=$base.jar" "-DpomFile=$pom" "${extra[@]}"
  done
}

case "$language" in
  npm) publish_npm "$@" ;;
  python) publish_python "$@" ;;
  maven) publish_maven "$@" ;;
  *) echo "publish: unknown language '$language' ($usage)" >&2; exit 2 ;;
esac
