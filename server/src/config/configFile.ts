// Team configuration: `.seaworthy.yaml`, or hadolint's `.hadolint.yaml` mapped through the rule aliases, resolved
// for one Dockerfile. Parsing is pure; host.ts finds and reads the files. Unknown keys are warnings, never crashes.
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import type { SeveritySetting } from '../../../shared/src/settings';
import type { LintConfig, Rule } from '../engine/rule';
import { isRuleKey } from '../engine/settings';

export interface ConfigFile {
  /** where it was read from (for messages); relative paths in it are relative to its folder */
  readonly path: string;
  readonly kind: 'seaworthy' | 'hadolint';
  /** rule id or alias -> severity or off, for every file */
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  readonly lint: LintConfig;
  readonly overrides: readonly { readonly files: readonly string[]; readonly rules: Readonly<Record<string, SeveritySetting>> }[];
  readonly failureThreshold?: 'error' | 'warning' | 'information' | 'hint' | 'none';
  readonly warnings: readonly string[];
}

const SEVERITIES = new Set(['off', 'error', 'warning', 'information', 'hint']);
const SEAWORTHY_KEYS = new Set(['rules', 'ignore', 'trustedRegistries', 'allowedBaseImages', 'labelSchema', 'strictLabels', 'ruleOptions', 'overrides', 'failureThreshold', 'disableIgnorePragma']);
// hadolint's keys that only concern its own output or are accepted but have no meaning here
const HADOLINT_KEYS = new Set(['ignored', 'trustedRegistries', 'override', 'failure-threshold', 'label-schema', 'strict-labels', 'disable-ignore-pragma', 'no-fail', 'no-color', 'format', 'verbose']);
const HADOLINT_LEVEL: Record<string, SeveritySetting> = { error: 'error', warning: 'warning', info: 'information', style: 'hint', ignore: 'off', none: 'off' };

type Yaml = Record<string, unknown>;
const isObject = (v: unknown): v is Yaml => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined);

