// The registry work the server and the CLI share: pin a file's base images, learn the digests its pinned tags name
// now (for base-image-digest-stale), learn what its base images are (their config, platforms and size, kept on disk
// by digest) and describe an image for a hover. Rules only ever read `facts`.
import { planPins, pinEdit, type PinTarget } from '../engine/fix/pin';
import { normalizedName, type ImageRef } from '../engine/imageRef';
import type { DockerfileModel } from '../engine/model';
import type { RegistryFacts } from '../engine/rule';
import type { TextEdit } from '../engine/text';
import { formatBytes, type ImageHealthcheck } from '../engine/facts/imageConfig';
import { pageOf, RegistryClient, type ImageInfo, type RegistryClientOptions } from './client';
import { describeError, RegistryError } from './errors';
import type { FactsCache } from './factsCache';

export interface PinResult {
  /** one edit per pinned reference, against the model's text */
  readonly edits: readonly TextEdit[];
  readonly pinned: readonly { line: number; before: string; after: string }[];
  readonly unchanged: readonly { line: number; reference: string }[];
  readonly skipped: readonly { line: number; reason: string }[];
  readonly failed: readonly PinFailure[];
}

export interface PinFailure {
  readonly line: number;
  readonly reference: string;
  /** the host that was asked (registry-1.docker.io for Docker Hub) */
  readonly host: string;
  readonly error: string;
  readonly kind: RegistryError['kind'] | 'unexpected';
}

const factKey = (ref: ImageRef): string | undefined => {
  if (!ref.tag) return undefined;
  const { registry, repository } = normalizedName(ref);
  return `${registry}/${repository}:${ref.tag}`;
};

/** An image and the platform its facts are wanted for. */
export interface ImageWanted {
  readonly ref: ImageRef;
  readonly platform: string;
}

export interface RegistryServiceOptions extends RegistryClientOptions {
  /** how long a tag's digest counts as current for drift */
  readonly factsTtlMs?: number;
  /** how long a tag whose registry failed is left alone */
  readonly driftRetryMs?: number;
  /** image facts on disk, by digest */
  readonly cache?: FactsCache;
}

/** Image facts kept in memory (per digest and platform): more are dropped oldest first. */
const MAX_IMAGES_IN_MEMORY = 500;

export class RegistryService {
  readonly client: RegistryClient;
  private readonly known = new Map<string, { digest: string; expires: number }>();
  /** drift asks in flight, and tags whose last drift ask failed: not asked again before the time kept here */
  private readonly asking = new Map<string, Promise<boolean>>();
  private readonly quietUntil = new Map<string, number>();
  /** image facts by "digest platform" */
  private readonly images = new Map<string, ImageInfo>();
  private readonly imageAsks = new Map<string, Promise<boolean>>();
  private readonly factsTtlMs: number;
  private readonly driftRetryMs: number;
  private readonly now: () => number;
  private readonly cache: FactsCache | undefined;

  constructor(options: RegistryServiceOptions) {
    this.client = new RegistryClient(options);
    this.factsTtlMs = options.factsTtlMs ?? 10 * 60_000;
    this.driftRetryMs = options.driftRetryMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
    this.cache = options.cache;
  }

  /** What rules see: digests learned by pins, drift checks and hovers, for a while; what base images are. */
  readonly facts: RegistryFacts = {
    currentDigest: (ref) => {
      const key = factKey(ref);
      const hit = key ? this.known.get(key) : undefined;
      return hit && hit.expires > this.now() ? hit.digest : undefined;
    },
    image: (ref, platform) => {
      // the digest a tag was last seen to name, even when it is due to be asked again: facts do not blink off while
      // the tag is re-checked (a change makes the caller lint again)
      const digest = ref.digest ?? this.known.get(factKey(ref) ?? '')?.digest;
      return digest ? this.images.get(`${digest} ${platform}`) : undefined;
    },
  };

  private learn(ref: ImageRef, digest: string): boolean {
    const key = factKey(ref);
    if (!key) return false;
    const before = this.known.get(key);
    this.known.set(key, { digest, expires: this.now() + this.factsTtlMs });
    this.quietUntil.delete(key);
    return before?.digest !== digest;
  }

  /** Resolves every pinnable FROM (or the one on `line`) and returns the edits; the text is not touched here. */
  async pin(model: DockerfileModel, line?: number): Promise<PinResult> {
    const plan = planPins(model, line);
    const outcomes = await Promise.all(
      plan.targets.map(async (t) => {
        try {
          const { digest } = await this.client.resolve(withoutDigest(t.ref));
          this.learn(t.ref, digest);
          return { t, digest };
        } catch (error) {
          return { t, error };
        }
      }),
    );
    const edits: TextEdit[] = [];
    const pinned: { line: number; before: string; after: string }[] = [];
    const unchanged: { line: number; reference: string }[] = [];
    const failed: PinFailure[] = [];
    for (const o of outcomes) {
      const line0 = o.t.range.start.line;
      if ('error' in o) {
        failed.push({
          line: line0,
          reference: o.t.ref.raw,
          host: this.client.firstHost(o.t.ref),
          error: describeError(o.error),
          kind: o.error instanceof RegistryError ? o.error.kind : 'unexpected',
        });
        continue;
      }
      if (o.t.ref.digest === o.digest) {
        unchanged.push({ line: line0, reference: o.t.ref.raw });
        continue;
      }
      const edit = pinEdit(o.t as PinTarget, o.digest);
      edits.push(edit);
      pinned.push({ line: line0, before: o.t.ref.raw, after: edit.newText });
    }
    const skipped = plan.skipped.map((s) => ({ line: s.range.start.line, reason: s.reason }));
    return { edits, pinned, unchanged, skipped, failed };
  }

