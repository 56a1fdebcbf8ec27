// Team config files: .seaworthy.yaml and hadolint's .hadolint.yaml, read the same way by the CLI and the editor.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { configErrors, describeProblem, parseConfigFile, rulesFor, type ConfigFile } from '../server/src/config/configFile';
import { ruleByKey } from '../server/src/rules';
import { startServer, type LspClient } from './harness/lspClient';
import { CLI } from './harness/paths';
import { project } from './harness/project';

const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
const findings = (args: string[]) =>
  JSON.parse(cli(['lint', '--format', 'json', ...args]).stdout)[0].findings as {
    rule: string;
    severity: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
  }[];

const SAMPLE = 'FROM debian:12\nRUN apt-get install -y curl\nEXPOSE 80\n';
const warnings = (c: ConfigFile) => c.problems.filter((p) => p.level === 'warning').map((p) => describeProblem(c, p));
const errors = (c: ConfigFile) => configErrors(c).map((p) => describeProblem(c, p));

describe('config files', () => {
  it('parses .seaworthy.yaml: rules, ignore, overrides by glob; unknown keys and ids are warnings', () => {
    const c = parseConfigFile(
      'rules:\n  DL3015: error\n  no-such-rule: off\nignore: [healthcheck-missing]\noverrides:\n  - files: ["tools/**"]\n    rules: { final-stage-root-user: off }\ncolour: blue\n',
      '/p/.seaworthy.yaml',
      'seaworthy',
      ruleByKey,
    );
    assert.deepEqual(rulesFor(c, 'Dockerfile'), { DL3015: 'error', 'healthcheck-missing': 'off' });
    assert.deepEqual(rulesFor(c, 'tools/ci/Dockerfile'), { DL3015: 'error', 'healthcheck-missing': 'off', 'final-stage-root-user': 'off' });
    assert.deepEqual(
      warnings(c),
      [
        '/p/.seaworthy.yaml:3:3: rules: "no-such-rule" is not a rule id or alias',
        '/p/.seaworthy.yaml:8:1: unknown key "colour" (known: rules, ignore, trustedRegistries, allowedBaseImages, labelSchema, strictLabels, ruleOptions, overrides, failureThreshold, disableIgnorePragma, targetPlatforms, builds); it was ignored',
      ].sort(),
    );
    assert.deepEqual(errors(c), []);
  });

  it('maps .hadolint.yaml through the aliases', () => {
    const c = parseConfigFile(
      'ignored: [DL3008, SC2086]\noverride:\n  error: [DL3015]\n  style: [DL3014]\nfailure-threshold: info\ntrustedRegistries: [docker.io]\nstrict-labels: true\nfancy: 1\n',
      '/p/.hadolint.yaml',
      'hadolint',
      ruleByKey,
    );
    assert.deepEqual(c.rules, { DL3008: 'off', SC2086: 'off', DL3015: 'error', DL3014: 'hint' }, 'hadolint codes and ShellCheck codes are mapped');
    assert.equal(c.failureThreshold, 'information');
    assert.deepEqual(c.lint.trustedRegistries, ['docker.io']);
    assert.equal(c.lint.strictLabels, true);
    assert.deepEqual(warnings(c), [
      '/p/.hadolint.yaml:8:1: unknown hadolint key "fancy" (known: ignored, trustedRegistries, override, failure-threshold, label-schema, strict-labels, disable-ignore-pragma, no-fail, no-color, format, verbose); it was ignored',
    ]);
  });

  it('a file that is not valid YAML is an error at its place, and nothing of it applies', () => {
    for (const [text, where] of [
      ['rules: [unclosed', ':1:'],
      ['rules:\n  DL3008: off\nrules:\n  DL3009: off\n', ':3:1:'],
      ['- just\n- a list\n', ':1:1:'],
    ] as const) {
      const c = parseConfigFile(text, '/p/.seaworthy.yaml', 'seaworthy', ruleByKey);
      assert.deepEqual(c.rules, {}, text);
      assert.equal(errors(c).length, 1, text);
      assert.ok(errors(c)[0].startsWith(`/p/.seaworthy.yaml${where}`), errors(c)[0]);
    }
    const h = parseConfigFile('ignored: [DL3008\n', '/p/.hadolint.yaml', 'hadolint', ruleByKey);
    assert.match(errors(h)[0], /^\/p\/\.hadolint\.yaml:\d+:\d+: not valid YAML: /);
    // a key twice inside a nested map: named, at its second place
    const nested = parseConfigFile('rules:\n  DL3008: off\n  DL3009: off\n  DL3008: error\n', '/p/.seaworthy.yaml', 'seaworthy', ruleByKey);
    assert.deepEqual(errors(nested), ['/p/.seaworthy.yaml:4:3: not valid YAML: the key "DL3008" is there twice (map keys must be unique)']);
  });

  it('a file of tens of thousands of keys, each warned about, is read in linear time (a hostile repository must not freeze the editor)', () => {
    const keys = (n: number, prefix: string, value = '1') => Array.from({ length: n }, (_, i) => `${prefix}${i}: ${value}\n`).join('');
    const time = (text: string) => {
      const start = process.hrtime.bigint();
      const c = parseConfigFile(text, '/p/.seaworthy.yaml', 'seaworthy', ruleByKey);
      return { ms: Number(process.hrtime.bigint() - start) / 1e6, c };
    };
    const small = time(keys(5000, 'k'));
    // unknown top-level keys, and unknown rule ids in a map after them (each warning finds its key's place)
    const large = time(keys(40000, 'k') + 'rules:\n' + keys(20000, '  r', 'off'));
    assert.equal(warnings(large.c).length, 60000);
    // eight to twelve times the input: linear stays near 12x; quadratic was 60x and more (7.5 s for 40,000 keys)
    assert.ok(large.ms < Math.max(30 * small.ms, 1500), `${large.ms.toFixed(0)} ms for 60,000 keys against ${small.ms.toFixed(0)} ms for 5,000`);
  });

  it('a known key with a value of the wrong type is an error naming the key, never silently dropped', () => {
    const cases: [string, RegExp][] = [
      ['allowedBaseImages: "alpine"\n', /^\/p\/c\.yaml:1:1: allowedBaseImages must be a list of image globs .*\(write \["alpine"\] for one\)$/],
      ['strictLabels: "yes"\n', /^\/p\/c\.yaml:1:1: strictLabels must be true or false, not "yes"$/],
      ['failureThreshold: off\n', /^\/p\/c\.yaml:1:1: failureThreshold must be error, warning, information, hint or none, not "off"$/],
      [
        'overrides:\n  - files: ""\n    rules: { DL3008: off }\n',
        /^\/p\/c\.yaml:2:5: overrides\[0\] needs files: a glob or a list of globs, none of them empty$/,
      ],
      ['rules:\n  DL3008: loud\n', /^\/p\/c\.yaml:2:3: rules: "DL3008" has severity "loud"/],
      ['trustedRegistries: docker.io\n', /^\/p\/c\.yaml:1:1: trustedRegistries must be a list of registry hosts/],
      ['labelSchema:\n  maintainer: mail\n', /^\/p\/c\.yaml:2:3: labelSchema\.maintainer: "mail" is not a label type/],
      ['ruleOptions: 3\n', /^\/p\/c\.yaml:1:1: ruleOptions must map rule ids to their options/],
      ['targetPlatforms: linux/amd64\n', /^\/p\/c\.yaml:1:1: targetPlatforms must be a list of platforms/],
      [
        'targetPlatforms: [linux/amd64, arm64]\n',
        /^\/p\/c\.yaml:1:\d+: targetPlatforms: "arm64" is not a platform \(os\/architecture\[\/variant\], e\.g\. linux\/arm64\)$/,
      ],
    ];
    for (const [text, expected] of cases) {
      const c = parseConfigFile(text, '/p/c.yaml', 'seaworthy', ruleByKey);
      assert.equal(errors(c).length, 1, text);
      assert.match(errors(c)[0], expected);
      assert.deepEqual(c.lint, {}, 'nothing of a broken file applies');
    }
    const h = parseConfigFile('failure-threshold: loud\nstrict-labels: 1\noverride:\n  fatal: [DL3008]\n', '/p/.hadolint.yaml', 'hadolint', ruleByKey);
    assert.deepEqual(
      errors(h).map((e) => e.split(': ')[1]),
      ['failure-threshold must be error, warning, info, style, ignore or none, not "loud"', 'strict-labels must be true or false, not 1', 'override.fatal'].map(
        (m) => m.split(': ')[0],
      ),
    );
  });

  it('reads targetPlatforms (os/architecture[/variant]) in lower case', () => {
    const c = parseConfigFile('targetPlatforms: [linux/amd64, Linux/ARM64/v8]\n', '/p/c.yaml', 'seaworthy', ruleByKey);
    assert.deepEqual(errors(c), []);
    assert.deepEqual(c.lint.targetPlatforms, ['linux/amd64', 'linux/arm64/v8']);
  });

  it('keys are looked up as own properties: "constructor" or "__proto__" are not levels or label types', () => {
    const h = parseConfigFile('override:\n  constructor: [DL3008]\n', '/p/.hadolint.yaml', 'hadolint', ruleByKey);
    assert.match(errors(h)[0], /override\.constructor: expected a hadolint level/);
    const c = parseConfigFile('labelSchema:\n  constructor: text\n', '/p/c.yaml', 'seaworthy', ruleByKey);
    assert.deepEqual(errors(c), []);
    assert.equal(Object.getPrototypeOf(c.lint.labelSchema), null);
  });

  it('the CLI finds the nearest config upwards; --config names one; a broken --config exits 2', () => {
    const dir = project({ '.seaworthy.yaml': 'rules:\n  apt-no-install-recommends: error\nfailureThreshold: error\n', 'svc/Dockerfile': SAMPLE });
    const f = findings([join(dir, 'svc/Dockerfile')]);
    assert.equal(f.find((x) => x.rule === 'apt-no-install-recommends')?.severity, 'error');
    assert.equal(cli(['lint', join(dir, 'svc/Dockerfile')]).status, 1);
    const other = join(dir, 'other.yaml');
    writeFileSync(other, 'ignore: [apt-no-install-recommends]\n');
    assert.ok(!findings(['--config', other, join(dir, 'svc/Dockerfile')]).some((x) => x.rule === 'apt-no-install-recommends'));
    const r = cli(['lint', '--config', join(dir, 'missing.yaml'), join(dir, 'svc/Dockerfile')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^seaworthy: .*missing\.yaml: cannot read the config file \(ENOENT\)\n$/);
  });

  it('the CLI stops with exit 2 and one line per problem when a config file is broken (--config or found), and lints nothing', () => {
    const broken = 'rules:\n  DL3008: off\n  - oops\n';
    for (const name of ['.seaworthy.yaml', '.hadolint.yaml']) {
      const dir = project({ [name]: broken, 'svc/Dockerfile': SAMPLE });
      const r = cli(['lint', '--format', 'json', join(dir, 'svc/Dockerfile')]);
      assert.equal(r.status, 2, name);
      assert.equal(r.stdout, '', 'no report made with the defaults instead of the policy');
      assert.match(r.stderr, new RegExp(`^seaworthy: .*${name.replace('.', '\\.')}:3:\\d+: not valid YAML: [^\n]+\n$`));
    }
    const dir = project({ 'bad.yaml': 'failureThreshold: off\n', Dockerfile: SAMPLE });
    const r = cli(['lint', '--config', join(dir, 'bad.yaml'), join(dir, 'Dockerfile')]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `seaworthy: ${join(dir, 'bad.yaml')}:1:1: failureThreshold must be error, warning, information, hint or none, not "off"\n`);
    const jobs = cli(['lint', '--jobs', '2', '--config', join(dir, 'bad.yaml'), join(dir, 'Dockerfile'), join(dir, 'Dockerfile')]);
    assert.equal(jobs.status, 2, 'on worker threads too');
  });

  it('reads .hadolint.yaml when there is no .seaworthy.yaml, including disable-ignore-pragma', () => {
    const dir = project({
      '.hadolint.yaml': 'ignored: [DL3015]\ndisable-ignore-pragma: true\n',
      Dockerfile: 'FROM debian:12\n# hadolint ignore=DL3014\nRUN apt-get install curl\n',
    });
    const f = findings([join(dir, 'Dockerfile')]).map((x) => x.rule);
    assert.ok(!f.includes('apt-no-install-recommends'));
    assert.ok(f.includes('apt-missing-yes'), 'the pragma is not honoured');
  });

  it('the JSON schema shipped for the YAML extension accepts a full config and rejects a typo', async () => {
    const { default: Ajv } = await import('ajv');
    const schema = JSON.parse(readFileSync('schemas/seaworthy.schema.json', 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    assert.ok(
      validate({
        rules: { DL3008: 'off' },
        ignore: ['x'],
        trustedRegistries: ['docker.io'],
        labelSchema: { maintainer: 'email' },
        overrides: [{ files: 'a/**', rules: { x: 'error' } }],
        failureThreshold: 'none',
        builds: [{ name: 'api', dockerfile: 'api/Dockerfile', context: '.', target: 'runtime', args: { PY: '3.12', N: 2 }, platforms: ['linux/amd64'] }],
      }),
      JSON.stringify(validate.errors),
    );
    assert.ok(!validate({ rule: { DL3008: 'off' } }));
    assert.ok(!validate({ builds: [{ context: '.' }] }), 'a build names its Dockerfile');
    assert.ok(!validate({ builds: [{ dockerfile: 'Dockerfile', tag: 'x' }] }), 'a typo in a build setting');
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    assert.deepEqual(pkg.contributes.yamlValidation[0].url, './schemas/seaworthy.schema.json');
  });
});

describe('editor and CLI agree', () => {
  let client: LspClient;
  before(async () => {
    client = await startServer();
  });
  after(async () => client.close());

  it('gives the same findings, ranges and severities for the same file and config', async () => {
    const dir = project({
      '.seaworthy.yaml':
        'rules:\n  DL3014: error\n  base-image-not-digest-pinned: off\noverrides:\n  - files: "api/**"\n    rules: { healthcheck-missing: warning }\n',
      'api/Dockerfile': 'FROM python:3.12\nCOPY . .\nRUN apt-get update && apt-get install curl\nRUN pip install flask\nEXPOSE 8000\nCMD python app.py\n',
    });
    const file = join(dir, 'api/Dockerfile');
    const fromCli = findings([file])
      .map((f) => `${f.rule} ${f.severity} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`)
      .sort();
    const names = ['', 'error', 'warning', 'information', 'hint'];
    const diags = await client.open(pathToFileURL(file).toString(), readFileSync(file, 'utf8'));
    const fromEditor = diags
      .map(
        (d) =>
          `${String(d.code)} ${names[d.severity!]} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`,
      )
      .sort();
    assert.deepEqual(fromEditor, fromCli);
    assert.ok(fromCli.some((x) => x.startsWith('apt-missing-yes error')));
    assert.ok(fromCli.some((x) => x.startsWith('healthcheck-missing warning')));
    assert.ok(!fromCli.some((x) => x.startsWith('base-image-not-digest-pinned')));
  });

  it('a broken config file: one error message, diagnostics on the config file, and the Dockerfiles linted with the defaults', async () => {
    const dir = project({
      '.seaworthy.yaml': 'rules:\n  apt-missing-yes: off\nstrictLabels: "yes"\n',
      'a/Dockerfile': SAMPLE.replace('-y ', ''),
      'b/Dockerfile': SAMPLE.replace('-y ', ''),
    });
    const config = pathToFileURL(join(dir, '.seaworthy.yaml')).toString();
    const onConfig = client.diagnostics(config);
    const before = client.messages.length;
    for (const f of ['a/Dockerfile', 'b/Dockerfile']) {
      const diags = await client.open(pathToFileURL(join(dir, f)).toString(), readFileSync(join(dir, f), 'utf8'));
      assert.ok(
        diags.some((d) => d.code === 'apt-missing-yes'),
        'the default rules apply, not half of the broken file',
      );
    }
    const published = (await onConfig).diagnostics;
    assert.deepEqual(
      published.map((d) => [d.severity, d.range.start.line, d.range.start.character, d.message]),
      [[1, 2, 0, 'strictLabels must be true or false, not "yes"']],
    );
    const shown = client.messages.slice(before).filter((m) => m.includes('.seaworthy.yaml'));
    assert.equal(shown.length, 1, `shown once for two Dockerfiles: ${shown.join(' | ')}`);
    assert.match(shown[0], /strictLabels must be true or false.*The file was not applied/);
  });
});
