// Editor features over the whole workspace: Lint Workspace and the production checklist.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, WorkDoneProgress } from 'vscode-languageserver-protocol';
import type { Checklist, LintWorkspaceSummary } from '../shared/src/commands';
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
  before(async () => {
    client = await startServer({ debounceMs: 0 }, [pathToFileURL(dir).toString()]);
  });
  after(async () => client.close());

  it('Lint Workspace publishes every Dockerfile, honouring .gitignore and files.exclude', async () => {
    client.settings['files.exclude'] = { '**/vendor-copy': true };
    const api = client.diagnostics(uri('api/Dockerfile'));
    const web = client.diagnostics(uri('web/Containerfile'));
    const summary: LintWorkspaceSummary = await client.connection.sendRequest('workspace/executeCommand', {
      command: 'seaworthy.lintWorkspace',
      arguments: [],
    });
    const published = [...(await api).diagnostics, ...(await web).diagnostics];
    assert.ok(published.some((d) => d.code === 'pip-no-cache-dir'));
    assert.ok(published.some((d) => d.code === 'base-image-untagged'));
    // the summary counts what was published, by level, and says so in one sentence
    const count = (severity: number) => published.filter((d) => d.severity === severity).length;
    assert.deepEqual(summary.counts, { error: count(1), warning: count(2), information: count(3), hint: count(4) });
    assert.equal(summary.files, 2);
    assert.equal(summary.cancelled, false);
    assert.equal(
      summary.message,
      `Linted 2 Dockerfiles: ${[
        [count(1), 'error'],
        [count(2), 'warning'],
        [count(3), 'information'],
      ]
        .filter(([n]) => n)
        .map(([n, w]) => `${n} ${w}${n === 1 || w === 'information' ? '' : 's'}`)
        .join(', ')}.`,
    );
    assert.ok(client.messages.includes(`Seaworthy: ${summary.message}`), 'a client that does not show results itself is shown the summary');
  });

  it('the checklist passes, fails with a place to jump to, or says why an item does not apply', async () => {
    const u = 'file:///tmp/seaworthy-checklist/Dockerfile';
    await client.open(u, 'FROM python:3.12\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n');
    const list: Checklist = await client.connection.sendRequest('seaworthy/checklist', { uri: u });
    const byLabel = new Map(list.items.map((i) => [i.label, i]));
    assert.equal(list.file, 'seaworthy-checklist/Dockerfile');
    assert.equal(byLabel.get('Runs as a non-root user')?.status, 'failed');
    assert.equal(byLabel.get('Runs as a non-root user')?.level, 'warning');
    assert.equal(byLabel.get('Runs as a non-root user')?.detail, 'line 1 · final-stage-root-user');
    assert.deepEqual(byLabel.get('Runs as a non-root user')?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } });
    assert.equal(byLabel.get('CMD/ENTRYPOINT in exec form')?.status, 'passed');
    assert.equal(byLabel.get('HEALTHCHECK declared')?.status, 'not-applicable');
    assert.equal(byLabel.get('HEALTHCHECK declared')?.detail, 'the image serves no port');
    // an information finding is an information item, not an error
    assert.equal(byLabel.get('Base image digest pinned')?.status, 'failed');
    assert.equal(byLabel.get('Base image digest pinned')?.level, 'information');
    // the lock-file item is about lock files: no npm here, so it does not apply
    assert.equal(byLabel.get('Installs from lock files')?.status, 'not-applicable');
    // OCI labels: no enabled rule checks it by default; the item says how to turn it on
    assert.deepEqual(
      { status: byLabel.get('OCI labels')?.status, detail: byLabel.get('OCI labels')?.detail, enable: byLabel.get('OCI labels')?.enable },
      { status: 'off', detail: 'off · turn on oci-labels-missing', enable: { rule: 'oci-labels-missing', severity: 'information' } },
    );
    const counted = list.items.filter((i) => ['passed', 'failed', 'suppressed'].includes(i.status));
    assert.deepEqual([list.passed, list.total], [counted.filter((i) => i.status === 'passed').length, counted.length]);
  });

  it('an ignored finding makes its item "suppressed", never "passed"', async () => {
    const u = 'file:///tmp/seaworthy-checklist-ignored/Dockerfile';
    const text = 'FROM python:3.12\nENV API_TOKEN=changeme\nUSER 10001\nCMD ["python", "app.py"]\n';
    await client.open(u, text);
    const before: Checklist = await client.connection.sendRequest('seaworthy/checklist', { uri: u });
    const secretsBefore = before.items.find((i) => i.label === 'No secrets in the image')!;
    assert.equal(secretsBefore.status, 'failed');
    const after = client.diagnostics(u, (p) => p.version === 2);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: u, version: 2 },
      contentChanges: [{ text: text.replace('ENV API_TOKEN', '# seaworthy-ignore secret-in-env-or-arg\nENV API_TOKEN') }],
    });
    assert.ok(!(await after).diagnostics.some((d) => d.code === 'secret-in-env-or-arg'));
    const list: Checklist = await client.connection.sendRequest('seaworthy/checklist', { uri: u });
    const secrets = list.items.find((i) => i.label === 'No secrets in the image')!;
    assert.equal(secrets.status, 'suppressed');
    assert.equal(secrets.detail, 'ignored · line 3 · secret-in-env-or-arg');
    assert.match(secrets.tooltip, /^Not passed: a suppression comment or the config hides this finding/);
    assert.equal(list.passed, before.passed, 'the score did not go up');
  });
});

