// Bundles client, server and CLI into dist/ (and, with --tests, every test file into out/test/).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

// --out DIR: build into DIR/dist and DIR/test instead of dist/ and out/test/ (lets several people build at once)
// --filter TEXT: with --tests, only test files whose path contains TEXT
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const production = process.argv.includes('--production');
const withTests = process.argv.includes('--tests');
const outRoot = arg('--out');
const filter = arg('--filter');
const distDir = outRoot ? join(outRoot, 'dist') : 'dist';
const testDir = outRoot ? join(outRoot, 'test') : 'out/test';
const metaFile = join(distDir, 'meta.json');
const common = {
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  metafile: true,
};

const wasm = [
  'node_modules/web-tree-sitter/tree-sitter.wasm',
  'node_modules/tree-sitter-bash/tree-sitter-bash.wasm',
  'node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm',
];
const copyWasm = (dir) => {
  mkdirSync(dir, { recursive: true });
  for (const f of wasm) copyFileSync(f, join(dir, f.split('/').pop()));
};

const results = await Promise.all([
  build({ ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: distDir, external: ['vscode'] }),
  // server and CLI are also the npm package's bins (seaworthy-language-server, seaworthy)
  build({ ...common, entryPoints: { server: 'server/src/server.ts' }, outdir: distDir, banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: { cli: 'server/src/cli/main.ts' }, outdir: distDir, banner: { js: '#!/usr/bin/env node' } }),
]);
copyWasm(distDir);
// V8 keeps a script's source in memory for as long as it runs: as one byte a character when every character fits in
// Latin-1, else as two. esbuild escapes non-ASCII characters in strings but not in regular expressions or comments,
// where one `…` doubled the server's 1.8 MB source. Escaped as \uXXXX (the same character in a string, a template, a
// regular expression; nothing in a comment), the sources stay one byte a character.
for (const name of ['server.js', 'cli.js']) {
  const file = join(distDir, name);
  const text = readFileSync(file, 'utf8');
  // (`\…`, the character escaped for itself, becomes the escape alone: a backslash before `\u` would change it)
  const narrow = text.replace(
    /(\\*)([^\u0000-\u00ff])/g,
    (_, slashes, c) => `${slashes.slice(slashes.length % 2)}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  if (narrow !== text) writeFileSync(file, narrow);
}
mkdirSync(dirname(metaFile), { recursive: true });
writeFileSync(metaFile, JSON.stringify({ client: results[0].metafile, server: results[1].metafile, cli: results[2].metafile }));

if (withTests) {
  const tests = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) {
        if (e !== 'fixtures' && e !== 'golden') walk(p);
      } else if (e.endsWith('.test.ts') && (!filter || p.includes(filter))) tests.push(p);
    }
  };
  walk('test');
  rmSync(testDir, { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: tests,
    outdir: testDir,
    outbase: 'test',
    metafile: false,
    external: ['vscode'],
    define: { 'process.env.SEAWORTHY_DIST': JSON.stringify(resolve(distDir)) },
  });
  copyWasm(testDir);
  for (const sub of new Set(tests.map((t) => t.split('/').slice(1, -1).join('/')).filter(Boolean))) copyWasm(join(testDir, sub));
}
