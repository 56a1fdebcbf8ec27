// The bundled server over stdio with a real JSON-RPC client: what any LSP editor sees.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, Hover, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { lintScheduler } from '../server/src/debounce';
import { applyEdits } from '../server/src/engine/text';
import { lintAll, useParser } from './harness/engine';
import { startServer, type LspClient } from './harness/lspClient';

const editsOf = (edit: WorkspaceEdit | undefined) => (edit?.documentChanges?.[0] as TextDocumentEdit).edits as TextEdit[];
let n = 0;
const uri = () => `file:///tmp/seaworthy-lsp-test/${++n}/Dockerfile`;

async function actionsAt(client: LspClient, u: string, d: Diagnostic, only?: string[]): Promise<CodeAction[]> {
  return client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: u }, range: d.range, context: { diagnostics: [d], only } });
}

describe('language server over stdio', () => {
  useParser();
  let client: LspClient;
  before(async () => {
    client = await startServer();
  });
  after(async () => client.close());

  it('publishes diagnostics with code, link, source and severity when a file opens', async () => {
    const u = uri();
    const text = 'FROM python:3.12\nRUN pip install flask==3.0.3\nCMD python app.py\n';
    const diags = await client.open(u, text);
    const codes = diags.map((d) => d.code).sort();
    for (const c of ['base-image-not-digest-pinned', 'final-stage-root-user', 'pip-no-cache-dir', 'shell-form-cmd']) assert.ok(codes.includes(c), c);
    assert.deepEqual(
      codes,
      lintAll(text)
        .map((f) => f.rule.id)
        .sort(),
      'the editor shows what the engine (and so the CLI) finds',
    );
    const pip = diags.find((d) => d.code === 'pip-no-cache-dir')!;
    assert.equal(pip.source, 'seaworthy');
    assert.equal(pip.severity, 2);
    assert.deepEqual(pip.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 28 } });
    assert.match(pip.codeDescription!.href, /docs\/rules\/pip-no-cache-dir\.md$/);
  });

  it('re-lints after an incremental change and clears on close', async () => {
    const u = uri();
    await client.open(u, 'FROM debian:12\nRUN apt-get install curl\n');
    const next = client.diagnostics(u, (p) => p.version === 2);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: u, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 19 }, end: { line: 1, character: 19 } }, text: ' -y --no-install-recommends' }],
    });
    const codes = (await next).diagnostics.map((d) => d.code);
    assert.ok(!codes.includes('apt-missing-yes') && !codes.includes('apt-no-install-recommends'), codes.join());
    const cleared = client.diagnostics(u);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
    assert.deepEqual((await cleared).diagnostics, []);
  });

  it('hovers a finding with its card: each part under a heading that says what it is', async () => {
    const u = uri();
    const diags = await client.open(u, 'FROM node:22\nENV NODE_ENV=production\nRUN npm install\n');
    const d = diags.find((x) => x.code === 'npm-install-instead-of-ci')!;
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: 2, character: 6 } });
    const text = (hover.contents as { value: string }).value;
    for (const part of [
      '**npm-install-instead-of-ci**',
      '**What to do.** Use `npm ci`',
      '**What it checks.** Fires on',
      '**Why it matters in production.**',
      '**Flagged**',
      '**Write instead**',
    ])
      assert.ok(text.includes(part), part);
    assert.ok(text.startsWith('**npm-install-instead-of-ci**'), 'one finding: the card alone, not a repeat of the message editors already show');
    assert.ok(!text.includes(d.message as string));
  });

  it('a line with several findings: one line each, the worst first, then the card of the one under the cursor', async () => {
    const u = uri();
    await client.open(u, 'FROM python:3.12\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n');
    // on the image reference: base-image-full-variant, base-image-not-digest-pinned, python-env-unbuffered (information)
    // and, on FROM itself (not under the cursor), final-stage-root-user (warning)
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 8 } });
    const text = (hover.contents as { value: string }).value;
    const [list, card] = text.split('\n\n---\n\n');
    const rows = list.split('\n');
    assert.deepEqual(
      rows.map((r) => /\[\**([\w-]+)\**\]/.exec(r)?.[1]),
      ['final-stage-root-user', 'base-image-full-variant', 'base-image-not-digest-pinned', 'python-env-unbuffered'],
    );
    assert.match(rows[0], /^- warning · \[final-stage-root-user\]\(.*\) — Switch the final stage to a non-root user/);
    assert.ok(
      rows.slice(1).every((r) => r.startsWith('- info · ')),
      rows.join('\n'),
    );
    // the card is of the narrowest finding under the cursor, the worst of those (all information: the first by place)
    assert.match(card, /^\*\*base-image-full-variant\*\*/);
    assert.equal(text.split('**Why it matters in production.**').length, 2, 'one card only; the others are a link away');
  });

  it("the card's example is in the language of the file's base image where the rule has one", async () => {
    const u = uri();
    await client.open(u, 'FROM python:3.12-slim\nUSER 10001\nCMD python app.py\n');
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: 2, character: 6 } });
    const text = (hover.contents as { value: string }).value;
    assert.match(text, /\*\*Flagged \(Python\)\*\*\n\n```dockerfile\nFROM python:3\.12-slim\nCMD python app\.py\n```/);
    assert.doesNotMatch(text, /node server\.js/);
  });

  it('diagnostic messages are plain text: a code span becomes a quotation, the worst of a line comes first', async () => {
    const u = uri();
    const diags = await client.open(u, 'FROM debian:12\nRUN apt-get install curl\n');
    const yes = diags.find((d) => d.code === 'apt-missing-yes')!;
    assert.equal(yes.message, '“apt-get install” without “-y” waits for an answer no build can give');
    assert.ok(
      diags.every((d) => !d.message.includes('`')),
      diags.map((d) => d.message).join('\n'),
    );
    const line2 = diags.filter((d) => d.range.start.line === 1).map((d) => d.severity);
    assert.deepEqual(line2, [...line2].sort(), 'per line, errors before warnings before information');
  });

  it('hovers a rule named in a suppression comment', async () => {
    const u = uri();
    await client.open(u, 'FROM node:22\n# hadolint ignore=DL3002\nUSER root\n');
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: 1, character: 20 } });
    assert.match((hover.contents as { value: string }).value, /^\*\*final-stage-root-user\*\*/);
  });

  it("hovers every rule an alias names: BuildKit's MultipleInstructionsDisallowed is four rules here", async () => {
    const u = uri();
    await client.open(u, 'FROM node:22\n# check=skip=MultipleInstructionsDisallowed\nCMD ["node"]\n');
    const hover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: 1, character: 20 } });
    const cards = (hover.contents as { value: string }).value.split('\n\n---\n\n').map((c) => /^\*\*([\w-]+)\*\*/.exec(c)?.[1]);
    assert.deepEqual(cards, ['multiple-instructions-disallowed', 'multiple-cmd', 'multiple-entrypoint', 'multiple-healthchecks']);
  });

  const families: [string, string, string][] = [
    [
      'Debian',
      'FROM debian:12\nRUN apt-get update\nCMD ["bash"]\n',
      'FROM debian:12\nRUN apt-get update\nRUN groupadd --system --gid 10001 app \\\n    && useradd --system --uid 10001 --gid app --no-log-init --create-home --shell /sbin/nologin app\nUSER 10001:10001\nCMD ["bash"]\n',
    ],
    [
      'Alpine',
      'FROM alpine:3.20\nCMD ["sh"]\n',
      'FROM alpine:3.20\nRUN addgroup -S -g 10001 app \\\n    && adduser -S -D -u 10001 -G app -s /sbin/nologin app\nUSER 10001:10001\nCMD ["sh"]\n',
    ],
    [
      'RHEL',
      'FROM fedora:40\nCMD ["bash"]\n',
      'FROM fedora:40\nRUN groupadd --system --gid 10001 app \\\n    && useradd --system --uid 10001 --gid app --no-log-init --create-home --shell /sbin/nologin app\nUSER 10001:10001\nCMD ["bash"]\n',
    ],
    ['node', 'FROM node:22-alpine\nCMD ["node", "index.js"]\n', 'FROM node:22-alpine\nUSER node\nCMD ["node", "index.js"]\n'],
    ['distroless', 'FROM gcr.io/distroless/base-debian12\nCMD ["/app"]\n', 'FROM gcr.io/distroless/base-debian12\nUSER nonroot:nonroot\nCMD ["/app"]\n'],
    ['scratch', 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n', 'FROM scratch\nCOPY app /app\nUSER 65534:65534\nENTRYPOINT ["/app"]\n'],
  ];
  for (const [family, text, expected] of families) {
    it(`"Add non-root user" writes the ${family} block, and the finding is gone`, async () => {
      const u = uri();
      const diags = await client.open(u, text);
      const d = diags.find((x) => x.code === 'final-stage-root-user')!;
      const actions = await actionsAt(client, u, d);
      const add = actions.find((a) => a.title.startsWith('Add non-root user'))!;
      assert.ok(add, actions.map((a) => a.title).join());
      assert.equal(add.kind, 'quickfix');
      assert.equal(add.isPreferred, false, 'it changes runtime behaviour, so it is not preferred');
      assert.equal((add.edit!.documentChanges![0] as TextDocumentEdit).textDocument.version, 1);
      const fixed = applyEdits(text, editsOf(add.edit));
      assert.equal(fixed, expected);
      const after = client.diagnostics(u, (p) => p.version === 2);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: 2 }, contentChanges: [{ text: fixed }] });
      assert.ok(!(await after).diagnostics.some((x) => x.code === 'final-stage-root-user'));
    });
  }

  it('offers "Ignore <rule> for this line", which silences exactly that finding', async () => {
    const u = uri();
    const text = 'FROM debian:12\nRUN apt-get install -y curl\n';
    const diags = await client.open(u, text);
    const d = diags.find((x) => x.code === 'apt-no-install-recommends')!;
    const ignore = (await actionsAt(client, u, d)).find((a) => a.title === 'Ignore apt-no-install-recommends for this line')!;
    const fixed = applyEdits(text, editsOf(ignore.edit));
    assert.equal(fixed, 'FROM debian:12\n# seaworthy-ignore apt-no-install-recommends\nRUN apt-get install -y curl\n');
    const after = client.diagnostics(u, (p) => p.version === 2);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: 2 }, contentChanges: [{ text: fixed }] });
    const codes = (await after).diagnostics.map((x) => x.code);
    assert.ok(!codes.includes('apt-no-install-recommends'));
    assert.ok(codes.includes('final-stage-root-user'));
  });

  it('fix-all applies only safe fixes', async () => {
    const u = uri();
    const text = 'FROM debian:12\nRUN apt-get update && apt-get install curl\nRUN pip install flask==3.0.3\n';
    const diags = await client.open(u, text);
    const actions = await actionsAt(client, u, diags[0], ['source.fixAll']);
    assert.deepEqual(
      actions.map((a) => a.kind),
      ['source.fixAll.seaworthy'],
    );
    const fixed = applyEdits(text, editsOf(actions[0].edit));
    // -y, --no-cache-dir and the list clean-up are safe; --no-install-recommends and the user are not
    assert.equal(
      fixed,
      'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN pip install --no-cache-dir flask==3.0.3\n',
    );
  });

  it('"Seaworthy: Add Non-Root User" asks the client to apply the edit', async () => {
    const u = uri();
    await client.open(u, 'FROM alpine:3.20\nCMD ["sh"]\n');
    client.appliedEdits.length = 0;
    await client.connection.sendRequest('workspace/executeCommand', { command: 'seaworthy.addNonRootUser', arguments: [u] });
    assert.equal(client.appliedEdits.length, 1);
    assert.match(editsOf(client.appliedEdits[0])[0].newText, /adduser -S -D -u 10001/);
  });

  it('re-reads settings on change: a rule set to off disappears, severities follow', async () => {
    const u = uri();
    const before = await client.open(u, 'FROM nginx:1.27\nEXPOSE 80\n');
    assert.ok(before.some((d) => d.code === 'healthcheck-missing'));
    client.settings = { seaworthy: { enable: true, rules: { 'healthcheck-missing': 'off', DL3002: 'error' }, network: false } };
    const next = client.diagnostics(u, (p) => !p.diagnostics.some((d) => d.code === 'healthcheck-missing'));
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const after = (await next).diagnostics;
    assert.equal(after.find((d) => d.code === 'final-stage-root-user')?.severity, 1);
    client.settings = { seaworthy: { enable: true, rules: {}, network: false } };
    const restored = client.diagnostics(u, (p) => p.diagnostics.some((d) => d.code === 'healthcheck-missing'));
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await restored;
  });
});