describe('Lint Workspace on a large workspace', () => {
  it('Lint Workspace reports its progress with a count, and stops when cancelled', async () => {
    const many = project(Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`svc${i}/Dockerfile`, 'FROM python:3.12\nRUN pip install flask\n'])));
    const client = await startServer({ debounceMs: 0 }, [pathToFileURL(many).toString()]);
    after(() => client.close());
    const progress: { kind: string; message?: string; percentage?: number; cancellable?: boolean }[] = [];
    const token = 'lint-progress-test';
    const source = new CancellationTokenSource();
    const sub = client.connection.onProgress(WorkDoneProgress.type, token, (v) => {
      progress.push(v as never);
      if (v.kind === 'report') source.cancel(); // cancel as soon as the first file is reported
    });
    const summary: LintWorkspaceSummary = await client.connection.sendRequest(
      'workspace/executeCommand',
      { command: 'seaworthy.lintWorkspace', arguments: [], workDoneToken: token },
      source.token,
    );
    sub.dispose();
    assert.equal(progress[0].kind, 'begin');
    assert.equal(progress[0].cancellable, true);
    assert.match(progress.find((p) => p.kind === 'report')?.message ?? '', /^1\/60 svc\d+\/Dockerfile$/);
    assert.equal(progress.at(-1)?.kind, 'end');
    assert.equal(summary.cancelled, true);
    assert.ok(summary.files >= 1 && summary.files < 60, `${summary.files} files linted after the cancel`);
    assert.match(summary.message, new RegExp(`^Lint Workspace stopped after ${summary.files} Dockerfiles? of 60: \\d+ warnings?`));
  });
});

describe(
  'Lint Workspace and ShellCheck',
  { skip: !findShellCheck(undefined) && process.env.SEAWORTHY_REQUIRE_SHELLCHECK !== '1' && 'shellcheck is not on PATH' },
  () => {
    it("a file linted from disk gets ShellCheck's findings too, as an open one would", async () => {
      const dir = project({ 'svc/Dockerfile': 'FROM debian:12\nRUN echo $GREETING\n' });
      const u = pathToFileURL(join(dir, 'svc/Dockerfile')).toString();
      const client = await startServer({ debounceMs: 0 }, [pathToFileURL(dir).toString()]);
      try {
        const withShellCheck = client.diagnostics(u, (p) => p.diagnostics.some((d) => d.code === 'shellcheck/SC2086'));
        const summary = (await client.connection.sendRequest('workspace/executeCommand', {
          command: 'seaworthy.lintWorkspace',
          arguments: [],
        })) as LintWorkspaceSummary;
        assert.equal(summary.files, 1);
        const published = (await withShellCheck).diagnostics;
        const d = published.find((x) => x.code === 'shellcheck/SC2086')!;
        // the summary counts what the Problems panel ends up with: ShellCheck's answer included
        assert.equal(summary.counts.information, published.filter((x) => x.severity === 3).length);
        assert.deepEqual(d.range, { start: { line: 1, character: 9 }, end: { line: 1, character: 18 } });
      } finally {
        await client.close();
      }
    });

    it('the files of a workspace are checked together: far fewer ShellCheck processes than files, each file its findings', async () => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 24; i++) files[`svc${i}/Dockerfile`] = `FROM debian:12\n${'RUN true\n'.repeat(i % 3)}RUN echo $V${i}\n`;
      const dir = project(files);
      // a `shellcheck` first on PATH that notes each start, then is the real one
      const bin = mkdtempSync(join(tmpdir(), 'seaworthy-sc-count-'));
      const log = join(bin, 'starts');
      writeFileSync(log, '');
      writeFileSync(join(bin, 'shellcheck'), `#!/bin/sh\necho started >> '${log}'\nexec '${findShellCheck(undefined)}' "$@"\n`);
      chmodSync(join(bin, 'shellcheck'), 0o755);
      const client = await startServer({ debounceMs: 0 }, [pathToFileURL(dir).toString()], {
        ...process.env,
        PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
      });
      try {
        const all = Object.keys(files).map((f, i) =>
          client
            .diagnostics(pathToFileURL(join(dir, f)).toString(), (p) => p.diagnostics.some((d) => d.code === 'shellcheck/SC2086'))
            .then((p) => [i, p.diagnostics.filter((d) => d.code === 'shellcheck/SC2086').map((d) => d.range.start)]),
        );
        const summary = (await client.connection.sendRequest('workspace/executeCommand', {
          command: 'seaworthy.lintWorkspace',
          arguments: [],
        })) as LintWorkspaceSummary;
        assert.equal(summary.files, 24);
        for (const [i, starts] of await Promise.all(all)) assert.deepEqual(starts, [{ line: 1 + ((i as number) % 3), character: 9 }]);
        const starts = readFileSync(log, 'utf8').split('\n').filter(Boolean).length;
        assert.ok(starts >= 1 && starts <= 6, `${starts} ShellCheck processes for 24 files`);
      } finally {
        await client.close();
      }
    });
  },
);
