// The editor's registry features: the Pin commands, digest drift after each lint, the image hover. Network use
// follows `seaworthy.network`; in an untrusted workspace nothing is asked unless the user says yes, and then without
// any credential (no credential helper runs).
import { MessageType, type Connection, type Position } from 'vscode-languageserver/node';
import { Commands } from '../../../shared/src/commands';
import type { Analysis } from '../analysis';
import { hostPlatform } from '../registry/client';
import { DockerConfigCredentials } from '../registry/credentials';
import { describeError } from '../registry/errors';
import { imageMarkdown, RegistryService, type PinResult } from '../registry/service';
import { normalizedName } from '../engine/imageRef';
import type { RegistryFacts } from '../engine/rule';
import { versionedEdit } from './codeAction';

export interface RegistrySettings {
  network: boolean;
  insecureRegistries: string[];
  timeoutMs: number;
  connectTimeoutMs: number;
  proxy: string | undefined;
  proxyStrictSSL: boolean;
}

const DEFAULTS: RegistrySettings = { network: true, insecureRegistries: [], timeoutMs: 15_000, connectTimeoutMs: 5_000, proxy: undefined, proxyStrictSSL: true };

/** What a pin command answers (the CLI prints the same): tests and other clients read it. */
export type PinSummary = Omit<PinResult, 'edits'> & { applied: boolean; message: string };

export class RegistryFeature {
  private settings: Promise<RegistrySettings> | undefined;
  private services = new Map<string, RegistryService>();
  /** how long a hover waits for the registry before it shows what it has */
  hoverBudgetMs = 1_500;
  /** facts learned by any service: what rules read */
  readonly facts: RegistryFacts = { currentDigest: (ref) => { for (const s of this.services.values()) { const d = s.facts.currentDigest(ref); if (d) return d; } return undefined; } };

  constructor(
    private readonly connection: Connection,
    private readonly pull: () => boolean,
    public trusted: boolean,
  ) {}

  /** settings changed: rebuild clients (timeouts, proxies, insecure registries) on next use */
  reset(): void {
    this.settings = undefined;
    this.services.clear();
  }

  private async current(): Promise<RegistrySettings> {
    this.settings ??= (async () => {
      if (!this.pull()) return DEFAULTS;
      try {
        const [sw, http] = (await this.connection.workspace.getConfiguration([{ section: 'seaworthy' }, { section: 'http' }])) as [Record<string, unknown> | null, Record<string, unknown> | null];
        const num = (v: unknown, d: number) => (typeof v === 'number' && v > 0 ? v : d);
        return {
          network: sw?.network !== false,
          insecureRegistries: Array.isArray(sw?.insecureRegistries) ? sw.insecureRegistries.filter((h): h is string => typeof h === 'string') : [],
          timeoutMs: num(sw?.registryTimeout, DEFAULTS.timeoutMs),
          connectTimeoutMs: num(sw?.registryConnectTimeout, DEFAULTS.connectTimeoutMs),
          proxy: typeof http?.proxy === 'string' && http.proxy ? http.proxy : process.env.HTTPS_PROXY ?? process.env.https_proxy ?? undefined,
          proxyStrictSSL: http?.proxyStrictSSL !== false,
        };
      } catch {
        return DEFAULTS;
      }
    })();
    return this.settings;
  }

  /** `anonymous`: an untrusted workspace the user allowed to ask: no credentials at all */
  private service(s: RegistrySettings, anonymous: boolean): RegistryService {
    const key = anonymous ? 'anonymous' : 'user';
    let service = this.services.get(key);
    if (!service) {
      service = new RegistryService({
        http: { timeoutMs: s.timeoutMs, connectTimeoutMs: s.connectTimeoutMs, maxBodyBytes: 4 * 1024 * 1024, proxy: s.proxy, noProxy: process.env.NO_PROXY ?? process.env.no_proxy, strictSSL: s.proxyStrictSSL },
        insecureRegistries: s.insecureRegistries,
        credentials: anonymous ? undefined : new DockerConfigCredentials({ allowHelpers: true }),
      });
      this.services.set(key, service);
    }
    return service;
  }

  /** A service for work nobody asked for (drift, hover): none when the network is off or the workspace untrusted. */
  private async background(): Promise<RegistryService | undefined> {
    const s = await this.current();
    return s.network && this.trusted ? this.service(s, false) : undefined;
  }

