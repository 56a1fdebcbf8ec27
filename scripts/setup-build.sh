#!/usr/bin/env bash
# Sets up real image builds for the build proof (npm run test:build), once per machine and idempotently:
#   - Debian packages: buildah (builds Dockerfiles without a daemon), mmdebstrap (makes the base image from Debian's
#     own packages), crun (buildah's runtime), apt-cacher-ng (serves apt lists and packages to the builds from a cache;
#     the proof starts it on loopback for its run and stops it at the end: it is never left running or enabled),
#     shellcheck (the CLI offers ShellCheck's fixes, and they are proven too)
#   - a Debian bookworm minbase root file system, cached as a tar in $CACHE keyed by suite, variant, architecture and
#     month, imported into the proof's own image storage as localhost/debian:bookworm and tagged with the names the
#     scenarios use (docker.io/library/debian:12-slim, debian:bookworm …)
#   - a stand-in for node:18-bookworm-slim (the official image is Debian bookworm with Node 18 and a user node): that
#     base plus Debian's own nodejs 18 and npm and the same user, so Node scenarios build FROM a node image (rules such
#     as node-env-production look for one)
#   - with `--suite trixie` (test/ship/container.sh: the shipped image's base), that Debian release too, made and cached
#     the same way and tagged debian:trixie, debian:trixie-slim, debian:13, debian:13-slim
# Only Debian's registry is used. A second run takes a second or two.
set -euo pipefail

EXTRA_SUITES=()
while (($#)); do
  case "$1" in
    --suite) [ -n "${2:-}" ] || { echo "setup-build: --suite needs a Debian release name (e.g. trixie)" >&2; exit 2; }
             [ "$2" = trixie ] || { echo "setup-build: --suite $2: only trixie is known besides bookworm" >&2; exit 2; }
             EXTRA_SUITES+=("$2"); shift 2 ;;
    *) echo "setup-build: unknown argument '$1' (known: --suite NAME)" >&2; exit 2 ;;
  esac
done

CACHE="${SEAWORTHY_BUILD_CACHE:-$HOME/.cache/seaworthy-build}"
VARIANT=minbase
ARCH="$(dpkg --print-architecture)"
# RECIPE names the options below: a change of them must not reuse a tar made without
RECIPE=slim1
export DEBIAN_FRONTEND=noninteractive

log() { echo "== setup-build: $*"; }
SECONDS=0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

