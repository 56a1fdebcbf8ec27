// The editor's registry features: the Pin commands, digest drift after each lint, the image hover. Network use
// follows `seaworthy.network`; in an untrusted workspace nothing is asked unless the user says yes, and then without
// any credential (no credential helper runs).
import { MessageType, type Connection, type Position } from 'vscode-languageserver/node';
import type { Analysis } from '../analysis';
import { hostPlatform, registryHost } from '../registry/client';
import { DockerConfigCredentials } from '../registry/credentials';
import { defaultCacheDir, FactsCache, factsCacheDir } from '../registry/factsCache';
import { mirrorsFromEntries } from '../registry/mirrors';
import { describeError } from '../registry/errors';
import { imageMarkdown, RegistryService, type PinResult } from '../registry/service';
import { anyNeeds, type RegistryFacts } from '../engine/rule';
import { versionedEdit } from './codeAction';
import { plainText } from './diagnostics';
import type { RegistrySettings } from '../config/documentSettings';

/** A proxy URL for the log: its user and password (if any) replaced. */
const maskProxy = (proxy: string): string => proxy.replace(/^([a-z][\w+.-]*:\/\/)[^@/]*@/i, '$1***@');

/** What a pin command answers: what was pinned, skipped and failed, and the message saying so. */
export type PinSummary = Omit<PinResult, 'edits'> & { applied: boolean } & PinOutcome;

export class ImageRegistryFeature {
  private services = new Map<string, RegistryService>();
  /** how long a hover waits for the registry before it shows what it has */
  hoverBudgetMs = 1_500;
  /** after a failed image hover, how long the failure is shown instead of asking again */
  hoverRetryMs = 60_000;
  /** image hovers that failed: `ref platform` -> what failed, when, and when to ask again */
  private readonly hoverFailures = new Map<string, { message: string; at: number; retry: number }>();
  /** the client shows pin results itself (initializationOptions.clientShowsResults) */
  clientShowsResults = false;
  /** the client's per-user storage (VS Code's global storage), for the facts cache; else the OS cache folder */
  cacheDir: string | undefined;
  /** facts learned by any service: what rules read */
  readonly facts: RegistryFacts = {
    currentDigest: (ref) => {
      for (const s of this.services.values()) {
        const d = s.facts.currentDigest(ref);
        if (d) return d;
      }
      return undefined;
    },
    image: (ref, platform) => {
      for (const s of this.services.values()) {
        const f = s.facts.image(ref, platform);
        if (f) return f;
      }
      return undefined;
    },
  };

  constructor(
    private readonly connection: Connection,
    public trusted: boolean,
  ) {}

  /** settings changed: rebuild clients (timeouts, proxies, insecure registries) on next use */
  reset(): void {
    this.services.clear();
    this.hoverFailures.clear();
  }

  /** `anonymous`: an untrusted workspace the user allowed to ask: no credentials at all */
  private service(s: RegistrySettings, anonymous: boolean): RegistryService {
    // one per way of asking: folders of a multi-root workspace may set other timeouts, proxies or insecure registries
    const key = `${anonymous ? 'anonymous' : 'user'}\0${JSON.stringify(s)}`;
    let service = this.services.get(key);
    if (!service) {
      const credentials = anonymous ? undefined : new DockerConfigCredentials({ allowHelpers: true });
      service = new RegistryService({
        http: {
          timeoutMs: s.timeoutMs,
          connectTimeoutMs: s.connectTimeoutMs,
          maxBodyBytes: 4 * 1024 * 1024,
          proxy: s.proxy,
          noProxy: process.env.NO_PROXY ?? process.env.no_proxy,
          strictSSL: s.proxyStrictSSL,
        },
        insecureRegistries: s.insecureRegistries,
        mirrors: mirrorsFromEntries(s.mirrors).mirrors,
        credentials,
        log: (line) => this.connection.console.info(`Registry: ${line}`),
        cache: new FactsCache(factsCacheDir(this.cacheDir ?? defaultCacheDir())),
      });
      this.services.set(key, service);
      const noProxy = process.env.NO_PROXY ?? process.env.no_proxy;
      this.connection.console.info(
        [
          `Registries are asked ${anonymous ? 'anonymously (an untrusted workspace, allowed for one command)' : `with credentials from ${credentials!.configPath()} (and the helpers it names) when a registry wants some`}`,
          s.proxy
            ? `through the proxy ${maskProxy(s.proxy)} (from ${s.proxySource}${s.proxyStrictSSL ? '' : ', certificates not checked'})${noProxy ? `, except NO_PROXY=${noProxy}` : ''}`
            : 'without a proxy',
          `timeouts ${s.timeoutMs} ms (connect ${s.connectTimeoutMs} ms)`,
          s.insecureRegistries.length ? `insecure registries: ${s.insecureRegistries.join(', ')}` : '',
          s.mirrors.length ? `mirrors first: ${s.mirrors.join(', ')}` : '',
          `base image facts kept in ${factsCacheDir(this.cacheDir ?? defaultCacheDir())}`,
        ]
          .filter(Boolean)
          .join('; '),
      );
    }
    return service;
  }

