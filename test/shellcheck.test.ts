// ShellCheck on RUN scripts, with the real `shellcheck`: exact ranges back in the Dockerfile (continuations, a
// backtick escape, CRLF, heredocs, tabs), the dialect of the SHELL in effect, settings and suppressions, the CLI and
// the language server. Without shellcheck the suite is skipped, unless SEAWORTHY_REQUIRE_SHELLCHECK=1 (CI).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { ruleMarkdown } from '../server/src/engine/docs';
import { lint } from '../server/src/engine/lint';
import { buildModel } from '../server/src/engine/model';
import type { Finding } from '../server/src/engine/rule';
import { resolveSettings } from '../server/src/engine/settings';
import { fixAllText, mergeFixes } from '../server/src/engine/fix/fixAll';
import { applyEdits, oneBasedRange } from '../server/src/engine/text';
import { rulesByKey } from '../server/src/rules';
import shellcheckRule from '../server/src/rules/shellcheck';
import { ShellCheckCache } from '../server/src/shellcheck/cache';
import { findShellCheck, runShellCheck } from '../server/src/shellcheck/run';
import { commentsFor, scriptsToCheck } from '../server/src/shellcheck/scripts';
import { useParser } from './harness/engine';
import { startServer, type LspClient } from './harness/lspClient';
import { CLI } from './harness/paths';
import { project } from './harness/project';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Connection } from 'vscode-languageserver/node';
import type { Analysis } from '../server/src/analysis';
import type { DockerfileModel } from '../server/src/engine/model';
import { ShellCheckFeature } from '../server/src/shellcheck/editor';

const binary = findShellCheck(undefined);
const required = process.env.SEAWORTHY_REQUIRE_SHELLCHECK === '1';
const skip = binary ? false : required ? false : 'shellcheck is not on PATH (apt-get install shellcheck, or scripts/setup-test-deps.sh)';

if (!binary && required) it('shellcheck is on PATH (SEAWORTHY_REQUIRE_SHELLCHECK=1)', () => assert.fail('shellcheck is not on PATH'));

/** Lints with the shellcheck rule only, after asking the real ShellCheck. */
async function check(text: string, overrides: Record<string, 'off' | 'error' | 'warning' | 'information' | 'hint'> = {}): Promise<Finding[]> {
  const model = buildModel(text);
  const cache = new ShellCheckCache();
  assert.notEqual(await cache.check(model, { binary: binary! }), 'missing');
  const { settings, unknownKeys } = resolveSettings(overrides, rulesByKey);
  assert.deepEqual(unknownKeys, []);
  return [...lint({ text, fileName: 'Dockerfile', model, settings, shellcheck: cache.facts }, [shellcheckRule]).findings];
}

const brief = (f: Finding) => ({ rule: f.rule.id, severity: f.severity, ...oneBasedRange(f.range) });
const codes = (fs: readonly Finding[]) => fs.map((f) => f.rule.id);

