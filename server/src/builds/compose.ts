// Compose files (compose.yaml, docker-compose.yml …): the services that build a Dockerfile.
// Read: `build: ./dir`, and build.context (relative to the compose file's folder), build.dockerfile (relative to the
// context), build.target, build.args (a mapping or a list of KEY=VALUE), build.platforms (else the service's
// `platform`), build.additional_contexts (named contexts: a FROM naming one is built on it). Services built from `dockerfile_inline` or a remote context name no Dockerfile here and are skipped.
// Interpolation: the environment and .env files are not read, so `${VAR:-default}` takes its default, `$$` is `$`,
// and `${VAR}` is a value not known here. Not evaluated: `extends`, `include`, profiles.
import { dirname } from 'node:path';
import { localPath, orDefault, type Build, type BuildFileProblem, type BuildFileRead, type Known } from './build';
import { isMap, own, placeOf, readYaml, scalarText, type YamlMap } from './yaml';

/** The compose file names Compose looks for, in its order; each may have an `.override` beside it. */
export const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
export const composeOverrideOf = (name: string): string => name.replace(/\.(ya?ml)$/, '.override.$1');

interface ServiceBuild {
  spec: YamlMap;
  args: Record<string, Known<string>>;
  platform: unknown;
}

/**
 * The builds of one compose project: its file and, after it, the override file beside it (whose build settings are
 * merged over the first's, args key by key, as Compose does). A file with a problem gives no builds.
 */
export function composeBuilds(files: readonly { readonly text: string; readonly file: string }[]): BuildFileRead {
  const services = new Map<string, ServiceBuild>();
  for (const { text, file } of files) {
    const read = readServices(text, file);
    if ('problem' in read) return { builds: [], problem: read.problem };
    for (const [name, s] of read.services) {
      const before = services.get(name);
      services.set(name, before ? { spec: { ...before.spec, ...s.spec }, args: { ...before.args, ...s.args }, platform: s.platform ?? before.platform } : s);
    }
  }
  const file = files[0]?.file ?? '';
  const base = dirname(file);
  const builds: Build[] = [];
  for (const [name, { spec, args, platform }] of services) {
    if (own(spec, 'dockerfile_inline') !== undefined) continue;
    const text = (key: string): Known<string> | undefined => {
      const v = own(spec, key);
      return v === undefined || v === null ? undefined : interpolate(scalarText(v) ?? '');
    };
    const context = orDefault(text('context'), '.');
    const dockerfile = orDefault(text('dockerfile'), 'Dockerfile');
    if (context === null || dockerfile === null) continue; // a path not known here names no file we can match
    const contextPath = localPath(base, context);
    const dockerfilePath = contextPath && localPath(contextPath, dockerfile);
    if (!contextPath || !dockerfilePath) continue;
    const platforms = Array.isArray(own(spec, 'platforms'))
      ? (own(spec, 'platforms') as string[]).map(interpolate).filter((p): p is string => !!p)
      : typeof platform === 'string'
        ? [interpolate(platform)].filter((p): p is string => !!p)
        : [];
    const contexts = namedContexts(own(spec, 'additional_contexts'));
    builds.push({
      label: `compose service ${name}`,
      file,
      dockerfile: dockerfilePath,
      context: contextPath,
      target: text('target'),
      args,
      platforms,
      ...(contexts ? { contexts } : {}),
    });
  }
  return { builds };
}

