#!/usr/bin/env bash
# Installs what the code-server e2e runner (test/e2e/code-server/run.mjs) needs, idempotently:
#   - Debian packages: chromium (the browser playwright drives), libkrb5-dev (to build code-server's kerberos module),
#     ripgrep (replaces the ripgrep code-server's postinstall would download from GitHub)
#   - code-server@4.100.3 (Code 1.100.3, the last release on Node 20), installed with scripts off, natives rebuilt
#   - playwright-core (never `playwright install`: we drive Debian's /usr/bin/chromium)
# Everything npm installs lands in ${SEAWORTHY_E2E_CACHE:-$HOME/.cache/seaworthy-e2e}; a second run takes seconds.
# Only the npm and Debian registries are used; nothing downloads a browser or a binary.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_CORE_VERSION=1.65.1
CACHE="${SEAWORTHY_E2E_CACHE:-$HOME/.cache/seaworthy-e2e}"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
PW_DIR="$CACHE/playwright-core-$PLAYWRIGHT_CORE_VERSION"
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false npm_config_loglevel=error
# the rebuilds below need their scripts, whatever npm_config_ignore_scripts the caller set
# (installs still pass --ignore-scripts themselves)
export npm_config_ignore_scripts=false

log() { echo "== e2e-setup: $*"; }
SECONDS=0

# --- Debian packages, only the missing ones ---------------------------------------------------------------------
missing=()
for pkg in chromium libkrb5-dev ripgrep; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  log "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[ -x /usr/bin/chromium ] || { echo "e2e-setup: /usr/bin/chromium is missing after install" >&2; exit 1; }
[ -x /usr/bin/rg ] || { echo "e2e-setup: /usr/bin/rg is missing after install" >&2; exit 1; }

# --- code-server ------------------------------------------------------------------------------------------------
CS_STAMP="$CS_DIR/.seaworthy-ready"
if [ ! -f "$CS_STAMP" ]; then
  log "installing code-server@$CODE_SERVER_VERSION into $CS_DIR (about 2 minutes)"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  cd "$CS_DIR"
  echo '{ "name": "seaworthy-e2e-code-server", "private": true }' > package.json
  # its postinstall downloads ripgrep from GitHub: scripts off, then build the native modules here
  npm install --ignore-scripts --save-exact "code-server@$CODE_SERVER_VERSION"
  npm rebuild argon2
  cd node_modules/code-server/lib/vscode
  npm install --omit=dev --ignore-scripts
  npm_config_yes=true npm rebuild @parcel/watcher @vscode/spdlog node-pty kerberos native-watchdog @vscode/deviceid
  mkdir -p node_modules/@vscode/ripgrep/bin && ln -sf /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
  ln -sfn node_modules node_modules.asar
  cd extensions && npm install --omit=dev --ignore-scripts
  # smoke test: the entry point answers --version
  node "$CS_DIR/node_modules/code-server/out/node/entry.js" --version >/dev/null
  echo "$CODE_SERVER_VERSION" > "$CS_STAMP"
fi

# --- playwright-core --------------------------------------------------------------------------------------------
PW_STAMP="$PW_DIR/.seaworthy-ready"
if [ ! -f "$PW_STAMP" ]; then
  log "installing playwright-core@$PLAYWRIGHT_CORE_VERSION into $PW_DIR"
  rm -rf "$PW_DIR" && mkdir -p "$PW_DIR"
  cd "$PW_DIR"
  echo '{ "name": "seaworthy-e2e-playwright", "private": true }' > package.json
  # playwright-core has no install script that fetches browsers; --ignore-scripts makes sure of it
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --ignore-scripts --save-exact "playwright-core@$PLAYWRIGHT_CORE_VERSION"
  echo "$PLAYWRIGHT_CORE_VERSION" > "$PW_STAMP"
fi

log "ready in ${SECONDS}s: code-server $CS_DIR, playwright-core $PW_DIR, chromium $(/usr/bin/chromium --version 2>/dev/null | head -1)"
