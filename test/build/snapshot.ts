// What a built image is, for comparing two builds: its runtime config, its installed packages (dpkg's own database,
// read by dpkg-query) and its files with type, owner and mode — leaving out caches, package lists and temporary folders.
import type { Buildah, Container, ImageConfig } from './buildah';
import { run } from './buildah';

export interface Snapshot {
  readonly tag: string;
  readonly config: ImageConfig;
  /** package:arch -> version */
  readonly packages: ReadonlyMap<string, string>;
  /** path (no leading slash) -> "type uid:gid mode [-> target]" */
  readonly files: ReadonlyMap<string, string>;
  readonly container: Container;
}

/** Paths whose content is a cache, a download list, a log or scratch space: a fix that cleans them changes nothing that runs. */
const VOLATILE = [
  /^var\/lib\/apt\/lists(\/|$)/,
  /^var\/cache\//,
  /^var\/log\//,
  /^var\/lib\/dpkg\/[^/]*-old$/,
  /^tmp\//,
  /^var\/tmp\//,
  /^run\//,
  /^(root|home\/[^/]+)\/\.(cache|npm|wget-hsts)(\/|$)/,
  /(^|\/)__pycache__(\/|$)/,
  // RUN leaves these mount points behind; every container runtime mounts its own over them
  /^etc\/(hosts|hostname|resolv\.conf)$/,
];

export const isVolatile = (path: string) => VOLATILE.some((re) => re.test(path));

export async function snapshot(b: Buildah, tag: string, name: string): Promise<Snapshot> {
  const config = await b.config(tag);
  const container = await b.container(tag, name);
  const root = container.mountPoint;
  const find = await run('find', [root, '-mindepth', '1', '-printf', '%P\\t%y %U:%G %m\\t%l\\n']);
  if (find.code !== 0) throw new Error(`find in ${root} failed: ${find.stderr.trim()}`);
  const files = new Map<string, string>();
  for (const line of find.stdout.split('\n')) {
    if (!line) continue;
    const [path, meta, target] = line.split('\t');
    if (isVolatile(path)) continue;
    files.set(path, target ? `${meta} -> ${target}` : meta);
  }
  const packages = new Map<string, string>();
  const dpkg = await run('dpkg-query', [`--admindir=${root}/var/lib/dpkg`, '-W', '-f', '${db:Status-Abbrev}\\t${Package}:${Architecture}\\t${Version}\\n']);
  if (dpkg.code !== 0) throw new Error(`dpkg-query in ${root} failed: ${dpkg.stderr.trim()}`);
  for (const line of dpkg.stdout.split('\n')) {
    const [status, pkg, version] = line.split('\t');
    if (status?.startsWith('ii')) packages.set(pkg, version);
  }
  return { tag, config, packages, files, container };
}

/** The config fields that decide how a container runs. Labels and the author are metadata and are not compared. */
export const RUNTIME_FIELDS = ['User', 'Entrypoint', 'Cmd', 'Env', 'WorkingDir', 'ExposedPorts', 'Healthcheck', 'Shell', 'StopSignal', 'Volumes'] as const;
export type RuntimeField = (typeof RUNTIME_FIELDS)[number];

const norm = (v: unknown): string => {
  if (v === undefined || v === null || v === '') return '';
  if (Array.isArray(v)) return v.length ? JSON.stringify(v) : '';
  if (typeof v === 'object') return Object.keys(v).length ? JSON.stringify(Object.keys(v).sort()) : '';
  return JSON.stringify(v);
};

export const envMap = (c: ImageConfig): Map<string, string> => new Map((c.Env ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));

export interface Differences {
  /** runtime config fields that differ (Env is compared per variable, in `env`) */
  config: { field: RuntimeField; before: string; after: string }[];
  env: { name: string; before?: string; after?: string }[];
  packages: { name: string; before?: string; after?: string }[];
  files: { path: string; before?: string; after?: string }[];
}

export function differences(a: Snapshot, b: Snapshot): Differences {
  const d: Differences = { config: [], env: [], packages: [], files: [] };
  for (const field of RUNTIME_FIELDS) {
    if (field === 'Env') continue;
    const before = norm(a.config[field]);
    const after = norm(b.config[field]);
    if (before !== after) d.config.push({ field, before, after });
  }
  const ea = envMap(a.config);
  const eb = envMap(b.config);
  for (const name of new Set([...ea.keys(), ...eb.keys()])) if (ea.get(name) !== eb.get(name)) d.env.push({ name, before: ea.get(name), after: eb.get(name) });
  for (const name of new Set([...a.packages.keys(), ...b.packages.keys()]))
    if (a.packages.get(name) !== b.packages.get(name)) d.packages.push({ name, before: a.packages.get(name), after: b.packages.get(name) });
  for (const path of new Set([...a.files.keys(), ...b.files.keys()]))
    if (a.files.get(path) !== b.files.get(path)) d.files.push({ path, before: a.files.get(path), after: b.files.get(path) });
  d.files.sort((x, y) => x.path.localeCompare(y.path));
  return d;
}

export const noDifferences = (d: Differences) => !d.config.length && !d.env.length && !d.packages.length && !d.files.length;
