#!/usr/bin/env bash
# The npm package as a user gets it: `npm pack`, the tarball installed into an empty prefix (`npm i -g --prefix`),
# then both bins run from there: `seaworthy lint` on a file, `seaworthy-language-server --stdio` through initialize
# and diagnostics. Prints the tarball's and the installed package's sizes.
# SHIP_WORK=DIR keeps the tarball (DIR/seaworthy-*.tgz) and the prefix (DIR/prefix) for the other ship tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
work=${SHIP_WORK:-$(mktemp -d)}
mkdir -p "$work"
say() { echo "== npm-package: $*"; }
die() { echo "npm-package: FAIL: $*" >&2; exit 1; }
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# npm pack runs `prepare`: a production build into dist/
rm -f "$work"/seaworthy-*.tgz
name=$(npm pack --silent --pack-destination "$work" | tail -1)
tarball="$work/$name"
[ -f "$tarball" ] || die "npm pack wrote no tarball"
listing=$(tar -tzf "$tarball")
for f in package/dist/cli.js package/dist/server.js package/dist/client.js package/dist/tree-sitter.wasm package/dist/tree-sitter-bash.wasm package/dist/tree-sitter-hcl.wasm package/README.md package/LICENSE package/CHANGELOG.md package/docs/rules/apt-missing-yes.md; do
  grep -qx "$f" <<<"$listing" || die "$f is not in the tarball"
done
! grep -E '\.map$|^package/(test|server|client|shared|scripts|node_modules)/|^package/dist/meta\.json$' <<<"$listing" || die "the tarball carries sources, tests or source maps (above)"
deps=$(tar -xzOf "$tarball" package/package.json | node -e 'const p = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log(Object.keys({ ...p.dependencies, ...p.optionalDependencies, ...p.peerDependencies }).join(" "))')
[ -z "$deps" ] || die "the package declares runtime dependencies: $deps"

prefix="$work/prefix"
rm -rf "$prefix" && mkdir -p "$prefix"
npm install -g --prefix "$prefix" --loglevel=error "$tarball" >/dev/null
pkg="$prefix/lib/node_modules/seaworthy"
[ ! -e "$pkg/node_modules" ] || die "installing pulled in dependencies: $(ls "$pkg/node_modules")"
[ "$(ls "$prefix/lib/node_modules")" = seaworthy ] || die "the prefix holds more than seaworthy: $(ls "$prefix/lib/node_modules")"
for bin in seaworthy seaworthy-language-server; do [ -x "$prefix/bin/$bin" ] || die "bin $bin is missing or not executable"; done
tar_kb=$(( $(stat -c %s "$tarball") / 1024 ))
inst_kb=$(du -sk "$pkg" | cut -f1)
say "tarball $name: ${tar_kb} KB, $(wc -l <<<"$listing") files; installed: ${inst_kb} KB"

# the CLI, run from an unrelated folder as a user would
cd "$work"
version=$("$prefix/bin/seaworthy" --version)
[ "$version" = "$(node -p "require('$root/package.json').version")" ] || die "seaworthy --version printed '$version'"
cp "$root/examples/Dockerfile" "$work/Dockerfile"
set +e
out=$("$prefix/bin/seaworthy" lint --no-shellcheck Dockerfile)
status=$?
set -e
[ "$status" -eq 1 ] || die "seaworthy lint on the README's sample exited $status (expected 1): $out"
grep -q 'apt-missing-yes' <<<"$out" || die "seaworthy lint did not report apt-missing-yes: $out"
printf 'FROM debian:12\nUSER nobody\nCMD ["sleep", "1"]\n' > "$work/Clean.Dockerfile"
"$prefix/bin/seaworthy" lint --no-shellcheck Clean.Dockerfile >/dev/null || die "seaworthy lint failed a file with information findings only"
say "seaworthy $version: lint exits 1 on the sample ($(grep -c '  [0-9]*:[0-9]' <<<"$out") findings), 0 on a clean file"

# the language server over stdio, as Neovim, Helix or Zed start it
node "$root/test/ship/lsp-stdio.mjs" "$work/Dockerfile" apt-missing-yes "$prefix/bin/seaworthy-language-server" --stdio
set +e
usage=$("$prefix/bin/seaworthy-language-server" 2>&1)
status=$?
set -e
[ "$status" -eq 2 ] && grep -q -- '--stdio' <<<"$usage" || die "seaworthy-language-server without --stdio exited $status: $usage"

# a git install (npm install git+…, what npx github:seaworthy-dev/seaworthy does): npm clones, installs the dev
# dependencies, runs prepare (the build), packs and installs; this repository's HEAD commit
gitproj="$work/git-install"
rm -rf "$gitproj" && mkdir -p "$gitproj" && echo '{ "private": true }' > "$gitproj/package.json"
(cd "$gitproj" && npm install --loglevel=error "git+file://$root#$(git -C "$root" rev-parse HEAD)" >/dev/null 2>&1) || die "npm install git+file://$root failed"
[ -f "$gitproj/node_modules/seaworthy/dist/cli.js" ] || die "the git install has no dist/cli.js"
"$gitproj/node_modules/.bin/seaworthy" lint --no-shellcheck Clean.Dockerfile >/dev/null || die "the git install's seaworthy failed"
say "a git install builds dist/ and runs"
say "ok"
