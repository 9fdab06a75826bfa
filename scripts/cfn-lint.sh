#!/usr/bin/env bash
# Lints every CloudFormation template of a cloud assembly with the official cfn-lint, installed
# (pinned) into a virtual environment of the project's own. Nested stacks and stage assemblies
# (assembly-*/) are included, and so are templates embedded in other templates (StackSet member
# templates, conformance pack templates), extracted by scripts/extract-embedded-templates.js. Zero errors and zero warnings pass; ignored checks live in
# .cfnlintrc.yaml, each with its reason.
#   usage: scripts/cfn-lint.sh [cdk.out]
set -euo pipefail
cd "$(dirname "$0")/.."
CFN_LINT_VERSION="1.58.0"
VENV=".venv-cfnlint"
OUT="${1:-cdk.out}"

if [ ! -x "$VENV/bin/cfn-lint" ] || [ "$("$VENV/bin/cfn-lint" --version 2>/dev/null | awk '{print $2}')" != "$CFN_LINT_VERSION" ]; then
  echo "cfn-lint: installing cfn-lint==$CFN_LINT_VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "cfn-lint==$CFN_LINT_VERSION"
fi

if [ ! -d "$OUT" ]; then
  echo "cfn-lint: no cloud assembly at '$OUT' (run the synth first)" >&2
  exit 2
fi
# Templates embedded in others (StackSet members, conformance packs) are linted too.
EMBEDDED="$OUT/embedded-templates"
rm -rf "$EMBEDDED"
node scripts/extract-embedded-templates.js "$OUT" "$EMBEDDED"
mapfile -t templates < <(find "$OUT" \( -name '*.template.json' -o -name '*.template.yaml' \) -not -path '*/asset.*' | sort)
if [ "${#templates[@]}" -eq 0 ]; then
  echo "cfn-lint: no templates found under '$OUT'" >&2
  exit 2
fi
echo "cfn-lint $("$VENV/bin/cfn-lint" --version | awk '{print $2}'): linting ${#templates[@]} template(s) under $OUT"
# --config-file keeps the ignore list in one place; the template list overrides its `templates`.
"$VENV/bin/cfn-lint" --config-file .cfnlintrc.yaml -- "${templates[@]}"
echo "cfn-lint: ${#templates[@]} template(s), 0 errors, 0 warnings"
