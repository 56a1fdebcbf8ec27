// Resolves what a user wrote (ids or aliases -> severity/off) against the rule registry.
import type { SeveritySetting } from '../../../shared/src/settings';
import type { Rule, Severity } from './rule';

export interface ResolvedSettings {
  /** the severity a finding of this rule gets, or 'off' */
  severityOf(rule: Rule): Severity | 'off';
}

export const defaultSettings: ResolvedSettings = { severityOf: (rule) => (rule.defaultOff ? 'off' : rule.severity) };

/** Keys are rule ids or aliases (DL3008, JSONArgsRecommended); unknown keys are returned for a warning. */
export function resolveSettings(
  overrides: Readonly<Record<string, SeveritySetting>>,
  ruleByKey: ReadonlyMap<string, Rule>,
): { settings: ResolvedSettings; unknownKeys: string[] } {
  const byRule = new Map<Rule, Severity | 'off'>();
  const unknownKeys: string[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    const rule = ruleByKey.get(key) ?? ruleByKey.get(key.toLowerCase());
    if (!rule || !['off', 'error', 'warning', 'information', 'hint'].includes(value)) unknownKeys.push(key);
    else byRule.set(rule, value);
  }
  return { settings: { severityOf: (rule) => byRule.get(rule) ?? defaultSettings.severityOf(rule) }, unknownKeys };
}
