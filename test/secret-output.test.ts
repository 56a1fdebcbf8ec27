// No output format prints a secret: the findings about secrets mask the value, and nothing else repeats it (fix
// titles and edits included). The values are made up to match the formats' public specifications.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { join } from 'node:path';
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

  for (const format of ['tty', 'json', 'sarif', 'checkstyle', 'gitlab', 'github']) {
    it(`${format}: the secrets are reported, masked`, () => {
      const r = spawnSync(process.execPath, [CLI, 'lint', '--format', format, join(dir, 'Dockerfile')], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      assert.equal(r.status, 1, r.stderr);
      const out = r.stdout + r.stderr;
      assert.match(out, /secret-value-in-dockerfile/, 'the secret rule fired (the test is not vacuous)');
      assert.match(out, /password-set-in-build/);
      for (const secret of [GITHUB, AWS_ID, STRIPE, PASSWORD]) assert.ok(!out.includes(secret), `${format} printed ${secret.slice(0, 4)}…`);
      assert.ok(out.includes('ghp_…') || out.includes('ghp_\\u2026'), 'the masked form shows which token it is');
    });
  }
});
