#!/usr/bin/env bash
# The Debian packages the tests use, installed only when missing: a real registry (docker-registry), the tools that
# build and push images to it (umoci, skopeo), htpasswd (apache2-utils) for its Basic auth, openssl for certificates,
# and shellcheck. Runs as root or through sudo.
set -euo pipefail
need=()
for pair in docker-registry:docker-registry skopeo:skopeo umoci:umoci htpasswd:apache2-utils openssl:openssl shellcheck:shellcheck; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || need+=("${pair##*:}")
done
if [ ${#need[@]} -eq 0 ]; then echo "test tools present"; exit 0; fi
as_root=(); [ "$(id -u)" -eq 0 ] || as_root=(sudo)
echo "installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get install -y --no-install-recommends "${need[@]}" >/dev/null 2>&1 || {
  "${as_root[@]}" apt-get update >/dev/null
  "${as_root[@]}" apt-get install -y --no-install-recommends "${need[@]}" >/dev/null
}
