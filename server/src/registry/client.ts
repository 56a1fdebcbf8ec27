// A client of the OCI distribution spec, enough to pin images: the digest a tag names (HEAD first, GET when the
// registry gives no Docker-Content-Digest), and what a hover shows (platforms, compressed size, creation time).
// Authentication follows Docker: the WWW-Authenticate challenge, anonymous tokens first, then the user's credentials,
// which only ever go to the registry they belong to, or to the token realm that registry named over TLS.
import { createHash } from 'node:crypto';
import { isDockerHub, normalizedName, type ImageRef } from '../engine/imageRef';
import { parseChallenges, type Challenge } from './challenge';
import type { Credential, CredentialSource } from './credentials';
import { RegistryError } from './errors';
import { header, httpRequest, isLoopback, type HttpOptions, type HttpResponse } from './http';

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;
const ACCEPT = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerList, MEDIA_TYPES.dockerManifest].join(', ');
const isIndex = (mediaType: string | undefined) => mediaType === MEDIA_TYPES.ociIndex || mediaType === MEDIA_TYPES.dockerList;

export interface RegistryClientOptions {
  readonly http: HttpOptions;
  /** hosts (host[:port]) that may be asked over plain HTTP or with an unverified certificate */
  readonly insecureRegistries?: readonly string[];
  readonly credentials?: CredentialSource;
  /** how long an answer is reused */
  readonly cacheTtlMs?: number;
  readonly now?: () => number;
}

export interface Resolved {
  /** "registry/repository:tag" as asked, normalised (docker.io/library/python:3.12-slim) */
  readonly name: string;
  readonly digest: string;
  readonly mediaType: string | undefined;
}

export interface ImageInfo extends Resolved {
  /** "linux/amd64", "linux/arm64/v8"… of a multi-platform image; empty for a single-platform one */
  readonly platforms: readonly string[];
  /** the platform the size and creation time are for */
  readonly platform: string | undefined;
  /** sum of the compressed layers of that platform, in bytes */
  readonly compressedSize: number | undefined;
  /** the image config's `created` */
  readonly created: string | undefined;
  /** the image's page, for registries that have one */
  readonly link: string | undefined;
}

interface Manifest {
  mediaType?: string;
  manifests?: { digest: string; mediaType?: string; size?: number; platform?: { os?: string; architecture?: string; variant?: string } }[];
  layers?: { size?: number }[];
  config?: { digest: string; size?: number };
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const MAX_REDIRECTS = 5;

export class RegistryClient {
  private readonly cache = new Map<string, { expires: number; value: Promise<unknown> }>();
  private readonly tokens = new Map<string, { header: string; expires: number }>();
  private readonly plainHttp = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly opts: RegistryClientOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** The digest the reference's tag names now (the index's for a multi-platform image). */
  resolve(ref: ImageRef): Promise<Resolved> {
    const { host, repository, reference, name } = target(ref, true);
    return this.cached(`resolve ${name}`, async () => {
      const head = await this.registry(host, repository, `manifests/${reference}`, 'HEAD', ref);
      const digest = header(head, 'docker-content-digest');
      if (head.status === 200 && digest && DIGEST.test(digest)) return { name, digest, mediaType: mediaTypeOf(head) };
      const got = await this.manifest(host, repository, reference, ref);
      return { name, digest: got.digest, mediaType: got.manifest.mediaType ?? mediaTypeOf(got.res) };
    });
  }