describe('shellcheck: ranges in the Dockerfile', { skip }, () => {
  useParser();

  it('a continued RUN: the variable on the second line', async () => {
    const found = await check('FROM debian:12\nRUN mkdir -p /x && \\\n    cp $SRC /x\n');
    assert.deepEqual(found.map(brief), [{ rule: 'shellcheck/SC2086', severity: 'information', line: 3, column: 8, endLine: 3, endColumn: 12 }]);
    assert.equal(found[0].message, 'Double quote to prevent globbing and word splitting.');
  });

  it('a comment line and a tab inside the continuation', async () => {
    const found = await check('FROM debian:12\nRUN echo a && \\\n# a comment Docker drops\n\techo $X \\\n\t\t$Y\n');
    assert.deepEqual(found.map(brief), [
      { rule: 'shellcheck/SC2086', severity: 'information', line: 4, column: 7, endLine: 4, endColumn: 9 },
      { rule: 'shellcheck/SC2086', severity: 'information', line: 5, column: 3, endLine: 5, endColumn: 5 },
    ]);
  });

  it('a file with `# escape=`` (the backtick continues lines)', async () => {
    const found = await check('# escape=`\nFROM debian:12\nRUN mkdir -p /x && `\n    cp $SRC /x\n');
    assert.deepEqual(found.map(brief), [{ rule: 'shellcheck/SC2086', severity: 'information', line: 4, column: 8, endLine: 4, endColumn: 12 }]);
  });

  it('CRLF line ends', async () => {
    const found = await check('FROM debian:12\r\nRUN mkdir -p /x && \\\r\n    cp $SRC /x\r\nRUN echo $Y\r\n');
    assert.deepEqual(found.map(brief), [
      { rule: 'shellcheck/SC2086', severity: 'information', line: 3, column: 8, endLine: 3, endColumn: 12 },
      { rule: 'shellcheck/SC2086', severity: 'information', line: 4, column: 10, endLine: 4, endColumn: 12 },
    ]);
  });

  it('a heredoc script, a <<- heredoc with tabs, and a heredoc inside a command', async () => {
    const found = await check('FROM debian:12\nRUN <<EOF\nset -e\ncp $SRC /x\nEOF\nRUN <<-EOF\n\tcp $A /x\n\tEOF\nRUN cat <<EOF > /f && rm $B\nhello\nEOF\n');
    assert.deepEqual(found.map(brief), [
      { rule: 'shellcheck/SC2086', severity: 'information', line: 4, column: 4, endLine: 4, endColumn: 8 },
      { rule: 'shellcheck/SC2086', severity: 'information', line: 7, column: 5, endLine: 7, endColumn: 7 },
      { rule: 'shellcheck/SC2086', severity: 'information', line: 9, column: 26, endLine: 9, endColumn: 28 },
    ]);
  });

  it('columns count characters: a character outside the BMP is one for ShellCheck, two for LSP', async () => {
    const found = await check('FROM debian:12\nRUN echo "😀" $X\n');
    assert.deepEqual(found.map(brief), [{ rule: 'shellcheck/SC2086', severity: 'information', line: 2, column: 15, endLine: 2, endColumn: 17 }]);
  });

  it('levels map to severities: error, warning, info, style', async () => {
    const found = await check('FROM debian:12\nRUN [ -f /x]\nRUN [[ -f /x ]]\nRUN echo $X\nRUN touch "`date`"\n');
    const severityOf = (code: string) => found.find((f) => f.rule.id === `shellcheck/${code}`)?.severity;
    assert.equal(severityOf('SC1020'), 'error');
    assert.equal(severityOf('SC3010'), 'warning');
    assert.equal(severityOf('SC2086'), 'information');
    assert.equal(severityOf('SC2006'), 'hint');
  });
});

describe('shellcheck: its own fixes as quick fixes', { skip }, () => {
  useParser();
  /** the text after applying the fix of the one finding of `code` */
  const fixed = async (text: string, code: string, title?: string) => {
    const f = (await check(text)).find((x) => x.rule.id === `shellcheck/${code}`);
    assert.ok(f?.fix, `${code} has a fix`);
    if (title) assert.equal(f.fix.title, title, 'the title says what the fix does');
    assert.equal(f.fix.safe, false, 'offered, never applied by fix-all');
    return applyEdits(text, f.fix.edits);
  };

  it('quotes a variable and turns backticks into $(…), where ShellCheck says so', async () => {
    assert.equal(await fixed('FROM debian:12\nRUN mkdir -p $CONFIG_DIR\n', 'SC2086', 'Quote $CONFIG_DIR'), 'FROM debian:12\nRUN mkdir -p "$CONFIG_DIR"\n');
    assert.equal(
      await fixed('FROM debian:12\nRUN echo `date` > /built\n', 'SC2006', 'Change “`date`” to “$(date)”'),
      'FROM debian:12\nRUN echo $(date) > /built\n',
    );
  });

  it('lands on the right line of a continued RUN, past a comment line, with CRLF line ends and in a heredoc', async () => {
    assert.equal(
      await fixed('FROM debian:12\nRUN mkdir -p /x && \\\n# Docker drops this line\n    cp $SRC /x\n', 'SC2086'),
      'FROM debian:12\nRUN mkdir -p /x && \\\n# Docker drops this line\n    cp "$SRC" /x\n',
    );
    assert.equal(await fixed('FROM debian:12\r\nRUN true && \\\r\n    cp $SRC /x\r\n', 'SC2086'), 'FROM debian:12\r\nRUN true && \\\r\n    cp "$SRC" /x\r\n');
    assert.equal(await fixed('FROM debian:12\nRUN <<EOF\nset -e\ncp $SRC /x\nEOF\n', 'SC2086'), 'FROM debian:12\nRUN <<EOF\nset -e\ncp "$SRC" /x\nEOF\n');
  });

  it("fix-all leaves ShellCheck's fixes alone, also when unsafe fixes are asked for (--fix --unsafe)", async () => {
    const text = 'FROM debian:12\nRUN mkdir -p $CONFIG_DIR\n';
    const found = await check(text);
    assert.ok(found.some((f) => f.fix));
    assert.deepEqual(mergeFixes(found), []);
    assert.deepEqual(
      mergeFixes(found, () => true),
      [],
    );
    assert.equal(
      fixAllText(
        text,
        () => found,
        () => true,
      ).text,
      text,
    );
  });

  it('no quoting fix for a variable declared as a list of words or as empty: the command needs them split, or absent', async () => {
    // a list of words is not even a finding: its unquoted use is meant
    for (const text of [
      'FROM debian:12\nARG EXTRA_PACKAGES="git vim-tiny"\nRUN apt-get update && apt-get install -y curl $EXTRA_PACKAGES\n',
      'FROM debian:12\nENV FLAGS="-a -l"\nRUN ls ${FLAGS} /\n',
      'ARG TOOLS="less procps"\nFROM debian:12\nARG TOOLS\nRUN apt-get install -y $TOOLS\n',
    ])
      assert.deepEqual(
        (await check(text)).filter((f) => f.rule.id === 'shellcheck/SC2086'),
        [],
        text,
      );
    const cases = ['FROM debian:12\nARG FEATURES\nRUN mkdir -p /opt/app $FEATURES\n', 'FROM debian:12\nARG EXTRA_ARGS=\nRUN ls -d ${EXTRA_ARGS} /opt\n'];
    for (const text of cases) {
      const found = (await check(text)).filter((f) => f.rule.id === 'shellcheck/SC2086');
      assert.equal(found.length, 1, text);
      assert.equal(found[0].fix, undefined, text);
      assert.match(found[0].message, /no quick fix: `\w+` is (a list of words|empty unless a build argument sets it)/, text);
    }
    // one word, or a variable the Dockerfile does not declare: quoting is offered
    assert.equal(
      await fixed('FROM debian:12\nARG VERSION=1.2.3\nRUN echo $VERSION > /v\n', 'SC2086'),
      'FROM debian:12\nARG VERSION=1.2.3\nRUN echo "$VERSION" > /v\n',
    );
  });
});

