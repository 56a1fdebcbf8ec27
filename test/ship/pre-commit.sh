#!/usr/bin/env bash
# The pre-commit hook from a clone of this repository, as pre-commit's users run it: Debian's `pre-commit`,
# `pre-commit try-repo <this repository> seaworthy` in a project of their own, with the node and npm on PATH.
# Installs Debian's pre-commit when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
say() { echo "== pre-commit: $*"; }
die() { echo "pre-commit: FAIL: $*" >&2; exit 1; }
if ! command -v pre-commit >/dev/null 2>&1; then
  as_root=(); [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends pre-commit >/dev/null
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/seaworthy-pre-commit-XXXXXX")
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache" npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# a project of a user's: a Dockerfile with findings, two with information findings only under other names, and a
# file the hook must skip
project="$work/project"
mkdir -p "$project/api" && cd "$project"
git init -q
cp "$repo/examples/Dockerfile" Dockerfile
printf 'FROM debian:12\nUSER nobody\nCMD ["sleep", "1"]\n' > api/Containerfile
cp api/Containerfile build.Dockerfile
printf '# Dockerfile notes\n' > README.md
git add -A

# one run (each try-repo installs the hook afresh: npm install + npm pack, ~50 s): --all-files hands the hook every
# file that matches its pattern; pre-commit may split them over parallel runs, each printing its own summary line
set +e
out=$(pre-commit try-repo "$repo" seaworthy --all-files --verbose 2>&1)
status=$?
set -e
[ "$status" -eq 1 ] || die "the hook exited $status on a Dockerfile with findings (expected 1):
$out"
grep -q 'apt-missing-yes' <<<"$out" || die "the hook did not report apt-missing-yes:
$out"
linted=$(grep -oE '(in|✓) [0-9]+ files?' <<<"$out" | awk '{ n += $2 } END { print n }')
[ "$linted" = 3 ] || die "the hook linted $linted files, expected the 3 Dockerfiles (not README.md):
$out"
# (pre-commit took the node on PATH: where it would download one, from nodejs.org, the install fails on CI's network)
say "the hook lints the 3 Dockerfiles of the project (not README.md) and fails on the one with findings ($(grep -c '  [0-9]*:[0-9]' <<<"$out") findings)"
say "ok"
