#!/usr/bin/env bash
# Compatibility matrix: a fresh npm consumer of the packed @gantry/cdk synthesizes the release
# consumer app (every construct) and is checked with cdk-nag's five packs on
#   aws-cdk-lib: the peer-dependency floor and the newest version the registry serves
#   cdk-nag:     the newest 2.x and the newest 3.x
# Each cell prints the unsuppressed findings split into Gantry's internals (must be 0) and the
# consumer's own resources (the app's own roles and functions, reported, not failed), and fails on
# any deprecation warning printed while Gantry's constructs synthesize.
#   usage: scripts/compat/matrix.sh [package.tgz]   (default: the newest dist/js/*.tgz; packs one
#          the way the README says, `npx projen compile && npx projen package:js`, when there is none)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
TARBALL=${1:-$(ls -t dist/js/*.tgz 2>/dev/null | head -1 || true)}
if [ -z "$TARBALL" ]; then
  npx projen compile && npx projen package:js
  TARBALL=$(ls -t dist/js/*.tgz | head -1)
fi
TARBALL=$(cd "$(dirname "$TARBALL")" && pwd)/$(basename "$TARBALL")
FLOOR=$(node -p "require('./package.json').peerDependencies['aws-cdk-lib'].replace(/^[^0-9]*/, '')")
NEWEST=$(npm view aws-cdk-lib version)
CONSTRUCTS=$(node -p "require('./package.json').peerDependencies['constructs'].replace(/^[^0-9]*/, '')")
# The newest release of a major (npm lists a range's matches in publish order, not by version).
newest_of() {
  npm view "$1@$2" version --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{
    const v=[].concat(JSON.parse(s)); const n=(x)=>x.split(".").map(Number);
    v.sort((a,b)=>{const [p,q]=[n(a),n(b)]; return p[0]-q[0]||p[1]-q[1]||p[2]-q[2];}); console.log(v[v.length-1]);})'
}
NAG2=$(newest_of cdk-nag 2)
NAG3=$(newest_of cdk-nag 3)
WORK=$(mktemp -d /tmp/gantry-compat.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
START=$SECONDS
echo "== compatibility matrix: $(basename "$TARBALL") on node $(node --version); aws-cdk-lib $FLOOR (floor) and $NEWEST (newest) x cdk-nag $NAG2 and $NAG3"

failed=()
rows=()
for cdk in "$FLOOR" "$NEWEST"; do
  dir="$WORK/consumer-$cdk"
  mkdir -p "$dir"
  echo '{ "name": "gantry-compat-consumer", "version": "1.0.0", "private": true }' > "$dir/package.json"
  cp scripts/release/consumer/app.js scripts/compat/nag-check.js "$dir/"
  # Both cdk-nag majors side by side: cdk-nag (2.x) and cdk-nag-v3 (3.x, an npm alias).
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error \
    "$TARBALL" "aws-cdk-lib@$cdk" "constructs@$CONSTRUCTS" "cdk-nag@$NAG2" "cdk-nag-v3@npm:cdk-nag@$NAG3")
  for major in 2 3; do
    cell="aws-cdk-lib $cdk + cdk-nag $([ "$major" = 2 ] && echo "$NAG2" || echo "$NAG3")"
    set +e
    out=$(cd "$dir" && node nag-check.js "$major" app.js 2> "$dir/stderr-$major.txt"); code=$?
    set -e
    json=$(grep '^{' <<< "$out" | tail -1 || true)
    if [ "$code" -ne 0 ] || [ -z "$json" ]; then
      echo "FAILED cell: $cell (exit $code)" >&2
      grep -E 'gantry internal finding|deprecation warning|Error' "$dir/stderr-$major.txt" | head -40 >&2 || tail -20 "$dir/stderr-$major.txt" >&2
      failed+=("$cell")
    fi
    rows+=("$(node -e 'const r=JSON.parse(process.argv[1]||"{}"); console.log(`| ${process.argv[2]} | ${r.node??"-"} | ${r.gantryConstructs??"-"} | ${r.acknowledged??"-"} | ${r.gantryInternal??"-"} | ${r.consumerOwn??"-"} | ${(r.deprecations||[]).length} |`)' "$json" "$cell")")
  done
done

echo
echo "| cell | node | Gantry constructs | acknowledged | Gantry internal findings | consumer's own findings | deprecation warnings |"
echo "|---|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo "matrix took $((SECONDS - START)) s"
if [ "${#failed[@]}" -gt 0 ]; then
  printf 'compatibility matrix FAILED in: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "compatibility matrix passed: 4 cells, 0 findings from Gantry's internals, no deprecation warnings"