describe('a fix the rule declines, shown greyed out with its reason', () => {
  useParser();
  // WORKDIR /usr: the app lives in a system folder, which the non-root fix never hands to the app's user
  const text = 'FROM debian:12\nWORKDIR /usr\nCOPY app /usr/app\nCMD ["/usr/app"]\n';

  it('a client that shows disabled actions gets "Add non-root user" disabled, with why; one that does not gets nothing it cannot show', async () => {
    for (const [disabledSupport, expected] of [
      [true, 1],
      [false, 0],
    ] as const) {
      const client = await startServer({ debounceMs: 0 }, [], process.env, undefined, { codeAction: { disabledSupport } });
      try {
        const u = uri();
        const diags = await client.open(u, text);
        const root = diags.find((d) => d.code === 'final-stage-root-user')!;
        assert.match(root.message, /no quick fix: its WORKDIR \/usr is a system folder/);
        const actions = await actionsAt(client, u, root);
        const add = actions.filter((a) => a.title.startsWith('Add non-root user'));
        assert.equal(add.length, expected, JSON.stringify(actions.map((a) => a.title)));
        if (expected) {
          assert.equal(add[0].edit, undefined, 'a disabled action changes nothing');
          assert.match(add[0].disabled!.reason, /^Not offered: its WORKDIR \/usr is a system folder/);
        }
      } finally {
        await client.close();
      }
    }
  });
});

