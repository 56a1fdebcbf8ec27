// Packages the .vsix from a staging folder: npm reads package.json's `files` list and vsce reads .vscodeignore, but
// vsce refuses a package that has both, so the staging copy of package.json leaves `files` out.
//   node scripts/package-vsix.mjs [--out FILE]   (after `node scripts/build.mjs --production`)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const i = process.argv.indexOf('--out');
const out = resolve(i >= 0 ? process.argv[i + 1] : join(root, 'seaworthy.vsix'));
const stage = mkdtempSync(join(tmpdir(), 'seaworthy-vsix-'));
try {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  delete manifest.files;
  writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  // what .vscodeignore lets in, and the README's images for vsce's link check (.vscodeignore keeps them out)
  for (const p of ['.vscodeignore', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist', 'docs/rules', 'syntaxes', 'schemas', 'images', 'media']) {
    if (existsSync(join(root, p))) cpSync(join(root, p), join(stage, p), { recursive: true, filter: (src) => !src.endsWith('.map') });
  }
  const vsce = createRequire(join(root, 'package.json')).resolve('@vscode/vsce/vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: stage, stdio: 'inherit' });
} finally {
  rmSync(stage, { recursive: true, force: true });
}
