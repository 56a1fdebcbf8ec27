// No output format prints a secret: the findings about secrets mask the value, and nothing else repeats it (fix
// titles and edits included). The values are made up to match the formats' public specifications.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from './harness/lspClient';
import { formatters } from '../server/src/cli/formats';
import { CLI } from './harness/paths';
import { project } from './harness/project';

const GITHUB = 'ghp_' + 'Xk29Lq81Vm47Pz63Rt05Wn92Bc38Hd71Fg46';
const AWS_ID = 'AKIA' + 'Q3T7ZK2M9WX4PL8N';
const STRIPE = 'sk_live_' + '51Hq8ZtR2vX9mK3pL7wN4bC6';
const PASSWORD = 'Tz8#qL2v!Rm9@Wx4';

describe('secrets in output', () => {
  const dockerfile = [
    'FROM python:3.12-slim',
    `ENV GITHUB_TOKEN ${GITHUB}`, // legacy format: its fix must not repeat the value either
    `ARG AWS_ACCESS_KEY_ID=${AWS_ID}`,
    `LABEL billing.key="${STRIPE}"`,
    `RUN echo "app:${PASSWORD}" | chpasswd`,
    'CMD ["python", "app.py"]',
    '',
  ].join('\n');
  const dir = project({ Dockerfile: dockerfile, '.dockerignore': '.git\n' });

  for (const format of Object.keys(formatters)) {
    it(`${format}: the secrets are reported, masked`, () => {
      const r = spawnSync(process.execPath, [CLI, 'lint', '--format', format, join(dir, 'Dockerfile')], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      assert.equal(r.status, 1, r.stderr);
      const out = r.stdout + r.stderr;
      assert.match(out, /secret-value-in-dockerfile/, 'the secret rule fired (the test is not vacuous)');
      assert.match(out, /password-set-in-build/);
      for (const secret of [GITHUB, AWS_ID, STRIPE, PASSWORD]) assert.ok(!out.includes(secret), `${format} printed ${secret.slice(0, 4)}…`);
      assert.ok(out.includes('ghp_…') || out.includes('ghp_\\u2026'), 'the masked form shows which token it is');
    });
  }
});

describe('credentials quoted by rules that are not about secrets', () => {
  // a password in a URL, a token in a pip requirement, label values the schema checks: the rules that quote them
  // (add-remote-url, pip-unpinned-versions, label-invalid) mask them like the secret rules do
  const URL_PASSWORD = 'P4ssw0rd';
  const PIP_TOKEN = 'glpat' + '-Vq81Zx27Lm49Tr06Yw';
  const LABEL_PASSWORD = 'Zq9Lm2Xw';
  const TOKEN_IN_LABEL = 'ghp_' + 'Rt05Wn92Bc38Hd71Fg46Xk29Lq81Vm47Pz63';
  const dockerfile = (password: string) =>
    [
      'FROM python:3.12-slim',
      `ADD https://deploy:${password}@files.corp.local/blob.tgz /opt/`,
      `RUN pip install git+https://oauth2:${PIP_TOKEN}@gitlab.example/pkg.git`,
      `LABEL org.opencontainers.image.source="https://ci:${LABEL_PASSWORD}@git.corp/x" org.opencontainers.image.version="${TOKEN_IN_LABEL}"`,
      'USER 10001',
      'CMD ["python", "app.py"]',
      '',
    ].join('\n');
  const secrets = [URL_PASSWORD, PIP_TOKEN, LABEL_PASSWORD, TOKEN_IN_LABEL];
  const files = {
    Dockerfile: dockerfile(URL_PASSWORD),
    '.dockerignore': '.git\n',
    '.seaworthy.yaml': 'labelSchema:\n  org.opencontainers.image.source: semver\n  org.opencontainers.image.version: semver\n',
  };
  const dir = project(files);
  const lint = (args: string[]) =>
    spawnSync(process.execPath, [CLI, 'lint', '--no-shellcheck', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  for (const format of Object.keys(formatters)) {
    it(`${format}: no secret in any message, even with the secret rules off; the URL password is a finding`, () => {
      for (const off of [[], ['--ignore', 'secret-value-in-dockerfile', '--ignore', 'credentials-in-run']]) {
        const r = lint(['--format', format, ...off, join(dir, 'Dockerfile')]);
        assert.equal(r.status, 1, r.stderr);
        const out = r.stdout + r.stderr;
        for (const rule of ['add-remote-url', 'pip-unpinned-versions', 'label-invalid'])
          assert.match(out, new RegExp(rule), `${rule} fired (the test is not vacuous)`);
        for (const secret of secrets) assert.ok(!out.includes(secret), `${format} ${off.join(' ')} printed ${secret.slice(0, 4)}…`);
        assert.match(out, /https:\/\/deploy:(…|\\u2026)@files\.corp\.local/, 'the URL is still recognisable');
        if (off.length === 0) {
          assert.match(out, /secret-value-in-dockerfile/, "the password in ADD's URL is reported");
          assert.match(out, /credentials-in-run/, 'the token in the RUN line is reported');
        }
      }
    });
  }

  it('fingerprints hash the masked text: the same finding with another password has the same fingerprint', () => {
    const other = project({ ...files, Dockerfile: dockerfile('An0therPw') });
    const sarif = (d: string) =>
      JSON.parse(lint(['--format', 'sarif', join(d, 'Dockerfile')]).stdout).runs[0].results as {
        ruleId: string;
        partialFingerprints: Record<string, string>;
      }[];
    const byRule = (d: string) =>
      Object.fromEntries(
        sarif(d)
          .filter((r) => r.ruleId === 'add-remote-url')
          .map((r) => [r.ruleId, r.partialFingerprints['seaworthy/v1']]),
      );
    assert.deepEqual(byRule(other), byRule(dir));
  });

  it("the editor's diagnostics carry no secret either", async () => {
    const lsp = await startServer({ debounceMs: 0 }, [pathToFileURL(dir).toString()]);
    try {
      const diagnostics = await lsp.open(pathToFileURL(join(dir, 'Dockerfile')).toString(), dockerfile(URL_PASSWORD));
      assert.ok(diagnostics.some((d) => d.code === 'add-remote-url') && diagnostics.some((d) => d.code === 'label-invalid'));
      const text = JSON.stringify(diagnostics);
      for (const secret of secrets) assert.ok(!text.includes(secret), `a diagnostic carries ${secret.slice(0, 4)}…`);
    } finally {
      await lsp.close();
    }
  });
});
