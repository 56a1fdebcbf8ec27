// The repository's own files that users run: its Dockerfile (the container image) passes Seaworthy's own rules.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { it } from 'node:test';
import { CLI } from './harness/paths';

it("the repository's Dockerfile has no finding at warning level or above under Seaworthy's own rules", () => {
  const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', 'Dockerfile'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const findings = (JSON.parse(r.stdout) as { findings: { rule: string; severity: string }[] }[])[0].findings;
  assert.deepEqual(
    findings.filter((f) => f.severity === 'warning' || f.severity === 'error'),
    [],
  );
});
