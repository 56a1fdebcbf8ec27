// Registry mirrors: Docker's `registry-mirrors` for Docker Hub, and per-registry mirrors such as a Harbor proxy cache
// (`registry.example.com` -> `harbor.corp/proxy-cache`) or an Artifactory remote. A mirror is asked before the
// registry itself, under its own host: its credentials are its own, and the hardened rules of client.ts apply to it
// as to any registry.

/** Registry ("docker.io", "ghcr.io", "registry.example.com:5000") -> its mirrors, in the order they are asked. */
export type Mirrors = ReadonlyMap<string, readonly MirrorLocation[]>;

/** Where a mirror serves a registry's repositories: `host/prefix/<repository>`. */
export interface MirrorLocation {
  /** host[:port] */
  readonly host: string;
  /** path before the repository ("proxy-cache"), "" for none */
  readonly prefix: string;
}

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);
const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)(:\d{1,5})?$/;
const PATH = /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;

/** Without trailing slashes: a loop, as /\/+$/ would try every run of slashes to the end. */
function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '/') end--;
  return text.slice(0, end);
}

/** The name a registry is filed under: Docker Hub's aliases are docker.io; hosts are lower case. */
export const registryKey = (registry: string): string => {
  const r = withoutTrailingSlashes(
    registry
      .trim()
      .toLowerCase()
      .replace(/^https?:\/\//, ''),
  );
  return DOCKER_HUB.has(r) ? 'docker.io' : r;
};

/** "https://harbor.corp/proxy-cache/" -> { host: "harbor.corp", prefix: "proxy-cache" }; an error sentence when it is not a location. */
export function parseMirrorLocation(text: string): MirrorLocation | string {
  const bare = withoutTrailingSlashes(text.trim().replace(/^https?:\/\//i, ''));
  const slash = bare.indexOf('/');
  const host = (slash === -1 ? bare : bare.slice(0, slash)).toLowerCase();
  const prefix = slash === -1 ? '' : bare.slice(slash + 1);
  if (!host || !HOST.test(host)) return `"${text}" is not a mirror location (host[:port][/path], e.g. mirror.gcr.io or harbor.corp/proxy-cache)`;
  if (prefix && !PATH.test(prefix)) return `"${text}" has a path a registry cannot serve ("${prefix}"); use lower-case path components`;
  return { host, prefix };
}

/**
 * Mirrors from entries as the CLI and the environment give them: `MIRROR` (Docker Hub's, as dockerd's
 * --registry-mirror) or `REGISTRY=MIRROR`. Returns the mirrors and a sentence for each entry that is not one.
 */
export function mirrorsFromEntries(
  entries: readonly string[],
  into: Map<string, MirrorLocation[]> = new Map(),
): { mirrors: Map<string, MirrorLocation[]>; problems: string[] } {
  const problems: string[] = [];
  for (const entry of entries) {
    if (!entry.trim()) continue;
    const eq = entry.indexOf('=');
    const registry = eq === -1 ? 'docker.io' : entry.slice(0, eq);
    const location = parseMirrorLocation(eq === -1 ? entry : entry.slice(eq + 1));
    if (typeof location === 'string') {
      problems.push(location);
      continue;
    }
    if (!registry.trim() || !HOST.test(registryKey(registry))) {
      problems.push(`"${registry}" in "${entry}" is not a registry host`);
      continue;
    }
    add(into, registryKey(registry), location);
  }
  return { mirrors: into, problems };
}

/** Mirrors from the editor's setting: `{ "docker.io": ["mirror.gcr.io"], "registry.example.com": "harbor.corp/proxy-cache" }`. */
export function mirrorsFromSetting(value: unknown): { mirrors: Map<string, MirrorLocation[]>; problems: string[] } {
  const mirrors = new Map<string, MirrorLocation[]>();
  const problems: string[] = [];
  if (value === undefined || value === null) return { mirrors, problems };
  if (Array.isArray(value)) return mirrorsFromEntries(value.filter((v): v is string => typeof v === 'string')); // Docker's daemon.json shape
  if (typeof value !== 'object')
    return { mirrors, problems: ['seaworthy.registryMirrors maps a registry to its mirrors, e.g. { "docker.io": ["mirror.gcr.io"] }'] };
  for (const [registry, list] of Object.entries(value as Record<string, unknown>)) {
    const locations = typeof list === 'string' ? [list] : Array.isArray(list) ? list : [];
    if (!HOST.test(registryKey(registry))) {
      problems.push(`"${registry}" is not a registry host`);
      continue;
    }
    for (const l of locations) {
      const location = typeof l === 'string' ? parseMirrorLocation(l) : `the mirrors of ${registry} are strings`;
      if (typeof location === 'string') problems.push(location);
      else add(mirrors, registryKey(registry), location);
    }
  }
  return { mirrors, problems };
}

function add(into: Map<string, MirrorLocation[]>, registry: string, location: MirrorLocation): void {
  const list = into.get(registry) ?? [];
  if (!list.some((l) => l.host === location.host && l.prefix === location.prefix)) list.push(location);
  into.set(registry, list);
}

/** Where a repository of `registry` is asked on each of its mirrors (none when it has none). */
export function mirrorsFor(mirrors: Mirrors | undefined, registry: string, repository: string): { host: string; repository: string }[] {
  return (mirrors?.get(registryKey(registry)) ?? []).map((m) => ({ host: m.host, repository: m.prefix ? `${m.prefix}/${repository}` : repository }));
}

/** The mirrors as entries `REGISTRY=HOST[/PATH]`, as --registry-mirror takes them (settings keep them so, comparable and printable). */
export function mirrorEntries(mirrors: Mirrors): string[] {
  return [...mirrors].flatMap(([r, list]) => list.map((m) => `${r}=${m.host}${m.prefix ? `/${m.prefix}` : ''}`));
}