  /** Whether background work (drift, image hover) may ask registries: the status bar says so when it may not. */
  networkState(a: Analysis): 'on' | 'off' | 'untrusted' {
    return !a.settings.network ? 'off' : this.trusted ? 'on' : 'untrusted';
  }

  /** A service for work nobody asked for (drift, hover): none when the network is off or the workspace untrusted. */
  private background(a: Analysis): RegistryService | undefined {
    return a.settings.network && this.trusted ? this.service(a.settings.registry, false) : undefined;
  }

  /**
   * Pin Base Image Digest (the FROM at `position`) or Pin All Base Image Digests. The answer says what happened in
   * one short message; a client that shows results itself (the VS Code client: after its progress notification, with
   * "Retry" and "Show log") gets it back, any other client is shown it.
   */
  async pin(a: Analysis, position: Position | undefined, all: boolean): Promise<PinSummary | undefined> {
    const reply = (r: Omit<PinResult, 'edits'>, applied: boolean, outcome: PinOutcome): PinSummary => {
      if (!this.clientShowsResults)
        void this.connection.sendNotification('window/showMessage', { type: LEVEL[outcome.level], message: `Seaworthy: ${outcome.message}` });
      return { ...r, applied, ...outcome };
    };
    const notice = (message: string) => reply(NOTHING, false, { message, level: 'warning', retry: false });
    if (!a.settings.network) return notice('Asking registries is turned off (seaworthy.network). Nothing changed.');
    let anonymous = false;
    if (!this.trusted) {
      const ask = 'Ask without credentials';
      const answer = await this.connection.window.showWarningMessage(
        "Seaworthy: this workspace is not trusted. Ask the image's registry anyway? No credential is sent and no credential helper runs.",
        { title: ask },
        { title: 'Cancel' },
      );
      if (answer?.title !== ask) return undefined;
      anonymous = true;
    }
    const line = all ? undefined : position?.line;
    if (!all && line === undefined) return notice('Put the cursor on a FROM line to pin its image, or run "Pin All Base Image Digests".');
    if (!all && !a.model.stages.some((st) => st.from.range.start.line <= line! && line! <= st.from.range.end.line)) {
      return notice('The cursor is not on a FROM line; put it on the FROM whose image to pin.');
    }
    const { edits, ...result } = await this.service(a.settings.registry, anonymous).pin(a.model, line);
    for (const f of result.failed) this.connection.console.warn(`Could not pin ${f.reference} (line ${f.line + 1}): ${f.error}`);
    let applied = false;
    let conflict = false;
    if (edits.length) {
      const label = result.pinned.length === 1 ? 'Pin base image digest' : 'Pin all base image digests';
      applied = (await this.connection.workspace.applyEdit({ label, edit: versionedEdit(a, edits) })).applied;
      conflict = !applied;
    }
    const outcome = pinOutcome(result, applied, conflict);
    this.connection.console.info(`Pin: ${outcome.message}`);
    return reply(result, applied, outcome);
  }

  /**
   * After a lint, for the rules that need registries: ask for the digests pinned tags name now, and what the base
   * images are (their config for the platforms the lint took the build to be for); `relint` when a fact changed.
   * Nothing is asked with the network off or in an untrusted workspace. Never throws.
   */
  refresh(a: Analysis, relint: () => void): Promise<void> {
    // not an async function: what waits for the registry (seconds, or a timeout offline) must not keep the analysis
    try {
      if (!anyNeeds(a.activeRules, 'registry')) return Promise.resolve();
      // every build's base images (compose, Bake, a workflow or the config's builds may give each other args and platforms)
      const wanted = a.wantedImages();
      if (wanted.length === 0) return Promise.resolve();
      const service = this.background(a);
      if (!service) return Promise.resolve();
      return Promise.all([service.refreshDrift(a.model).catch(() => false), service.refreshImages(wanted).catch(() => false)]).then((changed) => {
        if (changed.some(Boolean)) relint();
      });
    } catch {
      return Promise.resolve();
    }
  }

