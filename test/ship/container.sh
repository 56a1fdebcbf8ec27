#!/usr/bin/env bash
# The repository's Dockerfile builds an image in which `seaworthy lint` runs: built for real with buildah (no daemon)
# from the npm tarball, on a Debian bookworm base made by mmdebstrap from Debian's packages and tagged as the
# debian:bookworm-slim the Dockerfile names; then `buildah from` + `buildah run --isolation chroot` lint a Dockerfile
# inside it. Installs buildah, mmdebstrap and crun when missing; the base's root file system is cached per month in
# ${SEAWORTHY_SHIP_CACHE:-~/.cache/seaworthy-ship} (mmdebstrap: about 80 s once), and so is buildah's storage.
# Uses SHIP_WORK/seaworthy-*.tgz when test/ship/npm-package.sh left one, else packs.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
say() { echo "== container: $*"; }
die() { echo "container: FAIL: $*" >&2; exit 1; }
SECONDS=0
as_root=(); [ "$(id -u)" -eq 0 ] || as_root=(sudo)

missing=()
for pkg in buildah mmdebstrap crun; do dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg"); done
if ((${#missing[@]})); then
  say "apt-get install ${missing[*]}"
  install() { DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
  install || { "${as_root[@]}" apt-get update -qq && install; }
fi

cache="${SEAWORTHY_SHIP_CACHE:-$HOME/.cache/seaworthy-ship}"
mkdir -p "$cache"
work=$(mktemp -d "${TMPDIR:-/tmp}/seaworthy-container-XXXXXX")
B=(buildah --root "$cache/storage" --runroot "$cache/run")
ctr=""
cleanup() {
  [ -z "$ctr" ] || "${B[@]}" rm "$ctr" >/dev/null 2>&1 || true
  "${B[@]}" rmi localhost/seaworthy:test >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# --- the base image: Debian bookworm from Debian's packages ---------------------------------------------------------
tar="$cache/debian-bookworm-minbase-$(dpkg --print-architecture)-$(date -u +%Y-%m).tar"
if [ ! -s "$tar" ]; then
  mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$mirror" ] || mirror=http://deb.debian.org/debian
  say "mmdebstrap bookworm from $mirror (about 80 s, once a month)"
  rm -f "$cache"/debian-bookworm-minbase-*.tar
  "${as_root[@]}" mmdebstrap --quiet --variant=minbase --mode=root --format=tar \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    bookworm "$tar.part" "$mirror"
  mv "$tar.part" "$tar"
fi
# overlay where the kernel mounts it, else vfs (copies each layer whole); the choice is kept with the storage
if [ ! -s "$cache/storage-driver" ]; then
  probe="$work/probe" && mkdir -p "$probe"/{l,u,w,m}
  if "${as_root[@]}" mount -t overlay overlay -o "lowerdir=$probe/l,upperdir=$probe/u,workdir=$probe/w" "$probe/m" 2>/dev/null; then
    "${as_root[@]}" umount "$probe/m"; echo overlay > "$cache/storage-driver"
  else echo vfs > "$cache/storage-driver"; fi
fi
B+=(--storage-driver "$(cat "$cache/storage-driver")")
if [ "$(cat "$cache/base-image" 2>/dev/null)" != "$(basename "$tar")" ] || ! "${B[@]}" inspect --type image localhost/debian:bookworm >/dev/null 2>&1; then
  say "importing $(basename "$tar") as localhost/debian:bookworm"
  mkdir "$work/base"
  ln "$tar" "$work/base/rootfs.tar" 2>/dev/null || cp "$tar" "$work/base/rootfs.tar"
  printf 'FROM scratch\nADD rootfs.tar /\nCMD ["bash"]\n' > "$work/base/Containerfile"
  "${B[@]}" bud --quiet --isolation chroot --pull-never -f "$work/base/Containerfile" -t localhost/debian:bookworm "$work/base" >/dev/null
  basename "$tar" > "$cache/base-image"
fi
# the name the Dockerfile uses resolves to it (with --pull-never)
"${B[@]}" tag localhost/debian:bookworm docker.io/library/debian:bookworm-slim
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
say "seaworthy $version on Node $node_version lints in the image (exit 1 on the sample, ShellCheck included)"
say "ok in ${SECONDS}s"
