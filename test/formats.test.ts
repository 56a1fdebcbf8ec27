// The CI report formats, each checked the way its consumer reads it: Code Climate issues and SonarQube's generic
// issue import against JSON schemas written from their specifications (test/schemas), JUnit XML against an XSD of
// the structure CI servers read (xmllint), GNU lines against the GNU Coding Standards' forms. Every format carries
// every finding of the JSON report, at the same place.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { CLI } from './harness/paths';

// relative paths, as CI runs it from the repository's root
const FILES = ['test/fixtures/reports/Dockerfile', 'test/fixtures/alpine-tools.Dockerfile', 'test/fixtures/windows-eol.Dockerfile', 'examples/Dockerfile'];
const lint = (format: string, files = FILES, stdin?: string) =>
  spawnSync(process.execPath, [CLI, 'lint', '--no-shellcheck', '--format', format, ...files], {
    encoding: 'utf8',
    input: stdin,
    env: { ...process.env, NO_COLOR: '1' },
  });
const schema = (name: string) => JSON.parse(readFileSync(join('test', 'schemas', name), 'utf8'));

interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
const expected: { file: string; findings: JsonFinding[] }[] = JSON.parse(lint('json').stdout);
const all = expected.flatMap((r) => r.findings.map((f) => ({ ...f, file: r.file })));

