// A client of the OCI distribution spec, enough to pin images: the digest a tag names (HEAD first, GET when the
// registry gives no Docker-Content-Digest), and what an image is for one platform (its platforms, compressed size and
// whole config: user, ports, env, entrypoint, healthcheck, history…). Mirrors are asked before the registry itself.
// Authentication follows Docker: the WWW-Authenticate challenge, anonymous tokens first, then the user's credentials,
// which only ever go to the registry host that challenges for them, or to the token realm that host named over TLS.
import { createHash } from 'node:crypto';
import { normalizedName, type ImageRef } from '../engine/imageRef';
import { parseChallenges, type Challenge } from './challenge';
import type { Credential, CredentialSource } from './credentials';
import { RegistryError } from './errors';
import { HostGate } from './hostGate';
import { isIP } from 'node:net';
import { header, httpRequest, isLoopback, isPrivateAddress, type HttpOptions, type HttpRequest, type HttpResponse } from './http';
import { samePlatform, type ImageFacts } from '../engine/facts/imageConfig';
import { readImageConfig } from './imageConfig';
import { mirrorsFor, type Mirrors } from './mirrors';

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
  /**
   * a line per request and its answer, and where credentials came from (the editor's log). Never a credential, a
   * token or a header: URLs, statuses, times and the names of credential sources only.
   */
  readonly log?: (line: string) => void;
  readonly now?: () => number;
  /** which addresses belong to the local network (default isPrivateAddress; tests make a loopback address "public") */
  readonly privateAddress?: (ip: string) => boolean;
  /** registries' mirrors (Docker's registry-mirrors, Harbor proxy caches…), asked in order before the registry */
  readonly mirrors?: Mirrors;
}

export interface Resolved {
  /** "registry/repository:tag" as asked, normalised (docker.io/library/python:3.12-slim) */
  readonly name: string;
  readonly digest: string;
  readonly mediaType: string | undefined;
}

/** What an image is for one platform: the facts rules read, and what only a hover shows. */
export interface ImageInfo extends ImageFacts, Resolved {
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
  /** until a registry has answered once, one request at a time to it (see hostGate.ts) */
  private readonly gate = new HostGate();
  private readonly now: () => number;

  constructor(private readonly opts: RegistryClientOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** The digest the reference's tag names now (the index's for a multi-platform image). */
  resolve(ref: ImageRef): Promise<Resolved> {
    const { endpoints, reference, name } = this.target(ref, true);
    return this.cached(`resolve ${name}`, () =>
      firstAnswer(endpoints, async ({ host, repository }) => {
        const head = await this.registry(host, repository, `manifests/${reference}`, 'HEAD', ref);
        const digest = header(head, 'docker-content-digest');
        if (head.status === 200 && digest && DIGEST.test(digest)) return { name, digest, mediaType: mediaTypeOf(head) };
        const got = await this.manifest(host, repository, reference, ref);
        return { name, digest: got.digest, mediaType: got.manifest.mediaType ?? mediaTypeOf(got.res) };
      }),
    );
  }

