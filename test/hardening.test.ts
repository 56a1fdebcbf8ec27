// Hardening: a broken rule does not take the others down; the CLI fails clearly, never with a stack trace.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lintFiles, type FileOutcome } from '../server/src/cli/lintFiles';
import { lint } from '../server/src/engine/lint';
import { defineRule } from '../server/src/engine/rule';
import { ruleByKey, rules } from '../server/src/rules';
import { useParser } from './harness/engine';
import { CLI } from './harness/paths';

const broken = defineRule({
  id: 'always-throws',
  aliases: [],
  category: 'correctness',
  severity: 'error',
  fixable: 'never',
  docs: { what: 'x', why: 'x', example: 'x', instead: 'x' },
  check() {
    throw new TypeError('boom');
  },
});

const brokenFix = defineRule({
  ...broken,
  id: 'fix-throws',
  fixable: 'sometimes',
  check({ model, report }) {
    report({
      range: model.instructions[0].range,
      message: 'found',
      fix: () => {
        throw new Error('fix boom');
      },
    });
  },
});

describe('hardening', () => {
  useParser();
  it('a rule that throws is reported once as a failure; the other rules still report', () => {
    const text = 'FROM debian:12\nRUN apt-get install curl\n';
    const normal = lint({ text, fileName: 'Dockerfile' }, rules).findings.map((f) => f.rule.id);
    const told: string[] = [];
    const result = lint({ text, fileName: 'Dockerfile', onFixFailure: (f) => told.push(f.rule.id) }, [broken, ...rules, brokenFix]);
    assert.deepEqual(
      result.failures.map((f) => [f.rule.id, (f.error as Error).message]),
      [['always-throws', 'boom']],
    );
    // a fix is built when it is read: the finding whose fix threw is kept, without a fix, and the failure is said then
    assert.deepEqual(
      result.findings.map((f) => f.rule.id).filter((id) => id !== 'fix-throws'),
      normal,
    );
    assert.equal(result.findings.find((f) => f.rule.id === 'fix-throws')?.fix, undefined);
    assert.deepEqual(
      result.failures.map((f) => [f.rule.id, (f.error as Error).message]),
      [
        ['always-throws', 'boom'],
        ['fix-throws', 'fix boom'],
      ],
    );
    assert.deepEqual(told, ['fix-throws']);
    assert.equal(result.findings.find((f) => f.rule.id === 'fix-throws')?.fix, undefined);
    assert.deepEqual(told, ['fix-throws'], 'built once');
  });

  it('CLI: a fix that throws fails the run when the output shows fixes (json, sarif, tty, --fix), and is never built otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seaworthy-fix-fails-'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM debian:12\nRUN apt-get install curl\n');
    // (a rule that runs its check on the whole file: an instruction-scoped one is run through checkInstruction)
    const victim = ruleByKey.get('apt-no-install-recommends')! as { check: (ctx: unknown) => void };
    const original = victim.check;
    let built = 0;
    victim.check = (ctx) => {
      const c = ctx as { model: { instructions: { range: unknown }[] }; report: (r: unknown) => void };
      c.report({
        range: c.model.instructions[1].range,
        message: 'found',
        fix: () => {
          built++;
          throw new Error('fix boom');
        },
      });
    };
    const outcomes: FileOutcome[] = [];
    const options = { config: undefined, overrides: {}, stdinFilename: 'Dockerfile', maxLength: undefined, fix: false, unsafe: false };
    try {
      await lintFiles(
        [join(dir, 'Dockerfile')],
        { ...options, showsFixes: false },
        {},
        () => '',
        (o) => outcomes.push(o),
      );
      assert.equal(built, 0, 'gnu, checkstyle and the other formats print no fix: none is built');
      await lintFiles(
        [join(dir, 'Dockerfile')],
        { ...options, showsFixes: true },
        {},
        () => '',
        (o) => outcomes.push(o),
      );
    } finally {
      victim.check = original;
    }
    assert.equal(outcomes[0].failed, false);
    assert.equal(built, 1);
    assert.equal(outcomes[1].failed, true);
    assert.deepEqual(outcomes[1].stderr, [
      `seaworthy: rule apt-no-install-recommends failed on ${join(dir, 'Dockerfile')}, so this file was not fully checked: Error: fix boom`,
    ]);
  });

  it('CLI: a rule that fails fails the run (the outcome says so, naming the rule); the other files are still linted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seaworthy-rule-fails-'));
    writeFileSync(join(dir, 'a.Dockerfile'), 'FROM debian:12\nRUN apt-get install curl\n');
    writeFileSync(join(dir, 'b.Dockerfile'), 'FROM debian:12\nRUN apt-get install -y curl\nUSER 10001\n');
    const victim = ruleByKey.get('apt-lists-not-cleaned')! as { check: (ctx: unknown) => void };
    const original = victim.check;
    // the rule fails on the first file only (as a rule that meets an input it cannot handle)
    victim.check = (ctx) => {
      if (/apt-get install curl/.test((ctx as { model: { text: string } }).model.text)) throw new RangeError('Invalid string length');
      original(ctx);
    };
    const outcomes: FileOutcome[] = [];
    try {
      await lintFiles(
        [join(dir, 'a.Dockerfile'), join(dir, 'b.Dockerfile')],
        { config: undefined, overrides: {}, stdinFilename: 'Dockerfile', maxLength: undefined, fix: false, unsafe: false },
        {},
        () => '',
        (o) => outcomes.push(o),
      );
    } finally {
      victim.check = original;
    }
    assert.equal(outcomes[0].failed, true, 'the run fails (main turns this into exit 2)');
    assert.deepEqual(outcomes[0].stderr, [
      `seaworthy: rule apt-lists-not-cleaned failed on ${join(dir, 'a.Dockerfile')}, so this file was not fully checked: RangeError: Invalid string length`,
    ]);
    assert.ok(
      outcomes[0].findings.some((f) => f.rule.id === 'apt-no-install-recommends'),
      'the other rules still report on that file',
    );
    assert.equal(outcomes[1].failed, false);
    assert.ok(outcomes[1].findings.length > 0, 'the next file is linted');
  });

  it('a size limit of its own: longer files get one finding that says so', () => {
    const r = lint({ text: 'FROM debian:12\n' + 'RUN true\n'.repeat(100), fileName: 'Dockerfile', maxLength: 200 }, rules);
    assert.deepEqual(
      r.findings.map((f) => [f.rule.id, f.message]),
      [['file-too-large', 'This file has 915 characters, over the limit of 200: Seaworthy did not lint it']],
    );
  });

  const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  it('invalid UTF-8 and a BOM/CRLF mix read from disk are linted like any file: findings, no crash, nothing lost with --fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seaworthy-bytes-'));
    const file = join(dir, 'Dockerfile');
    // a BOM, CRLF and LF mixed, and bytes that are not UTF-8 (a lone 0xff, a cut multi-byte sequence) inside a RUN
    const bytes = Buffer.concat([
      Buffer.from('\ufeffFROM debian:12\r\nRUN echo "', 'utf8'),
      Buffer.from([0xff, 0xe2, 0x82]),
      Buffer.from('" && apt-get install curl\nUSER 10001\r\n', 'utf8'),
    ]);
    writeFileSync(file, bytes);
    writeFileSync(join(dir, '.dockerignore'), '');
    const r = run(['lint', '--format', 'json', '--no-shellcheck', file]);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, '');
    const rules = (JSON.parse(r.stdout)[0].findings as { rule: string; line: number }[]).map((f) => `${f.rule}@${f.line}`);
    assert.ok(rules.includes('apt-missing-yes@2'), rules.join());
    // fixes would turn the stray bytes into U+FFFD: nothing is written, and the user is told why
    const fix = run(['lint', '--fix', '--no-shellcheck', file]);
    assert.match(fix.stderr, /not valid UTF-8, so fixes were not written \(the file is unchanged\)/);
    assert.ok(readFileSync(file).equals(bytes), 'not one byte changed');
    // the same file in valid UTF-8 (BOM and CRLF/LF mix kept) is fixed, and only where the fix is
    const valid = Buffer.from('\ufeffFROM debian:12\r\nRUN echo "é" && apt-get install curl\nUSER 10001\r\n', 'utf8');
    writeFileSync(file, valid);
    run(['lint', '--fix', '--no-shellcheck', file]);
    const fixed = readFileSync(file, 'utf8');
    assert.ok(fixed.startsWith('\ufeffFROM debian:12\r\nRUN echo "é" && apt-get install -y curl'), JSON.stringify(fixed));
    assert.ok(fixed.endsWith('\nUSER 10001\r\n'), 'line ends outside the fix are kept');
  });

  it('the CLI exits 2 with one clear line for a folder without Dockerfiles, and never prints a stack trace', () => {
    const empty = mkdtempSync(join(tmpdir(), 'seaworthy-empty-'));
    mkdirSync(join(empty, 'src'));
    writeFileSync(join(empty, 'src', 'main.go'), 'package main\n');
    const r = run(['lint', empty]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `seaworthy: ${empty}: no Dockerfile found in this directory\n`);
    for (const args of [
      ['lint', '/nonexistent'],
      ['lint', '--config', '/nonexistent.yaml', empty],
      ['lint', '--baseline', '/nonexistent.json', empty],
    ]) {
      const x = run(args);
      assert.equal(x.status, 2, args.join(' '));
      assert.doesNotMatch(x.stderr, /\n\s+at /, `a stack trace for ${args.join(' ')}`);
    }
  });

  it('a broken .seaworthy.yaml found beside the file stops the run with its place and reason (a team policy is never replaced by the defaults)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seaworthy-broken-'));
    writeFileSync(join(dir, '.seaworthy.yaml'), 'rules: [oops\n');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM debian:12\nUSER app\n');
    const r = run(['lint', '--format', 'json', join(dir, 'Dockerfile')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^seaworthy: .*\.seaworthy\.yaml:\d+:\d+: not valid YAML: .+\n$/);
    assert.equal(r.stdout, '');
  });
});
