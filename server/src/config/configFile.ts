// Team configuration: `.seaworthy.yaml`, or hadolint's `.hadolint.yaml` mapped through the rule aliases, resolved
// for one Dockerfile. Parsing is pure; host.ts finds and reads the files.
// A file that is not valid YAML, or a known key with a value of the wrong type, is an error: the CLI stops (exit 2)
// rather than lint without the team's policy, the editor says so and lints with the defaults. Unknown keys and rule ids
// are warnings (a newer config read by an older Seaworthy keeps working).
import { basename, dirname } from 'node:path';
import { globMatcher } from '../engine/glob';
import { isMap, isNode, isScalar, parseDocument, visit, type Document } from 'yaml';
import { SEVERITY_LEVELS, SEVERITY_NAMES, type SeveritySetting } from '../../../shared/src/settings';
import { localPath, type Build } from '../builds/build';
import type { LintConfig } from '../engine/rule';
import { isRuleKey } from '../engine/settings';

/** One thing wrong in a config file, at its place (0-based line and character). */
export interface ConfigProblem {
  readonly level: 'error' | 'warning';
  readonly message: string;
  readonly line: number;
  readonly character: number;
}

export interface ConfigFile {
  /** where it was read from (for messages); relative paths in it are relative to its folder */
  readonly path: string;
  readonly kind: 'seaworthy' | 'hadolint';
  /** rule id or alias -> severity or off, for every file */
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  readonly lint: LintConfig;
  readonly overrides: readonly { readonly files: readonly string[]; readonly rules: Readonly<Record<string, SeveritySetting>> }[];
  readonly failureThreshold?: 'error' | 'warning' | 'information' | 'hint' | 'none';
  /** hadolint's `no-fail: true`: the CLI's findings never fail the run */
  readonly noFail?: boolean;
  /** hadolint's `format`, as the CLI's format name: the CLI's report when neither --format nor HADOLINT_FORMAT says */
  readonly format?: string;
  /** builds no build file describes (`builds:`), their paths made absolute against the config file's folder */
  readonly builds: readonly Build[];
  /** errors and warnings, in the order of the file; with an error the rest of the file is not applied */
  readonly problems: readonly ConfigProblem[];
}

/** `path:line:column: message`, the way compilers print it (terminals and editors make it a link). */
export const describeProblem = (config: Pick<ConfigFile, 'path'>, p: ConfigProblem): string => `${config.path}:${p.line + 1}:${p.character + 1}: ${p.message}`;

export const configErrors = (config: ConfigFile): readonly ConfigProblem[] => config.problems.filter((p) => p.level === 'error');

const LEVELS: readonly string[] = SEVERITY_LEVELS;
const SEVERITIES: readonly string[] = SEVERITY_NAMES;
const LABEL_TYPES = ['text', 'url', 'semver', 'hash', 'rfc3339', 'email', 'spdx'];
const SEAWORTHY_KEYS = [
  'rules',
  'ignore',
  'trustedRegistries',
  'allowedBaseImages',
  'labelSchema',
  'strictLabels',
  'ruleOptions',
  'overrides',
  'failureThreshold',
  'disableIgnorePragma',
  'targetPlatforms',
  'builds',
];
/** os/architecture[/variant], as BuildKit's --platform takes it */
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9.]+)?$/;
// hadolint's keys; no-color and verbose concern only its own terminal output and have no meaning here
const HADOLINT_KEYS = [
  'ignored',
  'trustedRegistries',
  'override',
  'failure-threshold',
  'label-schema',
  'strict-labels',
  'disable-ignore-pragma',
  'no-fail',
  'no-color',
  'format',
  'verbose',
];
const HADOLINT_LEVEL = new Map<string, SeveritySetting>([
  ['error', 'error'],
  ['warning', 'warning'],
  ['info', 'information'],
  ['style', 'hint'],
  ['ignore', 'off'],
  ['none', 'off'],
]);
// hadolint's output formats, as the CLI names them (codacy's has no counterpart: the CLI's default is used)
const HADOLINT_FORMAT = new Map<string, string | undefined>([
  ['tty', 'tty'],
  ['json', 'json'],
  ['checkstyle', 'checkstyle'],
  ['codeclimate', 'codeclimate'],
  ['gitlab_codeclimate', 'gitlab'],
  ['gnu', 'gnu'],
  ['codacy', undefined],
  ['sonarqube', 'sonarqube'],
  ['sarif', 'sarif'],
]);
const HADOLINT_THRESHOLD = new Map<string, NonNullable<ConfigFile['failureThreshold']>>([
  ['error', 'error'],
  ['warning', 'warning'],
  ['info', 'information'],
  ['style', 'hint'],
  ['ignore', 'none'],
  ['none', 'none'],
]);

