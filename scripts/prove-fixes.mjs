// Runs the fix proof of test/harness/fixProof.ts over a folder of Dockerfiles: node scripts/prove-fixes.mjs DIR
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const dir = resolve(process.argv[2] ?? '../shared/corpus/files');
await build({
  stdin: {
    contents: "export { proveFixes } from './test/harness/fixProof'; export { loadShellParser } from './server/src/host';",
    resolveDir: '.',
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: 'dist/prove-fixes.cjs',
  logLevel: 'warning',
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
});
const { proveFixes, loadShellParser } = await import(pathToFileURL(resolve('dist/prove-fixes.cjs')).href);
await loadShellParser();
let offered = 0,
  verified = 0,
  changed = 0,
  files = 0;
const failures = [];
for (const f of readdirSync(dir).sort()) {
  const p = join(dir, f);
  if (!statSync(p).isFile()) continue;
  files++;
  const proof = proveFixes(f, readFileSync(p, 'utf8'));
  offered += proof.offered;
  verified += proof.verified;
  changed += proof.fixAllChanged;
  failures.push(...proof.failures);
}
const byReason = new Map();
for (const x of failures) {
  const k = `${x.rule}: ${x.reason}`;
  byReason.set(k, [...(byReason.get(k) ?? []), x.file]);
}
console.log(
  `${files} files: ${offered} fixes offered, ${verified} applied alone and verified, ${failures.length} failed; fix-all changed ${changed} files and was idempotent on all but ${failures.filter((x) => x.rule === '(fix-all)').length}`,
);
for (const [k, fs] of byReason) console.log(`  ${fs.length}× ${k}  (e.g. ${fs.slice(0, 3).join(', ')})`);
process.exitCode = failures.length ? 1 : 0;