describe('shellcheck: which scripts, in which dialect', { skip }, () => {
  useParser();

  it('the default SHELL is checked as POSIX sh; SHELL bash (inherited by a FROM <stage>) accepts [[', async () => {
    const text =
      'FROM debian:12 AS base\nRUN [[ -f /x ]]\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN [[ -f /x ]]\nFROM base\nRUN [[ -f /x ]]\nFROM debian:12\nRUN [[ -f /x ]]\n';
    assert.deepEqual(
      (await check(text)).map((f) => [f.rule.id, f.range.start.line + 1]),
      [
        ['shellcheck/SC3010', 2],
        ['shellcheck/SC3010', 8],
      ],
    );
    assert.deepEqual(
      scriptsToCheck(buildModel(text)).map((s) => s.dialect),
      ['sh', 'bash', 'bash', 'sh'],
    );
  });

  it('a heredoc with a shebang runs by it: bash is checked as bash, python is not checked', async () => {
    const found = await check('FROM debian:12\nRUN <<EOF\n#!/bin/bash\n[[ -f /x ]] && echo $X\nEOF\nRUN <<EOF\n#!/usr/bin/env python3\nprint("hi")\nEOF\n');
    assert.deepEqual(codes(found), ['shellcheck/SC2086']);
  });

  it('exec form, PowerShell, zsh and `RUN <<EOF bash` are not checked', async () => {
    const text =
      'FROM debian:12\nRUN ["sh", "-c", "echo $X"]\nSHELL ["/bin/zsh", "-c"]\nRUN echo $X\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN echo $X\nFROM debian:12\nRUN <<EOF bash -e\necho $X\nEOF\n';
    assert.deepEqual(scriptsToCheck(buildModel(text)), []);
    assert.deepEqual(await check(text), []);
  });

  it('every RUN is its own script: a syntax error in one does not hide the findings of the next', async () => {
    const found = await check('FROM debian:12\nRUN if true; then echo\nRUN echo $Z\n');
    assert.ok(
      found.some((f) => f.severity === 'error' && f.range.start.line === 1),
      'the broken RUN has its parse error',
    );
    assert.deepEqual(found.filter((f) => f.range.start.line === 2).map(brief), [
      { rule: 'shellcheck/SC2086', severity: 'information', line: 3, column: 10, endLine: 3, endColumn: 12 },
    ]);
  });

  it('the docs example is what the real ShellCheck answers', async () => {
    const model = buildModel(shellcheckRule.docs.example);
    const scripts = scriptsToCheck(model);
    const real = await runShellCheck(scripts, { binary: binary! });
    assert.ok(Array.isArray(real));
    assert.deepEqual(
      real,
      scripts.map((s) => commentsFor(s, shellcheckRule.docs.shellcheckAnswers?.[s.text] ?? [], { keep: 0, added: 0 })),
    );
  });
});

