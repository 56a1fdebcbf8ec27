// Settings per document, pulled from the client (workspace/configuration), cached until the client says they changed.
import type { Connection } from 'vscode-languageserver/node';
import { defaultUserSettings, type UserSettings } from '../../../shared/src/settings';
import { resolveSettings } from '../engine/settings';
import { ruleByKey } from '../rules';
import type { DocumentSettings } from '../analysis';

export class SettingsCache {
  private readonly byUri = new Map<string, Promise<DocumentSettings>>();
  private warned = new Set<string>();
  supportsPull = false;

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
    const { unknownKeys } = resolveSettings(user.rules ?? {}, ruleByKey);
    for (const key of unknownKeys) {
      if (this.warned.has(key)) continue;
      this.warned.add(key);
      void this.connection.window.showWarningMessage(`Seaworthy: "seaworthy.rules" names "${key}", which is not a rule id or alias, or has a severity other than off/error/warning/information/hint.`);
    }
    const overrides = Object.fromEntries(Object.entries(user.rules ?? {}).filter(([k]) => !unknownKeys.includes(k)));
    const maxLength = typeof user.maxFileSize === 'number' && user.maxFileSize > 0 ? user.maxFileSize : defaultUserSettings.maxFileSize;
    return { enabled: user.enable !== false, overrides, maxLength };
  }
}
