// What a team switching from hadolint (or relying on BuildKit's checks) keeps: the `# hadolint shell=` pragma, the
// HADOLINT_* environment variables, the user-level ~/.config/hadolint.yaml, and `# check=error=true`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lintAll, useParser } from './harness/engine';
import { CLI } from './harness/paths';
import { project } from './harness/project';

const ids = (text: string) => lintAll(text).map((f) => `${f.rule.id}@${f.range.start.line + 1}`);

describe('# hadolint shell=', () => {
  useParser();
  const run = 'RUN Get-ChildItem | Where-Object { $_.Length -gt 1kb }; apt-get install curl';

  it('the RUNs after `# hadolint shell=powershell` are not read as POSIX shell, the ones before still are', () => {
    const found = ids(`FROM mcr.microsoft.com/powershell:7.4-ubuntu-22.04\n${run}\n# hadolint shell=powershell\n${run}\n`);
    assert.ok(found.includes('apt-missing-yes@2'), found.join(' '));
    assert.ok(!found.some((f) => f.endsWith('@4')), found.join(' '));
  });

  it('it holds in the later stages too, accepts an inline comment and a path, and a POSIX shell keeps parsing', () => {
    assert.deepEqual(
      ids(`# hadolint shell=pwsh # Windows builders\nFROM mcr.microsoft.com/powershell:7.4-ubuntu-22.04 AS a\n${run}\nFROM a\n${run}\n`).filter((f) =>
        /@[35]$/.test(f),
      ),
      [],
    );
    assert.deepEqual(
      ids(`FROM mcr.microsoft.com/powershell:7.4-ubuntu-22.04\n# hadolint shell=C:\\Program\\PowerShell\\pwsh.exe\n${run}\n`).filter((f) => f.endsWith('@3')),
      [],
    );
    assert.ok(ids(`FROM debian:12\n# hadolint shell=/bin/bash\n${run}\n`).includes('apt-missing-yes@3'));
    // not the pragma: a trailing word that is not a comment
    assert.ok(ids(`FROM debian:12\n# hadolint shell=powershell please\n${run}\n`).includes('apt-missing-yes@3'));
  });
});

describe("BuildKit's # check=error=true", () => {
  useParser();
  it('makes the findings of rules BuildKit checks errors (its build fails on them), and only theirs', () => {
    const levels = (text: string) => Object.fromEntries(lintAll(text).map((f) => [f.rule.id, f.severity]));
    const body = 'FROM debian:12 as build\nCMD node app.js\n';
    assert.deepEqual(
      [levels(body)['shell-form-cmd'], levels(body)['from-as-casing'], levels(body)['final-stage-root-user']],
      ['warning', 'warning', 'warning'],
    );
    const on = levels(`# check=error=true\n${body}`);
    assert.deepEqual([on['shell-form-cmd'], on['from-as-casing'], on['final-stage-root-user']], ['error', 'error', 'warning']);
    const withSkip = levels(`# check=skip=JSONArgsRecommended;error=true\n${body}`);
    assert.deepEqual([withSkip['shell-form-cmd'], withSkip['from-as-casing']], [undefined, 'error']);
    assert.equal(levels(`# check=error=false\n${body}`)['from-as-casing'], 'warning');
  });

  it('fails the CLI at --failure-threshold error', () => {
    const dir = project({ Dockerfile: '# check=error=true\nFROM debian:12 as build\nUSER nobody\n' });
    const r = spawnSync(process.execPath, [CLI, 'lint', '--no-shellcheck', '--failure-threshold', 'error', join(dir, 'Dockerfile')], { encoding: 'utf8' });
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stdout, /error {7}`as` does not match the casing of `FROM`/);
  });
});