type Yaml = Record<string, unknown>;
type Path = readonly (string | number)[];
const isObject = (v: unknown): v is Yaml => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const own = (o: Yaml, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

export function parseConfigFile(text: string, path: string, kind: 'seaworthy' | 'hadolint', rulesByKey: ReadonlyMap<string, unknown>): ConfigFile {
  const problems: ConfigProblem[] = [];
  const done = (c: ConfigFile): ConfigFile => {
    problems.sort((a, b) => a.line - b.line || a.character - b.character);
    return c;
  };
  const empty = (): ConfigFile => ({ path, kind, rules: {}, lint: {}, overrides: [], builds: [], problems });
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const positionOf = (offset: number) => {
    let lo = 0;
    for (let hi = lineStarts.length - 1; lo < hi; ) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - lineStarts[lo] };
  };

  let doc: Document;
  try {
    // duplicate keys are looked for below, in one pass: the library's own check compares each key with every key
    // before it (a file of 40,000 keys took seconds)
    doc = parseDocument(text, { uniqueKeys: false });
  } catch (e) {
    problems.push({ level: 'error', message: `not valid YAML (${(e as Error).message.split('\n')[0]})`, line: 0, character: 0 });
    return empty();
  }
  if (doc.errors.length) {
    // the first error only: the ones after it are most often the parser losing its footing after the first
    const e = doc.errors[0];
    const at = e.linePos?.[0];
    // the library's message ends with its own " at line L, column C:" and a code frame; the position is ours to give
    const reason = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    problems.push({ level: 'error', message: `not valid YAML: ${reason}`, line: at ? at.line - 1 : 0, character: at ? at.col - 1 : 0 });
    return empty();
  }
  let duplicate: { key: string; offset: number } | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const item of map.items) {
        const key = isScalar(item.key) ? item.key.value : item.key;
        if (seen.has(key)) {
          duplicate = { key: String(key), offset: (item.key as { range?: number[] } | null)?.range?.[0] ?? 0 };
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  if (duplicate) {
    problems.push({
      level: 'error',
      message: `not valid YAML: the key "${duplicate.key}" is there twice (map keys must be unique)`,
      ...positionOf(duplicate.offset),
    });
    return empty();
  }
  // in builds: (args, targets, paths) a number is the text it was written with: `PYTHON_VERSION: 3.10` is "3.10", not 3.1
  const buildsNode = isMap(doc.contents) ? doc.contents.get('builds', true) : undefined;
  if (isNode(buildsNode)) {
    visit(buildsNode, {
      Scalar(_, node) {
        if (typeof node.value === 'number' && node.type === 'PLAIN' && typeof node.source === 'string') node.value = node.source;
      },
    });
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 }) ?? {};
  type Item = { key?: { value?: unknown; range?: number[] }; range?: number[] };
  // a map's items by key, made once per map: a file with a warning on each of thousands of keys stays linear
  const byKey = new WeakMap<object, Map<unknown, Item>>();
  const itemsByKey = (items: Item[]): Map<unknown, Item> => {
    let index = byKey.get(items);
    if (!index) {
      index = new Map();
      for (const i of items) if (!index.has(i.key?.value)) index.set(i.key?.value, i);
      byKey.set(items, index);
    }
    return index;
  };
  /** the place of a key (its name) or, for list items, of the value */
  const child = (node: unknown, step: string | number): (Item & { value?: unknown }) | undefined => {
    const items = (node as { items?: (Item & { value?: unknown })[] } | null)?.items;
    return typeof step === 'number' ? items?.[step] : items && itemsByKey(items).get(step);
  };
  const at = (where: Path) => {
    // down the path through the indexes (the library's getIn searches each map from its first key)
    let parent: unknown = doc.contents;
    for (const step of where.slice(0, -1)) {
      const item = child(parent, step);
      parent = item && 'value' in item ? item.value : item;
    }
    const last = where[where.length - 1];
    const item = child(parent, last);
    const range = typeof last === 'number' ? item?.range : item?.key?.range;
    return positionOf(range?.[0] ?? 0);
  };
  const error = (where: Path, message: string) => problems.push({ level: 'error', message, ...at(where) });
  const warning = (where: Path, message: string) => problems.push({ level: 'warning', message, ...at(where) });
  const name = (where: Path) => where.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');

  if (!isObject(data)) {
    problems.push({ level: 'error', message: 'expected a mapping of keys (rules, ignore, …) at the top level', line: 0, character: 0 });
    return empty();
  }
  const unknownKeys = (known: readonly string[], what: string) => {
    const knownKeys = new Set(known);
    for (const key of Object.keys(data)) if (!knownKeys.has(key)) warning([key], `unknown ${what}key "${key}" (known: ${known.join(', ')}); it was ignored`);
  };
  const boolean = (key: string): boolean | undefined => {
    const v = own(data, key);
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') error([key], `${key} must be true or false, not ${JSON.stringify(v)}`);
    return v === true;
  };
  const stringList = (key: string, what: string, allowEmpty = true): string[] | undefined => {
    const v = own(data, key);
    if (v === undefined) return undefined;
    if (!isStringList(v) || (!allowEmpty && v.some((x) => x.trim() === ''))) {
      error([key], `${key} must be a list of ${what}${typeof v === 'string' ? ` (write [${JSON.stringify(v)}] for one)` : ''}`);
      return undefined;
    }
    return v;
  };
  const platforms = (key: string): string[] | undefined => {
    const list = stringList(key, 'platforms (linux/amd64, linux/arm64)', false);
    const bad = list?.find((p) => !PLATFORM.test(p.trim().toLowerCase()));
    if (bad !== undefined) {
      error([key, list!.indexOf(bad)], `${key}: "${bad}" is not a platform (os/architecture[/variant], e.g. linux/arm64)`);
      return undefined;
    }
    return list?.map((p) => p.trim().toLowerCase());
  };
  const labelSchema = (key: string): Record<string, string> | undefined => {
    const v = own(data, key);
    if (v === undefined) return undefined;
    if (!isObject(v)) {
      error([key], `${key} must map label names to types (${LABEL_TYPES.join(', ')})`);
      return undefined;
    }
    const out: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [label, type] of Object.entries(v)) {
      if (typeof type === 'string' && LABEL_TYPES.includes(type)) out[label] = type;
      else error([key, label], `${key}.${label}: "${String(type)}" is not a label type (${LABEL_TYPES.join(', ')})`);
    }
    return out;
  };
  const ruleMap = (where: Path, v: unknown): Record<string, SeveritySetting> => {
    const out: Record<string, SeveritySetting> = {};
    if (v === undefined) return out;
    if (!isObject(v)) {
      error(where, `${name(where)} must map rule ids to off, error, warning, information or hint`);
      return out;
    }
    for (const [key, value] of Object.entries(v)) {
      if (typeof value !== 'string' || !SEVERITIES.includes(value))
        error([...where, key], `${name(where)}: "${key}" has severity ${JSON.stringify(value)} (expected off, error, warning, information or hint)`);
      else if (!isRuleKey(key, rulesByKey)) warning([...where, key], `${name(where)}: "${key}" is not a rule id or alias`);
      else out[key] = value as SeveritySetting;
    }
    return out;
  };

  if (kind === 'seaworthy') {
    unknownKeys(SEAWORTHY_KEYS, '');
    const off: Record<string, SeveritySetting> = {};
    const ignore = own(data, 'ignore');
    if (ignore !== undefined && !isStringList(ignore)) error(['ignore'], 'ignore must be a list of rule ids');
    else
      ((ignore as string[] | undefined) ?? []).forEach((key, i) => {
        if (isRuleKey(key, rulesByKey)) off[key] = 'off';
        else warning(['ignore', i], `ignore: "${key}" is not a rule id or alias`);
      });
    const rules = { ...off, ...ruleMap(['rules'], own(data, 'rules')) };
    const overrides: ConfigFile['overrides'][number][] = [];
    const list = own(data, 'overrides');
    if (list !== undefined && !Array.isArray(list)) error(['overrides'], 'overrides must be a list of {files, rules}');
    else
      ((list as unknown[] | undefined) ?? []).forEach((o, i) => {
        const files = isObject(o) ? own(o, 'files') : undefined;
        const globs = typeof files === 'string' ? [files] : files;
        if (!isObject(o) || !isStringList(globs) || globs.length === 0 || globs.some((g) => g.trim() === ''))
          error(['overrides', i], `overrides[${i}] needs files: a glob or a list of globs, none of them empty`);
        else overrides.push({ files: globs, rules: ruleMap(['overrides', i, 'rules'], own(o, 'rules')) });
      });
    const threshold = own(data, 'failureThreshold');
    let failureThreshold: ConfigFile['failureThreshold'];
    if (threshold !== undefined) {
      if (typeof threshold === 'string' && (LEVELS.includes(threshold as 'error') || threshold === 'none'))
        failureThreshold = threshold as ConfigFile['failureThreshold'];
      else error(['failureThreshold'], `failureThreshold must be error, warning, information, hint or none, not ${JSON.stringify(threshold)}`);
    }
    const options = own(data, 'ruleOptions');
    let ruleOptions: LintConfig['ruleOptions'];
    if (options !== undefined) {
      if (!isObject(options) || !Object.values(options).every(isObject))
        error(['ruleOptions'], 'ruleOptions must map rule ids to their options (e.g. too-many-layers: { max: 30 })');
      else ruleOptions = options as LintConfig['ruleOptions'];
    }
    const lint: LintConfig = {
      trustedRegistries: stringList('trustedRegistries', 'registry hosts', false),
      allowedBaseImages: stringList('allowedBaseImages', 'image globs (python:*, gcr.io/distroless/*)', false),
      labelSchema: labelSchema('labelSchema'),
      strictLabels: boolean('strictLabels') ?? false,
      ruleOptions,
      disableIgnorePragma: boolean('disableIgnorePragma') ?? false,
      targetPlatforms: platforms('targetPlatforms'),
    };
    const builds = configBuilds(own(data, 'builds'), path, error);
    if (problems.some((p) => p.level === 'error')) return done(empty());
    return done({ path, kind, rules, lint, overrides, failureThreshold, builds, problems });
  }

  unknownKeys(HADOLINT_KEYS, 'hadolint ');
  const rules: Record<string, SeveritySetting> = {};
  const override = own(data, 'override');
  if (override !== undefined && !isObject(override)) error(['override'], 'override must map hadolint levels (error, warning, info, style) to lists of codes');
  for (const [level, codes] of Object.entries(isObject(override) ? override : {})) {
    const severity = HADOLINT_LEVEL.get(level);
    if (!severity || !isStringList(codes)) {
      error(['override', level], `override.${level}: expected a hadolint level (error, warning, info, style) with a list of codes`);
      continue;
    }
    codes.forEach((code, i) => {
      if (isRuleKey(code, rulesByKey)) rules[code] = severity;
      else if (!/^SC\d+$/.test(code)) warning(['override', level, i], `override.${level}: "${code}" has no Seaworthy rule`);
    });
  }
  // ShellCheck codes and hadolint rules we do not have are fine in `ignored`: there is nothing to turn off
  for (const code of stringList('ignored', 'rule codes') ?? []) if (isRuleKey(code, rulesByKey)) rules[code] = 'off';
  const threshold = own(data, 'failure-threshold');
  const failureThreshold = typeof threshold === 'string' ? HADOLINT_THRESHOLD.get(threshold) : undefined;
  if (threshold !== undefined && !failureThreshold)
    error(['failure-threshold'], `failure-threshold must be error, warning, info, style, ignore or none, not ${JSON.stringify(threshold)}`);
  const noFail = boolean('no-fail') ?? false;
  const formatName = own(data, 'format');
  let format: string | undefined;
  if (formatName !== undefined) {
    if (typeof formatName !== 'string' || !HADOLINT_FORMAT.has(formatName))
      error(['format'], `format must be one of hadolint's formats (${[...HADOLINT_FORMAT.keys()].join(', ')}), not ${JSON.stringify(formatName)}`);
    else if (HADOLINT_FORMAT.get(formatName) === undefined)
      warning(['format'], `format: ${formatName} has no Seaworthy counterpart; the CLI prints its default (tty) unless --format says otherwise`);
    else format = HADOLINT_FORMAT.get(formatName);
  }
  const lint: LintConfig = {
    trustedRegistries: stringList('trustedRegistries', 'registry hosts', false),
    labelSchema: labelSchema('label-schema'),
    strictLabels: boolean('strict-labels') ?? false,
    disableIgnorePragma: boolean('disable-ignore-pragma') ?? false,
  };
  if (problems.some((p) => p.level === 'error')) return done(empty());
  return done({ path, kind, rules, lint, overrides: [], failureThreshold, ...(noFail && { noFail }), ...(format && { format }), builds: [], problems });
}