export function parseConfigFile(text: string, path: string, kind: 'seaworthy' | 'hadolint', ruleByKey: ReadonlyMap<string, Rule>): ConfigFile {
  const warnings: string[] = [];
  let doc: unknown;
  try {
    doc = parseYaml(text) ?? {};
  } catch (e) {
    return { path, kind, rules: {}, lint: {}, overrides: [], warnings: [`${path}: not valid YAML (${(e as Error).message.split('\n')[0]}); it was ignored`] };
  }
  if (!isObject(doc)) return { path, kind, rules: {}, lint: {}, overrides: [], warnings: [`${path}: expected a mapping at the top level; the file was ignored`] };
  const ruleMap = (v: unknown, where: string): Record<string, SeveritySetting> => {
    const out: Record<string, SeveritySetting> = {};
    if (v === undefined) return out;
    if (!isObject(v)) {
      warnings.push(`${path}: ${where} must map rule ids to off/error/warning/information/hint`);
      return out;
    }
    for (const [key, value] of Object.entries(v)) {
      if (!isRuleKey(key, ruleByKey)) warnings.push(`${path}: ${where}: "${key}" is not a rule id or alias`);
      else if (typeof value !== 'string' || !SEVERITIES.has(value)) warnings.push(`${path}: ${where}: "${key}" has severity "${String(value)}" (expected off, error, warning, information or hint)`);
      else out[key] = value as SeveritySetting;
    }
    return out;
  };
  const ignoreList = (v: unknown, where: string): Record<string, SeveritySetting> => {
    const list = v === undefined ? [] : strings(v);
    if (!list) {
      warnings.push(`${path}: ${where} must be a list of rule ids`);
      return {};
    }
    const out: Record<string, SeveritySetting> = {};
    for (const key of list) {
      if (isRuleKey(key, ruleByKey)) out[key] = 'off';
      else warnings.push(`${path}: ${where}: "${key}" is not a rule id or alias`);
    }
    return out;
  };
  const labelSchema = (v: unknown): Record<string, string> | undefined => {
    if (v === undefined) return undefined;
    if (!isObject(v) || !Object.values(v).every((x) => typeof x === 'string')) {
      warnings.push(`${path}: the label schema must map label names to types (text, url, semver, hash, rfc3339, email, spdx)`);
      return undefined;
    }
    return v as Record<string, string>;
  };
  const registries = (v: unknown, where: string): string[] | undefined => {
    if (v === undefined) return undefined;
    const list = strings(v);
    if (!list) warnings.push(`${path}: ${where} must be a list of registry hosts`);
    return list;
  };

  if (kind === 'seaworthy') {
    for (const key of Object.keys(doc)) if (!SEAWORTHY_KEYS.has(key)) warnings.push(`${path}: unknown key "${key}" (known: ${[...SEAWORTHY_KEYS].join(', ')})`);
    const overrides: ConfigFile['overrides'][number][] = [];
    if (doc.overrides !== undefined) {
      if (!Array.isArray(doc.overrides)) warnings.push(`${path}: overrides must be a list of {files, rules}`);
      else
        doc.overrides.forEach((o: unknown, i: number) => {
          const files = isObject(o) ? (typeof o.files === 'string' ? [o.files] : strings(o.files)) : undefined;
          if (!isObject(o) || !files) warnings.push(`${path}: overrides[${i}] needs files (a glob or a list of globs) and rules`);
          else overrides.push({ files, rules: ruleMap(o.rules, `overrides[${i}].rules`) });
        });
    }
    const threshold = doc.failureThreshold;
    if (threshold !== undefined && !(typeof threshold === 'string' && (SEVERITIES.has(threshold) || threshold === 'none')) ) warnings.push(`${path}: failureThreshold must be error, warning, information, hint or none`);
    const ruleOptions = isObject(doc.ruleOptions) ? (doc.ruleOptions as LintConfig['ruleOptions']) : undefined;
    return {
      path,
      kind,
      rules: { ...ignoreList(doc.ignore, 'ignore'), ...ruleMap(doc.rules, 'rules') },
      lint: {
        trustedRegistries: registries(doc.trustedRegistries, 'trustedRegistries'),
        allowedBaseImages: doc.allowedBaseImages === undefined ? undefined : strings(doc.allowedBaseImages),
        labelSchema: labelSchema(doc.labelSchema),
        strictLabels: doc.strictLabels === true,
        ruleOptions,
        disableIgnorePragma: doc.disableIgnorePragma === true,
      },
      overrides,
      failureThreshold: typeof threshold === 'string' && (SEVERITIES.has(threshold) || threshold === 'none') && threshold !== 'off' ? (threshold as ConfigFile['failureThreshold']) : undefined,
      warnings,
    };
  }

  for (const key of Object.keys(doc)) if (!HADOLINT_KEYS.has(key)) warnings.push(`${path}: unknown hadolint key "${key}"; it was ignored`);
  const rules: Record<string, SeveritySetting> = {};
  if (isObject(doc.override)) {
    for (const [level, list] of Object.entries(doc.override)) {
      const severity = HADOLINT_LEVEL[level];
      const codes = strings(list);
      if (!severity || !codes) {
        warnings.push(`${path}: override.${level} is not a hadolint level (error, warning, info, style) with a list of codes`);
        continue;
      }
      for (const code of codes) {
        if (isRuleKey(code, ruleByKey)) rules[code] = severity;
        else if (!/^SC\d+$/.test(code)) warnings.push(`${path}: override.${level}: "${code}" has no Seaworthy rule`);
      }
    }
  }
  for (const code of strings(doc.ignored) ?? []) {
    if (isRuleKey(code, ruleByKey)) rules[code] = 'off';
    // ShellCheck codes and hadolint rules we do not have are silently fine: there is nothing to turn off
  }
  const threshold = doc['failure-threshold'];
  return {
    path,
    kind,
    rules,
    lint: {
      trustedRegistries: registries(doc.trustedRegistries, 'trustedRegistries'),
      labelSchema: labelSchema(doc['label-schema']),
      strictLabels: doc['strict-labels'] === true,
      disableIgnorePragma: doc['disable-ignore-pragma'] === true,
    },
    overrides: [],
    failureThreshold: typeof threshold === 'string' ? ({ error: 'error', warning: 'warning', info: 'information', style: 'hint', ignore: 'none', none: 'none' } as const)[threshold as 'error'] : undefined,
    warnings,
  };
}

/** The rule severities that apply to one Dockerfile (path relative to the config file's folder, with / separators). */
export function rulesFor(config: ConfigFile, relativePath: string): Record<string, SeveritySetting> {
  const out = { ...config.rules };
  for (const o of config.overrides) {
    if (picomatch.isMatch(relativePath, [...o.files], { dot: true, matchBase: !o.files.some((f) => f.includes('/')) })) Object.assign(out, o.rules);
  }
  return out;
}
