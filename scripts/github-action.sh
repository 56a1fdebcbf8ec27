#!/usr/bin/env bash
# The GitHub Action's one step (action.yml): install Seaworthy from the action's checkout into $RUNNER_TEMP once per
# job, then lint. Inputs arrive as INPUT_* variables (action.yml maps them), the rest as a runner sets it:
# GITHUB_ACTION_PATH, GITHUB_WORKSPACE, GITHUB_OUTPUT, RUNNER_TEMP. Exit status: seaworthy lint's (1: findings at
# the failure threshold, 2: bad input); the SARIF file is written either way.
set -euo pipefail
: "${GITHUB_ACTION_PATH:?}" "${GITHUB_WORKSPACE:?}" "${GITHUB_OUTPUT:?}" "${RUNNER_TEMP:?}"
fail() { echo "::error title=Seaworthy::$*"; exit 2; }

prefix="$RUNNER_TEMP/seaworthy"
seaworthy="$prefix/bin/seaworthy"
if [ ! -x "$seaworthy" ]; then
  echo "::group::Install Seaworthy from $GITHUB_ACTION_PATH"
  export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
  # npm ci brings the build's tools, npm pack builds (prepare) and packs; the tarball has no dependencies
  (cd "$GITHUB_ACTION_PATH" && npm ci --ignore-scripts --loglevel=error && npm pack --silent --pack-destination "$RUNNER_TEMP" >/dev/null)
  npm install -g --prefix "$prefix" --loglevel=error "$RUNNER_TEMP"/seaworthy-*.tgz
  echo "::endgroup::"
fi
echo "seaworthy $("$seaworthy" --version)"

cd "$GITHUB_WORKSPACE"
# paths: split on spaces and new lines, never glob-expanded
read -r -d '' -a paths <<<"${INPUT_PATHS:-.}" || true
[ ${#paths[@]} -gt 0 ] || paths=(.)
args=()
[ -z "${INPUT_CONFIG:-}" ] || args+=(--config "$INPUT_CONFIG")
[ -z "${INPUT_FAILURE_THRESHOLD:-}" ] || args+=(--failure-threshold "$INPUT_FAILURE_THRESHOLD")
[ -z "${INPUT_BASELINE:-}" ] || args+=(--baseline "$INPUT_BASELINE")

status=0
case "${INPUT_FORMAT:-sarif}" in
  sarif)
    sarif="${INPUT_SARIF_FILE:-seaworthy.sarif}"
    mkdir -p "$(dirname "$sarif")"
    "$seaworthy" lint "${args[@]}" --format sarif "${paths[@]}" > "$sarif" || status=$?
    # no sarif-file output when seaworthy could not lint (exit 2): there is nothing to upload
    [ "$status" -eq 2 ] || printf 'sarif-file=%s\nfindings=%s\n' "$sarif" "$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).runs[0].results.length)' "$sarif")" >> "$GITHUB_OUTPUT"
    # the same findings, readable in the job's log
    NO_COLOR=1 "$seaworthy" lint "${args[@]}" --failure-threshold none "${paths[@]}" 2>/dev/null || true
    ;;
  github)
    out="$RUNNER_TEMP/seaworthy-annotations.txt"
    "$seaworthy" lint "${args[@]}" --format github "${paths[@]}" > "$out" || status=$?
    cat "$out"
    [ "$status" -eq 2 ] || echo "findings=$(grep -c '^::' "$out" || true)" >> "$GITHUB_OUTPUT"
    ;;
  *) fail "format must be sarif or github, not '${INPUT_FORMAT}'" ;;
esac
exit "$status"