  /** Digest, platforms, compressed size and creation time of the image for one platform ("linux/amd64"). */
  info(ref: ImageRef, platform: string): Promise<ImageInfo> {
    const { host, repository, reference, name } = target(ref, false);
    return this.cached(`info ${name} ${platform}`, async () => {
      const top = await this.manifest(host, repository, reference, ref);
      let chosen = top.manifest;
      let platforms: string[] = [];
      let chosenPlatform: string | undefined;
      if (isIndex(top.manifest.mediaType ?? mediaTypeOf(top.res))) {
        const entries = (top.manifest.manifests ?? []).filter((m) => m.platform?.os && m.platform.os !== 'unknown');
        platforms = entries.map((m) => platformName(m.platform!));
        const pick = entries.find((m) => platformName(m.platform!) === platform) ?? entries.find((m) => samePlatform(platformName(m.platform!), platform));
        chosenPlatform = pick && platformName(pick.platform!);
        if (pick) chosen = (await this.manifest(host, repository, pick.digest, ref)).manifest;
        else chosen = {};
      }
      const compressedSize = chosen.layers ? chosen.layers.reduce((n, l) => n + (l.size ?? 0), 0) : undefined;
      let created: string | undefined;
      if (chosen.config?.digest && DIGEST.test(chosen.config.digest)) {
        const blob = await this.registry(host, repository, `blobs/${chosen.config.digest}`, 'GET', ref);
        if (blob.status === 200) {
          try { created = (JSON.parse(blob.body.toString('utf8')) as { created?: string }).created; } catch { /* a config that is not JSON: no date */ }
        }
      }
      return { name, digest: top.digest, mediaType: top.manifest.mediaType ?? mediaTypeOf(top.res), platforms, platform: chosenPlatform, compressedSize, created, link: pageOf(ref) };
    });
  }

  /** Forget cached answers (a user asked again on purpose, or the settings changed). */
  clear(): void {
    this.cache.clear();
  }

