#!/usr/bin/env bash
# The Debian packages the tests use, installed only when missing: a real registry (docker-registry), the tools that
# build and push images to it (umoci, skopeo; buildah for base images with Docker-format configs, built FROM scratch
# without a daemon), htpasswd (apache2-utils) for its Basic auth, openssl for certificates,
# shellcheck, and xmllint (libxml2-utils) that checks the JUnit report against its XSD. Runs as root or through sudo.
#
# Debian's docker-registry package ships a service that, once started, serves an unauthenticated registry on every
# interface (:5000). The tests start their own on 127.0.0.1 and stop it, so the package's service must never run:
# while installing, a policy-rc.d that answers 101 ("action forbidden") keeps dpkg from starting it, and afterwards
# the service is disabled (and stopped, should anything have started it), every time this script runs.
#
# Also: the SARIF multitool (Microsoft's SARIF validator, ~100 MB, npm) that the SARIF tests use, into a cache folder
# outside the project (${SEAWORTHY_TEST_CACHE:-~/.cache/seaworthy-test}); it is no dependency of the package.
set -euo pipefail
as_root=(); [ "$(id -u)" -eq 0 ] || as_root=(sudo)

need=()
for pair in docker-registry:docker-registry skopeo:skopeo umoci:umoci buildah:buildah htpasswd:apache2-utils openssl:openssl shellcheck:shellcheck xmllint:libxml2-utils; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || need+=("${pair##*:}")
done

if [ ${#need[@]} -eq 0 ]; then
  echo "test tools present"
else
  echo "installing ${need[*]}"
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    # removed again when the script ends, however it ends
    trap '"${as_root[@]}" rm -f "$policy"' EXIT
    printf '#!/bin/sh\n# seaworthy setup-test-deps.sh: no service starts while it installs packages\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null
    "${as_root[@]}" chmod 755 "$policy"
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get install -y --no-install-recommends "${need[@]}" >/dev/null 2>&1 || {
    "${as_root[@]}" apt-get update >/dev/null
    "${as_root[@]}" apt-get install -y --no-install-recommends "${need[@]}" >/dev/null
  }
fi

# the package's own service: disabled and stopped, whether this run installed it or an earlier one did
if [ -e /lib/systemd/system/docker-registry.service ] || [ -e /etc/init.d/docker-registry ]; then
  if [ -d /run/systemd/system ]; then
    "${as_root[@]}" systemctl disable --now docker-registry.service >/dev/null 2>&1 || true
  else
    # no systemd running: take away the links that would start it at boot, and stop a daemon the init script started
    if command -v systemctl >/dev/null 2>&1; then "${as_root[@]}" systemctl disable docker-registry.service >/dev/null 2>&1 || true; fi
    if command -v update-rc.d >/dev/null 2>&1; then "${as_root[@]}" update-rc.d docker-registry disable >/dev/null 2>&1 || true; fi
    if [ -s /var/run/docker-registry.pid ]; then "${as_root[@]}" /etc/init.d/docker-registry stop >/dev/null 2>&1 || true; fi
  fi
  state=$(systemctl is-enabled docker-registry.service 2>/dev/null || true)
  if [ "$state" = enabled ] || ls /etc/rc[2-5].d/S*docker-registry >/dev/null 2>&1; then
    echo "setup-test-deps: could not disable Debian's docker-registry service; disable it by hand (systemctl disable --now docker-registry)" >&2
    exit 1
  fi
  running=no
  if [ -d /run/systemd/system ] && systemctl is-active --quiet docker-registry.service; then running=yes; fi
  if [ -s /var/run/docker-registry.pid ] && kill -0 "$(cat /var/run/docker-registry.pid)" 2>/dev/null; then running=yes; fi
  if [ "$running" = yes ]; then
    echo "setup-test-deps: Debian's docker-registry service is still running; stop it (systemctl stop docker-registry)" >&2
    exit 1
  fi
  echo "docker-registry: the package's service is disabled and not running (the tests start their own registry on 127.0.0.1)"
fi

# --- SARIF multitool (npm), for the SARIF tests only ------------------------------------------------------------
MULTITOOL_VERSION=5.7.0
CACHE="${SEAWORTHY_TEST_CACHE:-$HOME/.cache/seaworthy-test}"
MT_DIR="$CACHE/sarif-multitool-$MULTITOOL_VERSION"
if [ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] && [ ! -f "$MT_DIR/.seaworthy-ready" ]; then
  echo "installing @microsoft/sarif-multitool-linux@$MULTITOOL_VERSION into $MT_DIR"
  rm -rf "$MT_DIR" && mkdir -p "$MT_DIR"
  (cd "$MT_DIR" && echo '{ "name": "seaworthy-test-sarif-multitool", "private": true }' > package.json &&
    npm install --ignore-scripts --no-audit --no-fund --loglevel=error --save-exact "@microsoft/sarif-multitool-linux@$MULTITOOL_VERSION" >/dev/null)
  chmod 755 "$MT_DIR/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
  echo "$MULTITOOL_VERSION" > "$MT_DIR/.seaworthy-ready"
fi
if [ -f "$MT_DIR/.seaworthy-ready" ]; then
  # the tests look here (test/cli.test.ts)
  ln -sfn "$MT_DIR/node_modules/@microsoft/sarif-multitool-linux" "$CACHE/sarif-multitool"
  echo "SARIF multitool: $CACHE/sarif-multitool"
fi
exit 0
