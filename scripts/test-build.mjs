// npm run test:build: bundles the build proof (test/build/proof.ts) and runs it; arguments name scenarios to run alone.
// scripts/setup-build.sh (run first by the npm script) prepares buildah, the base images and apt-cacher-ng.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';

const out = 'out/build-proof';
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { proof: 'test/build/proof.ts' },
  outdir: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
});
for (const f of ['node_modules/web-tree-sitter/tree-sitter.wasm', 'node_modules/tree-sitter-bash/tree-sitter-bash.wasm'])
  copyFileSync(f, `${out}/${f.split('/').pop()}`);
const r = spawnSync(process.execPath, ['--enable-source-maps', `${out}/proof.js`, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = r.status ?? 1;
