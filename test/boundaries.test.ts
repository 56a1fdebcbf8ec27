// The engine is pure and the bundles stay apart: what makes the CLI, the server and the tests agree.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST } from './harness/paths';
import { test } from 'node:test';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

test('engine and rules do no I/O and know nothing of LSP', () => {
  for (const file of [...sources('server/src/engine'), ...sources('server/src/rules')]) {
    const text = readFileSync(file, 'utf8');
    assert.doesNotMatch(text, /from ['"](node:)?(fs|fs\/promises|net|http|https|child_process)['"]/, file);
    assert.doesNotMatch(text, /from ['"]vscode-languageserver(\/node)?['"]/, file);
  }
});

test('the server bundle does not pull vscode; the client bundle does not pull the engine', () => {
  const meta = JSON.parse(readFileSync(join(DIST, 'meta.json'), 'utf8'));
  const inputs = (m: { inputs: Record<string, unknown> }) => Object.keys(m.inputs);
  assert.ok(!inputs(meta.server).some((i) => i === 'vscode' || i.includes('node_modules/vscode-languageclient')), 'server bundle pulls the client side');
  assert.ok(!inputs(meta.client).some((i) => i.includes('server/src/') || i.includes('dockerfile-ast')), 'client bundle pulls the engine');
});

test('the .vsix (.vscodeignore) and the npm package (package.json "files") ship the same files', () => {
  const files: string[] = JSON.parse(readFileSync('package.json', 'utf8')).files;
  const allowed = readFileSync('.vscodeignore', 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1));
  // npm always packs package.json and README.md; vsce needs them named
  assert.deepEqual([...allowed].filter((p) => p !== 'package.json' && p !== 'README.md').sort(), [...files].sort());
  assert.ok(readFileSync('.vscodeignore', 'utf8').split('\n').includes('**'), '.vscodeignore starts from nothing and lets files in');
});
