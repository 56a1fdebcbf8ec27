// The registry work the server and the CLI share: pin a file's base images, learn the digests its pinned tags name
// now (for base-image-digest-stale), and describe an image for a hover. Rules only ever read `facts`.
import { planPins, pinEdit, type PinTarget } from '../engine/fix/pin';
import { normalizedName, type ImageRef } from '../engine/imageRef';
import type { DockerfileModel } from '../engine/model';
import type { RegistryFacts } from '../engine/rule';
import type { TextEdit } from '../engine/text';
import { RegistryClient, registryHost, type ImageInfo, type RegistryClientOptions } from './client';
import { describeError, RegistryError } from './errors';

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

export class RegistryService {
  readonly client: RegistryClient;
  private readonly known = new Map<string, { digest: string; expires: number }>();
  /** drift asks in flight, and tags whose last drift ask failed: not asked again before the time kept here */
  private readonly asking = new Map<string, Promise<boolean>>();
  private readonly quietUntil = new Map<string, number>();
  private readonly factsTtlMs: number;
  private readonly driftRetryMs: number;
  private readonly now: () => number;

  constructor(options: RegistryClientOptions & { factsTtlMs?: number; driftRetryMs?: number }) {
    this.client = new RegistryClient(options);
    this.factsTtlMs = options.factsTtlMs ?? 10 * 60_000;
    this.driftRetryMs = options.driftRetryMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** What rules see: digests learned by pins, drift checks and hovers, for a while. */
  readonly facts: RegistryFacts = {
    currentDigest: (ref) => {
      const key = factKey(ref);
      const hit = key ? this.known.get(key) : undefined;
      return hit && hit.expires > this.now() ? hit.digest : undefined;
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
    const outcomes = await Promise.all(plan.targets.map(async (t) => {
      try {
        const { digest } = await this.client.resolve(withoutDigest(t.ref));
        this.learn(t.ref, digest);
        return { t, digest };
      } catch (error) {
        return { t, error };
      }
    }));
    const edits: TextEdit[] = [];
    const pinned: { line: number; before: string; after: string }[] = [];
    const unchanged: { line: number; reference: string }[] = [];
    const failed: PinFailure[] = [];
    for (const o of outcomes) {
      const line0 = o.t.range.start.line;
      if ('error' in o) {
        failed.push({ line: line0, reference: o.t.ref.raw, host: registryHost(o.t.ref), error: describeError(o.error), kind: o.error instanceof RegistryError ? o.error.kind : 'unexpected' });
        continue;
      }
      if (o.t.ref.digest === o.digest) { unchanged.push({ line: line0, reference: o.t.ref.raw }); continue; }
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
  async refreshDrift(model: DockerfileModel): Promise<boolean> {
    const now = this.now();
    const asks = new Map<string, Promise<boolean>>();
    for (const s of model.stages) {
      if (s.base.kind !== 'image' || !s.base.ref.digest || !s.base.ref.tag || this.facts.currentDigest(s.base.ref) !== undefined) continue;
      const key = factKey(s.base.ref)!;
      if (asks.has(key) || (this.quietUntil.get(key) ?? 0) > now) continue;
      asks.set(key, this.asking.get(key) ?? this.ask(key, s.base.ref));
    }
    return (await Promise.all(asks.values())).some(Boolean);
  }

  private ask(key: string, ref: ImageRef): Promise<boolean> {
    const asked = this.client.resolve(withoutDigest(ref)).then(
      (r) => this.learn(ref, r.digest),
      () => { this.quietUntil.set(key, this.now() + this.driftRetryMs); return false; },
    ).finally(() => this.asking.delete(key));
    this.asking.set(key, asked);
    return asked;
  }

  async info(ref: ImageRef, platform: string): Promise<ImageInfo> {
    const info = await this.client.info(ref, platform);
    if (ref.tag) this.learn(ref, info.digest);
    return info;
  }
}

/** The tag is what is asked about, whatever digest is pinned beside it now. */
function withoutDigest(ref: ImageRef): ImageRef {
  return ref.digest && ref.tag ? { ...ref, digest: undefined, raw: ref.raw.slice(0, ref.raw.indexOf('@')) } : ref;
}

/** The hover card of an image: digest, platforms, size and age, and where to read about it. */
export function imageMarkdown(ref: ImageRef, info: ImageInfo): string {
  const lines = [`**${info.name}**`, '', `- digest: \`${info.digest}\``];
  if (ref.digest && ref.tag && ref.digest !== info.digest) lines.push(`- pinned: \`${ref.digest}\` (the tag has moved on)`);
  if (info.platforms.length) lines.push(`- platforms: ${info.platforms.map((p) => `\`${p}\``).join(', ')}`);
  if (info.compressedSize !== undefined) lines.push(`- compressed size${info.platform ? ` (${info.platform})` : ''}: ${formatBytes(info.compressedSize)}`);
  if (info.created) lines.push(`- created: ${info.created.replace(/\.\d+Z$/, 'Z')}`);
  if (info.link) lines.push('', `[Image page](${info.link})`);
  return lines.join('\n');
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