describe('report formats', () => {
  it('the files linted here have findings of several levels (or the comparisons below prove little)', () => {
    assert.ok(all.length >= 20, `${all.length} findings`);
    assert.deepEqual(new Set(all.map((f) => f.severity)), new Set(['error', 'warning', 'information']));
  });

  it('codeclimate: a NUL-terminated stream of issues, each valid against the Code Climate issue schema', () => {
    const r = lint('codeclimate');
    assert.equal(r.status, 1, r.stderr);
    assert.ok(r.stdout.trimEnd().endsWith('\0'), 'each issue is terminated by a NUL character');
    const docs = r.stdout
      .split('\0')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => JSON.parse(d));
    const validate = new Ajv({ allErrors: true }).compile(schema('codeclimate-issue.schema.json'));
    for (const d of docs) assert.ok(validate(d), JSON.stringify(validate.errors));
    assert.deepEqual(
      docs.map((d) => [d.location.path, d.check_name, d.location.positions.begin.line, d.location.positions.begin.column]),
      all.map((f) => [f.file, f.rule, f.line, f.column]),
    );
    assert.equal(new Set(docs.map((d) => d.fingerprint)).size, docs.length, 'fingerprints tell issues apart, across files too');
    const root = docs.find((d) => d.check_name === 'final-stage-root-user');
    assert.deepEqual(root.categories, ['Security']);
    assert.equal(root.severity, 'major');
  });

  it('gitlab and codeclimate: the same finding in two files keeps two fingerprints (GitLab merges issues that share one)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seaworthy-fp-'));
    for (const name of ['a.Dockerfile', 'b.Dockerfile']) writeFileSync(join(dir, name), 'FROM debian:12\nRUN apt-get install curl\n');
    const files = [join(dir, 'a.Dockerfile'), join(dir, 'b.Dockerfile')];
    const gitlab = JSON.parse(lint('gitlab', files).stdout) as { fingerprint: string }[];
    assert.equal(new Set(gitlab.map((x) => x.fingerprint)).size, gitlab.length);
    const climate = lint('codeclimate', files)
      .stdout.split('\0')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => JSON.parse(d).fingerprint);
    assert.equal(new Set(climate).size, gitlab.length);
  });

  it('sonarqube: valid against the generic issue import schema; every issue names a listed rule and a range that exists in its file', () => {
    const r = lint('sonarqube');
    interface TextRange {
      startLine: number;
      endLine: number;
      startColumn?: number;
      endColumn?: number;
    }
    interface SonarReport {
      rules: { id: string; impacts: unknown[] }[];
      issues: { ruleId: string; primaryLocation: { filePath: string; textRange: TextRange } }[];
    }
    const report: SonarReport = JSON.parse(r.stdout);
    const validate = new Ajv({ allErrors: true }).compile(schema('sonarqube-generic-issues.schema.json'));
    assert.ok(validate(report), JSON.stringify(validate.errors));
    const ruleIds = new Set(report.rules.map((x) => x.id));
    assert.equal(ruleIds.size, report.rules.length, 'each rule listed once');
    assert.deepEqual(ruleIds, new Set(all.map((f) => f.rule)), 'the rules listed are the rules that fired');
    assert.equal(report.issues.length, all.length);
    report.issues.forEach((issue, i) => {
      const f = all[i];
      const t = issue.primaryLocation.textRange;
      assert.deepEqual([issue.ruleId, issue.primaryLocation.filePath, t.startLine, t.endLine], [f.rule, f.file, f.line, f.endLine]);
      // SonarQube refuses a report whose range does not fit its file: 0-based columns within the lines
      const lines = readFileSync(f.file, 'utf8').split(/\r\n|\r|\n/);
      assert.ok(t.endLine <= lines.length);
      if (t.startColumn !== undefined) {
        assert.equal(t.startColumn, f.column - 1);
        assert.ok(t.startColumn <= lines[t.startLine - 1].length && t.endColumn! <= lines[t.endLine - 1].length, `${f.file}:${f.line} ${f.rule}`);
        assert.ok(t.endLine > t.startLine || t.endColumn! > t.startColumn, 'a range ends after it starts');
      }
    });
    const secret = report.rules.find((x) => x.id === 'secret-in-env-or-arg');
    assert.deepEqual(secret?.impacts, [{ softwareQuality: 'SECURITY', severity: 'MEDIUM' }]);
  });

  it(
    'junit: valid against the JUnit XSD, one failed test case per finding, counts that add up',
    {
      skip:
        !hasXmllint() && process.env.SEAWORTHY_REQUIRE_REPORT_VALIDATORS !== '1' && 'xmllint is not installed (bash scripts/setup-test-deps.sh installs it)',
    },
    () => {
      const clean = join(mkdtempSync(join(tmpdir(), 'seaworthy-junit-')), 'Dockerfile');
      writeFileSync(clean, 'FROM debian:12@sha256:' + 'a'.repeat(64) + '\nUSER nobody\nCMD ["sleep", "1"]\n');
      const r = lint('junit', [...FILES, clean]);
      const file = join(mkdtempSync(join(tmpdir(), 'seaworthy-junit-')), 'report.xml');
      writeFileSync(file, r.stdout);
      const valid = spawnSync('xmllint', ['--noout', '--schema', join('test', 'schemas', 'junit.xsd'), file], { encoding: 'utf8' });
      assert.equal(valid.status, 0, valid.stderr);
      const xpath = (expr: string) => spawnSync('xmllint', ['--xpath', expr, file], { encoding: 'utf8' }).stdout.trim();
      assert.equal(Number(xpath('count(//testcase/failure)')), all.length);
      assert.equal(Number(xpath('count(//testsuite)')), FILES.length + 1);
      assert.equal(xpath('string(/testsuites/@failures)'), String(all.length));
      assert.equal(xpath('string(/testsuites/@tests)'), xpath('count(//testcase)'));
      for (const [i, f] of FILES.entries()) assert.equal(xpath(`string(//testsuite[${i + 1}]/@failures)`), String(expected[i].findings.length), f);
      // the file without findings is one passing test case
      assert.equal(xpath(`count(//testsuite[@name="${clean}"]/testcase[not(failure)])`), '1');
      const first = all[0];
      assert.equal(xpath('string(//testcase[1]/@file)'), first.file);
      assert.equal(xpath('string(//testcase[1]/@line)'), String(first.line));
      assert.equal(xpath('string(//testcase[1]/failure/@message)'), first.message);
      assert.equal(xpath('string(//testcase[1]/failure/@type)'), first.severity);
    },
  );

  it('gnu: one line per finding in a GNU Coding Standards form, columns counting tab stops', () => {
    const gnu =
      /^(?<file>[^:\n]+):(?<line>\d+)\.(?<column>\d+)(?:-(?:(?<endLine>\d+)\.)?(?<endColumn>\d+))?: (?<level>error|warning|note): (?<message>[^\n]*[^.\n]) \[(?<rule>[\w/.-]+)\]$/;
    const lines = lint('gnu').stdout.trimEnd().split('\n');
    assert.equal(lines.length, all.length);
    lines.forEach((l, i) => {
      const m = gnu.exec(l);
      assert.ok(m, `not a GNU error line: ${l}`);
      const f = all[i];
      assert.deepEqual([m.groups!.file, Number(m.groups!.line), m.groups!.rule], [f.file, f.line, f.rule]);
      assert.equal(m.groups!.level, { error: 'error', warning: 'warning', information: 'note', hint: 'note' }[f.severity]);
    });
    // `RUN<TAB>apt-get install curl`: apt-get starts at character 5, display column 9; the range ends on `curl`'s l
    const tab = lint('gnu', ['-'], 'FROM debian:12\nRUN\tapt-get install curl\n').stdout;
    assert.match(tab, /^Dockerfile:2\.9-28: warning: `apt-get install` without `-y` waits for an answer no build can give \[apt-missing-yes\]$/m);
  });
});

function hasXmllint(): boolean {
  return spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).status === 0;
}
