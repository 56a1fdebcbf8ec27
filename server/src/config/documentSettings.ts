// The one reader of the editor's settings: everything Seaworthy reads for a document, pulled from the client once per
// document with its scopeUri (so a folder of a multi-root workspace gets its own), cached until the client says they
// changed. The lint, the registry features and ShellCheck all take their settings from here.
import type { Connection } from 'vscode-languageserver/node';
import { defaultUserSettings, type SeveritySetting, type ShellCheckSettings, type UserSettings } from '../../../shared/src/settings';
import { OPEN_SETTING_NOTIFICATION } from '../../../shared/src/commands';
import { closestRuleKey, isRuleKey, resolveSettings } from '../engine/settings';
import { mirrorEntries, mirrorsFromSetting } from '../registry/mirrors';
import { ruleByKey, rulesByKey } from '../rules';

/** How registries are asked (seaworthy.insecureRegistries, .registryTimeout, .registryConnectTimeout, http.proxy…). */
export interface RegistrySettings {
  readonly insecureRegistries: readonly string[];
  /** seaworthy.registryMirrors as `REGISTRY=MIRROR` entries (see registry/mirrors) */
  readonly mirrors: readonly string[];
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly proxy: string | undefined;
  /** where the proxy came from, for the log: http.proxy or the environment variable's name */
  readonly proxySource: string | undefined;
  readonly proxyStrictSSL: boolean;
}

export interface DocumentSettings {
  readonly enabled: boolean;
  /** the user's `seaworthy.rules`: applied over the team's config file */
  readonly overrides: Readonly<Record<string, SeveritySetting>>;
  /** seaworthy.maxFileSize */
  readonly maxLength?: number;
  /** seaworthy.network: registries may be asked for this document */
  readonly network: boolean;
  readonly registry: RegistrySettings;
  /** seaworthy.shellcheck.* */
  readonly shellcheck: ShellCheckSettings;
}

const envProxy = (): [string, string] | [undefined, undefined] => {
  for (const name of ['HTTPS_PROXY', 'https_proxy']) if (process.env[name]) return [process.env[name]!, name];
  return [undefined, undefined];
};

/** The registry settings of a client that gives none. */
const defaultRegistrySettings = (): RegistrySettings => ({
  insecureRegistries: [],
  mirrors: [],
  timeoutMs: 15_000,
  connectTimeoutMs: 5_000,
  proxy: envProxy()[0],
  proxySource: envProxy()[1],
  proxyStrictSSL: true,
});

export class SettingsCache {
  private readonly byUri = new Map<string, Promise<DocumentSettings>>();
  private warned = new Set<string>();
  supportsPull = false;
  /** the client opens a setting when told (OPEN_SETTING_NOTIFICATION): messages about one get a button */
  canOpenSettings = false;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<DocumentSettings> {
    let s = this.byUri.get(uri);
    if (!s) {
      s = this.load(uri);
      this.byUri.set(uri, s);
    }
    return s;
  }

  clear(): void {
    this.byUri.clear();
  }

  drop(uri: string): void {
    this.byUri.delete(uri);
  }

  /** One message per key, with a guess at what was meant and a button that opens the setting. */
  private async warn(key: string, value: unknown): Promise<void> {
    const guess = isRuleKey(key, ruleByKey) ? undefined : closestRuleKey(key, ruleByKey);
    const message = isRuleKey(key, ruleByKey)
      ? `Seaworthy: "seaworthy.rules" gives ${key} the level ${JSON.stringify(value)}; use off, error, warning, information or hint.`
      : `Seaworthy: "seaworthy.rules" names "${key}", which is no rule id or alias${guess ? `. Did you mean "${guess}"?` : '; the rules list has them all.'}`;
    this.connection.console.warn(message);
    const open = 'Open Settings';
    const answer = await this.connection.window.showWarningMessage(message, ...(this.canOpenSettings ? [{ title: open }] : [])).catch(() => undefined);
    if (answer?.title === open) void this.connection.sendNotification(OPEN_SETTING_NOTIFICATION, { setting: 'seaworthy.rules', key, guess });
  }

  private async load(uri: string): Promise<DocumentSettings> {
    let user: UserSettings = defaultUserSettings;
    let sw: Record<string, unknown> | null = null;
    let http: Record<string, unknown> | null = null;
    if (this.supportsPull) {
      try {
        [sw, http] = (await this.connection.workspace.getConfiguration([
          { scopeUri: uri, section: 'seaworthy' },
          { scopeUri: uri, section: 'http' },
        ])) as [Record<string, unknown> | null, Record<string, unknown> | null];
        user = { ...defaultUserSettings, ...((sw ?? {}) as Partial<UserSettings>) };
      } catch {
        // a client that fails the request: lint with the defaults rather than not at all
      }
    }
    const { unknownKeys } = resolveSettings(user.rules ?? {}, rulesByKey);
    for (const key of unknownKeys) {
      if (this.warned.has(key)) continue;
      this.warned.add(key);
      void this.warn(key, (user.rules ?? {})[key]);
    }
    const overrides = Object.fromEntries(Object.entries(user.rules ?? {}).filter(([k]) => !unknownKeys.includes(k)));
    const maxLength = typeof user.maxFileSize === 'number' && user.maxFileSize > 0 ? user.maxFileSize : defaultUserSettings.maxFileSize;
    const num = (v: unknown, d: number) => (typeof v === 'number' && v > 0 ? v : d);
    const defaults = defaultRegistrySettings();
    const shellcheck = (sw?.shellcheck ?? {}) as Partial<ShellCheckSettings>;
    const mirrors = mirrorsFromSetting(sw?.registryMirrors);
    for (const problem of mirrors.problems) {
      if (this.warned.has(`mirror ${problem}`)) continue;
      this.warned.add(`mirror ${problem}`);
      const message = `Seaworthy: seaworthy.registryMirrors: ${problem}; the other mirrors are used.`;
      this.connection.console.warn(message);
      void this.connection.window.showWarningMessage(message);
    }
    return {
      enabled: user.enable !== false,
      overrides,
      maxLength,
      network: sw?.network !== false,
      registry: {
        insecureRegistries: Array.isArray(sw?.insecureRegistries) ? sw.insecureRegistries.filter((h): h is string => typeof h === 'string') : [],
        mirrors: mirrorEntries(mirrors.mirrors),
        timeoutMs: num(sw?.registryTimeout, defaults.timeoutMs),
        connectTimeoutMs: num(sw?.registryConnectTimeout, defaults.connectTimeoutMs),
        ...(typeof http?.proxy === 'string' && http.proxy
          ? { proxy: http.proxy, proxySource: 'http.proxy' }
          : { proxy: defaults.proxy, proxySource: defaults.proxySource }),
        proxyStrictSSL: http?.proxyStrictSSL !== false,
      },
      shellcheck: { enable: shellcheck.enable !== false, path: typeof shellcheck.path === 'string' ? shellcheck.path.trim() : '' },
    };
  }
}