describe('waiting between keystrokes and diagnostics', () => {
  /** A document whose lint takes `ms` (a timer: the scheduler sees a lint in progress) and records the versions linted. */
  const fixture = (ms = 0) => {
    const linted: string[] = [];
    const docs = new Map<string, { uri: string; version: number }>();
    const schedule = lintScheduler<{ uri: string; version: number }>(async (d) => {
      linted.push(`${d.uri}@${d.version}`);
      if (ms) await new Promise((r) => setTimeout(r, ms));
    });
    const change = (uri: string) => {
      const d = docs.get(uri) ?? { uri, version: 0 };
      docs.set(uri, { uri, version: d.version + 1 });
      schedule(docs.get(uri)!);
    };
    return { linted, change, schedule };
  };
  const turns = (n: number) => (n ? new Promise<void>((r) => setImmediate(() => r(turns(n - 1)))) : Promise.resolve());

  it('an idle server lints a change at once: no timer, a few turns of the event loop', async () => {
    const f = fixture();
    const started = performance.now();
    f.change('a');
    await turns(4);
    assert.deepEqual(f.linted, ['a@1']);
    assert.ok(performance.now() - started < 1000, 'no wait of its own');
  });

  it('changes that arrive one turn apart (as the connection hands buffered notifications over) are linted once, at the last version', async () => {
    const f = fixture();
    for (let i = 0; i < 10; i++) {
      f.change('a');
      await turns(1);
    }
    await turns(4);
    assert.deepEqual(f.linted, ['a@10']);
  });

  it('changes during a lint: one more lint when it ends, of the latest version', async () => {
    const f = fixture(30);
    f.change('a');
    await turns(3);
    assert.deepEqual(f.linted, ['a@1'], 'the lint started');
    for (let i = 0; i < 5; i++) f.change('a');
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(f.linted, ['a@1', 'a@6']);
  });

  it('a lint in progress in one document does not hold another back; closing cancels a pending or running lint', async () => {
    const f = fixture(50);
    f.change('a');
    await turns(3);
    f.change('b');
    await turns(3);
    assert.deepEqual(f.linted, ['a@1', 'b@1'], 'b was linted while a was still linting');
    f.change('a'); // during a's lint: would lint again when it ends
    f.schedule.cancel('a');
    f.change('c');
    f.schedule.cancel('c');
    await new Promise((r) => setTimeout(r, 120));
    assert.deepEqual(f.linted, ['a@1', 'b@1']);
  });

  it('a burst of keystrokes costs one lint, or two (the first change at once, the rest together after it): no backlog of versions', async () => {
    const client = await startServer({}); // no fixed debounce: the default scheduling
    try {
      const u = uri();
      const block = 'FROM debian:12 AS s\nRUN apt-get update && apt-get install -y curl\nCOPY . /app\nWORKDIR /app\nRUN make\n';
      await client.open(u, block.repeat(1000)); // 5,000 lines
      const seen: (number | undefined)[] = [];
      const last = client.diagnostics(u, (p) => {
        seen.push(p.version);
        return p.version === 7;
      });
      for (let v = 2; v <= 7; v++) {
        void client.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri: u, version: v },
          contentChanges: [{ range: { start: { line: 4, character: 8 }, end: { line: 4, character: 8 } }, text: 'x' }],
        });
      }
      const final = await last;
      // the client writes each notification once the last is written: the first may be linted before the next arrives
      assert.ok(seen.length <= 2 && seen.at(-1) === 7, `versions published: ${seen.join(', ')}`);
      assert.ok(final.diagnostics.length > 0);
    } finally {
      await client.close();
    }
  });
});