  /**
   * Asks for the current digest of every tag+digest pinned FROM the facts do not cover yet. Resolves to true when a
   * fact changed (the caller lints again). Failures are silent: drift is a hint, never an error. The editor calls this
   * after every lint, so a tag is asked once at a time, and a tag whose registry failed (offline, refused, slow) is not
   * asked again for `driftRetryMs`: typing must not turn into a stream of DNS lookups and TLS handshakes.
   */
  refreshDrift(model: DockerfileModel): Promise<boolean> {
    // not an async function: the asks must not keep the model while they wait
    const now = this.now();
    const asks = new Map<string, Promise<boolean>>();
    for (const s of model.stages) {
      if (s.base.kind !== 'image' || !s.base.ref.digest || !s.base.ref.tag || this.facts.currentDigest(s.base.ref) !== undefined) continue;
      const key = factKey(s.base.ref)!;
      if (asks.has(key) || (this.quietUntil.get(key) ?? 0) > now) continue;
      asks.set(key, this.asking.get(key) ?? this.ask(key, s.base.ref));
    }
    return Promise.all(asks.values()).then((changed) => changed.some(Boolean));
  }

  private ask(key: string, ref: ImageRef): Promise<boolean> {
    const asked = this.client
      .resolve(withoutDigest(ref))
      .then(
        (r) => this.learn(ref, r.digest),
        () => {
          this.quietUntil.set(key, this.now() + this.driftRetryMs);
          return false;
        },
      )
      .finally(() => this.asking.delete(key));
    this.asking.set(key, asked);
    return asked;
  }

  /**
   * Learns what the wanted images are (their config, platforms and size) for rules to read: a tag's digest is asked
   * (once per `factsTtlMs`, as for drift), the facts for a digest come from memory, then the disk cache, then the
   * registry (stored on disk for the next run). Resolves to true when a fact changed (the caller lints again).
   * Failures are silent: rules then judge from the text alone, as without network. A tag whose registry failed is not
   * asked again for `driftRetryMs`.
   */
  async refreshImages(wanted: readonly ImageWanted[]): Promise<boolean> {
    const asks = new Map<string, Promise<boolean>>();
    for (const w of wanted) {
      const key = `${w.ref.digest ?? factKey(w.ref) ?? w.ref.raw} ${w.platform}`;
      if (asks.has(key)) continue;
      asks.set(key, this.imageAsks.get(key) ?? this.askImage(key, w));
    }
    return (await Promise.all(asks.values())).some(Boolean);
  }

  private askImage(key: string, { ref, platform }: ImageWanted): Promise<boolean> {
    const quiet = (k: string) => (this.quietUntil.get(k) ?? 0) > this.now();
    const asked = this.load(ref, platform, quiet)
      .then(
        (r) => r.changed,
        (e: unknown) => {
          if (e instanceof Asked) this.quietUntil.set(e.key, this.now() + this.driftRetryMs);
          return false;
        },
      )
      .finally(() => this.imageAsks.delete(key));
    this.imageAsks.set(key, asked);
    return asked;
  }

  /**
   * The facts of `ref` for `platform` and whether anything new was learned. Throws Asked (carrying the key to keep
   * quiet) when a registry failed; `skip` says which keys not to ask now (a failure not long ago).
   */
  private async load(ref: ImageRef, platform: string, skip: (key: string) => boolean): Promise<{ info: ImageInfo | undefined; changed: boolean }> {
    let digest = ref.digest;
    let changed = false;
    if (!digest) {
      const tag = factKey(ref);
      if (!tag) return { info: undefined, changed };
      digest = this.facts.currentDigest(ref);
      if (!digest) {
        if (skip(tag)) return { info: undefined, changed };
        const before = this.known.get(tag)?.digest;
        try {
          digest = (await this.client.resolve(ref)).digest;
        } catch (e) {
          throw new Asked(tag, e);
        }
        this.learn(ref, digest);
        changed = before !== digest;
      }
    }
    const where = `${digest} ${platform}`;
    const inMemory = this.images.get(where);
    if (inMemory) return { info: inMemory, changed };
    const stored = this.cache?.get(digest, platform);
    if (stored) {
      const info = { ...stored, name: nameOf(ref, digest), link: pageOf(ref) };
      this.remember(where, info);
      return { info, changed: true };
    }
    if (skip(where)) return { info: undefined, changed };
    let info: ImageInfo;
    try {
      info = { ...(await this.client.info(byDigest(ref, digest), platform)), name: nameOf(ref, digest), link: pageOf(ref) };
    } catch (e) {
      throw new Asked(where, e);
    }
    this.remember(where, info);
    this.cache?.put(digest, platform, info);
    return { info, changed: true };
  }

