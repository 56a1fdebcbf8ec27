// The CLI as CI runs it: formats, exit codes, folders, clear errors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLI } from './harness/paths';

const run = (args: string[], cwd?: string) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, env: { ...process.env, NO_COLOR: '1' } });

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('seaworthy CLI', () => {
  it('lint --format json follows the contract, 1-based, and exits 1 on warnings', () => {
    const dir = project({ Dockerfile: 'FROM debian:12\nRUN apt-get install curl\n', '.dockerignore': '.git\n' });
    const r = run(['lint', '--format', 'json', join(dir, 'Dockerfile')]);
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.length, 1);
    assert.equal(out[0].file, join(dir, 'Dockerfile'));
    const yes = out[0].findings.find((f: { rule: string }) => f.rule === 'apt-missing-yes');
    assert.deepEqual(yes, {
      rule: 'apt-missing-yes', aliases: ['DL3014'], severity: 'warning',
      message: '`apt-get install` without `-y` waits for an answer no build can give',
      line: 2, column: 5, endLine: 2, endColumn: 25, fix: { title: 'Add -y to apt-get install', safe: true },
    });
    assert.deepEqual(Object.keys(out[0].findings[0]), ['rule', 'aliases', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'fix']);
  });

  it('exits 0 when only information findings remain', () => {
    const dir = project({
      Dockerfile: 'FROM debian:12\nRUN groupadd -r app && useradd -r -g app app\nUSER app\nCMD ["sleep", "1"]\n',
    });
    const r = run(['lint', join(dir, 'Dockerfile')]);
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /base-image-not-digest-pinned/);
    assert.match(r.stdout, /✖ 1 problem \(1 information\) in 1 file/);
  });

  it('searches folders for every Dockerfile name, skipping node_modules', () => {
    const dir = project({
      'Dockerfile': 'FROM a:1\n', 'api/Containerfile': 'FROM b:1\n', 'web/Dockerfile.prod': 'FROM c:1\n', 'tools/build.Dockerfile': 'FROM d:1\n',
      'node_modules/x/Dockerfile': 'FROM e:1\n', 'docs/Dockerfile.md': '# not one\n',
    });
    const r = run(['lint', '--format', 'json', dir]);
    const files = JSON.parse(r.stdout).map((f: { file: string }) => f.file.slice(dir.length + 1)).sort();
    assert.deepEqual(files, ['Dockerfile', 'api/Containerfile', 'tools/build.Dockerfile', 'web/Dockerfile.prod']);
  });

  it('the same .dockerignore decides for the CLI as for the editor: <Dockerfile>.dockerignore or .dockerignore', () => {
    const without = project({ Dockerfile: 'FROM python:3.12\nCOPY . .\n' });
    assert.match(run(['lint', join(without, 'Dockerfile')]).stdout, /dockerignore-missing/);
    const specific = project({ 'Dockerfile.prod': 'FROM python:3.12\nCOPY . .\n', 'Dockerfile.prod.dockerignore': '.git\n' });
    assert.doesNotMatch(run(['lint', join(specific, 'Dockerfile.prod')]).stdout, /dockerignore-missing/);
  });

  it('a missing file is a one-line error with exit 2, no stack trace', () => {
    const r = run(['lint', '/nonexistent/Dockerfile']);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'seaworthy: /nonexistent/Dockerfile: no such file or directory\n');
  });

  it('usage errors exit 2 and show the usage', () => {
    for (const args of [['lint'], ['frobnicate'], ['lint', '--format', 'xml', 'Dockerfile'], []]) {
      const r = run(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr + r.stdout, /Usage:/);
    }
  });

  it('rules --format json lists every rule with the contract fields', () => {
    const r = run(['rules', '--format', 'json']);
    assert.equal(r.status, 0);
    const list = JSON.parse(r.stdout);
    const root = list.find((x: { id: string }) => x.id === 'final-stage-root-user');
    assert.deepEqual(Object.keys(root), ['id', 'aliases', 'category', 'severity', 'summary', 'fixable']);
    assert.deepEqual(root.aliases, ['DL3002']);
    assert.equal(root.fixable, true);
    assert.match(root.summary, /^Switch the final stage to a non-root user/);
  });

  it('tty output groups by file with a summary line', () => {
    const dir = project({ Dockerfile: 'FROM node\nRUN npm install\n', '.dockerignore': '' });
    const r = run(['lint', join(dir, 'Dockerfile')]);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], join(dir, 'Dockerfile'));
    assert.match(lines[1], /^ {2}1:1 {5}warning {5}The final stage never sets USER/);
    assert.match(r.stdout, /problems \(\d+ warning.*\) in 1 file; \d+ with a quick fix/);
  });
});