  /**
   * What the image is for one platform ("linux/amd64"): digest, platforms, compressed size, creation time and the
   * whole config (user, ports, env, entrypoint, healthcheck, history…). A reference by digest is asked by digest.
   */
  info(ref: ImageRef, platform: string): Promise<ImageInfo> {
    const { endpoints, reference, name } = this.target(ref, false);
    return this.cached(`info ${name} ${platform}`, () =>
      firstAnswer(endpoints, async ({ host, repository }) => {
        const top = await this.manifest(host, repository, reference, ref);
        const multiPlatform = isIndex(top.manifest.mediaType ?? mediaTypeOf(top.res));
        let chosen = top.manifest;
        let platforms: string[] = [];
        let chosenPlatform: string | undefined;
        if (multiPlatform) {
          const entries = (top.manifest.manifests ?? []).filter((m) => m.platform?.os && m.platform.os !== 'unknown');
          platforms = entries.map((m) => platformName(m.platform!));
          const pick = entries.find((m) => platformName(m.platform!) === platform) ?? entries.find((m) => samePlatform(platformName(m.platform!), platform));
          chosenPlatform = pick && platformName(pick.platform!);
          if (pick) chosen = (await this.manifest(host, repository, pick.digest, ref)).manifest;
          else chosen = {};
        }
        const compressedSize = chosen.layers ? chosen.layers.reduce((n, l) => n + (typeof l.size === 'number' && l.size > 0 ? l.size : 0), 0) : undefined;
        let created: string | undefined;
        let config: ImageFacts['config'];
        if (chosen.config?.digest && DIGEST.test(chosen.config.digest)) {
          const blob = await this.registry(host, repository, `blobs/${chosen.config.digest}`, 'GET', ref);
          const computed = `sha256:${createHash('sha256').update(blob.body).digest('hex')}`;
          if (computed !== chosen.config.digest)
            throw new RegistryError('protocol', `${displayHost(host)} sent a config blob whose sha256 (${computed}) is not the one its manifest names`);
          let json: unknown;
          try {
            json = JSON.parse(blob.body.toString('utf8'));
          } catch {
            /* a config that is not JSON: no facts */
          }
          const c = json as { created?: unknown } | undefined;
          created = typeof c?.created === 'string' ? c.created : undefined;
          config = readImageConfig(json);
        }
        // a single-platform image offers the platform its config names
        if (!multiPlatform && config?.os && config.architecture) {
          chosenPlatform = platformName({ os: config.os, architecture: config.architecture, variant: config.variant });
          platforms = [chosenPlatform];
        }
        return {
          name,
          digest: top.digest,
          mediaType: top.manifest.mediaType ?? mediaTypeOf(top.res),
          platforms,
          multiPlatform,
          platform: chosenPlatform,
          compressedSize,
          created,
          config,
          link: pageOf(ref),
        };
      }),
    );
  }

  /** The host asked first for a reference: its registry's first mirror, else the registry (registry-1.docker.io for Docker Hub). */
  firstHost(ref: ImageRef): string {
    return this.target(ref, false).endpoints[0].host;
  }

