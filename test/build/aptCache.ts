// apt-cacher-ng on loopback for one proof run: apt lists and packages are fetched from Debian's mirror once and then
// served from $CACHE/apt-cacher-ng/cache. Started as a child of the proof, stopped by its pid when the proof ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { CACHE } from './buildah';

/** A free loopback port below 32768: apt-cacher-ng 3.7 formats its port as a signed 16-bit number, so 39142 fails. */
async function freePort(): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free loopback port for apt-cacher-ng');
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

export interface AptCache {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startAptCache(): Promise<AptCache> {
  const dir = join(CACHE, 'apt-cacher-ng');
  for (const d of ['conf', 'cache', 'log']) mkdirSync(join(dir, d), { recursive: true });
  const port = await freePort();
  // our own configuration: no remapping of Debian's mirror names to the package's default backend (ftp.debian.org,
  // unreachable here), so it proxies and caches exactly the mirror the base image's sources name
  writeFileSync(
    join(dir, 'conf', 'acng.conf'),
    [
      `CacheDir: ${join(dir, 'cache')}`,
      `LogDir: ${join(dir, 'log')}`,
      'SupportDir: /usr/lib/apt-cacher-ng',
      `Port: ${port}`,
      'BindAddress: 127.0.0.1',
      `SocketPath: ${join(dir, 'socket')}`,
      `PidFile: ${join(dir, 'pid')}`,
      'ExThreshold: 4',
      // the index files of one run are fetched once: Debian's stable lists change a few times a year
      'FreshIndexMaxAge: 3600',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('apt-cacher-ng', ['-c', join(dir, 'conf'), 'ForeGround=1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  for (let i = 0; i < 100 && !(await listening(port)); i++) {
    if (exited) throw new Error(`apt-cacher-ng did not start: ${stderr.trim()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, 5000).unref();
    });
  // never left running: also stopped when the proof is interrupted
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      child.kill('SIGKILL');
      process.exit(130);
    });
  process.once('exit', () => {
    if (!exited) child.kill('SIGKILL');
  });
  return { url: `http://127.0.0.1:${port}`, stop };
}