# --- Debian packages, only the missing ones --------------------------------------------------------------------------
missing=()
for pkg in buildah mmdebstrap crun apt-cacher-ng shellcheck; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  # apt-cacher-ng's package starts its service and enables it at boot: for the install's duration a policy-rc.d that
  # refuses every start keeps it from starting (one the machine has is put back afterwards); the boot links are undone below
  saved=""
  if [ -e /usr/sbin/policy-rc.d ]; then saved="$(mktemp)"; $SUDO cp -p /usr/sbin/policy-rc.d "$saved"; fi
  printf '#!/bin/sh\n# seaworthy setup-build: no service starts while packages install\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod 755 /usr/sbin/policy-rc.d
  echo 'apt-cacher-ng apt-cacher-ng/tunnelenable boolean false' | $SUDO debconf-set-selections
  install() { $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
  status=0
  install || { $SUDO apt-get update -qq && install; } || status=$?
  if [ -n "$saved" ]; then $SUDO cp -p "$saved" /usr/sbin/policy-rc.d && rm -f "$saved"; else $SUDO rm -f /usr/sbin/policy-rc.d; fi
  [ "$status" -eq 0 ] || { echo "setup-build: apt-get install ${missing[*]} failed" >&2; exit "$status"; }
  log "services were kept from starting during the install (policy-rc.d), so apt-cacher-ng's did not start"
fi
# apt-cacher-ng as a service: not enabled at boot, not running (the proof runs its own on loopback for its run only)
if [ -e /etc/init.d/apt-cacher-ng ] && ls /etc/rc[2-5].d/S*apt-cacher-ng >/dev/null 2>&1; then
  $SUDO update-rc.d apt-cacher-ng disable >/dev/null 2>&1 || true
  log "apt-cacher-ng's boot start (SysV links) disabled"
fi
if ls /etc/systemd/system/*.wants/apt-cacher-ng.service >/dev/null 2>&1; then
  $SUDO systemctl disable apt-cacher-ng.service >/dev/null 2>&1 || $SUDO rm -f /etc/systemd/system/*.wants/apt-cacher-ng.service
  log "apt-cacher-ng.service disabled (it was enabled at boot)"
fi
if [ -s /run/apt-cacher-ng/pid ] && kill -0 "$(cat /run/apt-cacher-ng/pid)" 2>/dev/null; then
  pid="$(cat /run/apt-cacher-ng/pid)"
  if [ "$(cat /proc/"$pid"/comm 2>/dev/null)" = apt-cacher-ng ]; then
    $SUDO kill "$pid" && log "stopped the apt-cacher-ng service its package started (pid $pid)"
  fi
fi

mkdir -p "$CACHE"
# --- the proof's own image storage -----------------------------------------------------------------------------------
# overlay where the kernel mounts it (a build step costs a fraction of a second), else vfs, which copies every layer
# whole (measured here: 27 s instead of 10 s for an apt-get install build). The choice is kept in $CACHE/storage-driver.
if [ ! -s "$CACHE/storage-driver" ]; then
  probe="$work/overlay"
  mkdir -p "$probe"/{lower,upper,work,merged}
  driver=vfs
  if $SUDO mount -t overlay overlay -o "lowerdir=$probe/lower,upperdir=$probe/upper,workdir=$probe/work" "$probe/merged" 2>/dev/null; then
    $SUDO umount "$probe/merged"
    driver=overlay
  fi
  echo "$driver" > "$CACHE/storage-driver"
fi
B=(buildah --root "$CACHE/storage" --runroot "$CACHE/run" --storage-driver "$(cat "$CACHE/storage-driver")")

# --- a Debian release as a base image: SUITE, its version number; sets BASE, KEY and stamp ---------------------------
make_base() {
  SUITE=$1
  local number=$2
  KEY="debian-$SUITE-$VARIANT-$RECIPE-$ARCH-$(date -u +%Y-%m)"
  TAR="$CACHE/$KEY.tar"
  BASE=localhost/debian:$SUITE
  # every name a scenario may write for the same Debian release
  ALIASES=("docker.io/library/debian:$SUITE" "docker.io/library/debian:$SUITE-slim" "docker.io/library/debian:$number" "docker.io/library/debian:$number-slim")
  stamp="$CACHE/base-image"; [ "$SUITE" = bookworm ] || stamp="$CACHE/base-image-$SUITE"
  # --- the base image's root file system, cached ------------------------------------------------------------------------
  if [ ! -s "$TAR" ]; then
    mirror="$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
    [ -n "$mirror" ] || mirror="$(awk '$1=="deb"{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)"
    [ -n "$mirror" ] || mirror=http://deb.debian.org/debian
    log "mmdebstrap --variant=$VARIANT $SUITE from $mirror (about 80 s)"
    rm -f "$CACHE"/debian-"$SUITE"-*.tar "$TAR.part"
    # configured as Debian's official slim images are (their apt and dpkg settings, stated here): no translations, no
    # package cache files, gzipped lists, dpkg without fsync, and no docs, man pages or locales unpacked
    slim=(
      --aptopt='Acquire::Languages "none"' --aptopt='Acquire::GzipIndexes "true"'
      --aptopt='Dir::Cache::pkgcache ""' --aptopt='Dir::Cache::srcpkgcache ""'
      --aptopt='Apt::AutoRemove::SuggestsImportant "false"'
      --dpkgopt=force-unsafe-io
      --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright'
      --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*'
      --dpkgopt='path-exclude=/usr/share/groff/*' --dpkgopt='path-exclude=/usr/share/lintian/*'
      --dpkgopt='path-exclude=/usr/share/linda/*' --dpkgopt='path-exclude=/usr/share/locale/*'
    )
    $SUDO mmdebstrap --quiet --variant="$VARIANT" --mode=root --format=tar "${slim[@]}" "$SUITE" "$TAR.part" "$mirror"
    mv "$TAR.part" "$TAR"
  fi

  # --- the base image ---------------------------------------------------------------------------------------------------
  # The host's site-local CA certificates (/usr/local/share/ca-certificates: a company's, or a TLS-intercepting egress
  # proxy's) go where Debian's ca-certificates picks them up, so an image that installs it trusts what the host trusts
  # (npm inside a build reaches the npm registry through such a proxy). On a machine without any, nothing is added.
  LOCAL_CA=/usr/local/share/ca-certificates
  ca_key="$(find "$LOCAL_CA" -name '*.crt' -type f 2>/dev/null | sort | xargs -r cat | sha256sum | cut -c1-12)"
  # $CACHE/base-image names the tar key, those certificates and the image id it was imported as; anything else: import again
  id="$("${B[@]}" inspect --type image --format '{{.FromImageID}}' "$BASE" 2>/dev/null || true)"
  if [ ! -s "$stamp" ] || [ -z "$id" ] || [ "$(cat "$stamp")" != "$KEY $ca_key $id" ]; then
    log "importing $KEY as $BASE"
    "${B[@]}" rmi --force "$BASE" "${ALIASES[@]}" >/dev/null 2>&1 || true
    ctx="$work/base-$SUITE" && mkdir -p "$ctx/local-ca"
    ln "$TAR" "$ctx/rootfs.tar" 2>/dev/null || cp "$TAR" "$ctx/rootfs.tar"
    find "$LOCAL_CA" -name '*.crt' -type f -exec cp {} "$ctx/local-ca/" \; 2>/dev/null || true
    printf 'FROM scratch\nADD rootfs.tar /\nCOPY local-ca/ %s/\nCMD ["bash"]\n' "$LOCAL_CA" > "$ctx/Containerfile"
    "${B[@]}" bud --quiet --isolation chroot --pull-never --format docker -f "$ctx/Containerfile" -t "$BASE" "$ctx" >/dev/null
    echo "$KEY $ca_key $("${B[@]}" inspect --type image --format '{{.FromImageID}}' "$BASE")" > "$stamp"
  fi
  for name in "${ALIASES[@]}"; do "${B[@]}" tag "$BASE" "$name"; done
}

# the build proof's base
make_base bookworm 12

# --- Debian's docker-registry: scenarios with a base image of their own (scenario.json "base") are linted with
# --network against it on loopback; setup-test-deps.sh installs it with its service disabled and not running
if ! command -v docker-registry >/dev/null 2>&1; then
  log "installing docker-registry (scripts/setup-test-deps.sh)"
  bash "$(dirname "$0")/setup-test-deps.sh" >/dev/null
fi

# --- the node stand-in, built on that base --------------------------------------------------------------------------------
NODE=localhost/node:18-bookworm-slim
node_stamp="$CACHE/node-image"
base_id="$(cut -d' ' -f3 "$stamp")"
node_id="$("${B[@]}" inspect --type image --format '{{.FromImageID}}' "$NODE" 2>/dev/null || true)"
# as the official image: Node from packages, and a user node (1000:1000) with a home
node_run='apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/* && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
node_key="$(echo "$node_run" | sha256sum | cut -c1-12)"
if [ ! -s "$node_stamp" ] || [ -z "$node_id" ] || [ "$(cat "$node_stamp")" != "$base_id $node_key $node_id" ]; then
  log "building $NODE from $BASE with Debian's nodejs and npm (about a minute)"
  ctx="$work/node" && mkdir "$ctx"
  printf 'FROM %s\nRUN %s\nCMD ["node"]\n' "$BASE" "$node_run" > "$ctx/Containerfile"
  "${B[@]}" bud --quiet --isolation chroot --pull-never --format docker -f "$ctx/Containerfile" -t "$NODE" "$ctx" >/dev/null
  echo "$base_id $node_key $("${B[@]}" inspect --type image --format '{{.FromImageID}}' "$NODE")" > "$node_stamp"
fi
"${B[@]}" tag "$NODE" docker.io/library/node:18-bookworm-slim
log "ready in ${SECONDS}s: $BASE ($KEY, ${B[6]} storage in $CACHE/storage), also tagged ${ALIASES[*]}; $NODE"

# --- other Debian releases, when asked (their version number for the debian:NN tags) -------------------------------------
for extra in "${EXTRA_SUITES[@]}"; do
  case "$extra" in
    trixie) make_base trixie 13 ;;
  esac
  log "also $BASE ($KEY), tagged ${ALIASES[*]}"
done