  private remember(where: string, info: ImageInfo): void {
    this.images.delete(where);
    this.images.set(where, info);
    if (this.images.size > MAX_IMAGES_IN_MEMORY) this.images.delete(this.images.keys().next().value!);
  }

  /**
   * The image card: from memory or the disk cache when the tag's digest is known, else one GET by tag (as a hover
   * always asked: the digest and the facts in one go), whose answer is kept like any other.
   */
  async info(ref: ImageRef, platform: string): Promise<ImageInfo> {
    // the card describes what the tag names now (and says so when a pinned digest is behind it)
    const asked = withoutDigest(ref);
    const tag = factKey(asked);
    if (!tag || this.facts.currentDigest(asked)) {
      try {
        const { info } = await this.load(asked, platform, () => false);
        if (info) return info;
      } catch (e) {
        throw e instanceof Asked ? e.error : e;
      }
    }
    const info = await this.client.info(ref, platform);
    if (!tag) return info;
    this.learn(ref, info.digest);
    const named = { ...info, name: nameOf(ref, info.digest) };
    this.remember(`${info.digest} ${platform}`, named);
    this.cache?.put(info.digest, platform, info);
    return named;
  }
}

/** A registry failed while facts were learned: `key` is left alone for a while. */
class Asked extends Error {
  constructor(
    readonly key: string,
    readonly error: unknown,
  ) {
    super(describeError(error));
  }
}

/** The name facts are filed under: the tag that led there, else the digest. */
function nameOf(ref: ImageRef, digest: string): string {
  const { registry, repository } = normalizedName(ref);
  return `${registry}/${repository}${ref.tag ? `:${ref.tag}` : `@${digest}`}`;
}

/** The reference asked by its digest: the answer is the content the digest names, whatever the tag names now. */
function byDigest(ref: ImageRef, digest: string): ImageRef {
  const at = ref.raw.indexOf('@');
  const bare = at === -1 ? ref.raw : ref.raw.slice(0, at);
  const colon = bare.lastIndexOf(':');
  const name = ref.tag && colon > bare.lastIndexOf('/') ? bare.slice(0, colon) : bare;
  return { ...ref, tag: undefined, digest, raw: `${name}@${digest}` };
}

/** The tag is what is asked about, whatever digest is pinned beside it now. */
function withoutDigest(ref: ImageRef): ImageRef {
  return ref.digest && ref.tag ? { ...ref, digest: undefined, raw: ref.raw.slice(0, ref.raw.indexOf('@')) } : ref;
}

/** The hover card of an image: digest, platforms, size and age, what its config sets, and where to read about it. */
export function imageMarkdown(ref: ImageRef, info: ImageInfo): string {
  const lines = [`**${info.name}**`, '', `- digest: \`${info.digest}\``];
  if (ref.digest && ref.tag && ref.digest !== info.digest) lines.push(`- pinned: \`${ref.digest}\` (the tag has moved on)`);
  if (info.multiPlatform) lines.push(`- platforms: ${info.platforms.length ? info.platforms.map((p) => `\`${p}\``).join(', ') : 'none named'}`);
  if (info.compressedSize !== undefined) lines.push(`- compressed size${info.platform ? ` (${info.platform})` : ''}: ${formatBytes(info.compressedSize)}`);
  if (info.created) lines.push(`- created: ${info.created.replace(/\.\d+Z$/, 'Z')}`);
  const c = info.config;
  if (c) {
    lines.push('', `What a stage built FROM it inherits${info.platform ? ` (${info.platform})` : ''}:`, '');
    lines.push(`- user: ${c.user?.trim() ? code(c.user) : 'root (the config sets no User)'}`);
    if (c.exposedPorts.length) lines.push(`- exposed ports: ${c.exposedPorts.map(code).join(', ')}`);
    lines.push(`- healthcheck: ${healthcheckText(c.healthcheck)}`);
    if (c.entrypoint?.length) lines.push(`- entrypoint: ${code(JSON.stringify(c.entrypoint))}`);
    if (c.cmd?.length) lines.push(`- cmd: ${code(JSON.stringify(c.cmd))}`);
    if (c.workingDir) lines.push(`- working directory: ${code(c.workingDir)}`);
  } else if (info.multiPlatform && !info.platform) {
    lines.push('', '_This image offers none of the platforms asked for._');
  }
  if (info.link) lines.push('', `[Image page](${info.link})`);
  return lines.join('\n');
}

/** Inline code that holds any text: a fence longer than any run of backticks inside. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return longest ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

function healthcheckText(h: ImageHealthcheck | undefined): string {
  if (!h || h.test[0] === 'NONE') return h ? 'disabled (`NONE`)' : 'none';
  const what = h.test[0] === 'CMD-SHELL' ? h.test.slice(1).join(' ') : JSON.stringify(h.test.slice(1));
  return code(what);
}