  /** Where to ask (the mirrors first, then the registry), what, and the name answers are filed under. */
  private target(ref: ImageRef, needTag: boolean): { endpoints: Endpoint[]; reference: string; name: string } {
    const { registry, repository } = normalizedName(ref);
    const tag = ref.tag ?? (ref.digest && !needTag ? undefined : 'latest');
    const reference = tag ?? ref.digest!;
    const mirrors = mirrorsFor(this.opts.mirrors, registry, repository);
    return { endpoints: [...mirrors, origin(ref)], reference, name: `${registry}/${repository}${tag ? `:${tag}` : `@${ref.digest}`}` };
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

  private async manifest(
    host: string,
    repository: string,
    reference: string,
    ref: ImageRef,
  ): Promise<{ digest: string; manifest: Manifest; res: HttpResponse }> {
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
    const where = `/v2/${repository}/${path}`;
    let res = await this.send(host, where, method, scope);
    if (res.status === 401) {
      // the host that challenges may not be the one first asked (it redirected): credentials are that host's, and its
      // token or password is sent to that host only
      const challenge = res;
      const challenger = challenge.url.host;
      const challenges = parseChallenges(header(challenge, 'www-authenticate'));
      const bearer = challenges.find((c) => c.scheme === 'bearer');
      const basic = challenges.find((c) => c.scheme === 'basic');
      let auth: string | undefined;
      if (bearer) {
        // anonymous first: public images need no credential, so none is sent
        auth = await this.token(bearer, scope, undefined, challenge);
        if (auth) res = await this.send(host, where, method, scope, { host: challenger, header: auth });
        if (!auth || res.status === 401 || res.status === 403) {
          const credential = await this.credentialFor(challenger);
          if (credential) {
            auth = await this.token(bearer, scope, credential, challenge);
            if (auth) res = await this.send(host, where, method, scope, { host: challenger, header: auth });
          }
        }
      } else if (basic) {
        const credential = await this.credentialFor(challenger);
        // Basic sends the password itself: only over TLS (or to this machine)
        if (credential?.username && credential.password && (challenge.secure || isLoopback(challenge.url.hostname))) {
          auth = `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
          res = await this.send(host, where, method, scope, { host: challenger, header: auth });
        }
      }
      if (auth && res.status < 400) this.tokens.set(`${challenger} ${scope}`, { header: auth, expires: this.now() + 50_000 });
    }
    if (res.status >= 200 && res.status < 300) return res;
    throw statusError(res, ref, res.url.host);
  }

  /** The user's credential for a registry host (Docker Hub's API host is filed under docker.io). */
  /** The user's credential for the host that challenged, and a log line naming where it came from (never what it is). */
  private async credentialFor(host: string): Promise<Credential | undefined> {
    const registry = host === 'registry-1.docker.io' ? 'docker.io' : host;
    const credential = await this.opts.credentials?.get(registry);
    this.opts.log?.(
      `${registry} wants credentials: ${this.opts.credentials ? `${this.opts.credentials.describe?.(registry) ?? 'the credential source'} ${credential ? 'has one' : 'has none'}` : 'none are used here (anonymous only)'}`,
    );
    return credential;
  }

  private validToken(key: string): string | undefined {
    const t = this.tokens.get(key);
    return t && t.expires > this.now() ? t.header : undefined;
  }

  /**
   * A Bearer token from the realm the challenge names. The realm is held to the redirect rules (see refusal);
   * credentials go only to a realm named over TLS and reached over TLS.
   */
  private async token(challenge: Challenge, scope: string, credential: Credential | undefined, challenged: HttpResponse): Promise<string | undefined> {
    const realm = challenge.params.realm;
    if (!realm) return undefined;
    const who = displayHost(challenged.url.host);
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw new RegistryError('protocol', `${who} named a token realm that is not a URL`);
    }
    const refused = this.refusal(challenged, url, 'realm');
    if (refused) throw refused;
    if (credential && !(challenged.secure && url.protocol === 'https:')) return undefined;
    const service = challenge.params.service;
    const guard = { insecureTls: this.isInsecure(url.host), refuseAddress: this.addressGuard(challenged) };
    let res: HttpResponse;
    if (credential?.identityToken) {
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: credential.identityToken,
        client_id: 'seaworthy',
        scope,
        ...(service ? { service } : {}),
      });
      res = await this.http(
        { method: 'POST', url, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString(), ...guard },
        'token (refresh token)',
      );
    } else {
      if (service) url.searchParams.set('service', service);
      url.searchParams.set('scope', scope);
      const headers: Record<string, string> = {};
      if (credential?.username && credential.password)
        headers.Authorization = `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
      res = await this.http({ method: 'GET', url, headers, ...guard }, credential ? 'token (with credentials)' : 'token (anonymous)');
    }
    if (res.status === 401 || res.status === 403) return undefined;
    if (res.status === 429) throw statusError(res, undefined, url.host);
    if (res.status !== 200)
      throw new RegistryError(res.status >= 500 ? 'server' : 'protocol', `the token service ${url.host} answered ${res.status}`, res.status);
    let token: unknown;
    try {
      const body = JSON.parse(res.body.toString('utf8')) as { token?: unknown; access_token?: unknown } | null;
      token = body?.token ?? body?.access_token;
    } catch {
      throw new RegistryError('protocol', `the token service ${url.host} sent an answer that is not JSON`);
    }
    if (token === undefined || token === null || token === '') return undefined;
    // a token travels in the Authorization header: visible ASCII only (JWTs and opaque tokens alike)
    if (typeof token !== 'string' || !/^[\x21-\x7e]+$/.test(token))
      throw new RegistryError('protocol', `the token service ${url.host} sent a token that cannot travel in an HTTP header`);
    return `Bearer ${token}`;
  }

  /** One HTTP exchange, logged as "GET https://… -> 200 (120 ms)": the URL (no credentials in it), the status, the time. */
  private async http(req: HttpRequest, note?: string): Promise<HttpResponse> {
    const log = this.opts.log;
    const exchange = () => this.gate.run(req.url.origin, () => httpRequest(req, this.opts.http));
    if (!log) return exchange();
    const started = performance.now();
    const what = `${req.method} ${req.url.origin}${req.url.pathname}${note ? ` (${note})` : ''}`;
    try {
      const res = await exchange();
      log(
        `${what} -> ${res.status}${res.status === 401 && req.headers?.Authorization === undefined ? ' (asks for a token)' : ''} in ${Math.round(performance.now() - started)} ms`,
      );
      return res;
    } catch (e) {
      log(`${what} -> failed after ${Math.round(performance.now() - started)} ms: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
  }

  private isInsecure(host: string): boolean {
    return (this.opts.insecureRegistries ?? []).some((h) => h.toLowerCase() === host.toLowerCase());
  }

  private isPrivate(ip: string): boolean {
    return (this.opts.privateAddress ?? isPrivateAddress)(ip);
  }

  /**
   * What a registry's answer may point us to (a redirect, a token realm) must not reach this machine's network when
   * the registry itself is out on the internet: the addresses refused, or undefined when the registry is local too.
   */
  private addressGuard(from: HttpResponse): ((ip: string) => boolean) | undefined {
    const bare = from.url.hostname.replace(/^\[|\]$/g, '');
    const local = from.remoteAddress ? this.isPrivate(from.remoteAddress) : isIP(bare) ? this.isPrivate(bare) : isLoopback(bare);
    return local ? undefined : (ip) => this.isPrivate(ip);
  }

  /**
   * Why `to` (where `from` redirects, or the token realm it names) may not be asked, or undefined when it may:
   * HTTP(S) only; plain HTTP only to a loopback or listed insecure host (for a realm, also when the registry itself is
   * one); never an address of the local network when the registry is not on it (an IP literal here, a name once
   * resolved, see addressGuard).
   */
  private refusal(from: HttpResponse, to: URL, what: 'redirect' | 'realm'): RegistryError | undefined {
    const who = displayHost(from.url.host);
    const points = what === 'redirect' ? 'redirected to' : 'named a token realm at';
    if (to.protocol !== 'https:' && to.protocol !== 'http:')
      return new RegistryError('protocol', `${who} ${points} a ${to.protocol} URL; only HTTP(S) is followed`);
    if (to.protocol === 'http:') {
      const localTarget = this.isInsecure(to.host) || isLoopback(to.hostname);
      const localRegistry = what === 'realm' && (this.isInsecure(from.url.host) || isLoopback(from.url.hostname));
      if (!localTarget && !localRegistry)
        return new RegistryError(
          'insecure',
          `${who} ${what === 'redirect' ? 'redirected to plain HTTP' : 'named a token realm over plain HTTP'} (${to.host}); refusing`,
        );
    }
    const literal = to.hostname.replace(/^\[|\]$/g, '');
    const guard = this.addressGuard(from);
    if (guard && (isLoopback(literal) || (isIP(literal) && guard(literal)))) {
      return new RegistryError('insecure', `${who} ${points} ${to.host}, an address of the local network, though it is not on that network itself; refusing`);
    }
    return undefined;
  }

  /**
   * HTTPS; plain HTTP only for loopback or listed insecure registries, and only when they do not speak TLS. Redirects
   * are followed (see refusal); each hop carries the Authorization of its own host only (`extra`, else a cached one).
   */
  private async send(host: string, path: string, method: 'GET' | 'HEAD', scope: string, extra?: { host: string; header: string }): Promise<HttpResponse> {
    const insecure = this.isInsecure(host);
    const mayUsePlain = insecure || isLoopback(hostname(host));
    const headersFor = (h: string): Record<string, string> => {
      const authorization = extra && extra.host === h ? extra.header : this.validToken(`${h} ${scope}`);
      return { Accept: ACCEPT, ...(authorization ? { Authorization: authorization } : {}) };
    };
    let url = new URL(`${this.plainHttp.has(host) ? 'http' : 'https'}://${host}${path}`);
    let res: HttpResponse;
    try {
      res = await this.http({ method, url, headers: headersFor(url.host), insecureTls: insecure });
    } catch (e) {
      if (!(mayUsePlain && e instanceof RegistryError && e.tlsHandshake && url.protocol === 'https:')) throw e;
      this.plainHttp.add(host);
      url = new URL(`http://${host}${path}`);
      res = await this.http({ method, url, headers: headersFor(url.host) }, 'plain HTTP: the registry speaks no TLS');
    }
    for (let hops = 0; res.status >= 300 && res.status < 400 && header(res, 'location'); hops++) {
      if (hops === MAX_REDIRECTS) throw new RegistryError('protocol', `${displayHost(host)} redirected more than ${MAX_REDIRECTS} times`);
      let next: URL;
      try {
        next = new URL(header(res, 'location')!, res.url);
      } catch {
        throw new RegistryError('protocol', `${displayHost(res.url.host)} redirected to something that is not a URL`);
      }
      const refused = this.refusal(res, next, 'redirect');
      if (refused) throw refused;
      res = await this.http(
        { method, url: next, headers: headersFor(next.host), insecureTls: this.isInsecure(next.host), refuseAddress: this.addressGuard(res) },
        'redirect',
      );
    }
    return res;
  }
}

/** The host a reference's registry is asked at (Docker Hub's API host is registry-1.docker.io); its mirrors come first. */
export const registryHost = (ref: ImageRef): string => origin(ref).host;

/** The repository as a registry's API knows it: Docker Hub's API host is registry-1.docker.io. */
function origin(ref: ImageRef): Endpoint {
  const { registry, repository } = normalizedName(ref);
  return { host: registry === 'docker.io' ? 'registry-1.docker.io' : registry, repository };
}

interface Endpoint {
  readonly host: string;
  readonly repository: string;
}

/**
 * Asks each endpoint in turn (the mirrors, then the registry itself) until one answers; when none does, the error of
 * the first, which names its host (with the registry's own error after it when the mirrors failed too).
 */
async function firstAnswer<T>(endpoints: readonly Endpoint[], ask: (e: Endpoint) => Promise<T>): Promise<T> {
  const errors: unknown[] = [];
  for (const e of endpoints) {
    try {
      return await ask(e);
    } catch (error) {
      errors.push(error);
    }
  }
  const [first] = errors;
  if (errors.length < 2 || !(first instanceof RegistryError)) throw first;
  const last = errors[errors.length - 1];
  const also = last instanceof RegistryError ? last.message : String(last);
  throw new RegistryError(first.kind, `${first.message} (the mirror; asked directly: ${also})`, first.status, first.tlsHandshake);
}

const hostname = (host: string): string => (host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]);
const displayHost = (host: string): string => (host === 'registry-1.docker.io' ? 'Docker Hub' : host);
const mediaTypeOf = (res: HttpResponse): string | undefined => header(res, 'content-type')?.split(';')[0].trim();

export function platformName(p: { os?: string; architecture?: string; variant?: string }): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/** The platform images are built for here: what BuildKit would pick without --platform. */
export function hostPlatform(): string {
  const arch =
    ({ x64: 'amd64', arm64: 'arm64', arm: 'arm/v7', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' } as Record<string, string>)[process.arch] ?? process.arch;
  return `linux/${arch}`;
}

export function pageOf(ref: ImageRef): string | undefined {
  const { registry, repository } = normalizedName(ref);
  if (registry === 'docker.io')
    return repository.startsWith('library/') ? `https://hub.docker.com/_/${repository.slice(8)}` : `https://hub.docker.com/r/${repository}`;
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
    const registry = host === 'registry-1.docker.io' ? '' : ` ${host}`;
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
  // a date beyond what Date can hold, or days away, is not a time to wait for
  if (!at || !Number.isFinite(at.getTime()) || at.getTime() - Date.now() > 86_400_000) return '; try again later';
  return `; the limit resets at ${at.toISOString().slice(11, 19)} UTC`;
}
