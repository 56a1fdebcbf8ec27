// The settings a user writes (VS Code settings.json, CLI flags); the server resolves them per document.

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = SeverityName | 'off';

export interface UserSettings {
  enable: boolean;
  /** rule id or alias -> severity or off */
  rules: Record<string, SeveritySetting>;
  /** may the server ask container registries */
  network: boolean;
}

export const defaultUserSettings: UserSettings = { enable: true, rules: {}, network: true };

export const SEVERITY_NAMES: readonly SeveritySetting[] = ['off', 'error', 'warning', 'information', 'hint'];
