#!/usr/bin/env bash
# The README's Neovim configuration, as it stands in the README, in Debian's Neovim run headless: it opens a
# Dockerfile, the language server of the installed npm package (SHIP_WORK/prefix, left by npm-package.sh) starts,
# and its diagnostics reach Neovim. Installs Debian's neovim when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
say() { echo "== neovim: $*"; }
die() { echo "neovim: FAIL: $*" >&2; exit 1; }
prefix="${SHIP_WORK:?run test/ship/run.sh, or set SHIP_WORK to where npm-package.sh left its prefix}/prefix"
[ -x "$prefix/bin/seaworthy-language-server" ] || die "no installed seaworthy-language-server in $prefix (run npm-package.sh first)"
if ! command -v nvim >/dev/null 2>&1; then
  as_root=(); [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends neovim >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/seaworthy-neovim-XXXXXX")
trap 'rm -rf "$work"' EXIT
# the block after the README's marker, its list indentation removed
awk '/<!-- neovim-config/ { on = 1; next } on && /```lua/ { inside = 1; next } inside && /```/ { exit } inside { sub(/^  /, ""); print }' "$root/README.md" > "$work/init.lua"
grep -q "seaworthy-language-server" "$work/init.lua" || die "no Neovim configuration found in README.md"
# what the test adds: wait for Seaworthy's diagnostics on the buffer, write them down, quit
cat >> "$work/init.lua" <<'EOF'

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local found = vim.wait(20000, function()
      for _, d in ipairs(vim.diagnostic.get(0)) do
        local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
        if code == 'apt-missing-yes' then return true end
      end
      return false
    end, 50)
    local lines = { 'filetype=' .. vim.bo.filetype, 'found=' .. tostring(found) }
    for _, client in pairs(vim.lsp.get_active_clients()) do table.insert(lines, 'client=' .. client.name) end
    for _, d in ipairs(vim.diagnostic.get(0)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      table.insert(lines, string.format('diagnostic=%d:%d %s %s %s', d.lnum + 1, d.col + 1, tostring(d.source), tostring(code), d.message))
    end
    vim.fn.writefile(lines, os.getenv('NVIM_RESULT'))
    vim.cmd('qa!')
  end,
})
EOF
mkdir -p "$work/project"
cp "$root/examples/Dockerfile" "$work/project/Dockerfile"
cd "$work/project"
start=$(date +%s%N)
# a user's environment with nothing of their own: the config above, the package's bins on PATH
env -i HOME="$work" PATH="$prefix/bin:/usr/local/bin:/usr/bin:/bin" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
  XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache" NVIM_RESULT="$work/result.txt" \
  timeout 60 nvim --headless -i NONE -u "$work/init.lua" Dockerfile >"$work/nvim.log" 2>&1 || die "nvim exited $? ($(cat "$work/nvim.log"))"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ -f "$work/result.txt" ] || die "Neovim wrote no result ($(cat "$work/nvim.log"))"
result=$(cat "$work/result.txt")
grep -qx 'filetype=dockerfile' <<<"$result" || die "the file was not of filetype dockerfile: $result"
grep -qx 'client=seaworthy' <<<"$result" || die "no seaworthy client attached: $result"
grep -qx 'found=true' <<<"$result" || die "no apt-missing-yes diagnostic within 20 s: $result"
grep -q '^diagnostic=4:23 seaworthy apt-missing-yes ' <<<"$result" || die "the diagnostic is not where the CLI puts it: $result"
say "$(nvim --version | head -1): $(grep -c '^diagnostic=' <<<"$result") diagnostics from seaworthy-language-server, apt-missing-yes at 4:23 (${ms} ms with start-up)"
say "ok"
