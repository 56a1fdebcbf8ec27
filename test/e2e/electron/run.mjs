#!/usr/bin/env node
// Runs test/e2e/electron/suite.ts inside VS Code desktop through @vscode/test-electron (`npm run test:electron`).
// VS Code is downloaded by @vscode/test-electron, so this runs only where it can be had: SEAWORTHY_VSCODE_EXECUTABLE
// names an installed VS Code, or the update service answers. Otherwise it says it was skipped and exits 0.
// On a headless Linux machine run it under xvfb-run.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SKIP = 'skipped: VS Code desktop cannot be downloaded on this machine';

async function vscodeAvailable() {
  const exe = process.env.SEAWORTHY_VSCODE_EXECUTABLE;
  if (exe) return existsSync(exe) ? { vscodeExecutablePath: exe } : undefined;
  try {
    // the same service @vscode/test-electron downloads from; a small JSON answer, nothing is downloaded here
    const res = await fetch('https://update.code.visualstudio.com/api/releases/stable', { signal: AbortSignal.timeout(5_000) });
    return res.ok ? {} : undefined;
  } catch {
    return undefined;
  }
}

const how = await vscodeAvailable();
if (!how) {
  console.log(SKIP);
  console.log('0 passed, 0 failed, 1 skipped');
  process.exit(0);
}

const { runTests } = await import('@vscode/test-electron');
const { build } = await import('esbuild');
const tmp = mkdtempSync(join(tmpdir(), 'seaworthy-electron-'));
try {
  // the extension as it ships: build dist/ (client, server, wasm), then bundle the suite
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  const suite = join(tmp, 'suite.js');
  await build({
    entryPoints: [join(root, 'test/e2e/electron/suite.ts')],
    outfile: suite,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    logLevel: 'warning',
  });
  const ws = join(tmp, 'workspace');
  cpSync(join(root, 'test/e2e/fixtures/workspace'), ws, { recursive: true });
  await runTests({
    ...how,
    extensionDevelopmentPath: root,
    extensionTestsPath: suite,
    extensionTestsEnv: { SEAWORTHY_E2E_WORKSPACE: ws },
    launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
} catch (e) {
  console.error(e?.message ?? e);
  process.exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