describe('HADOLINT_* environment variables and the user-level hadolint.yaml', () => {
  const dockerfile = 'FROM debian:12\nRUN apt-get install curl\nLABEL version=banana\n';
  const lint = (env: Record<string, string>, args: string[] = [], files: Record<string, string> = {}) => {
    const dir = project({ Dockerfile: dockerfile, '.dockerignore': '', ...files });
    const home = join(dir, 'home');
    mkdirSync(home, { recursive: true });
    // $DIR in a value: the project's folder
    const values = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replace('$DIR', dir)]));
    const r = spawnSync(process.execPath, [CLI, 'lint', '--no-shellcheck', ...args, join(dir, 'Dockerfile')], {
      encoding: 'utf8',
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: home, NO_COLOR: '1', ...values },
    });
    const json = /^\s*\[\s*\{\s*"file"/.test(r.stdout) ? (JSON.parse(r.stdout) as { findings: { rule: string; severity: string }[] }[]) : undefined;
    const rules = json ? json[0].findings.map((f) => `${f.rule}:${f.severity}`) : [];
    return { ...r, rules, dir };
  };

  it('HADOLINT_FORMAT picks the format (gitlab_codeclimate is gitlab); --format wins', () => {
    assert.ok(lint({ HADOLINT_FORMAT: 'json' }).rules.length > 0);
    assert.equal(JSON.parse(lint({ HADOLINT_FORMAT: 'gitlab_codeclimate' }).stdout)[0].check_name !== undefined, true);
    assert.match(lint({ HADOLINT_FORMAT: 'json' }, ['--format', 'gnu']).stdout, /^\S+:1\.1-4: warning: /m);
    const bad = lint({ HADOLINT_FORMAT: 'codacy' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /HADOLINT_FORMAT=codacy: unknown format/);
  });

  it('HADOLINT_IGNORE, HADOLINT_OVERRIDE_* set levels (under --rule); codes we lack are said, not fatal', () => {
    const r = lint({ HADOLINT_FORMAT: 'json', HADOLINT_IGNORE: 'DL3008, DL3002', HADOLINT_OVERRIDE_ERROR: 'DL3014', HADOLINT_OVERRIDE_INFO: 'DL3015,DL9999' });
    assert.ok(r.rules.includes('apt-missing-yes:error'), r.rules.join(' '));
    assert.ok(r.rules.includes('apt-no-install-recommends:information'));
    assert.ok(!r.rules.some((x) => x.startsWith('apt-unpinned-versions') || x.startsWith('final-stage-root-user')));
    assert.match(r.stderr, /HADOLINT_OVERRIDE_INFO: "DL9999" has no Seaworthy rule/);
    assert.ok(lint({ HADOLINT_FORMAT: 'json', HADOLINT_OVERRIDE_ERROR: 'DL3014' }, ['--rule', 'DL3014=hint']).rules.includes('apt-missing-yes:hint'));
  });

  it('HADOLINT_FAILURE_THRESHOLD and HADOLINT_NOFAIL decide the exit status; --failure-threshold wins', () => {
    assert.equal(lint({}).status, 1);
    assert.equal(lint({ HADOLINT_FAILURE_THRESHOLD: 'error' }).status, 0);
    assert.equal(lint({ HADOLINT_FAILURE_THRESHOLD: 'error' }, ['--failure-threshold', 'warning']).status, 1);
    assert.equal(lint({ HADOLINT_NOFAIL: 'true' }).status, 0);
    assert.equal(lint({ HADOLINT_NOFAIL: '0' }).status, 1);
    assert.equal(lint({}, ['--no-fail']).status, 0);
    assert.equal(lint({ HADOLINT_FAILURE_THRESHOLD: 'loud' }).status, 2);
  });

  it('HADOLINT_REQUIRE_LABELS, HADOLINT_STRICT_LABELS, HADOLINT_TRUSTED_REGISTRIES, HADOLINT_DISABLE_IGNORE_PRAGMA reach the rules', () => {
    const labels = lint({ HADOLINT_FORMAT: 'json', HADOLINT_REQUIRE_LABELS: 'version:semver' });
    assert.ok(
      labels.rules.some((x) => x.startsWith('label-invalid')),
      labels.rules.join(' '),
    );
    assert.ok(!lint({ HADOLINT_FORMAT: 'json' }).rules.some((x) => x.startsWith('label-invalid')));
    // strict: a label the schema does not name is a finding too
    const strict = { Dockerfile: 'FROM debian:12\nLABEL version=1.2.3 team=web\n' };
    assert.ok(!lint({ HADOLINT_FORMAT: 'json', HADOLINT_REQUIRE_LABELS: 'version:semver' }, [], strict).rules.some((x) => x.startsWith('label-invalid')));
    assert.ok(
      lint({ HADOLINT_FORMAT: 'json', HADOLINT_REQUIRE_LABELS: 'version:semver', HADOLINT_STRICT_LABELS: 'yes' }, [], strict).rules.some((x) =>
        x.startsWith('label-invalid'),
      ),
    );
    assert.ok(
      lint({ HADOLINT_FORMAT: 'json', HADOLINT_TRUSTED_REGISTRIES: 'ghcr.io,quay.io' }).rules.some((x) => x.startsWith('base-image-untrusted-registry')),
    );
    assert.ok(!lint({ HADOLINT_FORMAT: 'json', HADOLINT_TRUSTED_REGISTRIES: 'docker.io' }).rules.some((x) => x.startsWith('base-image-untrusted-registry')));
    const pragma = { Dockerfile: 'FROM debian:12\n# hadolint ignore=DL3014\nRUN apt-get install curl\n' };
    assert.ok(!lint({ HADOLINT_FORMAT: 'json' }, [], pragma).rules.some((x) => x.startsWith('apt-missing-yes')));
    assert.ok(lint({ HADOLINT_FORMAT: 'json', HADOLINT_DISABLE_IGNORE_PRAGMA: '1' }, [], pragma).rules.some((x) => x.startsWith('apt-missing-yes')));
  });

  it("the config file's no-fail and format keys apply as hadolint applies them: under HADOLINT_FORMAT and --format", () => {
    const config = (text: string) => ({ '.hadolint.yaml': text });
    assert.equal(lint({}, [], config('no-fail: true\n')).status, 0, 'no-fail: true never fails the run');
    assert.equal(lint({}, [], config('no-fail: false\n')).status, 1);
    const json = lint({}, [], config('format: json\n'));
    assert.ok(json.rules.includes('apt-missing-yes:warning'), json.stdout);
    assert.equal(JSON.parse(lint({}, [], config('format: gitlab_codeclimate\n')).stdout)[0].check_name !== undefined, true);
    assert.match(lint({}, ['--format', 'gnu'], config('format: json\n')).stdout, /^\S+:1\.1-4: warning: /m);
    assert.ok(lint({ HADOLINT_FORMAT: 'json' }, [], config('format: sarif\n')).rules.length > 0, 'HADOLINT_FORMAT wins');
    // codacy has no counterpart: said, and the default report is printed
    const codacy = lint({}, [], config('format: codacy\n'));
    assert.match(codacy.stderr, /format: codacy has no Seaworthy counterpart/);
    assert.match(codacy.stdout, /apt-missing-yes/);
    const bad = lint({}, [], config('format: fancy\nno-fail: sometimes\n'));
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /\.hadolint\.yaml:1:\d+: format must be one of hadolint's formats/);
    assert.match(bad.stderr, /no-fail/);
  });

  it('~/.config/hadolint.yaml (or $XDG_CONFIG_HOME/hadolint.yaml) applies when the project has no config file of its own', () => {
    const user = { 'home/.config/hadolint.yaml': 'ignored: [DL3014]\nfailure-threshold: error\n' };
    const r = lint({ HADOLINT_FORMAT: 'json' }, [], user);
    assert.ok(!r.rules.some((x) => x.startsWith('apt-missing-yes')), r.rules.join(' '));
    assert.equal(r.status, 0, 'its failure-threshold applies too');
    // XDG_CONFIG_HOME comes first
    const xdg = lint({ HADOLINT_FORMAT: 'json', XDG_CONFIG_HOME: '$DIR/XDG' }, [], { ...user, 'XDG/hadolint.yaml': 'ignored: [DL3015]\n' });
    assert.ok(xdg.rules.some((x) => x.startsWith('apt-missing-yes')) && !xdg.rules.some((x) => x.startsWith('apt-no-install-recommends')), xdg.rules.join(' '));
    // the project's own .hadolint.yaml wins over the user's
    const own = lint({ HADOLINT_FORMAT: 'json' }, [], { ...user, '.hadolint.yaml': 'ignored: [DL3015]\n' });
    assert.ok(
      own.rules.some((x) => x.startsWith('apt-missing-yes')),
      own.rules.join(' '),
    );
  });
});
