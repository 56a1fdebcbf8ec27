// hadolint's environment variables (its README, "Configure"), so a CI job that configured hadolint through them
// keeps its settings: they apply over the config file and under the command line's options.
import type { SeveritySetting } from '../../../shared/src/settings';
import type { LintConfig, Rule, Severity } from '../engine/rule';
import { isRuleKey } from '../engine/settings';
import { UsageError } from './usage';
import { formatters } from './formats';

export interface HadolintEnv {
  /** HADOLINT_FORMAT, as one of our format names */
  readonly format?: string;
  /** HADOLINT_FAILURE_THRESHOLD */
  readonly threshold?: Severity | 'none';
  /** HADOLINT_NOFAIL: findings never fail the run */
  readonly noFail: boolean;
  /** HADOLINT_OVERRIDE_ERROR/WARNING/INFO/STYLE and HADOLINT_IGNORE: rule key -> severity or off */
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  /** HADOLINT_TRUSTED_REGISTRIES, HADOLINT_REQUIRE_LABELS, HADOLINT_STRICT_LABELS, HADOLINT_DISABLE_IGNORE_PRAGMA */
  readonly lint: LintConfig;
  /** codes we have no rule for, said once on stderr */
  readonly warnings: readonly string[];
}

// hadolint's level names; `ignore` and `none` as a threshold mean nothing fails
const LEVEL: Readonly<Record<string, Severity | 'none'>> = {
  error: 'error',
  warning: 'warning',
  info: 'information',
  style: 'hint',
  ignore: 'none',
  none: 'none',
};
// hadolint's format names that differ from ours (its json is not our JSON contract: ours is used)
const FORMAT: Readonly<Record<string, string>> = { gitlab_codeclimate: 'gitlab' };
const OVERRIDES: readonly [string, SeveritySetting][] = [
  ['HADOLINT_OVERRIDE_ERROR', 'error'],
  ['HADOLINT_OVERRIDE_WARNING', 'warning'],
  ['HADOLINT_OVERRIDE_INFO', 'information'],
  ['HADOLINT_OVERRIDE_STYLE', 'hint'],
  ['HADOLINT_IGNORE', 'off'],
];

const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());
const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads the HADOLINT_* variables; a value that cannot mean anything is a usage error naming the variable. */
export function readHadolintEnv(env: NodeJS.ProcessEnv, ruleByKey: ReadonlyMap<string, Rule>): HadolintEnv {
  const warnings: string[] = [];
  let format: string | undefined;
  if (env.HADOLINT_FORMAT) {
    const name = Object.hasOwn(FORMAT, env.HADOLINT_FORMAT) ? FORMAT[env.HADOLINT_FORMAT] : env.HADOLINT_FORMAT;
    if (!Object.hasOwn(formatters, name))
      throw new UsageError(
        `HADOLINT_FORMAT=${env.HADOLINT_FORMAT}: unknown format (expected ${[...Object.keys(formatters), ...Object.keys(FORMAT)].join(', ')})`,
      );
    format = name;
  }
  let threshold: Severity | 'none' | undefined;
  if (env.HADOLINT_FAILURE_THRESHOLD) {
    const level = env.HADOLINT_FAILURE_THRESHOLD.trim().toLowerCase();
    threshold = Object.hasOwn(LEVEL, level) ? LEVEL[level] : undefined;
    if (!threshold) throw new UsageError(`HADOLINT_FAILURE_THRESHOLD=${env.HADOLINT_FAILURE_THRESHOLD}: expected error, warning, info, style, ignore or none`);
  }
  const rules: Record<string, SeveritySetting> = {};
  for (const [name, severity] of OVERRIDES) {
    for (const code of list(env[name])) {
      if (isRuleKey(code, ruleByKey)) rules[code] = severity;
      // as in .hadolint.yaml: ignoring a rule we do not have is fine, giving it a level is worth a word
      else if (severity !== 'off') warnings.push(`${name}: "${code}" has no Seaworthy rule; it was ignored`);
    }
  }
  const lint: { -readonly [K in keyof LintConfig]: LintConfig[K] } = {};
  if (env.HADOLINT_TRUSTED_REGISTRIES) lint.trustedRegistries = list(env.HADOLINT_TRUSTED_REGISTRIES);
  if (env.HADOLINT_REQUIRE_LABELS) {
    const schema: Record<string, string> = {};
    for (const item of list(env.HADOLINT_REQUIRE_LABELS)) {
      const colon = item.lastIndexOf(':');
      if (colon <= 0) throw new UsageError(`HADOLINT_REQUIRE_LABELS: "${item}" is not label:type (e.g. maintainer:text)`);
      schema[item.slice(0, colon)] = item.slice(colon + 1);
    }
    lint.labelSchema = schema;
  }
  if (truthy(env.HADOLINT_STRICT_LABELS)) lint.strictLabels = true;
  if (truthy(env.HADOLINT_DISABLE_IGNORE_PRAGMA)) lint.disableIgnorePragma = true;
  return { format, threshold, noFail: truthy(env.HADOLINT_NOFAIL), rules, lint, warnings };
}
