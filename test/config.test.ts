// Team config files: .seaworthy.yaml and hadolint's .hadolint.yaml, read the same way by the CLI and the editor.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { parseConfigFile, rulesFor } from '../server/src/config/configFile';
import { ruleByKey } from '../server/src/rules';
import { startServer, type LspClient } from './harness/lspClient';
import { CLI } from './harness/paths';
import { project } from './harness/project';

const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
const findings = (args: string[]) => JSON.parse(cli(['lint', '--format', 'json', ...args]).stdout)[0].findings as { rule: string; severity: string; line: number; column: number; endLine: number; endColumn: number }[];

const SAMPLE = 'FROM debian:12\nRUN apt-get install -y curl\nEXPOSE 80\n';

describe('config files', () => {
  it('parses .seaworthy.yaml: rules, ignore, overrides by glob; unknown keys and ids are warnings', () => {
    const c = parseConfigFile('rules:\n  DL3015: error\n  no-such-rule: off\nignore: [healthcheck-missing]\noverrides:\n  - files: ["tools/**"]\n    rules: { final-stage-root-user: off }\ncolour: blue\n', '/p/.seaworthy.yaml', 'seaworthy', ruleByKey);
    assert.deepEqual(rulesFor(c, 'Dockerfile'), { DL3015: 'error', 'healthcheck-missing': 'off' });
    assert.deepEqual(rulesFor(c, 'tools/ci/Dockerfile'), { DL3015: 'error', 'healthcheck-missing': 'off', 'final-stage-root-user': 'off' });
    assert.deepEqual([...c.warnings].sort(), ['/p/.seaworthy.yaml: rules: "no-such-rule" is not a rule id or alias', '/p/.seaworthy.yaml: unknown key "colour" (known: rules, ignore, trustedRegistries, allowedBaseImages, labelSchema, strictLabels, ruleOptions, overrides, failureThreshold, disableIgnorePragma)']);
  });

  it('maps .hadolint.yaml through the aliases', () => {
    const c = parseConfigFile('ignored: [DL3008, SC2086]\noverride:\n  error: [DL3015]\n  style: [DL3014]\nfailure-threshold: info\ntrustedRegistries: [docker.io]\nstrict-labels: true\nfancy: 1\n', '/p/.hadolint.yaml', 'hadolint', ruleByKey);
    assert.deepEqual(c.rules, { DL3008: 'off', SC2086: 'off', DL3015: 'error', DL3014: 'hint' }, 'hadolint codes and ShellCheck codes are mapped');
    assert.equal(c.failureThreshold, 'information');
    assert.deepEqual(c.lint.trustedRegistries, ['docker.io']);
    assert.equal(c.lint.strictLabels, true);
    assert.deepEqual(c.warnings, ['/p/.hadolint.yaml: unknown hadolint key "fancy"; it was ignored']);
  });

  it('a broken file is a warning and loses nothing', () => {
    const c = parseConfigFile('rules: [unclosed', '/p/.seaworthy.yaml', 'seaworthy', ruleByKey);
    assert.deepEqual(c.rules, {});
    assert.match(c.warnings[0], /^\/p\/\.seaworthy\.yaml: not valid YAML/);
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

  it('reads .hadolint.yaml when there is no .seaworthy.yaml, including disable-ignore-pragma', () => {
    const dir = project({ '.hadolint.yaml': 'ignored: [DL3015]\ndisable-ignore-pragma: true\n', Dockerfile: 'FROM debian:12\n# hadolint ignore=DL3014\nRUN apt-get install curl\n' });
    const f = findings([join(dir, 'Dockerfile')]).map((x) => x.rule);
    assert.ok(!f.includes('apt-no-install-recommends'));
    assert.ok(f.includes('apt-missing-yes'), 'the pragma is not honoured');
  });

  it('the JSON schema shipped for the YAML extension accepts a full config and rejects a typo', async () => {
    const { default: Ajv } = await import('ajv');
    const schema = JSON.parse(readFileSync('schemas/seaworthy.schema.json', 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    assert.ok(validate({ rules: { DL3008: 'off' }, ignore: ['x'], trustedRegistries: ['docker.io'], labelSchema: { maintainer: 'email' }, overrides: [{ files: 'a/**', rules: { x: 'error' } }], failureThreshold: 'none' }), JSON.stringify(validate.errors));
    assert.ok(!validate({ rule: { DL3008: 'off' } }));
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    assert.deepEqual(pkg.contributes.yamlValidation[0].url, './schemas/seaworthy.schema.json');
  });
});

describe('editor and CLI agree', () => {
  let client: LspClient;
  before(async () => { client = await startServer(); });
  after(async () => client.close());

  it('gives the same findings, ranges and severities for the same file and config', async () => {
    const dir = project({
      '.seaworthy.yaml': 'rules:\n  DL3014: error\n  base-image-not-digest-pinned: off\noverrides:\n  - files: "api/**"\n    rules: { healthcheck-missing: warning }\n',
      'api/Dockerfile': 'FROM python:3.12\nCOPY . .\nRUN apt-get update && apt-get install curl\nRUN pip install flask\nEXPOSE 8000\nCMD python app.py\n',
    });
    const file = join(dir, 'api/Dockerfile');
    const fromCli = findings([file]).map((f) => `${f.rule} ${f.severity} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`).sort();
    const names = ['', 'error', 'warning', 'information', 'hint'];
    const diags = await client.open(pathToFileURL(file).toString(), readFileSync(file, 'utf8'));
    const fromEditor = diags.map((d) => `${String(d.code)} ${names[d.severity!]} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`).sort();
    assert.deepEqual(fromEditor, fromCli);
    assert.ok(fromCli.some((x) => x.startsWith('apt-missing-yes error')));
    assert.ok(fromCli.some((x) => x.startsWith('healthcheck-missing warning')));
    assert.ok(!fromCli.some((x) => x.startsWith('base-image-not-digest-pinned')));
  });
});