  /**
   * The image card for a FROM reference under the cursor, or undefined elsewhere. A hover is not worth a wait: after
   * `hoverBudgetMs` it shows the rule cards with a line saying the registry is still being asked, and the answer,
   * which keeps coming in the background, is ready for the next hover. A failure is remembered: until it is asked
   * again (`hoverRetryMs` later) the hover says what failed and when the next try is, instead of waiting again.
   */
  async hover(a: Analysis, position: Position): Promise<string | undefined> {
    const stage = a.model.stages.find((st) => st.base.kind === 'image' && within(st.base.range, position));
    if (!stage || stage.base.kind !== 'image') return undefined;
    const service = this.background(a);
    if (!service) return undefined;
    const ref = stage.base.ref;
    const platform = stage.platform && !stage.platform.includes('$') ? stage.platform : hostPlatform();
    const key = `${ref.raw} ${platform}`;
    const failed = this.hoverFailures.get(key);
    const failure = (f: { message: string; at: number; retry: number }) =>
      `**${ref.raw}**\n\n_The registry could not be asked at ${clock(f.at)}: ${f.message}. Seaworthy asks again after ${clock(f.retry)}._`;
    if (failed && failed.retry > Date.now()) return failure(failed);
    const asked = Date.now();
    const answer = service.info(ref, platform).then(
      (info) => {
        this.hoverFailures.delete(key);
        return imageMarkdown(ref, info);
      },
      (e: unknown) => {
        const f = { message: describeError(e), at: asked, retry: Date.now() + this.hoverRetryMs };
        this.hoverFailures.set(key, f);
        this.connection.console.info(`Image hover: ${ref.raw}: ${f.message}; not asked again before ${clock(f.retry)}`);
        return failure(f);
      },
    );
    const s = a.settings.registry;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string>((resolve) => {
      timer = setTimeout(
        () =>
          resolve(
            `**${ref.raw}**\n\n_Still waiting for ${registryHost(ref)} to answer (asked at ${clock(asked)}; it gives up after ${s.timeoutMs / 1000} s); hover again in a moment._`,
          ),
        this.hoverBudgetMs,
      );
    });
    try {
      return await Promise.race([answer, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** What a pin command says: one short message, its level, and whether trying again may help. */
export interface PinOutcome {
  readonly message: string;
  readonly level: 'info' | 'warning' | 'error';
  readonly retry: boolean;
}

const LEVEL: Readonly<Record<PinOutcome['level'], MessageType>> = { info: MessageType.Info, warning: MessageType.Warning, error: MessageType.Error };
const NOTHING: Omit<PinResult, 'edits'> = { pinned: [], unchanged: [], skipped: [], failed: [] };

/** "a", "a and b", "a, b and c" */
const listed = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Why the failed references failed, grouped: "registry-1.docker.io and gcr.io cannot be reached; quay.io refused access …". */
function failureReasons(failed: PinResult['failed']): string {
  const byKind = new Map<string, PinResult['failed'][number][]>();
  for (const f of failed) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f]);
  const hosts = (fs: readonly PinResult['failed'][number][]) => listed([...new Set(fs.map((f) => f.host))]);
  const reasons: string[] = [];
  for (const [kind, fs] of byKind) {
    if (kind === 'offline') reasons.push(`${hosts(fs)} cannot be reached`);
    else if (kind === 'timeout') reasons.push(`${hosts(fs)} did not answer in time`);
    else if (kind === 'unauthorized') reasons.push(`${hosts(fs)} refused access (log in with docker login if the image is private)`);
    else if (kind === 'not-found') reasons.push(`${listed(fs.map((f) => f.reference))} ${fs.length === 1 ? 'does' : 'do'} not exist`);
    else if (kind === 'rate-limited')
      reasons.push(
        `${hosts(fs)} rate-limited the requests${/resets at ([\d:]+ UTC)/.exec(fs[0].error)?.[1] ? ` until ${/resets at ([\d:]+ UTC)/.exec(fs[0].error)![1]}` : ''}`,
      );
    else if (kind === 'server') reasons.push(`${hosts(fs)} answered with a server error`);
    else reasons.push(...[...new Set(fs.map((f) => plainText(f.error)))]);
  }
  return reasons.join('; ');
}

/** The one message a pin ends with ("Could not pin 2 images: registry-1.docker.io and gcr.io cannot be reached. Nothing changed."). */
export function pinOutcome(r: Omit<PinResult, 'edits'>, applied: boolean, conflict: boolean): PinOutcome {
  const sentences: string[] = [];
  if (applied)
    sentences.push(
      r.pinned.length === 1 ? `Pinned ${r.pinned[0].before} to ${shortDigest(r.pinned[0].after)}.` : `Pinned ${plural(r.pinned.length, 'image')}.`,
    );
  if (r.failed.length)
    sentences.push(`Could not pin ${r.failed.length === 1 ? r.failed[0].reference : plural(r.failed.length, 'image')}: ${failureReasons(r.failed)}.`);
  if (conflict) sentences.push('The file changed while the registry answered; run the command again.');
  if (r.unchanged.length)
    sentences.push(
      `${r.unchanged.length === 1 ? `${r.unchanged[0].reference} is` : `${plural(r.unchanged.length, 'image')} are`} already pinned to the current digest.`,
    );
  if (r.skipped.length) sentences.push(`Skipped ${r.skipped.map((k) => `line ${k.line + 1}: ${plainText(k.reason)}`).join('; ')}.`);
  if (!applied && (r.failed.length || conflict)) sentences.push('Nothing changed.');
  if (sentences.length === 0) sentences.push('This file has no FROM to pin.');
  const trouble = r.failed.length > 0 || conflict;
  return { message: sentences.join(' '), level: trouble ? (applied ? 'warning' : 'error') : 'info', retry: trouble };
}

/** A time of day for messages: when it was asked, when it is asked again. */
const clock = (ms: number) => new Date(ms).toTimeString().slice(0, 8);

const within = (r: { start: Position; end: Position }, p: Position) =>
  (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character)) &&
  (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));

/** `sha256:` and the first 12 hex digits: enough to recognise a digest in a message */
const shortDigest = (pinned: string) => {
  const at = pinned.indexOf('@');
  return at === -1 ? pinned : pinned.slice(at + 1, at + 20);
};
