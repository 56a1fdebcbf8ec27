// What a user of the editor sees around the findings, through the real server over stdio: quick fixes and their titles,
// rule pages and links, the status the status bar shows, the log, settings messages, pin messages.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import type { DocumentStatus } from '../shared/src/commands';
import { pinOutcome } from '../server/src/handlers/imageRegistry';
import { applyEdits } from '../server/src/engine/text';
import { rules } from '../server/src/rules';
import { startServer, type LspClient } from './harness/lspClient';
import { project } from './harness/project';

const actionsAt = (client: LspClient, u: string, d: Diagnostic): Promise<CodeAction[]> =>
  client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: u }, range: d.range, context: { diagnostics: [d] } });
const editsOf = (a: CodeAction) => (a.edit?.documentChanges?.[0] as TextDocumentEdit).edits as TextEdit[];

describe('quick fixes as the Ctrl+. menu shows them', () => {
  let client: LspClient;
  let n = 0;
  const dir = project({});
  const uri = () => pathToFileURL(join(dir, `${++n}`, 'Dockerfile')).toString();
  before(async () => {
    client = await startServer();
  });
  after(() => client.close());

  it('offers "Fix all safe Seaworthy problems in this file" beside a finding when more than one safe fix applies', async () => {
    const u = uri();
    const text = 'FROM debian:12\nRUN apt-get update && apt-get install curl\nRUN pip install flask==3.0.3\n';
    const diags = await client.open(u, text);
    const actions = await actionsAt(client, u, diags.find((d) => d.code === 'apt-missing-yes')!);
    const all = actions.find((a) => a.title === 'Fix all safe Seaworthy problems in this file' && a.kind === 'quickfix');
    assert.ok(all, actions.map((a) => a.title).join('; '));
    assert.equal(all.kind, 'quickfix');
    assert.equal(
      applyEdits(text, editsOf(all)),
      'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN pip install --no-cache-dir flask==3.0.3\n',
    );
    // one safe fix in the file: its own action is enough
    const one = 'FROM debian:12\nRUN pip install flask==3.0.3\nUSER 10001\n';
    const u2 = uri();
    const d2 = await client.open(u2, one);
    assert.ok(
      !(await actionsAt(client, u2, d2.find((d) => d.code === 'pip-no-cache-dir')!)).some((a) => a.title.startsWith('Fix all') && a.kind === 'quickfix'),
    );
  });

  it('no title carries two pairs of parentheses; an unsafe fix says it changes behaviour', async () => {
    const u = uri();
    const diags = await client.open(u, 'FROM node:22\nWORKDIR /app\nCOPY . .\nCMD node server.js\n');
    const titles = (await Promise.all(diags.map((d) => actionsAt(client, u, d)))).flat().map((a) => a.title);
    assert.ok(titles.includes("Add non-root user: the node image's node user (changes behaviour)"), titles.join('; '));
    assert.ok(
      titles.every((t) => (t.match(/\(/g) ?? []).length <= 1),
      titles.filter((t) => (t.match(/\(/g) ?? []).length > 1).join('; '),
    );
  });

  it("the node image's user gets the working directory, as the Debian one does", async () => {
    const u = uri();
    const text = 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n';
    const diags = await client.open(u, text);
    const add = (await actionsAt(client, u, diags.find((d) => d.code === 'final-stage-root-user')!)).find((a) => a.title.startsWith('Add non-root user'))!;
    assert.equal(applyEdits(text, editsOf(add)), 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN chown node:node /app\nUSER node\nCMD ["node", "server.js"]\n');
  });

  it('"Create .dockerignore" writes the file and then shows it', async () => {
    const u = uri();
    const diags = await client.open(u, 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER 10001\nCMD ["python", "app.py"]\n');
    const create = (await actionsAt(client, u, diags.find((d) => d.code === 'dockerignore-missing')!)).find((a) => a.title.startsWith('Create .dockerignore'))!;
    const target = new URL('.dockerignore', u).toString();
    assert.deepEqual(create.command, { title: 'Show the file', command: 'seaworthy.showFile', arguments: [target] });
    await client.connection.sendRequest('workspace/executeCommand', create.command);
    assert.deepEqual(client.shownDocuments, [target]);
  });
});

describe('rule pages and links', () => {
  it("links a diagnostic's code to the page the client renders, when the client says it can", async () => {
    const client = await startServer({ debounceMs: 0, rulePageCommand: 'seaworthy.showRule' });
    try {
      const diags = await client.open('file:///tmp/seaworthy-links/Dockerfile', 'FROM python:3.12\nRUN pip install flask==3.0.3\nUSER 10001\n');
      const pip = diags.find((d) => d.code === 'pip-no-cache-dir')!;
      assert.equal(pip.codeDescription?.href, `command:seaworthy.showRule?${encodeURIComponent('["pip-no-cache-dir"]')}`);
      const hover = (await client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: 'file:///tmp/seaworthy-links/Dockerfile' },
        position: { line: 0, character: 8 },
      })) as { contents: { value: string } };
      assert.match(hover.contents.value, /\[base-image-not-digest-pinned\]\(command:seaworthy\.showRule\?/);
    } finally {
      await client.close();
    }
  });

  it("serves each rule's page and the list of rules as Markdown", async () => {
    const client = await startServer();
    try {
      const page = (await client.connection.sendRequest('seaworthy/rulePage', { id: 'shell-form-cmd' })) as string;
      assert.equal(
        page,
        readFileSync('docs/rules/shell-form-cmd.md', 'utf8').replace(/^<!--.*-->\n\n/, ''),
        'the same page as docs/rules, without the "generated" note',
      );
      assert.match((await client.connection.sendRequest('seaworthy/rulePage', { id: 'DL3025' })) as string, /^# shell-form-cmd/, 'an alias finds its rule');
      const index = (await client.connection.sendRequest('seaworthy/rulePage', { id: 'index' })) as string;
      for (const r of rules) assert.ok(index.includes(`| [${r.id}](${r.id}.md) |`), r.id);
      assert.equal(await client.connection.sendRequest('seaworthy/rulePage', { id: 'no-such-rule' }), null);
    } finally {
      await client.close();
    }
  });
});

describe('status, log and settings', () => {
  it('tells the status bar that Seaworthy is off for a file, or that registries are not asked', async () => {
    const client = await startServer({ debounceMs: 0 });
    const statuses: DocumentStatus[] = [];
    client.connection.onNotification('seaworthy/status', (s: DocumentStatus) => statuses.push(s));
    try {
      client.settings = { seaworthy: { enable: false, rules: {}, network: false } };
      const u = 'file:///tmp/seaworthy-status/Dockerfile';
      const diags = await client.open(u, 'FROM python:3.12\nCMD python app.py\n');
      assert.deepEqual(diags, []);
      const off = await waitFor(() => statuses.find((s) => s.uri === u));
      assert.deepEqual({ enabled: off.enabled, network: off.network, version: off.version }, { enabled: false, network: 'off', version: 1 });
      client.settings = { seaworthy: { enable: true, rules: {}, network: false, shellcheck: { enable: false } } };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const on = await waitFor(() => statuses.find((s) => s.uri === u && s.enabled));
      assert.deepEqual({ network: on.network, shellcheck: on.shellcheck }, { network: 'off', shellcheck: 'off' });
    } finally {
      await client.close();
    }
  });

  it("reads each folder's own settings in a multi-root workspace: seaworthy.network and seaworthy.shellcheck.enable per folder", async () => {
    const client = await startServer({ debounceMs: 0 }, ['file:///tmp/seaworthy-multiroot/a', 'file:///tmp/seaworthy-multiroot/b']);
    const statuses: DocumentStatus[] = [];
    client.connection.onNotification('seaworthy/status', (s: DocumentStatus) => statuses.push(s));
    try {
      client.folderSettings = [
        { folder: 'file:///tmp/seaworthy-multiroot/a', settings: { seaworthy: { enable: true, rules: {}, network: false, shellcheck: { enable: false } } } },
        { folder: 'file:///tmp/seaworthy-multiroot/b', settings: { seaworthy: { enable: true, rules: {}, network: true, shellcheck: { enable: true } } } },
      ];
      const a = 'file:///tmp/seaworthy-multiroot/a/Dockerfile';
      const b = 'file:///tmp/seaworthy-multiroot/b/Dockerfile';
      const text = 'FROM debian:12\nRUN echo $1\n';
      await client.open(a, text);
      await client.open(b, text);
      const [inA, inB] = await waitFor(() => {
        const sa = statuses.find((s) => s.uri === a);
        const sb = statuses.find((s) => s.uri === b);
        return sa && sb && [sa, sb];
      });
      assert.deepEqual({ network: inA.network, shellcheck: inA.shellcheck }, { network: 'off', shellcheck: 'off' });
      assert.deepEqual({ network: inB.network, shellcheck: inB.shellcheck }, { network: 'on', shellcheck: shellcheckInstalled ? 'on' : 'missing' });
      // folder b's ShellCheck answers (folder a's file is never sent to it: its status says off)
      if (shellcheckInstalled) await client.diagnostics(b, (p) => p.diagnostics.some((d) => String(d.code).startsWith('shellcheck/')));
    } finally {
      await client.close();
    }
  });

  it('logs versions, ShellCheck, config files read and slow lints; never a credential', async () => {
    const dir = project({ '.seaworthy.yaml': 'rules:\n  healthcheck-missing: off\n', Dockerfile: 'FROM python:3.12\n' });
    const client = await startServer({ debounceMs: 0, extensionVersion: '9.9.9' });
    try {
      client.settings = { seaworthy: { enable: true, rules: {}, network: false }, http: { proxy: 'http://alice:s3cret@proxy.example:3128' } };
      const u = pathToFileURL(join(dir, 'Dockerfile')).toString();
      await client.open(u, 'FROM python:3.12\n' + 'RUN echo "$X" && apt-get install -y curl\n'.repeat(3000));
      await waitFor(() => client.logs.some((l) => /^Slow lint: /.test(l)) && client.logs.some((l) => /ShellCheck/.test(l)));
      const log = client.logs.join('\n');
      assert.match(
        log,
        new RegExp(
          `^Seaworthy server \\d+\\.\\d+\\.\\d+ on Node ${process.version.replace(/\./g, '\\.')} .* for seaworthy-test-client 1, extension 9\\.9\\.9; workspace trusted$`,
          'm',
        ),
      );
      assert.match(log, new RegExp(`^Config file ${join(dir, '.seaworthy.yaml').replace(/[.\\/]/g, '\\$&')} read$`, 'm'));
      assert.match(log, /^Slow lint: file:.*\/Dockerfile \(3,002 lines, version 1\) took \d+ ms$/m);
      assert.match(log, /^ShellCheck (\S+ at \/\S+ \(from PATH\) checks RUN scripts|is not on PATH)/m);
      assert.doesNotMatch(log, /s3cret/);
    } finally {
      await client.close();
    }
  });

  it('a misspelt rule id in seaworthy.rules gets a "did you mean", with a button that opens the setting', async () => {
    const client = await startServer({ debounceMs: 0, clientShowsResults: true });
    const opened: unknown[] = [];
    client.connection.onNotification('seaworthy/openSetting', (p) => opened.push(p));
    try {
      client.settings = { seaworthy: { enable: true, rules: { 'apt-mising-yes': 'off', 'pip-no-cache-dir': 'loud' }, network: false } };
      client.answer = 'Open Settings';
      await client.open('file:///tmp/seaworthy-didyoumean/Dockerfile', 'FROM debian:12\n');
      await waitFor(() => client.messages.length >= 2 && opened.length >= 1);
      assert.ok(
        client.messages.includes('Seaworthy: "seaworthy.rules" names "apt-mising-yes", which is no rule id or alias. Did you mean "apt-missing-yes"?'),
        client.messages.join('\n'),
      );
      assert.ok(
        client.messages.includes('Seaworthy: "seaworthy.rules" gives pip-no-cache-dir the level "loud"; use off, error, warning, information or hint.'),
        client.messages.join('\n'),
      );
      assert.deepEqual(opened[0], { setting: 'seaworthy.rules', key: 'apt-mising-yes', guess: 'apt-missing-yes' });
    } finally {
      await client.close();
    }
  });
});

describe('pin messages', () => {
  const failure = (reference: string, host: string, kind: 'offline' | 'timeout' | 'not-found', line = 0) => ({
    line,
    reference,
    host,
    kind,
    error: `${host}: ${kind}`,
  });

  it('one short message for failures, grouped by what went wrong, saying nothing changed', () => {
    const r = {
      pinned: [],
      unchanged: [],
      skipped: [],
      failed: [failure('python:3.12', 'registry-1.docker.io', 'offline'), failure('gcr.io/distroless/base', 'gcr.io', 'offline', 3)],
    };
    assert.deepEqual(pinOutcome(r, false, false), {
      message: 'Could not pin 2 images: registry-1.docker.io and gcr.io cannot be reached. Nothing changed.',
      level: 'error',
      retry: true,
    });
    const mixed = { ...r, failed: [failure('python:3.12', 'registry-1.docker.io', 'timeout'), failure('x/y:9', 'registry-1.docker.io', 'not-found', 2)] };
    assert.equal(
      pinOutcome(mixed, false, false).message,
      'Could not pin 2 images: registry-1.docker.io did not answer in time; x/y:9 does not exist. Nothing changed.',
    );
  });

  it('what was pinned, and what was not, in one message', () => {
    const r = {
      pinned: [{ line: 0, before: 'python:3.12', after: `python:3.12@sha256:${'a'.repeat(64)}` }],
      unchanged: [],
      skipped: [{ line: 2, reason: '`scratch` is not an image' }],
      failed: [failure('node:22', 'registry-1.docker.io', 'offline', 1)],
    };
    assert.deepEqual(pinOutcome(r, true, false), {
      message: `Pinned python:3.12 to sha256:${'a'.repeat(12)}. Could not pin node:22: registry-1.docker.io cannot be reached. Skipped line 3: “scratch” is not an image.`,
      level: 'warning',
      retry: true,
    });
    assert.deepEqual(pinOutcome({ ...r, failed: [], skipped: [] }, true, false), {
      message: `Pinned python:3.12 to sha256:${'a'.repeat(12)}.`,
      level: 'info',
      retry: false,
    });
  });
});

const shellcheckInstalled = (process.env.PATH ?? '').split(':').some((dir) => dir !== '' && existsSync(join(dir, 'shellcheck')));

async function waitFor<T>(probe: () => T | undefined | false, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20)); // poll tick for a condition, not a fixed delay
  }
}