/** The services of one file that have a build, checked for the types Compose accepts. */
function readServices(text: string, file: string): { services: Map<string, ServiceBuild> } | { problem: BuildFileProblem } {
  const read = readYaml(text, file);
  if (read.problem) return { problem: read.problem };
  const fail = (path: (string | number)[], message: string) => ({ problem: { file, message, ...placeOf(text, path) } });
  const found = new Map<string, ServiceBuild>();
  const data = read.data;
  if (!isMap(data)) return fail([], 'expected a mapping with `services` at the top level');
  const services = own(data, 'services');
  if (services === undefined || services === null) return { services: found };
  if (!isMap(services)) return fail(['services'], '`services` must map service names to their settings');
  for (const [name, service] of Object.entries(services)) {
    if (!isMap(service)) {
      if (service !== null) return fail(['services', name], `services.${name} must be a mapping`);
      continue;
    }
    const build = own(service, 'build');
    if (build === undefined || build === null) continue;
    const at = ['services', name, 'build'];
    const spec: YamlMap | undefined = typeof build === 'string' ? { context: build } : isMap(build) ? build : undefined;
    if (!spec) return fail(at, `services.${name}.build must be a path or a mapping (context, dockerfile, target, args …)`);
    for (const key of ['context', 'dockerfile', 'target']) {
      const v = own(spec, key);
      if (v !== undefined && v !== null && scalarText(v) === null) return fail([...at, key], `services.${name}.build.${key} must be a string`);
    }
    const args = composeArgs(own(spec, 'args'));
    if (typeof args === 'string') return fail([...at, 'args'], `services.${name}.build.args ${args}`);
    const contexts = composeArgs(own(spec, 'additional_contexts'));
    if (typeof contexts === 'string')
      return fail([...at, 'additional_contexts'], `services.${name}.build.additional_contexts ${contexts.replace('KEY=VALUE', 'NAME=VALUE')}`);
    const platforms = own(spec, 'platforms');
    if (platforms !== undefined && platforms !== null && (!Array.isArray(platforms) || !platforms.every((p) => typeof p === 'string'))) {
      return fail([...at, 'platforms'], `services.${name}.build.platforms must be a list of platforms (linux/amd64 …)`);
    }
    const platform = own(service, 'platform');
    found.set(name, { spec, args, platform: typeof platform === 'string' ? platform : undefined });
  }
  return { services: found };
}

/** build.additional_contexts (checked already): name -> value (`docker-image://…`, `service:name`, a path); undefined for none. */
function namedContexts(v: unknown): Record<string, Known<string>> | undefined {
  const contexts = v === undefined || v === null ? undefined : composeArgs(v);
  return typeof contexts === 'object' && Object.keys(contexts).length > 0 ? contexts : undefined;
}

/** build.args (and build.additional_contexts) as a mapping or a list of `KEY=VALUE` (`KEY` alone: from the environment, not known here); a string says what is wrong. */
function composeArgs(v: unknown): Record<string, Known<string>> | string {
  const args: Record<string, Known<string>> = Object.create(null) as Record<string, Known<string>>;
  if (v === undefined || v === null) return args;
  if (Array.isArray(v)) {
    for (const item of v) {
      const s = scalarText(item);
      if (s === null) return 'must list KEY=VALUE strings';
      const eq = s.indexOf('=');
      if (eq < 0) args[s] = null;
      else args[s.slice(0, eq)] = interpolate(s.slice(eq + 1));
    }
    return args;
  }
  if (!isMap(v)) return 'must be a mapping of names to values, or a list of KEY=VALUE';
  for (const [key, value] of Object.entries(v)) {
    const s = value === null ? null : scalarText(value);
    if (s === null && value !== null) return `.${key} must be a string`;
    args[key] = s === null ? null : interpolate(s);
  }
  return args;
}

/**
 * Compose's interpolation without an environment: `$$` is `$`; `${VAR:-default}` and `${VAR-default}` are their
 * default (itself interpolated); anything else that reads a variable makes the whole value unknown (null). One pass,
 * whatever the nesting (a `${A:-${B:-…}}` thousands deep is read in linear time, without recursion).
 */
export function interpolate(s: string): Known<string> {
  let out = '';
  /** for each `${NAME:-` still open (innermost last): how many plain `{` of its default are open */
  const open: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '$') {
      const next = s[i + 1];
      if (next === '$') {
        out += '$';
        i++;
      } else if (next === '{') {
        let j = i + 2;
        if (!isNameStart(s[j])) return null;
        while (j < s.length && isNamePart(s[j])) j++;
        if (s[j] === ':' && s[j + 1] === '-') j += 2;
        else if (s[j] === '-') j += 1;
        else return null; // ${VAR}, ${VAR:?err}, ${VAR:+alt}: the environment decides
        open.push(0);
        i = j - 1;
      } else if (isNameStart(next)) return null;
      else out += c;
    } else if (open.length > 0 && c === '{') {
      open[open.length - 1]++;
      out += c;
    } else if (open.length > 0 && c === '}') {
      if (open[open.length - 1] > 0) {
        open[open.length - 1]--;
        out += c;
      } else open.pop();
    } else out += c;
  }
  return open.length > 0 ? null : out;
}

const isNameStart = (c: string | undefined): boolean => c !== undefined && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_');
const isNamePart = (c: string): boolean => isNameStart(c) || (c >= '0' && c <= '9');
