// User text used as a lookup key, symlinks in a searched folder, malformed baselines, a client that keeps asking after
// shutdown: each gets a clear answer, never an internal error or a JavaScript value in a message.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ResponseError } from 'vscode-jsonrpc';
import { lint } from '../server/src/engine/lint';
import { buildModel } from '../server/src/engine/model';
import { rules } from '../server/src/rules';
import { planScript } from '../server/src/shellcheck/scripts';
import { useParser } from './harness/engine';
import { startServer } from './harness/lspClient';
import { CLI } from './harness/paths';
import { project } from './harness/project';

const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

// names every plain object answers to
const PROTO = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];
const LEAK = /function \w*\(|\[native code\]|\[object |undefined|NaN/;

describe('user text as a lookup key', () => {
  useParser();
  it('no rule turns a prototype name into a JavaScript value, with or without a team config', () => {
    const text =
      [
        ...PROTO.map((p) => `ARG ${p}=1`),
        'FROM debian:12 AS constructor',
        'SHELL ["constructor", "-c"]',
        ...PROTO.map((p) => `LABEL ${p}="" org.example.${p}="${p}"`),
        ...PROTO.map((p) => `ENV ${p}=${p}`),
        ...PROTO.map((p) => `RUN dnf ${p} -y curl && apk ${p} curl && apt-get ${p} curl && pip ${p} x && npm ${p} && ${p} --${p}`),
        ...PROTO.map((p) => `EXPOSE ${p}`),
        'COPY --from=__proto__ /a /b',
        'FROM toString',
        'USER constructor',
        `CMD ["${PROTO.join('", "')}"]`,
      ].join('\n') + '\n';
    const schemas = [
      undefined,
      { labelSchema: Object.fromEntries(PROTO.map((p) => [`org.example.${p}`, p])), strictLabels: true },
      { labelSchema: { 'org.example.team': 'url' }, strictLabels: true, trustedRegistries: ['docker.io'], allowedBaseImages: ['debian:*'] },
    ];
    for (const config of schemas) {
      const result = lint({ text, fileName: 'Dockerfile', config, dockerignore: { fileName: '.dockerignore', text: PROTO.join('\n') } }, rules);
      assert.deepEqual(
        result.failures.map((f) => `${f.rule.id}: ${String(f.error)}`),
        [],
      );
      for (const f of result.findings) assert.doesNotMatch(f.message, LEAK, `${f.rule.id}: ${f.message}`);
    }
    // the reported case: a label named constructor is simply not in the schema
    const strict = lint(
      { text: 'FROM alpine:3\nLABEL constructor=""\n', fileName: 'Dockerfile', config: { labelSchema: { team: 'text' }, strictLabels: true } },
      rules,
    );
    assert.deepEqual(
      strict.findings.filter((f) => f.rule.id === 'label-invalid').map((f) => f.message),
      ["Label `constructor` is not in the team's label schema"],
    );
  });

  it('a heredoc interpreter named like a prototype key is not a shell ShellCheck knows', () => {
    for (const p of PROTO) {
      const model = buildModel(`FROM debian:12\nRUN <<EOF\n#!/usr/bin/${p}\necho $x\nEOF\n`);
      assert.equal(planScript(model, model.instructions[1]), undefined, p);
    }
  });

  it('--format constructor is an unknown format', () => {
    const dir = project({ Dockerfile: 'FROM debian:12\n' });
    const r = run(['lint', '--format', 'constructor', join(dir, 'Dockerfile')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^seaworthy: unknown format "constructor" \(expected tty, json/);
  });
});

describe('lint DIR and symlinked Dockerfiles', () => {
  it('lints a symlinked Dockerfile that stays inside the folder, and says why it skips one that leaves it or dangles', () => {
    const root = project({
      'outside/Dockerfile': 'FROM debian:12\nRUN apt-get install outside\n',
      'repo/real/Dockerfile': 'FROM debian:12\nRUN apt-get install real\n',
      'repo/templates/web': 'FROM debian:12\n',
      'repo/.dockerignore': '',
    });
    const repo = join(root, 'repo');
    mkdirSync(join(repo, 'app'));
    symlinkSync('../templates/web', join(repo, 'app/Dockerfile'));
    symlinkSync('../outside/Dockerfile', join(repo, 'leaves.Dockerfile'));
    symlinkSync('nowhere', join(repo, 'dangling.Dockerfile'));
    symlinkSync('real/Dockerfile', join(repo, 'same.Dockerfile'));
    const r = run(['lint', '--no-shellcheck', '--format', 'json', repo]);
    const files = (JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file);
    assert.deepEqual(
      files,
      [join(repo, 'app/Dockerfile'), join(repo, 'real/Dockerfile')],
      'the inside symlink is linted, once (same.Dockerfile names the same file)',
    );
    assert.match(r.stderr, new RegExp(`leaves\\.Dockerfile: skipped: a symlink to a file outside ${repo.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    assert.match(r.stderr, /dangling\.Dockerfile: skipped: a symlink to nothing/);
    assert.doesNotMatch(r.stdout, /outside/);
  });
});

describe('--baseline that is not a baseline', () => {
  it('gives one clear line naming what is wrong, exit 2, never an internal error', () => {
    const dir = project({ Dockerfile: 'FROM debian:12\n', '.dockerignore': '' });
    const cases: [string, RegExp][] = [
      ['null', /not a seaworthy baseline: expected an object with version and findings/],
      ['[]', /not a seaworthy baseline: expected an object/],
      ['{"version": 2, "findings": []}', /version is 2, expected 1/],
      ['{"version": 1}', /findings is not a list/],
      ['{"version": 1, "findings": [null]}', /findings\[0\]\.file is not a string/],
      ['{"version": 1, "findings": [{"file": "Dockerfile", "rule": 3, "fingerprint": "x"}]}', /findings\[0\]\.rule is not a string/],
      ['{"version": 1, "findings": [', /cannot read the baseline \(not JSON: /],
    ];
    for (const [text, message] of cases) {
      writeFileSync(join(dir, 'baseline.json'), text);
      const r = run(['lint', '--baseline', join(dir, 'baseline.json'), join(dir, 'Dockerfile')]);
      assert.equal(r.status, 2, text);
      assert.match(r.stderr, message, text);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /internal error|TypeError/);
    }
  });
});

describe('language server after shutdown', () => {
  it('answers requests with InvalidRequest, as the spec says', async () => {
    const lsp = await startServer();
    try {
      const uri = 'file:///tmp/seaworthy-shutdown/Dockerfile';
      await lsp.open(uri, 'FROM debian:12\nRUN apt-get install curl\n');
      const position = { line: 1, character: 6 };
      assert.ok(await lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }), 'answered before shutdown');
      await lsp.connection.sendRequest('shutdown');
      for (const [method, params] of [
        ['textDocument/hover', { textDocument: { uri }, position }],
        ['textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }],
        ['workspace/executeCommand', { command: 'seaworthy.fixAll', arguments: [uri] }],
      ] as const) {
        await assert.rejects(
          lsp.connection.sendRequest(method, params),
          (e: unknown) => {
            assert.ok(e instanceof ResponseError, String(e));
            assert.equal(e.code, -32600, `${method}: ${e.message}`);
            return true;
          },
          method,
        );
      }
    } finally {
      await lsp.connection.sendNotification('exit').catch(() => undefined);
      lsp.connection.dispose();
      lsp.child.kill();
    }
  });
});
