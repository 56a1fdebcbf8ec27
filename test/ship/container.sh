#!/usr/bin/env bash
# The repository's Dockerfile builds an image in which `seaworthy lint` runs: built for real with buildah (no daemon)
# from the npm tarball, on a Debian trixie base made by mmdebstrap from Debian's packages and tagged as the
# debian:trixie-slim the Dockerfile names; then `buildah from` + `buildah run --isolation chroot` lint a Dockerfile
# inside it. The base and buildah's storage are the build proof's (scripts/setup-build.sh, cached per month).
# Uses SHIP_WORK/seaworthy-*.tgz when test/ship/npm-package.sh left one, else packs.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
say() { echo "== container: $*"; }
die() { echo "container: FAIL: $*" >&2; exit 1; }
SECONDS=0
# the build proof's set-up: Debian's buildah and its image storage, plus a trixie base from Debian's packages (cached
# per month), tagged debian:trixie-slim among others
bash scripts/setup-build.sh --suite trixie
cache="${SEAWORTHY_BUILD_CACHE:-$HOME/.cache/seaworthy-build}"
work=$(mktemp -d "${TMPDIR:-/tmp}/seaworthy-container-XXXXXX")
B=(buildah --root "$cache/storage" --runroot "$cache/run" --storage-driver "$(cat "$cache/storage-driver")")
ctr=""
cleanup() {
  [ -z "$ctr" ] || "${B[@]}" rm "$ctr" >/dev/null 2>&1 || true
  "${B[@]}" rmi localhost/seaworthy:test >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
say "base ready after ${SECONDS}s"

# --- the image, from the repository's Dockerfile and .dockerignore, and the npm tarball ------------------------------
ctx="$work/context"
mkdir "$ctx"
tarball=$(ls "${SHIP_WORK:-/nonexistent}"/seaworthy-*.tgz 2>/dev/null | head -1 || true)
if [ -z "$tarball" ]; then
  npm pack --silent --pack-destination "$work" >/dev/null
  tarball=$(ls "$work"/seaworthy-*.tgz)
fi
cp "$root/Dockerfile" "$root/.dockerignore" "$tarball" "$ctx/"
# what a user's context also holds, which .dockerignore must keep out of the build
mkdir "$ctx/node_modules" && echo secret > "$ctx/.env"
start=$SECONDS
"${B[@]}" bud --quiet --isolation chroot --pull-never --format docker -t localhost/seaworthy:test "$ctx" >/dev/null || die "buildah bud failed"
size=$("${B[@]}" images --format '{{.Size}}' localhost/seaworthy:test)
say "built localhost/seaworthy:test in $((SECONDS - start))s, $size"

config=$("${B[@]}" inspect --type image --format '{{.Docker.Config.User}} {{.Docker.Config.WorkingDir}} {{.Docker.Config.Entrypoint}} {{.Docker.Config.Cmd}}' localhost/seaworthy:test)
[ "$config" = "nobody /src [seaworthy] [lint .]" ] || die "unexpected image config: $config"

# --- seaworthy lint inside it --------------------------------------------------------------------------------------
ctr=$("${B[@]}" from --pull-never localhost/seaworthy:test)
"${B[@]}" copy "$ctr" "$root/examples/Dockerfile" /src/Dockerfile >/dev/null
in_image() { "${B[@]}" run --isolation chroot --user nobody --workingdir /src "$ctr" -- "$@"; }
in_image test ! -e /opt/seaworthy/node_modules || die "the image carries node_modules"
in_image sh -c 'test ! -e /src/.env && test ! -e /opt/.env' || die ".dockerignore let .env into the image"
version=$(in_image seaworthy --version)
[ "$version" = "$(node -p "require('$root/package.json').version")" ] || die "seaworthy --version in the image printed '$version'"
set +e
out=$(in_image seaworthy lint . 2>/dev/null)
status=$?
set -e
[ "$status" -eq 1 ] || die "seaworthy lint in the image exited $status (expected 1 on the README's sample): $out"
grep -q 'apt-missing-yes' <<<"$out" || die "no apt-missing-yes in: $out"
# ShellCheck is in the image: a RUN script with an unquoted variable gets its SC2086
printf 'FROM debian:12\nARG DIR\nRUN mkdir $DIR\n' > "$work/Sc.Dockerfile"
"${B[@]}" copy "$ctr" "$work/Sc.Dockerfile" /src/Sc.Dockerfile >/dev/null
out=$(in_image seaworthy lint --format json Sc.Dockerfile 2>/dev/null) || true
grep -q 'shellcheck/SC2086' <<<"$out" || die "ShellCheck did not run in the image: $out"
node_version=$(in_image node --version)
# the image's Node satisfies what package.json's engines asks for (">=20": the major version)
need=$(node -p "require('$root/package.json').engines.node.replace(/^>=\\s*/, '').split('.')[0]")
major=${node_version#v}; major=${major%%.*}
[ "$major" -ge "$need" ] || die "the image runs Node $node_version; package.json's engines asks for >=$need"
say "seaworthy $version on Node $node_version lints in the image (exit 1 on the sample, ShellCheck included)"
say "ok in ${SECONDS}s"
