// The build proof's only door to buildah: its own image storage (made by scripts/setup-build.sh), builds with the
// apt cache as proxy, and the containers used to read a built image back.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CACHE = process.env.SEAWORTHY_BUILD_CACHE ?? join(homedir(), '.cache', 'seaworthy-build');

function storageArgs(): string[] {
  const driverFile = join(CACHE, 'storage-driver');
  if (!existsSync(driverFile)) throw new Error(`${driverFile} is missing: run scripts/setup-build.sh first`);
  return ['--root', join(CACHE, 'storage'), '--runroot', join(CACHE, 'run'), '--storage-driver', readFileSync(driverFile, 'utf8').trim()];
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program to its end (or `timeoutMs`), never throwing: the exit code says how it went. */
export function run(program: string, args: readonly string[], o: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      program,
      args,
      { env: o.env ?? process.env, cwd: o.cwd, timeout: o.timeoutMs ?? 600_000, maxBuffer: 256 * 1024 * 1024, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) + (error && code === 1 && !stderr ? String(error.message) : '') });
      },
    );
  });
}

export class Buildah {
  private readonly storage = storageArgs();
  /** `http_proxy` for apt inside RUN steps (buildah hands the proxy variables to RUN, never into the image) */
  constructor(private readonly aptProxy: string | undefined) {}

  exec(args: readonly string[], timeoutMs?: number): Promise<Run> {
    return run('buildah', [...this.storage, ...args], { timeoutMs });
  }

  async must(args: readonly string[]): Promise<string> {
    const r = await this.exec(args);
    if (r.code !== 0) throw new Error(`buildah ${args.join(' ')} failed (${r.code}): ${r.stderr.trim().split('\n').slice(-5).join(' | ')}`);
    return r.stdout;
  }

  /** Builds `dockerfile` in `context` as `tag`; layers are cached, so variants of one scenario share their common start. */
  bud(context: string, dockerfile: string, tag: string): Promise<Run> {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const k of ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY']) delete env[k];
    if (this.aptProxy) {
      env.http_proxy = this.aptProxy;
      // Debian's mirrors go through the apt cache; the npm registry (https) goes direct
      env.no_proxy = 'registry.npmjs.org,.npmjs.org,localhost,127.0.0.1';
    }
    const args = ['bud', '--isolation', 'chroot', '--pull-never', '--format', 'docker', '--layers', '--force-rm', '-f', dockerfile, '-t', tag, context];
    return run('buildah', [...this.storage, ...args], { env, timeoutMs: 15 * 60_000 });
  }

  /** The image's Docker config (User, Env, Entrypoint, Cmd, WorkingDir, ExposedPorts, Healthcheck, Shell …). */
  async config(tag: string): Promise<ImageConfig> {
    const data = JSON.parse(await this.must(['inspect', '--type', 'image', tag])) as { Docker?: { config?: ImageConfig } };
    return data.Docker?.config ?? {};
  }

  /** A working container of the image, mounted; `runIn` executes in it with chroot isolation. */
  async container(tag: string, name: string): Promise<Container> {
    await this.exec(['rm', name]);
    const id = (await this.must(['from', '--pull-never', '--name', name, tag])).trim();
    const mountPoint = (await this.must(['mount', id])).trim();
    return { id, mountPoint };
  }

  runIn(c: Container, script: string, o: { user?: string; workdir?: string; timeoutMs?: number } = {}): Promise<Run> {
    const args = [
      'run',
      '--isolation',
      'chroot',
      ...(o.user ? ['--user', o.user] : []),
      ...(o.workdir ? ['--workingdir', o.workdir] : []),
      c.id,
      '--',
      '/bin/sh',
      '-c',
      script,
    ];
    return this.exec(args, o.timeoutMs ?? 60_000);
  }

  async removeContainer(c: Container): Promise<void> {
    await this.exec(['umount', c.id]);
    await this.exec(['rm', c.id]);
  }

  /** Pushes an image of the proof's storage to a registry on loopback (plain HTTP), as `dest` (host/repository:tag). */
  async push(tag: string, dest: string): Promise<void> {
    await this.must(['push', '--tls-verify=false', tag, `docker://${dest}`]);
  }

  /** Removes the given images and every image no tag or container holds (layer caches of finished scenarios). */
  async removeImages(tags: readonly string[]): Promise<void> {
    if (tags.length) await this.exec(['rmi', '--force', ...tags]);
    await this.exec(['rmi', '--prune']);
  }
}

export interface Container {
  readonly id: string;
  readonly mountPoint: string;
}

export interface ImageConfig {
  User?: string;
  Env?: string[] | null;
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  WorkingDir?: string;
  ExposedPorts?: Record<string, unknown> | null;
  Healthcheck?: { Test?: string[] } | null;
  Shell?: string[] | null;
  StopSignal?: string;
  Volumes?: Record<string, unknown> | null;
  Labels?: Record<string, string> | null;
}
