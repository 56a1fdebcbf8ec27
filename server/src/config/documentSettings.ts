// Settings per document, pulled from the client (workspace/configuration), cached until the client says they changed.
import type { Connection } from 'vscode-languageserver/node';
import { defaultUserSettings, type UserSettings } from '../../../shared/src/settings';
import { OPEN_SETTING_NOTIFICATION } from '../../../shared/src/commands';
import { closestRuleKey, isRuleKey, resolveSettings } from '../engine/settings';
import { ruleByKey, rulesByKey } from '../rules';
import type { DocumentSettings } from '../analysis';

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
    if (this.supportsPull) {
      try {
        const got = (await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'seaworthy' })) as Partial<UserSettings> | null;
        user = { ...defaultUserSettings, ...(got ?? {}) };
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
    return { enabled: user.enable !== false, overrides, maxLength };
  }
}
