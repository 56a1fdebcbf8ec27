// Editor features over the whole workspace: Lint Workspace and the production checklist.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { ChecklistItem } from '../shared/src/commands';
import { findShellCheck } from '../server/src/shellcheck/run';
import { startServer, type LspClient } from './harness/lspClient';
import { project } from './harness/project';


describe('workspace features', () => {
  const dir = project({
    'api/Dockerfile': 'FROM python:3.12\nRUN pip install flask\n',
    'web/Containerfile': 'FROM node\n',
    'build/Dockerfile': 'FROM debian\n',
    'vendor-copy/Dockerfile': 'FROM alpine\n',
    '.gitignore': 'build/\n',
  });
  const uri = (p: string) => pathToFileURL(join(dir, p)).toString();
  let client: LspClient;
  before(async () => { client = await startServer({ debounceMs: 0 }, [pathToFileURL(dir).toString()]); });
  after(async () => client.close());

  it('Lint Workspace publishes every Dockerfile, honouring .gitignore and files.exclude', async () => {
    client.settings['files.exclude'] = { '**/vendor-copy': true };
    const api = client.diagnostics(uri('api/Dockerfile'));
    const web = client.diagnostics(uri('web/Containerfile'));
    const count = await client.connection.sendRequest('workspace/executeCommand', { command: 'seaworthy.lintWorkspace', arguments: [] });
    assert.equal(count, 2);
    assert.ok((await api).diagnostics.some((d) => d.code === 'pip-no-cache-dir'));
    assert.ok((await web).diagnostics.some((d) => d.code === 'base-image-untagged'));
  });

  it('the checklist passes, fails with a place to jump to, or says why an item does not apply', async () => {
    const u = 'file:///tmp/seaworthy-checklist/Dockerfile';
    await client.open(u, 'FROM python:3.12\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n');
    const items: ChecklistItem[] = await client.connection.sendRequest('seaworthy/checklist', { uri: u });
    const byLabel = new Map(items.map((i) => [i.label, i]));
    assert.equal(byLabel.get('Runs as a non-root user')?.status, 'failed');
    assert.deepEqual(byLabel.get('Runs as a non-root user')?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 16 } });
    assert.equal(byLabel.get('CMD/ENTRYPOINT in exec form')?.status, 'passed');
    assert.equal(byLabel.get('HEALTHCHECK declared')?.status, 'not-applicable');
    assert.equal(byLabel.get('HEALTHCHECK declared')?.detail, 'the image serves no port');
    assert.equal(byLabel.get('Base image pinned by digest')?.status, 'failed');
  });
});

describe('Lint Workspace and ShellCheck', { skip: !findShellCheck(undefined) && process.env.SEAWORTHY_REQUIRE_SHELLCHECK !== '1' && 'shellcheck is not on PATH' }, () => {
  it('a file linted from disk gets ShellCheck\'s findings too, as an open one would', async () => {
    const dir = project({ 'svc/Dockerfile': 'FROM debian:12\nRUN echo $GREETING\n' });
    const u = pathToFileURL(join(dir, 'svc/Dockerfile')).toString();
    const client = await startServer({ debounceMs: 0 }, [pathToFileURL(dir).toString()]);
    try {
      const withShellCheck = client.diagnostics(u, (p) => p.diagnostics.some((d) => d.code === 'shellcheck/SC2086'));
      assert.equal(await client.connection.sendRequest('workspace/executeCommand', { command: 'seaworthy.lintWorkspace', arguments: [] }), 1);
      const d = (await withShellCheck).diagnostics.find((x) => x.code === 'shellcheck/SC2086')!;
      assert.deepEqual(d.range, { start: { line: 1, character: 9 }, end: { line: 1, character: 18 } });
    } finally {
      await client.close();
    }
  });
});
