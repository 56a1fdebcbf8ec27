// The settings a user writes (VS Code settings.json, CLI flags); the server resolves them per document.

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = SeverityName | 'off';

export interface UserSettings {
  enable: boolean;
  /** rule id or alias -> severity or off */
  rules: Record<string, SeveritySetting>;
  /** may the server ask container registries */
  network: boolean;
  /** files longer than this (characters) are not linted */
  maxFileSize: number;
  shellcheck: ShellCheckSettings;
}

/** `seaworthy.shellcheck.*`: run ShellCheck on RUN scripts (shellcheck rule) */
export interface ShellCheckSettings {
  enable: boolean;
  /** the binary; '' = `shellcheck` from PATH. Machine-scoped, and ignored in an untrusted workspace */
  path: string;
}

export const defaultUserSettings: UserSettings = { enable: true, rules: {}, network: true, maxFileSize: 1_000_000, shellcheck: { enable: true, path: '' } };

/** The levels of a finding, most severe first: the one list every reader of a severity takes. */
export const SEVERITY_LEVELS: readonly SeverityName[] = ['error', 'warning', 'information', 'hint'];
/** What a rule can be set to: a level, or off. */
export const SEVERITY_NAMES: readonly SeveritySetting[] = ['off', ...SEVERITY_LEVELS];

/** Whether `level` is `threshold` or more severe. */
export const atLeast = (level: SeverityName, threshold: SeverityName): boolean => SEVERITY_LEVELS.indexOf(level) <= SEVERITY_LEVELS.indexOf(threshold);
