// A real OCI registry on loopback (Debian's docker-registry), images built with umoci and pushed with skopeo, plus
// what the tests need around it: certificates, an htpasswd file, a token realm that signs JWTs, a credential helper,
// and a misbehaving server for 429/500/silence. Nothing here reaches beyond 127.0.0.1.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, createPrivateKey, randomUUID, sign, X509Certificate } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const TOOLS = ['docker-registry', 'skopeo', 'umoci', 'htpasswd', 'openssl'];

/** Why the registry tests cannot run here, or undefined when every tool is installed. */
export function missingTools(): string | undefined {
  const missing = TOOLS.filter((t) => {
    try {
      execFileSync('sh', ['-c', `command -v ${t}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  return missing.length ? `missing ${missing.join(', ')} (bash scripts/setup-test-deps.sh installs them)` : undefined;
}

export const scratch = (name: string): string => mkdtempSync(join(tmpdir(), `seaworthy-${name}-`));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface Certs {
  cert: string;
  key: string;
  certPem: string;
  keyPem: string;
  derBase64: string;
}

/** A self-signed certificate for 127.0.0.1 (registry TLS, token realm TLS, JWT signing). */
export function makeCerts(dir: string): Certs {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const certPem = readFileSync(cert, 'utf8');
  return { cert, key, certPem, keyPem: readFileSync(key, 'utf8'), derBase64: new X509Certificate(certPem).raw.toString('base64') };
}

export interface RegistryOptions {
  /** the storage folder; several registries may serve one (push through an open one, test through a locked one) */
  storage: string;
  tls?: Certs;
  htpasswd?: string;
  token?: { realm: string; service: string; issuer: string; rootCertBundle: string };
}

export interface RunningRegistry {
  host: string;
  port: number;
  stop(): Promise<void>;
}

export async function startRegistry(o: RegistryOptions): Promise<RunningRegistry> {
  const dir = scratch('registry');
  const port = await freePort();
  const lines = [
    'version: 0.1',
    'log:',
    '  level: error',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${o.storage}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
  ];
  if (o.tls) lines.push('  tls:', `    certificate: ${o.tls.cert}`, `    key: ${o.tls.key}`);
  if (o.htpasswd) lines.push('auth:', '  htpasswd:', '    realm: seaworthy-test', `    path: ${o.htpasswd}`);
  if (o.token)
    lines.push(
      'auth:',
      '  token:',
      `    realm: ${o.token.realm}`,
      `    service: ${o.token.service}`,
      `    issuer: ${o.token.issuer}`,
      `    rootcertbundle: ${o.token.rootCertBundle}`,
    );
  writeFileSync(join(dir, 'config.yml'), lines.join('\n') + '\n');
  const child: ChildProcess = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${stderr}`);
    if (await answers(port, !!o.tls)) break;
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`docker-registry did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    host: `127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill();
      }),
  };
}

function answers(port: number, tls: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const req = (tls ? https : http).get({ host: '127.0.0.1', port, path: '/v2/', rejectUnauthorized: false, timeout: 500 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

/** user:password in the bcrypt htpasswd format docker-registry wants */
export function htpasswdFile(dir: string, user: string, password: string): string {
  const file = join(dir, 'htpasswd');
  execFileSync('htpasswd', ['-Bbc', file, user, password], { stdio: 'ignore' });
  return file;
}

export interface Pushed {
  digest: string;
}

/** Images made with umoci in an OCI layout, pushed with skopeo to a registry without auth. */
export class Images {
  readonly layout: string;
  private n = 0;

  constructor(private readonly dir: string) {
    this.layout = join(dir, 'layout');
  }

  async init(): Promise<void> {
    await run('umoci', ['init', '--layout', this.layout]);
    await run('umoci', ['new', '--image', `${this.layout}:empty`]);
  }

  /** A single-platform image with one layer holding `content`, created at `created`. */
  async single(tag: string, content: string, arch = 'amd64', created = '2026-01-02T03:04:05Z'): Promise<string> {
    const file = join(this.dir, `file-${this.n++}`);
    writeFileSync(file, content);
    await run('umoci', ['insert', '--rootless', '--image', `${this.layout}:empty`, '--tag', `${tag}-layer`, file, '/content.txt']);
    await run('umoci', ['config', '--image', `${this.layout}:${tag}-layer`, '--tag', tag, '--architecture', arch, '--os', 'linux', '--created', created]);
    return this.manifestOf(tag).digest;
  }

  /** An OCI image index over the given tags of this layout, with their platforms. */
  index(tag: string, parts: { tag: string; os: string; architecture: string; variant?: string }[]): string {
    const index = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: parts.map((p) => ({
        ...this.manifestOf(p.tag),
        platform: { os: p.os, architecture: p.architecture, ...(p.variant ? { variant: p.variant } : {}) },
      })),
    };
    const body = Buffer.from(JSON.stringify(index));
    const hex = createHash('sha256').update(body).digest('hex');
    writeFileSync(join(this.layout, 'blobs', 'sha256', hex), body);
    const top = JSON.parse(readFileSync(join(this.layout, 'index.json'), 'utf8')) as { manifests: unknown[] };
    top.manifests.push({ mediaType: index.mediaType, digest: `sha256:${hex}`, size: body.length, annotations: { 'org.opencontainers.image.ref.name': tag } });
    writeFileSync(join(this.layout, 'index.json'), JSON.stringify(top));
    return `sha256:${hex}`;
  }

  manifestOf(tag: string): { mediaType: string; digest: string; size: number } {
    const top = JSON.parse(readFileSync(join(this.layout, 'index.json'), 'utf8')) as {
      manifests: { mediaType: string; digest: string; size: number; annotations?: Record<string, string> }[];
    };
    const m = top.manifests.filter((x) => x.annotations?.['org.opencontainers.image.ref.name'] === tag).pop();
    if (!m) throw new Error(`no tag ${tag} in the layout`);
    return { mediaType: m.mediaType, digest: m.digest, size: m.size };
  }

  /** the compressed size of a single-platform tag's layers */
  layerSize(tag: string): number {
    const m = JSON.parse(readFileSync(join(this.layout, 'blobs', 'sha256', this.manifestOf(tag).digest.slice(7)), 'utf8')) as { layers: { size: number }[] };
    return m.layers.reduce((n, l) => n + l.size, 0);
  }

  async push(tag: string, registryHost: string, repository: string, remoteTag: string): Promise<void> {
    await run('skopeo', [
      'copy',
      '--all',
      '--quiet',
      '--dest-tls-verify=false',
      `oci:${this.layout}:${tag}`,
      `docker://${registryHost}/${repository}:${remoteTag}`,
    ]);
  }
}

function base64url(b: Buffer | string): string {
  return Buffer.from(b).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

export interface TokenRealm {
  url: string;
  requests: { authorization: string | undefined; scope: string | null; method: string }[];
  stop(): Promise<void>;
}

/**
 * A token service like Docker Hub's auth.docker.io, over TLS: anonymous requests get a token with no access (so the
 * registry answers 401 again and the client must use credentials); `user:password` or the refresh token get pull access.
 */
export async function startTokenRealm(
  certs: Certs,
  o: { service: string; issuer: string; user: string; password: string; refreshToken?: string },
): Promise<TokenRealm> {
  const requests: TokenRealm['requests'] = [];
  const key = createPrivateKey(certs.keyPem);
  const tokenFor = (scope: string | null, grant: boolean) => {
    const now = Math.floor(Date.now() / 1000);
    const access = grant && scope ? [{ type: 'repository', name: scope.split(':')[1], actions: ['pull'] }] : [];
    const headerPart = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [certs.derBase64] }));
    const claims = base64url(
      JSON.stringify({ iss: o.issuer, sub: grant ? o.user : '', aud: o.service, exp: now + 300, nbf: now - 10, iat: now, jti: randomUUID(), access }),
    );
    return `${headerPart}.${claims}.${base64url(sign('sha256', Buffer.from(`${headerPart}.${claims}`), key))}`;
  };
  const server = https.createServer({ cert: certs.certPem, key: certs.keyPem }, (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      const url = new URL(req.url!, 'https://127.0.0.1');
      const form = new URLSearchParams(body);
      const scope = req.method === 'POST' ? form.get('scope') : url.searchParams.get('scope');
      requests.push({ authorization: req.headers.authorization, scope, method: req.method! });
      let grant = false;
      if (req.method === 'POST') {
        grant = form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === o.refreshToken;
        if (!grant) {
          res.writeHead(401).end();
          return;
        }
      } else if (req.headers.authorization) {
        grant = req.headers.authorization === `Basic ${Buffer.from(`${o.user}:${o.password}`).toString('base64')}`;
        if (!grant) {
          res.writeHead(401).end();
          return;
        }
      }
      const token = tokenFor(scope, grant);
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify(req.method === 'POST' ? { access_token: token, expires_in: 300 } : { token, expires_in: 300 }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/token`,
    requests,
    stop: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export interface FaultServer {
  host: string;
  requests: http.IncomingHttpHeaders[];
  stop(): Promise<void>;
}

/** A server that answers every request with `status` (and `headers`), or never answers when status is 'silent'. */
export async function startFaultServer(status: number | 'silent', headers: Record<string, string> = {}): Promise<FaultServer> {
  const requests: http.IncomingHttpHeaders[] = [];
  const sockets = new Set<Socket>();
  let server: NetServer;
  if (status === 'silent') {
    server = createNetServer((s) => {
      sockets.add(s);
      requests.push({});
      s.on('error', () => undefined);
    });
  } else {
    server = http.createServer((req, res) => {
      requests.push(req.headers);
      res.writeHead(status, headers).end();
    });
    server.on('connection', (s: Socket) => sockets.add(s));
  }
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A `docker-credential-<name>` on PATH that answers for one server and records what it was asked. */
export function credentialHelper(dir: string, name: string, server: string, username: string, secret: string): { bin: string; log: string } {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const log = join(dir, `helper-${name}.log`);
  const script = join(bin, `docker-credential-${name}`);
  writeFileSync(
    script,
    `#!/bin/sh
read -r server
printf '%s %s\\n' "$1" "$server" >> '${log}'
if [ "$1" = get ] && [ "$server" = '${server}' ]; then
  printf '{"ServerURL":"%s","Username":"${username}","Secret":"${secret}"}' "$server"
else
  echo "credentials not found in native keychain" >&2; exit 1
fi
`,
  );
  chmodSync(script, 0o755);
  return { bin, log };
}