describe('shellcheck: many files in batches', { skip }, () => {
  useParser();

  it('checkMany answers every script of many files as one process per file does (batches of BATCH, two processes)', async () => {
    // 6 files of 40 RUNs each: 240 scripts, more than two batches; the same script in two files is asked once
    const models = Array.from({ length: 6 }, (_, f) =>
      buildModel(`FROM debian:12\n${Array.from({ length: 40 }, (_, r) => `RUN echo $V${f % 3}_${r} && [[ -d /x${r} ]]\n`).join('')}RUN cd /tmp\n`),
    );
    const batched = new ShellCheckCache();
    const asked = batched.checkMany(models, { binary: binary!, processes: 2 });
    const again = batched.checkMany(models.slice(0, 2), { binary: binary!, processes: 2 }); // waits for the first call's runs
    assert.deepEqual(await Promise.all([asked, again]), [undefined, undefined]);
    const alone = new ShellCheckCache();
    for (const m of models) await alone.check(m, { binary: binary! });
    for (const m of models) {
      const answers = (c: ShellCheckCache) => scriptsToCheck(m).map((s) => c.facts.commentsOn(m, s.ins));
      assert.ok(
        answers(batched).every((a) => a !== undefined),
        'every script has its answer',
      );
      assert.deepEqual(answers(batched), answers(alone));
    }
    assert.deepEqual(
      scriptsToCheck(models[0])
        .map((s) => batched.facts.commentsOn(models[0], s.ins)?.map((c) => c.code))
        .slice(0, 2),
      [
        [2086, 3010],
        [2086, 3010],
      ],
    );
  });

  it('a binary that is not there: checkMany says so', async () => {
    const cache = new ShellCheckCache();
    assert.equal(
      await cache.checkMany([buildModel('FROM debian:12\nRUN echo $X\n')], { binary: join(tmpdir(), 'seaworthy-no-such-shellcheck'), processes: 2 }),
      'missing',
    );
  });
});

describe('shellcheck: what the Dockerfile tells it (ARG, ENV, the base)', { skip }, () => {
  useParser();
  const found = async (text: string) => (await check(text)).map((f) => [f.rule.id, f.range.start.line + 1, f.range.start.character + 1]);

  it('a name ARG or ENV sets is set: no "UID is undefined in POSIX sh"; a global ARG not declared again in the stage is not', async () => {
    assert.deepEqual(await found('FROM debian:12\nARG UID=1001\nENV HOSTNAME=app\nRUN useradd -u "$UID" app && echo "$HOSTNAME"\n'), []);
    assert.deepEqual(await found('ARG UID=1001\nFROM debian:12\nRUN useradd -u "$UID" app\nARG UID\nRUN useradd -u "$UID" app\n'), [
      ['shellcheck/SC3028', 3, 17],
    ]);
    // a variable ARG sets is still one to quote
    assert.deepEqual(await found('FROM debian:12\nARG DIR=/opt/app\nRUN mkdir $DIR\n'), [['shellcheck/SC2086', 3, 11]]);
  });

  it('an unquoted use of a list of words (a value with spaces) is meant: no SC2086 or SC2046 for it, others stay', async () => {
    const text =
      'FROM debian:12\nARG PACKAGES="git vim"\nENV FLAGS="-q  -y"\nARG ONE=curl\nRUN apt-get install $FLAGS $PACKAGES $ONE $(echo $PACKAGES) $(echo $ONE)\n';
    assert.deepEqual(await found(text), [
      ['shellcheck/SC2086', 5, 38],
      ['shellcheck/SC2116', 5, 43],
      ['shellcheck/SC2046', 5, 61],
      ['shellcheck/SC2116', 5, 61],
      ['shellcheck/SC2086', 5, 68],
    ]);
    const [planned] = scriptsToCheck(buildModel(text));
    assert.deepEqual(
      [planned.defined, planned.lists],
      [
        ['FLAGS', 'ONE', 'PACKAGES'],
        ['FLAGS', 'PACKAGES'],
      ],
    );
  });

  it('a path with a space is one value to quote, not a list: SC2086 stays; a list of paths is a list', async () => {
    assert.deepEqual(await found('FROM debian:12\nARG DIR="/etc/my app"\nRUN mkdir -p $DIR\n'), [['shellcheck/SC2086', 3, 14]]);
    assert.deepEqual(await found('FROM debian:12\nENV DIR="~/My Documents"\nRUN mkdir -p $DIR\n'), [['shellcheck/SC2086', 3, 14]]);
    assert.deepEqual(await found('FROM debian:12\nARG DIRS="/usr/lib /usr/share"\nRUN ls $DIRS\n'), []);
  });

  it('positions stay right with the names told: a continued RUN, and a heredoc with a shebang', async () => {
    assert.deepEqual(await found('FROM debian:12\nARG A=1\nRUN echo "$A" && \\\n    cp $SRC /x\n'), [['shellcheck/SC2086', 4, 8]]);
    assert.deepEqual(await found('FROM debian:12\nARG UID=1\nRUN <<EOF\n#!/bin/sh\nuseradd -u "$UID" app\necho $X\nEOF\n'), [['shellcheck/SC2086', 6, 6]]);
  });

  it('a base whose /bin/sh is bash (UBI, Fedora, a stage FROM one; SHELL sh too) is checked as bash; Debian and Alpine as POSIX sh', async () => {
    const text =
      'FROM registry.access.redhat.com/ubi9/ubi-minimal AS ubi\nRUN [[ -f /x ]]\nFROM fedora:40\nRUN [[ -f /x ]]\nFROM ubi\nRUN [[ -f /x ]]\nFROM debian:12\nRUN [[ -f /x ]]\nFROM alpine:3.20\nRUN [[ -f /x ]]\nFROM fedora:40\nSHELL ["/bin/sh", "-c"]\nRUN echo $X\n';
    assert.deepEqual(
      scriptsToCheck(buildModel(text)).map((s) => s.dialect),
      ['bash', 'bash', 'bash', 'sh', 'sh', 'bash'],
    );
    assert.deepEqual(
      (await found(text)).map(([code, line]) => [code, line]),
      [
        ['shellcheck/SC3010', 8],
        ['shellcheck/SC3010', 10],
        ['shellcheck/SC2086', 13],
      ],
    );
  });
});