  /** Pin Base Image Digest (the FROM at `position`) or Pin All Base Image Digests. */
  async pin(a: Analysis, position: Position | undefined, all: boolean): Promise<PinSummary | undefined> {
    const s = await this.current();
    const say = (type: MessageType, message: string) => {
      void this.connection.sendNotification('window/showMessage', { type, message: `Seaworthy: ${message}` });
    };
    if (!s.network) {
      say(MessageType.Warning, 'asking registries is turned off (seaworthy.network); the file was left as it is.');
      return undefined;
    }
    let anonymous = false;
    if (!this.trusted) {
      const ask = 'Ask without credentials';
      const answer = await this.connection.window.showWarningMessage('Seaworthy: this workspace is not trusted. Ask the image\'s registry anyway? No credential is sent and no credential helper runs.', { title: ask }, { title: 'Cancel' });
      if (answer?.title !== ask) return undefined;
      anonymous = true;
    }
    const line = all ? undefined : position?.line;
    if (!all && line === undefined) {
      say(MessageType.Warning, 'put the cursor on a FROM line to pin its image (or run "Pin All Base Image Digests").');
      return undefined;
    }
    if (!all && !a.model.stages.some((st) => st.from.range.start.line <= line! && line! <= st.from.range.end.line)) {
      say(MessageType.Warning, 'the cursor is not on a FROM line; put it on the FROM whose image to pin.');
      return undefined;
    }
    const result = await this.service(s, anonymous).pin(a.model, line);
    const parts: string[] = [];
    if (result.pinned.length) parts.push(result.pinned.length === 1 ? `pinned ${result.pinned[0].before} to ${shortDigest(result.pinned[0].after)}` : `pinned ${result.pinned.length} images`);
    if (result.unchanged.length) parts.push(`${result.unchanged.length === 1 ? result.unchanged[0].reference : `${result.unchanged.length} images`} already pinned to the current digest`);
    if (result.skipped.length) parts.push(`skipped ${result.skipped.map((k) => `line ${k.line + 1} (${k.reason})`).join(', ')}`);
    if (result.failed.length) parts.push(`could not pin ${result.failed.map((f) => `${f.reference}: ${f.error}`).join('; ')}`);
    let applied = false;
    if (result.edits.length) {
      const label = result.pinned.length === 1 ? 'Pin base image digest' : 'Pin all base image digests';
      const r = await this.connection.workspace.applyEdit({ label, edit: versionedEdit(a, result.edits) });
      applied = r.applied;
      if (!applied) parts.push('the file changed while the registry answered; nothing was written, run the command again');
    }
    const message = parts.length ? parts.join('; ') : 'this file has no FROM to pin.';
    say(result.failed.length || (result.edits.length && !applied) ? MessageType.Error : MessageType.Info, message.charAt(0).toUpperCase() + message.slice(1));
    const { edits: _edits, ...rest } = result;
    return { ...rest, applied, message };
  }

  /** After a lint: ask for the digests pinned tags name now; `relint` when one changed. Never throws. */
  async checkDrift(a: Analysis, relint: () => void): Promise<void> {
    if (!a.activeRules.some((r) => r.id === 'base-image-digest-stale')) return;
    if (!a.model.stages.some((st) => st.base.kind === 'image' && st.base.ref.digest && st.base.ref.tag)) return;
    const service = await this.background();
    if (service && (await service.refreshDrift(a.model).catch(() => false))) relint();
  }

  /**
   * The image card for a FROM reference under the cursor, or undefined elsewhere. A hover is not worth a wait: after
   * `hoverBudgetMs` it shows the rule cards with a line saying the registry is still being asked, and the answer,
   * which keeps coming in the background, is ready for the next hover.
   */
  async hover(a: Analysis, position: Position): Promise<string | undefined> {
    const stage = a.model.stages.find((st) => st.base.kind === 'image' && within(st.base.range, position));
    if (!stage || stage.base.kind !== 'image') return undefined;
    const service = await this.background();
    if (!service) return undefined;
    const ref = stage.base.ref;
    const platform = stage.platform && !stage.platform.includes('$') ? stage.platform : hostPlatform();
    const answer = service.info(ref, platform).then(
      (info) => imageMarkdown(ref, info),
      (e: unknown) => `**${ref.raw}**\n\n_The registry could not be asked: ${describeError(e)}_`,
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`**${ref.raw}**\n\n_Still waiting for ${normalizedName(ref).registry} to answer; hover again in a moment._`), this.hoverBudgetMs);
    });
    try {
      return await Promise.race([answer, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}

const within = (r: { start: Position; end: Position }, p: Position) =>
  (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character)) && (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));

const shortDigest = (pinned: string) => {
  const at = pinned.indexOf('@');
  return at === -1 ? pinned : pinned.slice(at + 1, at + 20) + '…';
};

export const PIN_COMMANDS: readonly string[] = [Commands.pinDigest, Commands.pinAllDigests];
