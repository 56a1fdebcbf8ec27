// Base images with real configs, built by buildah (Debian's) FROM scratch: a USER, a HEALTHCHECK (Docker format), an
// ENTRYPOINT, EXPOSE, ENV, labels, a history whose steps say what they ran, and indexes of several platforms; pushed
// to the loopback registry of realRegistry.ts. FROM scratch plus config needs no base image and runs no container.
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { missingTools } from './realRegistry';

const run = promisify(execFile);

/** Why these images cannot be built here, or undefined. */
export function missingBuildTools(): string | undefined {
  const registry = missingTools();
  let buildah: string | undefined;
  try {
    execFileSync('sh', ['-c', 'command -v buildah'], { stdio: 'ignore' });
  } catch {
    buildah = 'missing buildah (bash scripts/setup-test-deps.sh installs it)';
  }
  return [registry, buildah].filter(Boolean).join('; ') || undefined;
}

export interface ImageSpec {
  readonly arch?: string;
  readonly user?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly ports?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly cmd?: readonly string[];
  readonly workdir?: string;
  /** as HEALTHCHECK takes it after the options: `CMD curl -f http://localhost/` */
  readonly healthcheck?: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** one layer per step, its history saying it was made by this command (`/bin/sh -c apt-get install -y curl`) */
  readonly history?: readonly string[];
  /** bytes of random (incompressible) content in one more layer */
  readonly payloadBytes?: number;
}

export class ConfigImages {
  private readonly root: string;
  private n = 0;

  constructor(private readonly dir: string) {
    this.root = join(dir, 'buildah');
    mkdirSync(this.root, { recursive: true });
  }

  private buildah(args: string[]): Promise<{ stdout: string }> {
    return run('buildah', ['--root', join(this.root, 'storage'), '--runroot', join(this.root, 'run'), '--storage-driver', 'vfs', ...args], {
      maxBuffer: 16 << 20,
    });
  }

  /** Builds the image as localhost/<name> (Docker format, so HEALTHCHECK is kept). */
  async build(name: string, spec: ImageSpec): Promise<string> {
    const arch = spec.arch ?? 'amd64';
    let from = 'scratch';
    const steps = [...(spec.history ?? [])];
    if (spec.payloadBytes) steps.push(`/bin/sh -c #(nop) COPY payload in /payload`);
    if (steps.length === 0) steps.push('/bin/sh -c #(nop) COPY marker in /');
    for (const [i, step] of steps.entries()) {
      const last = i === steps.length - 1;
      const c = (await this.buildah(['from', '--arch', arch, '--pull-never', from])).stdout.trim();
      const file = join(this.dir, `layer-${this.n++}`);
      writeFileSync(file, spec.payloadBytes && last ? randomBytes(spec.payloadBytes) : `${name} step ${i}\n`);
      await this.buildah(['copy', c, file, `/layer-${i}`]);
      const config = ['--created-by', step];
      if (last) {
        if (spec.user !== undefined) config.push('--user', spec.user);
        for (const [k, v] of Object.entries(spec.env ?? {})) config.push('--env', `${k}=${v}`);
        for (const p of spec.ports ?? []) config.push('--port', p);
        if (spec.entrypoint) config.push('--entrypoint', JSON.stringify(spec.entrypoint));
        if (spec.cmd) config.push('--cmd', JSON.stringify(spec.cmd));
        if (spec.workdir) config.push('--workingdir', spec.workdir);
        if (spec.healthcheck) config.push('--healthcheck', spec.healthcheck, '--healthcheck-interval', '30s', '--healthcheck-retries', '3');
        for (const [k, v] of Object.entries(spec.labels ?? {})) config.push('--label', `${k}=${v}`);
      }
      await this.buildah(['config', ...config, c]);
      const image = last ? `localhost/${name}` : `localhost/${name}-step${i}`;
      await this.buildah(['commit', '--quiet', '--format', 'docker', '--rm', c, image]);
      from = image;
    }
    return `localhost/${name}`;
  }

  /** Pushes a built image (or a manifest list, with every image in it) to the loopback registry. */
  async push(image: string, registryHost: string, repository: string, tag: string): Promise<void> {
    const dest = `docker://${registryHost}/${repository}:${tag}`;
    if (image.startsWith('localhost/list-')) await this.buildah(['manifest', 'push', '--all', '--tls-verify=false', image, dest]);
    else await this.buildah(['push', '--tls-verify=false', image, dest]);
  }

  /** A manifest list (an index) over built images, one per platform. */
  async index(name: string, images: readonly string[]): Promise<string> {
    const list = `localhost/list-${name}`;
    await this.buildah(['manifest', 'create', list]);
    for (const image of images) await this.buildah(['manifest', 'add', list, image]);
    return list;
  }

  /** Removes every image and the storage (vfs copies layers whole). */
  async clean(): Promise<void> {
    await this.buildah(['rmi', '--all', '--force']).catch(() => undefined);
    rmSync(this.root, { recursive: true, force: true });
  }
}

export interface RecordingProxy {
  /** host:port to ask instead of the registry */
  readonly host: string;
  /** "GET /v2/…" for every request passed on */
  readonly requests: string[];
  stop(): Promise<void>;
}

/** A plain HTTP pass-through in front of a loopback registry that records what was asked (to count a cache's savings). */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const requests: string[] = [];
  const [targetHost, targetPort] = target.split(':');
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const upstream = http.request(
      { host: targetHost, port: Number(targetPort), method: req.method, path: req.url, headers: { ...req.headers, host: target } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502).end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