describe('shellcheck: settings and suppressions', { skip }, () => {
  useParser();
  const text = 'FROM debian:12\nRUN [[ -f /x ]] && echo $X\n';

  it('both codes fire by default', async () => assert.deepEqual(codes(await check(text)), ['shellcheck/SC3010', 'shellcheck/SC2086']));
  it('"shellcheck": "off" turns all off', async () => assert.deepEqual(await check(text, { shellcheck: 'off' }), []));
  it('"SC2086": "off" and "shellcheck/SC2086": "off" turn one code off', async () => {
    assert.deepEqual(codes(await check(text, { SC2086: 'off' })), ['shellcheck/SC3010']);
    assert.deepEqual(codes(await check(text, { 'shellcheck/SC2086': 'off' })), ['shellcheck/SC3010']);
  });
  it("a code's own severity wins over the shellcheck rule's, which wins over ShellCheck's level", async () => {
    const found = await check(text, { shellcheck: 'hint', SC2086: 'error' });
    assert.deepEqual(
      found.map((f) => [f.rule.id, f.severity]),
      [
        ['shellcheck/SC3010', 'hint'],
        ['shellcheck/SC2086', 'error'],
      ],
    );
  });
  it('# hadolint ignore=SC2086, # seaworthy-ignore shellcheck/SC2086 and # seaworthy-ignore shellcheck above the RUN', async () => {
    assert.deepEqual(codes(await check(`FROM debian:12\n# hadolint ignore=SC2086\n${text.split('\n')[1]}\n`)), ['shellcheck/SC3010']);
    assert.deepEqual(codes(await check(`FROM debian:12\n# seaworthy-ignore shellcheck/SC2086\n${text.split('\n')[1]}\n`)), ['shellcheck/SC3010']);
    assert.deepEqual(codes(await check(`FROM debian:12\n# seaworthy-ignore shellcheck\n${text.split('\n')[1]}\n`)), []);
    assert.deepEqual(codes(await check(`# seaworthy-ignore-file SC3010\n${text}`)), ['shellcheck/SC2086']);
  });
  it("the hover card names the code and links ShellCheck's wiki", async () => {
    const [, sc2086] = await check(text);
    const card = ruleMarkdown(sc2086.rule);
    assert.match(card, /^\*\*shellcheck\/SC2086\*\* · information · correctness · ShellCheck `SC2086`/);
    assert.match(card, /\]\(https:\/\/www\.shellcheck\.net\/wiki\/SC2086\)/);
    assert.doesNotMatch(card, /\*\*Example\*\*/);
  });
});

