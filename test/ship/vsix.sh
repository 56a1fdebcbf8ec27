#!/usr/bin/env bash
# The .vsix as the Marketplace and Open VSX take it: `vsce package` prints no warning (no --allow-missing-repository),
# the manifest carries icon, repository, issues, Q&A, homepage and gallery banner, the README's images point at the
# repository over https (they stay out of the package), and only the bundles and their data are inside.
set -euo pipefail
cd "$(dirname "$0")/../.."
say() { echo "== vsix: $*"; }
die() { echo "vsix: FAIL: $*" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/seaworthy-vsix-XXXXXX")
trap 'rm -rf "$work"' EXIT
node scripts/build.mjs --production
out=$(node scripts/package-vsix.mjs --out "$work/seaworthy.vsix" 2>&1) || die "vsce package failed: $out"
! grep -iE 'warn|error' <<<"$out" || die "vsce package warned (above)"
manifest=$(unzip -p "$work/seaworthy.vsix" extension.vsixmanifest)
for want in '<Icon>extension/images/icon.png</Icon>' 'Links.Source" Value="https://github.com/seaworthy-dev/seaworthy.git"' \
  'Links.Support" Value="https://github.com/seaworthy-dev/seaworthy/issues"' 'CustomerQnALink" Value="https://github.com/seaworthy-dev/seaworthy/discussions"' \
  'Links.Learn" Value="https://github.com/seaworthy-dev/seaworthy#readme"' 'Branding.Color" Value="#0b3954"'; do
  grep -qF "$want" <<<"$manifest" || die "the manifest lacks $want"
done
listing=$(unzip -Z1 "$work/seaworthy.vsix")
grep -qx 'extension/changelog.md' <<<"$listing" || die "no CHANGELOG in the package"
! grep -E '\.map$|screenshots|^extension/(test|server|client|shared|scripts|node_modules)/' <<<"$listing" || die "the package carries sources, maps or screenshots (above)"
readme=$(unzip -p "$work/seaworthy.vsix" extension/readme.md)
images=$(grep -oE '!\[[^]]*\]\([^)]*\)' <<<"$readme" || true)
[ -n "$images" ] || die "the README shows no screenshot"
! grep -vE '\]\(https://github\.com/seaworthy-dev/seaworthy/raw/HEAD/images/screenshots/[a-z-]+\.png\)' <<<"$images" || die "a README image does not point at the repository over https (above)"
for img in $(grep -oE 'images/screenshots/[a-z-]+\.png' <<<"$images"); do [ -f "$img" ] || die "$img is not in the repository"; done
say "$(wc -l <<<"$listing") files, $(( $(stat -c %s "$work/seaworthy.vsix") / 1024 )) KB; no warning; $(wc -l <<<"$images") screenshots linked"
say "ok"