  private cached<T>(key: string, make: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && hit.expires > this.now()) return hit.value as Promise<T>;
    const value = make();
    this.cache.set(key, { expires: this.now() + (this.opts.cacheTtlMs ?? 60_000), value });
    value.catch(() => this.cache.delete(key)); // failures are not remembered: the next ask tries again
    return value;
  }

  private async manifest(host: string, repository: string, reference: string, ref: ImageRef): Promise<{ digest: string; manifest: Manifest; res: HttpResponse }> {
    const res = await this.registry(host, repository, `manifests/${reference}`, 'GET', ref);
    const computed = `sha256:${createHash('sha256').update(res.body).digest('hex')}`;
    const said = header(res, 'docker-content-digest');
    if (said && said.startsWith('sha256:') && said !== computed) {
      throw new RegistryError('protocol', `${displayHost(host)} sent a manifest whose sha256 (${computed}) differs from the digest it announced (${said})`);
    }
    if (reference.startsWith('sha256:') && reference !== computed) {
      throw new RegistryError('protocol', `${displayHost(host)} sent a manifest for ${reference} whose sha256 is ${computed}`);
    }
    let manifest: Manifest;
    try {
      manifest = JSON.parse(res.body.toString('utf8')) as Manifest;
    } catch {
      throw new RegistryError('protocol', `${displayHost(host)} sent a manifest that is not JSON`);
    }
    return { digest: computed, manifest, res };
  }

  /** One request to /v2/<repository>/<path>, with scheme choice, authentication and redirects; non-2xx becomes an error. */
  private async registry(host: string, repository: string, path: string, method: 'GET' | 'HEAD', ref: ImageRef): Promise<HttpResponse> {
    const scope = `repository:${repository}:pull`;
    const tokenKey = `${host} ${scope}`;
    let res = await this.send(host, `/v2/${repository}/${path}`, method, this.validToken(tokenKey));
    if (res.status === 401) {
      const challenges = parseChallenges(header(res, 'www-authenticate'));
      const bearer = challenges.find((c) => c.scheme === 'bearer');
      const basic = challenges.find((c) => c.scheme === 'basic');
      if (bearer) {
        // anonymous first: public images need no credential, so none is sent
        let auth = await this.token(bearer, scope, undefined, res.secure);
        if (auth) res = await this.send(host, `/v2/${repository}/${path}`, method, auth);
        if (!auth || res.status === 401 || res.status === 403) {
          const credential = await this.opts.credentials?.get(registryOf(ref));
          if (credential) {
            auth = await this.token(bearer, scope, credential, res.secure);
            if (auth) res = await this.send(host, `/v2/${repository}/${path}`, method, auth);
          }
        }
        if (auth && res.status < 400) this.tokens.set(tokenKey, { header: auth, expires: this.now() + 50_000 });
      } else if (basic) {
        const credential = await this.opts.credentials?.get(registryOf(ref));
        // Basic sends the password itself: only over TLS (or to this machine)
        if (credential?.username && credential.password && (res.secure || isLoopback(hostname(host)))) {
          res = await this.send(host, `/v2/${repository}/${path}`, method, `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`);
        }
      }
    }
    if (res.status >= 200 && res.status < 300) return res;
    throw statusError(res, ref, host);
  }

  private validToken(key: string): string | undefined {
    const t = this.tokens.get(key);
    return t && t.expires > this.now() ? t.header : undefined;
  }

  /** A Bearer token from the realm; credentials go only to a realm named over TLS and reached over TLS. */
  private async token(challenge: Challenge, scope: string, credential: Credential | undefined, challengeOverTls: boolean): Promise<string | undefined> {
    const realm = challenge.params.realm;
    if (!realm) return undefined;
    let url: URL;
    try { url = new URL(realm); } catch { throw new RegistryError('protocol', `the registry named a token realm that is not a URL: ${realm}`); }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RegistryError('protocol', `the registry named a token realm that is not HTTP(S): ${realm}`);
    if (credential && !(challengeOverTls && url.protocol === 'https:')) return undefined;
    const service = challenge.params.service;
    let res: HttpResponse;
    if (credential?.identityToken) {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credential.identityToken, client_id: 'seaworthy', scope, ...(service ? { service } : {}) });
      res = await httpRequest({ method: 'POST', url, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() }, this.opts.http);
    } else {
      if (service) url.searchParams.set('service', service);
      url.searchParams.set('scope', scope);
      const headers: Record<string, string> = {};
      if (credential?.username && credential.password) headers.Authorization = `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
      res = await httpRequest({ method: 'GET', url, headers, insecureTls: this.isInsecure(url.host) }, this.opts.http);
    }
    if (res.status === 401 || res.status === 403) return undefined;
    if (res.status === 429) throw statusError(res, undefined, url.host);
    if (res.status !== 200) throw new RegistryError(res.status >= 500 ? 'server' : 'protocol', `the token service ${url.host} answered ${res.status}`, res.status);
    try {
      const body = JSON.parse(res.body.toString('utf8')) as { token?: string; access_token?: string };
      const token = body.token ?? body.access_token;
      return token ? `Bearer ${token}` : undefined;
    } catch {
      throw new RegistryError('protocol', `the token service ${url.host} sent an answer that is not JSON`);
    }
  }

  private isInsecure(host: string): boolean {
    return (this.opts.insecureRegistries ?? []).some((h) => h.toLowerCase() === host.toLowerCase());
  }

  /** HTTPS; plain HTTP only for loopback or listed insecure registries, and only when they do not speak TLS. */
  private async send(host: string, path: string, method: 'GET' | 'HEAD', authorization: string | undefined): Promise<HttpResponse> {
    const insecure = this.isInsecure(host);
    const mayUsePlain = insecure || isLoopback(hostname(host));
    const headers: Record<string, string> = { Accept: ACCEPT, ...(authorization ? { Authorization: authorization } : {}) };
    let url = new URL(`${this.plainHttp.has(host) ? 'http' : 'https'}://${host}${path}`);
    let res: HttpResponse;
    try {
      res = await httpRequest({ method, url, headers, insecureTls: insecure }, this.opts.http);
    } catch (e) {
      if (!(mayUsePlain && e instanceof RegistryError && e.tlsHandshake && url.protocol === 'https:')) throw e;
      this.plainHttp.add(host);
      url = new URL(`http://${host}${path}`);
      res = await httpRequest({ method, url, headers }, this.opts.http);
    }
    for (let hops = 0; res.status >= 300 && res.status < 400 && header(res, 'location'); hops++) {
      if (hops === MAX_REDIRECTS) throw new RegistryError('protocol', `${displayHost(host)} redirected more than ${MAX_REDIRECTS} times`);
      const next = new URL(header(res, 'location')!, url);
      if (next.protocol === 'http:' && !(this.isInsecure(next.host) || isLoopback(next.hostname))) throw new RegistryError('insecure', `${displayHost(host)} redirected to plain HTTP (${next.host}); refusing`);
      // the Authorization header never follows a redirect to another host
      const sameHost = next.host === url.host;
      url = next;
      res = await httpRequest({ method, url, headers: { Accept: ACCEPT, ...(sameHost && authorization ? { Authorization: authorization } : {}) }, insecureTls: this.isInsecure(url.host) }, this.opts.http);
    }
    return res;
  }
}