describe('shellcheck: failures mean no findings', { skip }, () => {
  useParser();
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-sc-fail-'));
  const fake = (name: string, body: string) => {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  };
  const scripts = () => scriptsToCheck(buildModel('FROM debian:12\nRUN echo $X\n'));

  it('a missing binary', async () => {
    assert.equal(findShellCheck(join(dir, 'nope')), undefined);
    assert.equal(await runShellCheck(scripts(), { binary: join(dir, 'nope') }), 'missing');
  });
  it('a binary that hangs is killed after the timeout', async () => {
    const started = Date.now();
    assert.equal(await runShellCheck(scripts(), { binary: fake('hang', 'exec sleep 30'), timeoutMs: 300 }), 'failed');
    assert.ok(Date.now() - started < 5_000);
  });
  it('too much output, garbage, or a crash', async () => {
    assert.equal(await runShellCheck(scripts(), { binary: fake('loud', 'yes "{}"'), maxOutputBytes: 100_000 }), 'failed');
    assert.equal(await runShellCheck(scripts(), { binary: fake('garbage', 'echo not json; exit 1') }), 'failed');
    assert.equal(await runShellCheck(scripts(), { binary: fake('crash', 'exit 3') }), 'failed');
  });
  it('a batch that fails is asked again one script per process: each script keeps its own answer', async () => {
    // fails when given more than one file (-f json1 --norc -e CODES, then the files), else is the real ShellCheck
    const picky = fake('picky', `[ $# -gt 6 ] && exit 3\nexec ${binary} "$@"`);
    const model = buildModel('FROM debian:12\nRUN echo $X\nRUN [[ -f /x ]]\nRUN echo fine\n');
    const batched = new ShellCheckCache();
    assert.equal(await batched.checkMany([model], { binary: picky, processes: 1 }), undefined);
    const alone = new ShellCheckCache();
    await alone.check(model, { binary: binary! });
    const answers = (c: ShellCheckCache) => scriptsToCheck(model).map((s) => c.facts.commentsOn(model, s.ins)?.map((x) => x.code));
    assert.deepEqual(answers(batched), [[2086], [3010], []]);
    assert.deepEqual(answers(batched), answers(alone));
  });
  it('a failed run is remembered as no comments, not retried', async () => {
    const cache = new ShellCheckCache();
    const model = buildModel('FROM debian:12\nRUN echo $X\n');
    assert.equal(await cache.check(model, { binary: fake('crash2', 'exit 3') }), 'failed');
    assert.equal(await cache.check(model, { binary: binary! }), 'none');
    assert.deepEqual(
      scriptsToCheck(model).map((s) => cache.facts.commentsOn(model, s.ins)),
      [[]],
    );
  });
});

const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('shellcheck: the CLI', { skip }, () => {
  const dir = project({ Dockerfile: 'FROM debian:12\nRUN mkdir -p /x && \\\n    cp $SRC /x\n', '.dockerignore': '.git\n' });
  const file = join(dir, 'Dockerfile');
  const shellcheckFindings = (stdout: string) =>
    (JSON.parse(stdout) as { findings: { rule: string }[] }[])[0].findings.filter((f) => f.rule.startsWith('shellcheck'));

  it('lint runs shellcheck from PATH: rule, aliases, severity and 1-based range in JSON', () => {
    const r = cli(['lint', '--format', 'json', file]);
    assert.equal(r.stderr, '');
    assert.deepEqual(shellcheckFindings(r.stdout), [
      {
        rule: 'shellcheck/SC2086',
        aliases: ['SC2086'],
        severity: 'information',
        message: 'Double quote to prevent globbing and word splitting.',
        line: 3,
        column: 8,
        endLine: 3,
        endColumn: 12,
        fix: { title: 'Quote $SRC', safe: false },
      },
    ]);
  });
  it('SARIF names the code as ruleId, and describes it with its wiki link', () => {
    const sarif = JSON.parse(cli(['lint', '--format', 'sarif', file]).stdout);
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'shellcheck/SC2086');
    assert.ok(result);
    const rule = sarif.runs[0].tool.driver.rules[result.ruleIndex];
    assert.equal(rule.id, 'shellcheck/SC2086');
    assert.match(rule.help.markdown, /shellcheck\.net\/wiki\/SC2086/);
  });
  it('--no-shellcheck, --ignore SC2086 and --rule shellcheck=off', () => {
    assert.deepEqual(shellcheckFindings(cli(['lint', '--format', 'json', '--no-shellcheck', file]).stdout), []);
    assert.deepEqual(shellcheckFindings(cli(['lint', '--format', 'json', '--ignore', 'SC2086', file]).stdout), []);
    assert.deepEqual(shellcheckFindings(cli(['lint', '--format', 'json', '--rule', 'shellcheck=off', file]).stdout), []);
  });
  it('--shellcheck PATH names the binary; a missing one is said once and changes nothing else', () => {
    assert.equal(shellcheckFindings(cli(['lint', '--format', 'json', '--shellcheck', binary!, file]).stdout).length, 1);
    const r = cli(['lint', '--format', 'json', '--shellcheck', join(dir, 'no-such-shellcheck'), file]);
    assert.match(r.stderr, /--shellcheck .*no-such-shellcheck: not an executable file/);
    assert.deepEqual(shellcheckFindings(r.stdout), []);
    assert.equal(r.status, cli(['lint', '--no-shellcheck', file]).status);
  });
});

