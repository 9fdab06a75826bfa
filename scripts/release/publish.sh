#!/usr/bin/env bash
# Publishes a packed npm tarball to a registry, the way the release pipeline publishes to
# CodeArtifact, after checking the two things that usually go wrong, with a message that says which:
#   - the registry is not reachable;
#   - there is no auth token for it (for CodeArtifact: `aws codeartifact login --tool npm ...`).
#   usage: scripts/release/publish.sh <package.tgz> <registry-url>
set -euo pipefail
tarball="${1:?usage: publish.sh <package.tgz> <registry-url>}"
registry="${2:?usage: publish.sh <package.tgz> <registry-url>}"
registry="${registry%/}/"

[ -f "$tarball" ] || { echo "publish: no package at '$tarball' (run: npx projen package:js)" >&2; exit 2; }

# No retries: an unreachable registry should be reported now, not after minutes of back-off.
quick=(--fetch-retries=0 --fetch-timeout=15000)
# Reachable = it answers HTTP at all (an unauthenticated CodeArtifact answers 401, which is still reachable).
status=$(curl -s -o /dev/null --max-time 15 -w '%{http_code}' "${registry}-/ping" || true)
if [ -z "$status" ] || [ "$status" = "000" ]; then
  echo "publish: registry $registry is not reachable (check the URL, the network, or that the registry is running)" >&2
  exit 3
fi
# CodeArtifact does not implement `npm whoami`; its `npm ping` verifies the token instead.
case "$registry" in
  https://*.codeartifact.*.amazonaws.com/*) check=(ping); as="CodeArtifact token" ;;
  *) check=(whoami); as="" ;;
esac
if ! user=$(npm "${check[@]}" "${quick[@]}" --registry "$registry" 2>/dev/null); then
  echo "publish: no valid auth token for $registry: log in first (CodeArtifact: aws codeartifact login --tool npm --domain <domain> --domain-owner <account> --repository <repo>)" >&2
  exit 4
fi
echo "publish: $(basename "$tarball") -> $registry as ${as:-$user}"
npm publish "$tarball" --registry "$registry" "--@gantry:registry=$registry"
