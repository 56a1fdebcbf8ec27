// The GitHub Action (action.yml) run as a runner runs it, without GitHub: its composite step's env is evaluated from
// action.yml (`${{ inputs.x }}` with the inputs' defaults and a workflow's `with:`), the step's `run` goes through
// `bash --noprofile --norc -eo pipefail` with GITHUB_* and RUNNER_* set as on a hosted runner, the action's
// checkout is a copy of this repository's files. One job: the first run installs, the others reuse the install.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const action = parse(readFileSync(join(repo, 'action.yml'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'seaworthy-action-'));
const say = (s) => console.log(`== github-action: ${s}`);

try {
  // the runner's checkout of the action: the repository's files (tracked, and new ones not ignored)
  const actionPath = join(work, '_actions', 'seaworthy-dev', 'seaworthy', 'v0');
  const files = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: repo, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
  for (const f of files)
    if (existsSync(join(repo, f))) {
      mkdirSync(dirname(join(actionPath, f)), { recursive: true });
      cpSync(join(repo, f), join(actionPath, f));
    }

  // the workflow's repository
  const workspace = join(work, 'workspace');
  mkdirSync(join(workspace, 'services', 'api'), { recursive: true });
  cpSync(join(repo, 'examples', 'Dockerfile'), join(workspace, 'Dockerfile'));
  writeFileSync(join(workspace, 'services', 'api', 'Containerfile'), 'FROM debian:12\nUSER nobody\nCMD ["sleep", "1"]\n');
  writeFileSync(join(workspace, 'ci.seaworthy.yaml'), 'rules:\n  apt-missing-yes: off\n  secret-in-env-or-arg: error\n');
  const runnerTemp = join(work, 'runner-temp');
  mkdirSync(runnerTemp);

  /** One use of the action, as `uses: … with: inputs`; returns the exit status, the log and the step's outputs. */
  const runAction = (inputs) => {
    const step = action.runs.steps[0];
    assert.equal(action.runs.using, 'composite');
    const values = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, String(inputs[k] ?? v.default ?? '')]));
    for (const k of Object.keys(inputs)) assert.ok(k in action.inputs, `action.yml has no input ${k}`);
    const env = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([k, v]) => [
        k,
        v.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_m, name) => {
          assert.ok(name in values, `action.yml refers to an unknown input ${name}`);
          return values[name];
        }),
      ]),
    );
    for (const v of Object.values(env)) assert.doesNotMatch(v, /\$\{\{/, 'an expression the test does not evaluate');
    const output = join(runnerTemp, `output-${Math.random().toString(36).slice(2)}`);
    writeFileSync(output, '');
    const script = join(runnerTemp, 'step.sh');
    writeFileSync(script, step.run);
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: workspace,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LANG: 'C.UTF-8',
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        RUNNER_OS: 'Linux',
        RUNNER_ARCH: 'X64',
        RUNNER_TEMP: runnerTemp,
        GITHUB_WORKSPACE: workspace,
        GITHUB_ACTION_PATH: actionPath,
        GITHUB_ACTION: 'lint',
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: join(runnerTemp, 'summary.md'),
        GITHUB_REPOSITORY: 'example/app',
        GITHUB_EVENT_NAME: 'pull_request',
        ...env,
      },
    });
    const outputs = Object.fromEntries(
      readFileSync(output, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    return { status: r.status, log: r.stdout + r.stderr, outputs };
  };
  const sarifOf = (file) => JSON.parse(readFileSync(join(workspace, file), 'utf8'));

  // 1. the defaults: SARIF of every Dockerfile in the repository, step fails on the warnings
  let start = Date.now();
  let r = runAction({});
  assert.equal(r.status, 1, r.log);
  assert.equal(r.outputs['sarif-file'], 'seaworthy.sarif');
  let sarif = sarifOf('seaworthy.sarif');
  assert.equal(sarif.version, '2.1.0');
  const uris = new Set(sarif.runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri));
  assert.deepEqual([...uris].sort(), ['Dockerfile', 'services/api/Containerfile'], 'SARIF locations are relative to the workspace, as code scanning wants');
  assert.ok(sarif.runs[0].results.some((x) => x.ruleId === 'apt-missing-yes'));
  assert.equal(Number(r.outputs.findings), sarif.runs[0].results.length);
  assert.match(r.log, /apt-missing-yes/, 'the findings are readable in the log');
  say(`defaults: installed and linted in ${Date.now() - start} ms; exit 1, ${r.outputs.findings} results in seaworthy.sarif`);

  // 2. annotations, a config file, a failure threshold and two paths on two lines
  start = Date.now();
  r = runAction({ format: 'github', config: 'ci.seaworthy.yaml', 'failure-threshold': 'error', paths: 'Dockerfile\nservices/api' });
  assert.equal(r.status, 1, 'secret-in-env-or-arg is an error under the config file: ' + r.log);
  const annotations = r.log.split('\n').filter((l) => l.startsWith('::'));
  assert.ok(
    annotations.some((l) => /^::error file=Dockerfile,line=6,.*title=secret-in-env-or-arg::/.test(l)),
    r.log,
  );
  assert.ok(!annotations.some((l) => l.includes('apt-missing-yes')), 'the config turned apt-missing-yes off');
  assert.equal(Number(r.outputs.findings), annotations.length);
  r = runAction({ format: 'github', 'failure-threshold': 'error' });
  assert.equal(r.status, 0, 'no error-level finding without the config file: ' + r.log);
  say(`annotations with config, threshold and paths: exit 1 on the error, 0 without it (${Date.now() - start} ms, no reinstall)`);

  // 3. a baseline of today's findings: the next run reports none and passes
  const cli = join(runnerTemp, 'seaworthy', 'bin', 'seaworthy');
  const written = spawnSync(cli, ['lint', '--write-baseline', '.seaworthy-baseline.json', '.'], { cwd: workspace, encoding: 'utf8' });
  assert.equal(written.status, 0, written.stderr);
  r = runAction({ baseline: '.seaworthy-baseline.json', 'sarif-file': 'reports/seaworthy.sarif' });
  assert.equal(r.status, 0, r.log);
  sarif = sarifOf('reports/seaworthy.sarif');
  assert.equal(sarif.runs[0].results.length, 0);
  assert.equal(r.outputs['sarif-file'], 'reports/seaworthy.sarif');
  say('baseline: exit 0, an empty SARIF in reports/seaworthy.sarif');

  // 4. bad input is said as an error annotation
  r = runAction({ format: 'xml' });
  assert.equal(r.status, 2);
  assert.match(r.log, /^::error title=Seaworthy::format must be sarif or github/m);
  r = runAction({ config: 'missing.yaml' });
  assert.equal(r.status, 2, r.log);
  assert.match(r.log, /missing\.yaml: cannot read the config file/);
  assert.equal(r.outputs['sarif-file'], undefined, 'no SARIF to upload when nothing was linted');
  say('bad format or config: exit 2 with the reason');
  say('ok');
} finally {
  rmSync(work, { recursive: true, force: true });
}
