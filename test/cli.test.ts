// The CLI as CI runs it: formats, exit codes, folders, clear errors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLI } from './harness/paths';
import { project } from './harness/project';
import { rules } from '../server/src/rules';

const run = (args: string[], cwd?: string) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, env: { ...process.env, NO_COLOR: '1' } });

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
      rule: 'apt-missing-yes',
      aliases: ['DL3014'],
      severity: 'warning',
      message: '`apt-get install` without `-y` waits for an answer no build can give',
      line: 2,
      column: 5,
      endLine: 2,
      endColumn: 25,
      fix: { title: 'Add -y to apt-get install', safe: true },
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
      Dockerfile: 'FROM a:1\n',
      'api/Containerfile': 'FROM b:1\n',
      'web/Dockerfile.prod': 'FROM c:1\n',
      'tools/build.Dockerfile': 'FROM d:1\n',
      'node_modules/x/Dockerfile': 'FROM e:1\n',
      'docs/Dockerfile.md': '# not one\n',
    });
    const r = run(['lint', '--format', 'json', dir]);
    const files = JSON.parse(r.stdout)
      .map((f: { file: string }) => f.file.slice(dir.length + 1))
      .sort();
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
    assert.deepEqual(Object.keys(root), ['id', 'aliases', 'category', 'severity', 'severityWhenOn', 'summary', 'fixable']);
    assert.deepEqual(root.aliases, ['DL3002']);
    assert.equal(root.severity, 'warning');
    assert.equal(root.fixable, true);
    assert.match(root.summary, /^Switch the final stage to a non-root user/);
    const upgrade = list.find((x: { id: string }) => x.id === 'apt-upgrade');
    assert.deepEqual([upgrade.severity, upgrade.severityWhenOn], ['off', 'warning'], 'a rule off by default says so, and what it becomes when on');
    const offByDefault = rules.filter((x) => x.defaultOff).map((x) => x.id);
    assert.deepEqual(
      list.filter((x: { severity: string }) => x.severity === 'off').map((x: { id: string }) => x.id),
      offByDefault,
    );
  });

  it('rules (tty) shows off-by-default rules as off, with their level when on, and every alias', () => {
    const r = run(['rules']);
    assert.equal(r.status, 0);
    const line = (id: string) => r.stdout.split('\n').find((l) => l.startsWith(`${id} `)) ?? '';
    assert.match(line('apt-upgrade'), /^apt-upgrade +off \(warning when on\) +DL3005 +/);
    assert.match(line('final-stage-root-user'), /^final-stage-root-user +warning +DL3002 +Switch the final stage/);
    assert.match(line('shell-form-cmd'), / DL3025, JSONArgsRecommended /);
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

describe('seaworthy CLI for CI', () => {
  const fixtures = join(process.cwd(), 'test', 'fixtures');
  // installed by scripts/setup-test-deps.sh outside the project: it is no dependency of the package
  const MULTITOOL_DIR = join(process.env.SEAWORTHY_TEST_CACHE ?? join(homedir(), '.cache', 'seaworthy-test'), 'sarif-multitool');
  const multitoolMissing =
    !existsSync(join(MULTITOOL_DIR, 'Sarif.Multitool')) &&
    process.env.SEAWORTHY_REQUIRE_REPORT_VALIDATORS !== '1' &&
    'the SARIF multitool is not installed (bash scripts/setup-test-deps.sh installs it)';

  it('sarif: valid against the official SARIF 2.1.0 schema, with rules, locations, fixes and fingerprints', { skip: multitoolMissing }, async () => {
    const r = run(['lint', '--format', 'sarif', fixtures]);
    assert.equal(r.status, 1, r.stderr);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const log = JSON.parse(r.stdout) as { runs: any[] };
    const { default: Ajv } = await import('ajv/dist/2020');
    const schema = JSON.parse(readFileSync(join(MULTITOOL_DIR, 'sarif-2.1.0.json'), 'utf8'));
    const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const run0 = log.runs[0];
    const rule = run0.tool.driver.rules.find((x: { id: string }) => x.id === 'apt-missing-yes');
    assert.match(rule.help.markdown, /\*\*Why it matters in production\.\*\*/);
    const result = run0.results.find((x: { ruleId: string }) => x.ruleId === 'apt-missing-yes');
    assert.equal(run0.tool.driver.rules[result.ruleIndex].id, 'apt-missing-yes');
    assert.match(result.partialFingerprints['seaworthy/v1'], /^[0-9a-f]{32}$/);
    assert.equal(result.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, ' -y');
  });

  it('sarif: Microsoft SARIF multitool (rule kinds Sarif and GitHub ingestion) reports no error', { skip: multitoolMissing }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'seaworthy-sarif-'));
    const input = join(dir, 'in.sarif');
    writeFileSync(input, run(['lint', '--format', 'sarif', fixtures]).stdout);
    const tool = join(MULTITOOL_DIR, 'Sarif.Multitool');
    const out = join(dir, 'out.sarif');
    const v = spawnSync(tool, ['validate', '--rule-kind', 'Sarif;Gh', input, '-o', out, '--log', 'ForceOverwrite'], {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    });
    assert.equal(v.status, 0, v.stdout + v.stderr);
    const problems = JSON.parse(readFileSync(out, 'utf8')).runs[0].results.filter((x: { level?: string }) => x.level === 'error');
    assert.deepEqual(problems, []);
  });

  it('checkstyle, gitlab and github formats carry every finding', () => {
    const file = join(fixtures, 'alpine-tools.Dockerfile');
    const count = JSON.parse(run(['lint', '--format', 'json', file]).stdout)[0].findings.length;
    const checkstyle = run(['lint', '--format', 'checkstyle', file]).stdout;
    assert.match(checkstyle, /^<\?xml version="1.0" encoding="utf-8"\?>\n<checkstyle version="4.3">/);
    assert.equal((checkstyle.match(/<error /g) ?? []).length, count);
    const gitlab = JSON.parse(run(['lint', '--format', 'gitlab', file]).stdout);
    assert.equal(gitlab.length, count);
    assert.deepEqual(Object.keys(gitlab[0]), ['description', 'check_name', 'fingerprint', 'severity', 'location']);
    const github = run(['lint', '--format', 'github', file]).stdout.trim().split('\n');
    assert.equal(github.length, count);
    assert.match(github[0], /^::(error|warning|notice) file=.*alpine-tools\.Dockerfile,line=\d+/);
  });

  it('--failure-threshold, --rule, --ignore and --max-warnings decide the exit status', () => {
    const dir = project({ Dockerfile: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\nUSER app\n' });
    const file = join(dir, 'Dockerfile');
    assert.equal(run(['lint', file]).status, 0); // only information findings
    assert.equal(run(['lint', '--failure-threshold', 'information', file]).status, 1);
    assert.equal(run(['lint', '--failure-threshold', 'none', '--rule', 'DL3009=error', file]).status, 0);
    assert.equal(run(['lint', '--rule', 'apt-unused=error', file]).status, 2);
    const strict = run(['lint', '--format', 'json', '--rule', 'base-image-not-digest-pinned=error', file]);
    assert.equal(strict.status, 1);
    assert.equal(JSON.parse(strict.stdout)[0].findings[0].severity, 'error');
    const ignored = JSON.parse(run(['lint', '--format', 'json', '--ignore', 'base-image-not-digest-pinned', file]).stdout)[0].findings;
    assert.ok(!ignored.some((f: { rule: string }) => f.rule === 'base-image-not-digest-pinned'));
    const noisy = join(project({ Dockerfile: 'FROM debian:12\nRUN apt-get install curl\nUSER app\n' }), 'Dockerfile');
    assert.equal(run(['lint', '--failure-threshold', 'error', noisy]).status, 0);
    assert.equal(run(['lint', '--failure-threshold', 'error', '--max-warnings', '1', noisy]).status, 1);
  });

  it('reads standard input with - and reports it under --stdin-filename', () => {
    const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '--stdin-filename', 'api/Dockerfile', '-'], {
      input: 'FROM node\n',
      encoding: 'utf8',
    });
    const out = JSON.parse(r.stdout);
    assert.equal(out[0].file, 'api/Dockerfile');
    assert.ok(out[0].findings.some((f: { rule: string }) => f.rule === 'base-image-untagged'));
  });

  it('walks folders honouring .gitignore', () => {
    const dir = project({
      '.gitignore': 'build/\n*.generated.Dockerfile\n',
      Dockerfile: 'FROM a:1\n',
      'build/Dockerfile': 'FROM b:1\n',
      'x.generated.Dockerfile': 'FROM c:1\n',
      'svc/Dockerfile': 'FROM d:1\n',
    });
    const files = JSON.parse(run(['lint', '--format', 'json', dir]).stdout)
      .map((f: { file: string }) => f.file.slice(dir.length + 1))
      .sort();
    assert.deepEqual(files, ['Dockerfile', 'svc/Dockerfile']);
  });

  it('--jobs N lints on worker threads with the same output, messages and exit status as one thread', () => {
    const dir = project({
      '.hadolint.yaml': 'ignored: [DL3015]\nfancy: 1\nfailure-threshold: error\n',
      'a/Dockerfile': 'FROM debian:12\nRUN apt-get install curl\n',
      'b/Dockerfile': 'FROM node\nARG DIR="/srv/my app"\nRUN mkdir -p $DIR && cd $DIR\nCMD node server.js\n',
      'c/Containerfile': 'FROM alpine:3.20\nRUN apk add curl\nUSER 10001\n',
      'd/Dockerfile.prod': 'FROM python:3.12 as build\nCOPY . .\nRUN pip install -r requirements.txt\n',
      'e/Dockerfile': 'FROM scratch\nCOPY --from=0 /x /x\n',
    });
    for (const format of ['json', 'sarif', 'tty']) {
      const one = run(['lint', '--format', format, dir]);
      const many = run(['lint', '--format', format, '--jobs', '3', dir]);
      assert.equal(many.stdout, one.stdout, `${format}: the same report`);
      assert.equal(many.stderr, one.stderr, `${format}: the same messages (the config's warning once)`);
      assert.equal(many.status, one.status);
    }
    assert.match(run(['lint', '--jobs', '3', dir]).stderr, /unknown hadolint key "fancy"/);
    const broken = run(['lint', '--jobs', '2', '--config', join(dir, 'missing.yaml'), dir]);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /^seaworthy: .*missing\.yaml: cannot read the config file \(ENOENT\)\n$/);
    assert.equal(run(['lint', '--jobs', '0', dir]).status, 2, '--jobs 0 is a usage error');
  });

  it("a baseline hides today's findings, even after lines move, and lets new ones through", () => {
    const dir = project({ Dockerfile: 'FROM debian:12\nRUN apt-get install curl\n', '.dockerignore': '' });
    const file = join(dir, 'Dockerfile');
    const baseline = join(dir, 'seaworthy-baseline.json');
    assert.equal(run(['lint', '--write-baseline', baseline, file]).status, 0);
    assert.deepEqual(JSON.parse(run(['lint', '--format', 'json', '--baseline', baseline, file]).stdout)[0].findings, []);
    writeFileSync(file, '# a comment moves every line down\nFROM debian:12\nRUN apt-get install curl\nRUN pip install flask\n');
    const left = JSON.parse(run(['lint', '--format', 'json', '--baseline', baseline, file]).stdout)[0].findings as { rule: string; line: number }[];
    assert.ok(
      left.some((f) => f.rule === 'pip-no-cache-dir'),
      "the new line's findings come through",
    );
    assert.deepEqual(
      left.filter((f) => f.line !== 4),
      [],
      "the old lines' findings stay hidden after moving",
    );
  });

  it('--fix --unsafe adds what a .dockerignore lacks at its end, keeping every line it has', () => {
    const dir = project({ Dockerfile: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n', '.dockerignore': '# mine\n.git\n!keep.env' });
    run(['lint', '--fix', join(dir, 'Dockerfile')]);
    assert.equal(readFileSync(join(dir, '.dockerignore'), 'utf8'), '# mine\n.git\n!keep.env', 'a safe --fix leaves it alone');
    const report = JSON.parse(run(['lint', '--format', 'json', '--fix', '--unsafe', join(dir, 'Dockerfile')]).stdout) as { findings: { rule: string }[] }[];
    assert.equal(readFileSync(join(dir, '.dockerignore'), 'utf8'), '# mine\n.git\n!keep.env\n.env\nnode_modules\n');
    assert.ok(!report[0].findings.some((f) => f.rule === 'dockerignore-incomplete'), 'what is left is reported of the .dockerignore as written');
  });

  it('--fix --unsafe reports what is left in the files as written, the .dockerignore it created included', () => {
    const dir = project({ Dockerfile: 'FROM debian:12\nWORKDIR /app\nCOPY . .\nCMD ["sh", "/app/run.sh"]\n' });
    const file = join(dir, 'Dockerfile');
    const after = run(['lint', '--format', 'json', '--fix', '--unsafe', file]);
    assert.ok(existsSync(join(dir, '.dockerignore')));
    const fresh = run(['lint', '--format', 'json', file]);
    const rules = (out: string) => (JSON.parse(out) as { findings: { rule: string; line: number }[] }[])[0].findings.map((f) => `${f.line} ${f.rule}`);
    assert.ok(!rules(after.stdout).some((r) => r.endsWith('dockerignore-missing')));
    assert.deepEqual(rules(after.stdout), rules(fresh.stdout));
  });

  it("--help says which fixes --unsafe applies, and that ShellCheck's never are", () => {
    const help = run(['--help']).stdout;
    assert.match(help, /--unsafe +with --fix, also apply the fixes marked unsafe/);
    assert.match(help, /ShellCheck's fixes are never applied by --fix/);
  });

  it('--fix applies the safe fixes to the file; --fix --unsafe also the others and creates .dockerignore', () => {
    const dir = project({ Dockerfile: 'FROM debian:12\nCOPY . .\nRUN apt-get update && apt-get install curl\n' });
    const file = join(dir, 'Dockerfile');
    run(['lint', '--fix', file]);
    assert.equal(readFileSync(file, 'utf8'), 'FROM debian:12\nCOPY . .\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n');
    assert.ok(!existsSync(join(dir, '.dockerignore')));
    run(['lint', '--fix', '--unsafe', file]);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /apt-get install --no-install-recommends -y curl/);
    assert.match(text, /USER 10001:10001\n$/);
    assert.match(readFileSync(join(dir, '.dockerignore'), 'utf8'), /^\.git$/m);
  });
});