describe('shellcheck: the CLI over many files', { skip }, () => {
  it('every file of a folder larger than one batch window gets its own findings, in file order', () => {
    // 75 files: three windows of files asked ahead, two of them full; a file whose config turns ShellCheck off gets none
    const files: Record<string, string> = { '.dockerignore': '.git\n' };
    for (let i = 0; i < 75; i++) files[`d${String(i).padStart(2, '0')}/Dockerfile`] = `FROM debian:12\n${'RUN true\n'.repeat(i % 4)}RUN echo $V${i}\n`;
    files['d40/.seaworthy.yaml'] = 'rules:\n  shellcheck: off\n';
    const dir = project(files);
    const r = cli(['lint', '--format', 'json', dir]);
    const out = JSON.parse(r.stdout) as { file: string; findings: { rule: string; line: number; column: number }[] }[];
    assert.equal(out.length, 75);
    out.forEach((f, i) => {
      const sc = f.findings.filter((x) => x.rule.startsWith('shellcheck'));
      assert.match(f.file, new RegExp(`d${String(i).padStart(2, '0')}/Dockerfile$`));
      assert.deepEqual(
        sc.map((x) => [x.rule, x.line, x.column]),
        i === 40 ? [] : [['shellcheck/SC2086', 2 + (i % 4), 10]],
        f.file,
      );
    });
  });

  it('what is said about a file read ahead (a .dockerignore that is a FIFO) is said, in its turn', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`d${String(i).padStart(2, '0')}/Dockerfile`] = 'FROM debian:12\nRUN echo $V\n';
    const dir = project(files);
    for (const d of ['d01', 'd35']) spawnSync('mkfifo', [join(dir, d, '.dockerignore')]);
    const r = cli(['lint', '--format', 'json', dir]);
    assert.deepEqual(
      r.stderr.split('\n').filter(Boolean),
      ['d01', 'd35'].map(
        (d) => `seaworthy: ${join(dir, d, '.dockerignore')}: not read: it is a FIFO, not a regular file; rules that read the .dockerignore were skipped`,
      ),
    );
  });
});

describe('shellcheck: the language server', { skip }, () => {
  let client: LspClient;
  before(async () => {
    client = await startServer();
  });
  after(async () => client.close());

  it('publishes the other rules first, then again with shellcheck/SC… diagnostics', async () => {
    const uri = 'untitled:sc-first';
    const later = client.diagnostics(uri, (p) => p.diagnostics.some((d) => String(d.code).startsWith('shellcheck/')));
    const first = await client.open(uri, 'FROM debian:12\nRUN mkdir -p /x && \\\n    cp $SRC /x\n');
    assert.ok(first.length > 0);
    assert.ok(!first.some((d) => String(d.code).startsWith('shellcheck/')), 'the first publish waited for ShellCheck');
    const sc = (await later).diagnostics.filter((d) => String(d.code).startsWith('shellcheck/'));
    assert.deepEqual(
      sc.map((d) => ({ code: d.code, severity: d.severity, range: d.range, href: d.codeDescription?.href })),
      [
        {
          code: 'shellcheck/SC2086',
          severity: 3,
          range: { start: { line: 2, character: 7 }, end: { line: 2, character: 11 } },
          href: 'https://www.shellcheck.net/wiki/SC2086',
        },
      ],
    );
  });

  it("offers ShellCheck's fix as a quick fix, not marked preferred", async () => {
    const uri = 'untitled:sc-fix';
    const later = client.diagnostics(uri, (p) => p.diagnostics.some((d) => String(d.code).startsWith('shellcheck/')));
    await client.open(uri, 'FROM debian:12\nRUN mkdir -p $CONFIG_DIR\n');
    const d = (await later).diagnostics.find((x) => x.code === 'shellcheck/SC2086')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    })) as { title: string; isPreferred?: boolean; edit?: { documentChanges?: { edits: { range: unknown; newText: string }[] }[] } }[];
    const fix = actions.find((a) => a.title.startsWith('Quote $'));
    assert.ok(fix, actions.map((a) => a.title).join('; '));
    assert.equal(fix.isPreferred, false);
    assert.deepEqual(
      fix.edit?.documentChanges?.[0].edits.map((e) => e.newText),
      ['"', '"'],
    );
  });

  it('an edit elsewhere keeps the findings of an unchanged RUN in the first publish (cached by script)', async () => {
    const uri = 'untitled:sc-cache';
    const later = client.diagnostics(uri, (p) => p.diagnostics.some((d) => String(d.code).startsWith('shellcheck/')));
    await client.open(uri, 'FROM debian:12\nRUN echo $A\n');
    await later;
    const next = client.diagnostics(uri);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: 'FROM debian:12\nENV X=1\nRUN echo $A\n' }],
    });
    const d = (await next).diagnostics.filter((x) => String(x.code).startsWith('shellcheck/'));
    assert.deepEqual(
      d.map((x) => x.range.start),
      [{ line: 2, character: 9 }],
    );
  });
});

