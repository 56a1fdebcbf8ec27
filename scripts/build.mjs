// Bundles client, server and CLI into dist/ (and, with --tests, every test file into out/test/).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const withTests = process.argv.includes('--tests');
const common = { alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' }, bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: !production, minify: production, logLevel: 'warning', metafile: true };

const wasm = ['node_modules/web-tree-sitter/tree-sitter.wasm', 'node_modules/tree-sitter-bash/tree-sitter-bash.wasm'];
const copyWasm = (dir) => {
  mkdirSync(dir, { recursive: true });
  for (const f of wasm) copyFileSync(f, join(dir, f.split('/').pop()));
};

const results = await Promise.all([
  build({ ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  build({ ...common, entryPoints: { server: 'server/src/server.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { cli: 'server/src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } }),
]);
copyWasm('dist');
mkdirSync('out', { recursive: true });
const { writeFileSync } = await import('node:fs');
writeFileSync('out/meta.json', JSON.stringify({ client: results[0].metafile, server: results[1].metafile, cli: results[2].metafile }));

if (withTests) {
  const tests = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) { if (e !== 'fixtures' && e !== 'golden') walk(p); }
      else if (e.endsWith('.test.ts')) tests.push(p);
    }
  };
  walk('test');
  await build({ ...common, entryPoints: tests, outdir: 'out/test', outbase: 'test', metafile: false, external: ['vscode'] });
  copyWasm('out/test');
  for (const sub of new Set(tests.map((t) => t.split('/').slice(1, -1).join('/')).filter(Boolean))) copyWasm(join('out/test', sub));
}
