// Resolves what a user wrote (ids or aliases -> severity/off) against the rules (rules/index.ts rulesByKey).
import { SEVERITY_NAMES, type SeveritySetting } from '../../../shared/src/settings';
import type { Rule, Severity } from './rule';

export interface ResolvedSettings {
  /** the severity a finding of this rule gets, or 'off' */
  severityOf(rule: Rule): Severity | 'off';
}

export const defaultSettings: ResolvedSettings = { severityOf: (rule) => (rule.defaultOff ? 'off' : rule.severity) };

/**
 * ShellCheck's per-code rules are made when a finding needs one, so no registry lists them: `SC2086` and
 * `shellcheck/SC2086` name one. Returns its rule id, or undefined for any other key.
 */
function toolRuleId(key: string): string | undefined {
  const m = /^(?:shellcheck\/)?SC(\d{4})$/i.exec(key);
  return m ? `shellcheck/SC${m[1]}` : undefined;
}

/** Whether a key names a rule: an id, an alias, or a ShellCheck code. */
export const isRuleKey = (key: string, rulesByKey: ReadonlyMap<string, unknown>): boolean => rulesByKey.has(key) || toolRuleId(key) !== undefined;

/** Keys are rule ids or aliases (DL3008, JSONArgsRecommended, SC2086); unknown keys are returned for a warning. */
export function resolveSettings(
  overrides: Readonly<Record<string, SeveritySetting>>,
  rulesByKey: ReadonlyMap<string, readonly Rule[]>,
): { settings: ResolvedSettings; unknownKeys: string[] } {
  const byRule = new Map<Rule, Severity | 'off'>();
  const byToolId = new Map<string, Severity | 'off'>();
  const unknownKeys: string[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    // an alias (MultipleInstructionsDisallowed) names every rule that carries it
    const named = rulesByKey.get(key) ?? rulesByKey.get(key.toLowerCase());
    const toolId = named ? undefined : toolRuleId(key);
    if ((!named && !toolId) || !SEVERITY_NAMES.includes(value)) unknownKeys.push(key);
    else if (named) {
      for (const t of named) byRule.set(t, value);
    } else byToolId.set(toolId!, value);
  }
  // a per-code rule: its own setting, else its parent's (`"shellcheck": "warning"` sets them all), else its default
  const severityOf = (rule: Rule): Severity | 'off' =>
    byRule.get(rule) ?? byToolId.get(rule.id) ?? (rule.parent && byRule.get(rule.parent)) ?? defaultSettings.severityOf(rule);
  return { settings: { severityOf }, unknownKeys };
}

/** Edit distance (insertions, deletions, substitutions, swaps of neighbours), case-insensitive. */
function distance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The rule id or alias a misspelt key most likely meant ("apt-mising-yes" -> "apt-missing-yes"), if one is close. */
export function closestRuleKey(key: string, rulesByKey: ReadonlyMap<string, unknown>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 4)) + 1;
  for (const candidate of rulesByKey.keys()) {
    const d = distance(key, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}
