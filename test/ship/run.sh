#!/usr/bin/env bash
# Every way of running Seaworthy outside this repository, each tested as a user would (called by .ci/run):
# the npm package, then what builds on it. Prints each test's wall time. Usage: bash test/ship/run.sh [NAME...]
set -euo pipefail
cd "$(dirname "$0")"
if [ -z "${SHIP_WORK:-}" ]; then
  SHIP_WORK=$(mktemp -d "${TMPDIR:-/tmp}/seaworthy-ship-XXXXXX")
  trap 'rm -rf "$SHIP_WORK"' EXIT
fi
export SHIP_WORK
all=(npm-package neovim vsix pre-commit github-action container)
names=("${@:-${all[@]}}")
times=()
for name in "${names[@]}"; do
  start=$SECONDS
  if [ -f "./$name.mjs" ]; then node "./$name.mjs"; else bash "./$name.sh"; fi
  times+=("$name $((SECONDS - start)) s")
done
echo "== ship tests passed, wall time: $(printf '%s, ' "${times[@]}" | sed 's/, $//') (total $SECONDS s)"
