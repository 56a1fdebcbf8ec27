// Files a cloned repository may hold to hurt its reader: a config that is /dev/zero, a FIFO named like a config or a
// .dockerignore, a Dockerfile that is a device or far too large. Only regular files are read, up to a cap; each refusal
// names the file and the reason, and linting goes on (CLI and language server alike).
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { CLI } from './harness/paths';
import { project } from './harness/project';
import { startServer } from './harness/lspClient';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}
/** the CLI with a deadline: a hang is a failure with a message, not a stuck test run */
function cli(args: string[]): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { encoding: 'utf8', timeout: 20_000, maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr, ms: Date.now() - started }),
    );
  });
}

const DOCKERFILE = 'FROM debian:12\nRUN apt-get install curl\nUSER 10001\n';
const mkfifo = (path: string) => execFileSync('mkfifo', [path]);

describe('hostile files', () => {
  it('CLI: a config that is /dev/zero or a FIFO is refused with the reason, an error of the config like any other', async () => {
    for (const [name, make, reason] of [
      ['.hadolint.yaml', (p: string) => symlinkSync('/dev/zero', p), 'it is a character device, not a regular file'],
      ['.seaworthy.yaml', mkfifo, 'it is a FIFO, not a regular file'],
    ] as const) {
      const dir = project({ Dockerfile: DOCKERFILE, '.dockerignore': '' });
      make(join(dir, name));
      const r = await cli(['lint', '--no-shellcheck', '--format', 'json', join(dir, 'Dockerfile')]);
      assert.notEqual(r.status, -1, `${name}: the CLI hung or was killed`);
      // the team's policy cannot be read: the run stops rather than lint with the defaults
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stderr, `seaworthy: ${join(dir, name)}:1:1: not read: ${reason}\n`);
    }
    // named on the command line, the same
    const dir = project({ Dockerfile: DOCKERFILE });
    mkfifo(join(dir, 'team.yaml'));
    const r = await cli(['lint', '--config', join(dir, 'team.yaml'), join(dir, 'Dockerfile')]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `seaworthy: ${join(dir, 'team.yaml')}:1:1: not read: it is a FIFO, not a regular file\n`);
  });

  it('CLI: a .dockerignore that is a FIFO or a device is refused; the rules that read it stay quiet', async () => {
    for (const make of [mkfifo, (p: string) => symlinkSync('/dev/zero', p)]) {
      const dir = project({ Dockerfile: 'FROM node:22\nCOPY . .\nUSER node\n' });
      make(join(dir, '.dockerignore'));
      const r = await cli(['lint', '--no-shellcheck', '--format', 'json', join(dir, 'Dockerfile')]);
      assert.notEqual(r.status, -1, 'the CLI hung');
      assert.match(r.stderr, /\.dockerignore: not read: it is a (FIFO|character device), not a regular file; rules that read the \.dockerignore were skipped/);
      const rules = (JSON.parse(r.stdout)[0].findings as { rule: string }[]).map((f) => f.rule);
      assert.ok(!rules.includes('dockerignore-missing') && !rules.includes('dockerignore-incomplete'), rules.join());
      assert.ok(rules.includes('base-image-not-digest-pinned'), 'the other rules ran');
    }
  });

  it('CLI: a Dockerfile that is a FIFO or a device is an I/O error for that file only; a huge one gets the size finding unread', async () => {
    const dir = project({ 'ok/Dockerfile': DOCKERFILE, 'ok/.dockerignore': '', 'big/Dockerfile': 'FROM debian:12\n' + '#'.repeat(5000) + '\n' });
    mkfifo(join(dir, 'fifo.Dockerfile'));
    symlinkSync('/dev/zero', join(dir, 'zero.Dockerfile'));
    const r = await cli([
      'lint',
      '--no-shellcheck',
      '--max-file-size',
      '1000',
      '--format',
      'json',
      join(dir, 'fifo.Dockerfile'),
      join(dir, 'zero.Dockerfile'),
      join(dir, 'big/Dockerfile'),
      join(dir, 'ok/Dockerfile'),
    ]);
    assert.equal(r.status, 2, r.stderr);
    assert.ok(r.ms < 15_000, `took ${r.ms} ms`);
    assert.match(r.stderr, /fifo\.Dockerfile: not read: it is a FIFO, not a regular file/);
    assert.match(r.stderr, /zero\.Dockerfile: not read: it is a character device, not a regular file/);
    const out = JSON.parse(r.stdout) as { file: string; findings: { rule: string; message: string }[] }[];
    assert.deepEqual(
      out.map((f) => f.file),
      [join(dir, 'big/Dockerfile'), join(dir, 'ok/Dockerfile')],
    );
    assert.deepEqual(
      out[0].findings.map((f) => [f.rule, f.message]),
      [['file-too-large', 'This file has 5,016 bytes, more than the limit of 1,000 characters: Seaworthy did not lint it']],
    );
    assert.ok(out[1].findings.some((f) => f.rule === 'apt-missing-yes'));
  });

  it('language server: a config that is /dev/zero and a FIFO .dockerignore are refused with a message naming them; diagnostics still come', async () => {
    const dir = project({});
    symlinkSync('/dev/zero', join(dir, '.hadolint.yaml'));
    mkfifo(join(dir, '.dockerignore'));
    const lsp = await startServer({ debounceMs: 0 }, [pathToFileURL(dir).toString()]);
    try {
      const uri = pathToFileURL(join(dir, 'Dockerfile')).toString();
      writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE);
      const diagnostics = await lsp.open(uri, DOCKERFILE);
      assert.ok(
        diagnostics.some((d) => d.code === 'apt-missing-yes'),
        'the document was linted',
      );
      const said = lsp.messages.join('\n');
      assert.ok(said.includes(`${join(dir, '.hadolint.yaml')}:1:1: not read: it is a character device, not a regular file`), said);
      assert.ok(said.includes(`${join(dir, '.dockerignore')}: not read: it is a FIFO, not a regular file`), said);
      // still answering
      const hover = await lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 6 } });
      assert.ok(hover);
    } finally {
      await lsp.close();
    }
  });
});
