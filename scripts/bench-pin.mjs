// How long pinning takes against a real registry on loopback (Debian's docker-registry), and how fast failure is
// offline. Prints medians of several runs; needs `npm run build` and scripts/setup-test-deps.sh's packages.
//   node scripts/bench-pin.mjs [--runs N]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 9);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const freePort = () =>
  new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
  });

const dir = mkdtempSync(join(tmpdir(), 'seaworthy-bench-pin-'));
const port = await freePort();
writeFileSync(
  join(dir, 'config.yml'),
  `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\nhttp:\n  addr: 127.0.0.1:${port}\n`,
);
const registry = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
try {
  const layout = join(dir, 'layout');
  execFileSync('umoci', ['init', '--layout', layout]);
  execFileSync('umoci', ['new', '--image', `${layout}:img`]);
  const host = `127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (spawnSync('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', `oci:${layout}:img`, `docker://${host}/library/python:3.12-slim`]).status === 0)
      break;
    if (i > 100) throw new Error('docker-registry did not accept the push');
    await new Promise((r) => setTimeout(r, 100));
  }
  await build({
    stdin: {
      contents: "export { RegistryClient } from './server/src/registry/client'; export { parseImageRef } from './server/src/engine/imageRef';",
      resolveDir: '.',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: join(dir, 'registry.cjs'),
    logLevel: 'warning',
  });
  const { RegistryClient, parseImageRef } = await import(pathToFileURL(join(dir, 'registry.cjs')).href);
  const http = { timeoutMs: 15_000, connectTimeoutMs: 5_000, maxBodyBytes: 4 << 20 };
  const ref = parseImageRef(`${host}/library/python:3.12-slim`);
  const inProcess = [];
  for (let i = 0; i < runs + 1; i++) {
    const client = new RegistryClient({ http, cacheTtlMs: 0 }); // a fresh client: no cached scheme, token or answer
    const s = performance.now();
    await client.resolve(ref);
    if (i > 0) inProcess.push(performance.now() - s); // the first run warms the JIT
  }
  const cli = resolve('dist/cli.js');
  const file = join(dir, 'Dockerfile');
  const cliRuns = [];
  for (let i = 0; i < runs; i++) {
    writeFileSync(file, `FROM ${host}/library/python:3.12-slim AS app\n`);
    const s = performance.now();
    const r = spawnSync(process.execPath, [cli, 'pin', file], { encoding: 'utf8' });
    cliRuns.push(performance.now() - s);
    if (r.status !== 0 || !readFileSync(file, 'utf8').includes('@sha256:')) throw new Error(`pin failed: ${r.stderr}`);
  }
  const version = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
  const startOnly = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    spawnSync(process.execPath, [cli, '--version']);
    startOnly.push(performance.now() - s);
  }
  const closed = await freePort();
  const offline = [];
  let offlineMessage = '';
  for (let i = 0; i < runs; i++) {
    writeFileSync(file, `FROM 127.0.0.1:${closed}/library/python:3.12-slim\n`);
    const s = performance.now();
    const r = spawnSync(process.execPath, [cli, 'pin', file], { encoding: 'utf8' });
    offline.push(performance.now() - s);
    offlineMessage = r.stderr.trim();
  }
  console.log(`## Pin against docker-registry on loopback (${runs} runs, medians; seaworthy ${version.stdout.trim()})\n`);
  console.log('| what | median ms |\n| --- | --- |');
  console.log(`| resolve one tag in process (fresh client: scheme probe + HEAD) | ${median(inProcess).toFixed(1)} |`);
  console.log(`| \`seaworthy pin\` of one FROM, whole process | ${median(cliRuns).toFixed(0)} |`);
  console.log(`| \`seaworthy --version\`, whole process (the start-up floor) | ${median(startOnly).toFixed(0)} |`);
  console.log(`| \`seaworthy pin\` with the registry down (connection refused) | ${median(offline).toFixed(0)} |`);
  console.log(`\noffline message: ${offlineMessage}`);
} finally {
  registry.kill();
  rmSync(dir, { recursive: true, force: true });
}