const BUILD_KEYS = ['name', 'dockerfile', 'context', 'target', 'args', 'platforms', 'contexts'];
const scalar = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

/**
 * `builds:` — a build no compose, Bake or workflow file describes: `{ dockerfile, context, target, args, platforms,
 * contexts, name }`, paths relative to the config file's folder; the context defaults to the Dockerfile's folder.
 */
function configBuilds(v: unknown, path: string, error: (where: Path, message: string) => void): Build[] {
  if (v === undefined || v === null) return [];
  const shape = '{ dockerfile, context, target, args, platforms }';
  if (!Array.isArray(v)) {
    error(['builds'], `builds must be a list of builds ${shape}`);
    return [];
  }
  const folder = dirname(path);
  const builds: Build[] = [];
  v.forEach((b, i) => {
    const at = `builds[${i}]`;
    if (!isObject(b)) return error(['builds', i], `${at} must be a mapping ${shape}`);
    let ok = true;
    const fail = (key: string, message: string) => {
      ok = false;
      error(['builds', i, key], `${at}.${key} ${message}`);
    };
    for (const key of Object.keys(b)) if (!BUILD_KEYS.includes(key)) fail(key, `is not a build setting (known: ${BUILD_KEYS.join(', ')})`);
    const text = (key: string): string | undefined => {
      const value = own(b, key);
      if (value === undefined) return undefined;
      if (typeof value !== 'string' || value.trim() === '') fail(key, 'must be a string (a path, a stage name)');
      return typeof value === 'string' ? value : undefined;
    };
    const dockerfile = text('dockerfile');
    if (own(b, 'dockerfile') === undefined) {
      ok = false;
      error(['builds', i], `${at} needs dockerfile: the Dockerfile's path, relative to this file`);
    }
    const context = text('context');
    const target = text('target');
    const name = text('name');
    const args: Record<string, string> = Object.create(null) as Record<string, string>;
    const rawArgs = own(b, 'args');
    if (rawArgs !== undefined && !isObject(rawArgs)) fail('args', 'must map build arg names to values');
    for (const [key, value] of Object.entries(isObject(rawArgs) ? rawArgs : {})) {
      const s = scalar(value);
      if (s === undefined) fail('args', `.${key} must be a string, not ${JSON.stringify(value)}`);
      else args[key] = s;
    }
    const contexts: Record<string, string> = Object.create(null) as Record<string, string>;
    const rawContexts = own(b, 'contexts');
    if (rawContexts !== undefined && !isObject(rawContexts)) fail('contexts', 'must map context names to values (docker-image://…, a path)');
    for (const [key, value] of Object.entries(isObject(rawContexts) ? rawContexts : {})) {
      if (typeof value !== 'string') fail('contexts', `.${key} must be a string, not ${JSON.stringify(value)}`);
      else contexts[key] = value;
    }
    const platforms = own(b, 'platforms');
    if (platforms !== undefined && !isStringList(platforms))
      fail('platforms', `must be a list of platforms (linux/amd64 …)${typeof platforms === 'string' ? ` (write [${JSON.stringify(platforms)}] for one)` : ''}`);
    if (!ok || dockerfile === undefined) return;
    const dockerfilePath = localPath(folder, dockerfile);
    const contextPath = context === undefined ? dockerfilePath && dirname(dockerfilePath) : localPath(folder, context);
    if (!dockerfilePath || !contextPath) return fail(context !== undefined && !contextPath ? 'context' : 'dockerfile', 'must be a local path');
    builds.push({
      label: `${basename(path)} ${name ? `build ${name}` : at}`,
      file: path,
      dockerfile: dockerfilePath,
      context: contextPath,
      target,
      args,
      platforms: (platforms as string[] | undefined) ?? [],
      ...(Object.keys(contexts).length ? { contexts } : {}),
    });
  });
  return builds;
}

/** The rule severities that apply to one Dockerfile (path relative to the config file's folder, with / separators). */
export function rulesFor(config: ConfigFile, relativePath: string): Record<string, SeveritySetting> {
  const out = { ...config.rules };
  for (const o of config.overrides) {
    // globs without a slash match the file's name in any folder (picomatch's matchBase)
    const matchBase = !o.files.some((f) => f.includes('/'));
    if (globMatcher(o.files)(matchBase ? relativePath.slice(relativePath.lastIndexOf('/') + 1) : relativePath)) Object.assign(out, o.rules);
  }
  return out;
}
