// Credentials the way the Docker CLI keeps them: ~/.docker/config.json (or $DOCKER_CONFIG/config.json) with `auths`
// (`auth` = base64 user:password, or `identitytoken`), `credsStore` and per-registry `credHelpers`, which are run as
// `docker-credential-<name> get` with the server URL on stdin. No credential is ever logged: describe() names where
// they come from (a helper, a file), never what they are.
import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { findOnPath } from '../executables';
import { MAX_CONFIG_BYTES, readRegularText } from '../host';

export interface Credential {
  readonly username?: string;
  readonly password?: string;
  /** an OAuth2 refresh token (`docker login` with an identity token; helpers answer Username "<token>") */
  readonly identityToken?: string;
}

export interface CredentialSource {
  /** credentials for a registry host as written in references ("docker.io", "ghcr.io", "localhost:5000") */
  get(registry: string): Promise<Credential | undefined>;
  /** where credentials for the registry come from, for the log: a helper's or a file's name, never a value */
  describe?(registry: string): string;
}

export interface DockerConfigOptions {
  /** the folder holding config.json; default $DOCKER_CONFIG or ~/.docker */
  readonly configDir?: string;
  /** run credential helpers (false in an untrusted workspace) */
  readonly allowHelpers: boolean;
  readonly helperTimeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);
/** the key `docker login` writes for Docker Hub, and what its helpers expect */
const DOCKER_HUB_SERVER = 'https://index.docker.io/v1/';

/** "https://index.docker.io/v1/" -> "docker.io", "http://localhost:5000/" -> "localhost:5000" */
export function registryKey(key: string): string {
  const host = key
    .replace(/^[a-z]+:\/\//i, '')
    .split('/')[0]
    .toLowerCase();
  return DOCKER_HUB.has(host) ? 'docker.io' : host;
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

export class DockerConfigCredentials implements CredentialSource {
  constructor(private readonly opts: DockerConfigOptions) {}

  /** config.json's path (which may not exist) */
  configPath(): string {
    const env = this.opts.env ?? process.env;
    return join(this.opts.configDir ?? env.DOCKER_CONFIG ?? join(homedir(), '.docker'), 'config.json');
  }

  private config(): DockerConfig | undefined {
    try {
      const parsed = JSON.parse(readRegularText(this.configPath(), MAX_CONFIG_BYTES)) as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as DockerConfig) : undefined;
    } catch {
      return undefined; // no config, not a regular file, or not JSON: anonymous access
    }
  }

  async get(registry: string): Promise<Credential | undefined> {
    const config = this.config();
    if (!config) return undefined;
    const wanted = registryKey(registry);
    const helper = Object.entries(config.credHelpers ?? {}).find(([k]) => registryKey(k) === wanted)?.[1] ?? config.credsStore;
    if (helper) {
      if (!this.opts.allowHelpers) return undefined;
      const fromHelper = await this.runHelper(helper, wanted === 'docker.io' ? DOCKER_HUB_SERVER : registry);
      if (fromHelper) return fromHelper;
    }
    const entry = Object.entries(config.auths ?? {}).find(([k]) => registryKey(k) === wanted)?.[1];
    if (!entry) return undefined;
    if (entry.identitytoken) return { identityToken: entry.identitytoken };
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
    if (entry.username && entry.password) return { username: entry.username, password: entry.password };
    return undefined;
  }

  describe(registry: string): string {
    const config = this.config();
    if (!config) return `${this.configPath()} (absent or not JSON)`;
    const wanted = registryKey(registry);
    const own = Object.entries(config.credHelpers ?? {}).find(([k]) => registryKey(k) === wanted)?.[1];
    const helper = own ?? config.credsStore;
    if (helper && !this.opts.allowHelpers) return `docker-credential-${helper} (not run: helpers are off here)`;
    if (helper) return `docker-credential-${helper} (${own ? 'credHelpers' : 'credsStore'} in ${this.configPath()})`;
    return Object.keys(config.auths ?? {}).some((k) => registryKey(k) === wanted)
      ? `the auths entry in ${this.configPath()}`
      : `${this.configPath()} (no entry for ${wanted})`;
  }

  /**
   * `docker-credential-<name> get`, found on the absolute entries of PATH and run by its absolute path (see
   * findOnPath: a `.` on PATH must not run a helper the repository ships); a helper that is missing, fails or has
   * nothing for the server gives no credential.
   */
  private runHelper(name: string, server: string): Promise<Credential | undefined> {
    if (!/^[\w.-]+$/.test(name)) return Promise.resolve(undefined);
    const env = this.opts.env ?? process.env;
    const binary = findOnPath(`docker-credential-${name}`, env);
    if (!binary) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      let out = '';
      const child = spawn(binary, ['get'], { stdio: ['pipe', 'pipe', 'ignore'], env });
      const timer = setTimeout(() => {
        child.kill();
        resolve(undefined);
      }, this.opts.helperTimeoutMs ?? 10_000);
      child.on('error', () => {
        clearTimeout(timer);
        resolve(undefined);
      });
      child.stdout.on('data', (c: Buffer) => {
        if (out.length < 65536) out += c.toString('utf8');
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code !== 0) return resolve(undefined);
        try {
          const r = JSON.parse(out) as { Username?: string; Secret?: string };
          if (!r.Secret) return resolve(undefined);
          resolve(r.Username === '<token>' ? { identityToken: r.Secret } : { username: r.Username, password: r.Secret });
        } catch {
          resolve(undefined);
        }
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(server);
    });
  }
}
