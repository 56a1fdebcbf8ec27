// Runs node's test runner with TMPDIR set to a folder of this run's own, removed when the run ends: the tests make
// hundreds of throw-away projects, registries' storage and certificates, and none of it outlives the run.
//   node scripts/run-tests.mjs [node --test arguments…]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'seaworthy-tests-'));
const child = spawn(process.execPath, ['--test', '--test-reporter=spec', ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, TMPDIR: dir } });
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward).on('SIGTERM', forward);
child.on('exit', (code, signal) => {
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = code ?? (signal ? 1 : 0);
});