/** Where to ask: Docker Hub's API host is registry-1.docker.io. */
function target(ref: ImageRef, needTag: boolean): { host: string; repository: string; reference: string; name: string } {
  const { registry, repository } = normalizedName(ref);
  const host = registry === 'docker.io' ? 'registry-1.docker.io' : registry;
  const tag = ref.tag ?? (ref.digest && !needTag ? undefined : 'latest');
  const reference = tag ?? ref.digest!;
  return { host, repository, reference, name: `${registry}/${repository}${tag ? `:${tag}` : `@${ref.digest}`}` };
}

const registryOf = (ref: ImageRef): string => (isDockerHub(ref) ? 'docker.io' : ref.registry!);
const hostname = (host: string): string => (host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]);
const displayHost = (host: string): string => (host === 'registry-1.docker.io' ? 'Docker Hub' : host);
const mediaTypeOf = (res: HttpResponse): string | undefined => header(res, 'content-type')?.split(';')[0].trim();

export function platformName(p: { os?: string; architecture?: string; variant?: string }): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
/** linux/arm64 matches linux/arm64/v8 */
const samePlatform = (a: string, b: string): boolean => a.split('/').slice(0, 2).join('/') === b.split('/').slice(0, 2).join('/');

/** The platform images are built for here: what BuildKit would pick without --platform. */
export function hostPlatform(): string {
  const arch = ({ x64: 'amd64', arm64: 'arm64', arm: 'arm/v7', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' } as Record<string, string>)[process.arch] ?? process.arch;
  return `linux/${arch}`;
}

function pageOf(ref: ImageRef): string | undefined {
  const { registry, repository } = normalizedName(ref);
  if (registry === 'docker.io') return repository.startsWith('library/') ? `https://hub.docker.com/_/${repository.slice(8)}` : `https://hub.docker.com/r/${repository}`;
  if (registry === 'quay.io') return `https://quay.io/repository/${repository}`;
  if (registry === 'mcr.microsoft.com') return `https://mcr.microsoft.com/en-us/artifact/mar/${repository}`;
  if (registry === 'ghcr.io') return `https://ghcr.io/${repository}`;
  return undefined;
}

function statusError(res: HttpResponse, ref: ImageRef | undefined, host: string): RegistryError {
  const who = displayHost(host);
  const what = ref ? `\`${ref.raw}\`` : 'the request';
  const s = res.status;
  if (s === 401 || s === 403) {
    const registry = ref && !isDockerHub(ref) ? ` ${ref.registry}` : '';
    return new RegistryError('unauthorized', `${who} refused access to ${what} (${s}); log in with \`docker login${registry}\` if the image is private`, s);
  }
  if (s === 404) return new RegistryError('not-found', `${who} has no image ${what} (404); check the name and the tag`, s);
  if (s === 429) return new RegistryError('rate-limited', `${who} rate-limited the request (429)${resetTime(res)}`, s);
  if (s >= 500) return new RegistryError('server', `${who} failed with ${s}; try again later`, s);
  return new RegistryError('protocol', `${who} answered ${s} for ${what}`, s);
}

/** Retry-After (seconds or an HTTP date) or RateLimit-Reset / X-RateLimit-Reset (seconds, or an epoch time). */
function resetTime(res: HttpResponse): string {
  const retry = header(res, 'retry-after');
  const reset = header(res, 'ratelimit-reset') ?? header(res, 'x-ratelimit-reset');
  let at: Date | undefined;
  if (retry && /^\d+$/.test(retry)) at = new Date(Date.now() + Number(retry) * 1000);
  else if (retry && !Number.isNaN(Date.parse(retry))) at = new Date(retry);
  else if (reset && /^\d+$/.test(reset)) {
    const n = Number(reset);
    at = new Date(n > 1e9 ? n * 1000 : Date.now() + n * 1000);
  }
  if (!at) return '; try again later';
  return `; the limit resets at ${at.toISOString().slice(11, 19)} UTC`;
}