describe('shellcheck: seaworthy.shellcheck.* and workspace trust', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-sc-path-'));
  // a configured "shellcheck" that leaves a mark, then runs the real one
  const marker = join(dir, 'ran');
  const wrapper = join(dir, 'my-shellcheck');
  writeFileSync(wrapper, `#!/bin/sh\ntouch '${marker}'\nexec '${binary}' "$@"\n`);
  chmodSync(wrapper, 0o755);
  const text = 'FROM debian:12\nRUN echo $A\n';
  const hasShellCheck = (p: { diagnostics: { code?: unknown }[] }) => p.diagnostics.some((d) => String(d.code).startsWith('shellcheck/'));

  it('enable: false runs nothing', async () => {
    const client = await startServer();
    client.settings.seaworthy = { enable: true, rules: {}, network: false, shellcheck: { enable: false, path: '' } };
    try {
      const uri = 'untitled:sc-off';
      const seen: boolean[] = [];
      const none = client
        .diagnostics(
          uri,
          (p) => {
            seen.push(hasShellCheck(p));
            return false;
          },
          1_500,
        )
        .catch(() => undefined);
      await client.open(uri, text);
      await none;
      assert.ok(!seen.includes(true));
    } finally {
      await client.close();
    }
  });

  it('a trusted workspace runs the configured path; an untrusted one only shellcheck from PATH', async () => {
    for (const trusted of [false, true]) {
      const client = await startServer({ debounceMs: 0, workspaceTrusted: trusted });
      client.settings.seaworthy = { enable: true, rules: {}, network: false, shellcheck: { enable: true, path: wrapper } };
      try {
        const uri = pathToFileURL(join(dir, `Dockerfile.${trusted}`)).toString();
        const later = client.diagnostics(uri, hasShellCheck);
        await client.open(uri, text);
        await later;
        assert.equal(existsSync(marker), trusted, trusted ? 'the configured path did not run' : 'an untrusted workspace ran the configured path');
      } finally {
        await client.close();
      }
    }
  });
});

describe('shellcheck: in the editor', { skip }, () => {
  useParser();

  it('a document waiting for ShellCheck is not kept meanwhile (860 files opened at once held every analysis), and is still answered', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const said: string[] = [];
    const connection = { console: { info: (m: string) => said.push(m), warn: (m: string) => said.push(m) } } as unknown as Connection;
    const feature = new ShellCheckFeature(connection, true);
    let model: DockerfileModel | undefined = buildModel('FROM debian:12\nRUN echo $X\n');
    const kept = new WeakRef(model);
    const analysisOf = (m: DockerfileModel) =>
      ({
        uri: 'file:///w/Dockerfile',
        enabled: true,
        activeRules: [shellcheckRule],
        settings: { shellcheck: { enable: true, path: '' } },
        model: m,
      }) as unknown as Analysis;
    let relinted = false;
    const checked = feature.check(analysisOf(model), () => (relinted = true));
    model = undefined;
    // within the quiet time ShellCheck waits for before it runs
    await new Promise((r) => setTimeout(r, 20));
    gc();
    await new Promise((r) => setImmediate(r));
    assert.equal(kept.deref(), undefined);
    await checked;
    assert.ok(relinted, `ShellCheck's comment on $X asked for a new lint (${said.join('; ')})`);
  });
});
