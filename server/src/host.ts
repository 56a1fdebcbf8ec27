// The only module that reads files: the .dockerignore that applies to a Dockerfile, config files, build files, the
// parser's WASM files. The CLI and the server share it, so they cannot disagree about which .dockerignore applies.
// Files come from repositories that may be hostile: only regular files are read, and only up to a size cap, so a
// `.hadolint.yaml -> /dev/zero` or a FIFO named `.seaworthy.yaml` is refused with a reason instead of eating memory
// or hanging.
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { bakeBuilds, BAKE_FILES, parseBakeJson, type BakeParse } from './builds/bake';
import { buildKey, describeBuildProblem, type Build, type BuildFileProblem, type BuildFileRead } from './builds/build';
import { composeBuilds, composeOverrideOf, COMPOSE_FILES } from './builds/compose';
import { forgetHclParser, hclParserReady, initHclParser, parseBakeHcl } from './builds/hcl';
import { workflowBuilds } from './builds/workflow';
import { parseConfigFile, type ConfigFile } from './config/configFile';
import type { BuildInput } from './engine/builds';
import type { DockerignoreView } from './engine/rule';
import { ruleByKey } from './rules';
import { initShellParser, reloadShellParser } from './engine/model';

export class ConfigError extends Error {}

/** A file that was not read, and why (`reason` completes "not read: …"); `size` is set when it was too large. */
export class FileRefused extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly size?: number,
  ) {
    super(`${path}: not read: ${reason}`);
  }
}

/** Caps on what is read: config files and ignore files are small; a Dockerfile's cap follows the lint's size limit. */
export const MAX_CONFIG_BYTES = 1 << 20;
export const MAX_IGNORE_BYTES = 4 << 20;
/** A UTF-16 code unit takes at most 3 bytes of UTF-8: a file of more bytes has more characters than the limit. */
export const maxTextBytes = (maxLength: number): number => maxLength * 3 + 3;

const kindOf = (st: Stats): string =>
  st.isDirectory()
    ? 'a directory'
    : st.isFIFO()
      ? 'a FIFO'
      : st.isCharacterDevice()
        ? 'a character device'
        : st.isBlockDevice()
          ? 'a block device'
          : st.isSocket()
            ? 'a socket'
            : 'not a file';

const size = (n: number): string => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`);

/**
 * The bytes of a regular file (symlinks followed), at most `maxBytes`. Throws FileRefused for anything else (a FIFO,
 * a device, a directory, a larger file) and the system's error when it cannot be opened. The file is opened without
 * blocking, so a FIFO is refused instead of waiting for a writer.
 */
export function readRegularFile(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new FileRefused(path, `it is ${kindOf(st)}, not a regular file`);
    if (st.size > maxBytes) throw new FileRefused(path, `it has ${size(st.size)}, over the limit of ${size(maxBytes)}`, st.size);
    // read to the end, not to the size fstat gave: the file may be growing
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new FileRefused(path, `it grew past the limit of ${size(maxBytes)} while being read`, total);
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** readRegularFile as UTF-8 text. */
export const readRegularText = (path: string, maxBytes: number): string => readRegularFile(path, maxBytes).toString('utf8');

const wasmDir = (name: string): string => {
  const dir = [__dirname, join(__dirname, '..', 'dist')].find((d) => existsSync(join(d, name)));
  if (!dir) throw new Error(`${name} not found beside ${__dirname}; run the build first`);
  return dir;
};

/** CPU time this process has used, ms (the shell parser's allowance is measured in it) */
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

let shellLoading: Promise<void> | undefined;
let hclLoading: Promise<void> | undefined;

/** Loads tree-sitter and its bash grammar from beside the running bundle (once: the runtime must not start twice). */
export function loadShellParser(): Promise<void> {
  return (shellLoading ??= (async () => {
    const dir = wasmDir('tree-sitter-bash.wasm');
    await initShellParser({ runtime: readFileSync(join(dir, 'tree-sitter.wasm')), bash: readFileSync(join(dir, 'tree-sitter-bash.wasm')) }, cpuMs);
  })());
}

/** Loads the HCL grammar (for docker-bake.hcl) into the same runtime; only when a Bake HCL file is met. */
export const loadHclParser = (): Promise<void> =>
  (hclLoading ??= loadShellParser().then(() => initHclParser(readFileSync(join(wasmDir('tree-sitter-hcl.wasm'), 'tree-sitter-hcl.wasm')))));

/**
 * Starts tree-sitter afresh after a lint was stopped in the middle of it (see reloadShellParser); the HCL grammar,
 * which lived in the old runtime, is loaded again when a Bake HCL file is next met.
 */
export async function reloadParsers(): Promise<void> {
  forgetHclParser();
  hclLoading = undefined;
  await reloadShellParser();
}

/** A file that was not written, and why (`reason` completes "not written: …"). */
export class WriteRefused extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: not written: ${reason}`);
  }
}

const WRITE_ERRORS = new Map([
  ['ENOSPC', 'the disk is full'],
  ['EFBIG', 'the file-size limit (ulimit -f) was reached'],
  ['EDQUOT', 'the disk quota is used up'],
  ['EROFS', 'the file system is read-only'],
  ['EACCES', 'permission denied'],
  ['EPERM', 'permission denied'],
]);

/**
 * Replaces a file's bytes the way a careful editor saves: the new bytes go to a temporary file beside it (with the
 * file's mode and owner), which is renamed over the file only while the file still holds `expected` (what was read
 * and fixed). A full disk, a file-size limit or a crash leave the file as it was; an edit made meanwhile is never
 * overwritten; a read-only file is left alone. A symlink is kept: the file it points to is replaced.
 * Throws WriteRefused with a reason a user can act on.
 */
export function replaceFile(path: string, content: string | Buffer, expected: Buffer): void {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  let real: string;
  let st: Stats;
  try {
    real = realpathSync(path);
    st = statSync(real);
  } catch (e) {
    throw new WriteRefused(path, `it is gone (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (!st.isFile()) throw new WriteRefused(path, `it is ${kindOf(st)}, not a regular file`);
  const readOnly = () => {
    try {
      accessSync(real, constants.W_OK);
      return (st.mode & 0o222) === 0;
    } catch {
      return true;
    }
  };
  if (readOnly()) throw new WriteRefused(path, 'it is read-only');
  const unchanged = () => {
    try {
      return readRegularFile(real, expected.length).equals(expected);
    } catch {
      return false;
    }
  };
  if (!unchanged()) throw new WriteRefused(path, 'it changed on disk since it was read; run again');
  const temp = join(dirname(real), `.${basename(real)}.seaworthy-${process.pid}-${randomBytes(4).toString('hex')}`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    fchmodSync(fd, st.mode & 0o7777);
    try {
      fchownSync(fd, st.uid, st.gid);
    } catch {
      /* only root may give a file away; ours stays ours */
    }
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (!unchanged()) throw new WriteRefused(path, 'it changed on disk while the new text was being written; run again');
    renameSync(temp, real);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    if (e instanceof WriteRefused) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new WriteRefused(path, `${(code && WRITE_ERRORS.get(code)) ?? 'it could not be written'} (${code ?? String(e)})`);
  }
}

/**
 * Creates a file that must not exist, not even as a dangling symlink (which would create its target elsewhere).
 * Throws WriteRefused when something is there or it cannot be written.
 */
export function createNewFile(path: string, content: string): void {
  let fd: number | undefined;
  try {
    // O_EXCL: fails on anything at the path, a symlink included, whatever it points to
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o666);
    const bytes = Buffer.from(content, 'utf8');
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    closeSync(fd);
  } catch (e) {
    if (fd !== undefined) {
      closeSync(fd);
      rmSync(path, { force: true });
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new WriteRefused(path, lstatSync(path).isSymbolicLink() ? 'a symlink is there' : 'a file is there already');
    throw new WriteRefused(path, `${(code && WRITE_ERRORS.get(code)) ?? 'it could not be written'} (${code ?? String(e)})`);
  }
}

const isSymlink = (path: string): boolean => {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
};

/** Whether `path` is `folder` or lies below it (no symlinks resolved). */
const isWithin = (path: string, folder: string): boolean => {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
};

/** `path` relative to the folder of `file`, with / ('.' for that folder). */
const fromFolderOf = (file: string, path: string): string =>
  relative(dirname(resolve(file)), resolve(path))
    .split(sep)
    .join('/') || '.';

/** Two paths of one file: equal, or the same file once symlinks are resolved. */
function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** The workflow files of a `.github/workflows` folder, sorted; none when it is not there. */
function workflowFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort();
  } catch {
    return [];
  }
}

/** Whether `path` (symlinks resolved) lies inside `folder` (symlinks resolved): a build context, a repository. */
export function staysInside(path: string, folder: string): boolean {
  try {
    const rel = relative(realpathSync(folder), realpathSync(path));
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
  } catch {
    return false;
  }
}

const SEAWORTHY_CONFIG = ['.seaworthy.yaml', '.seaworthy.yml'];
const HADOLINT_CONFIG = ['.hadolint.yaml', '.hadolint.yml'];

/**
 * hadolint's user-level configuration files, in the order hadolint looks for them (its README, "Configure"):
 * $XDG_CONFIG_HOME/hadolint.yaml (%LOCALAPPDATA% on Windows), ~/.config/hadolint.yaml, ~/.hadolint/hadolint.yaml,
 * ~/hadolint/config.yaml, ~/.hadolint.yaml; each also as .yml.
 */
function userHadolintConfigs(env: NodeJS.ProcessEnv = process.env): string[] {
  const home = env.HOME || env.USERPROFILE || homedir();
  const configHome = process.platform === 'win32' ? env.LOCALAPPDATA : env.XDG_CONFIG_HOME;
  const stems = [
    ...(configHome ? [join(configHome, 'hadolint')] : []),
    join(home, '.config', 'hadolint'),
    join(home, '.hadolint', 'hadolint'),
    join(home, 'hadolint', 'config'),
    join(home, '.hadolint'),
  ];
  return stems.flatMap((stem) => [`${stem}.yaml`, `${stem}.yml`]);
}

/** The builds that name one Dockerfile, and the folder its context is assumed to be when none does. */
export interface BuildsFound {
  /** from compose, Bake and workflow files and the config's `builds:`, identical ones once */
  readonly builds: readonly Build[];
  /** the folder the search for build files stopped at (the git repository, the workspace folder or the path given) */
  readonly root: string;
}

const WORKFLOWS = join('.github', 'workflows');

/**
 * What a reader makes of a build file, or, if it fails all the same (a bug, or input nested past the stack's depth),
 * that failure as the file's problem: said once, and the Dockerfile is linted as if the file were not there.
 */
function understood<T extends BuildFileRead | BakeParse>(file: string, read: () => T): T | { builds: []; problem: BuildFileProblem } {
  try {
    return read();
  } catch (e) {
    const why = e instanceof RangeError ? 'it nests too deeply' : `internal error: ${e instanceof Error ? e.message : String(e)}`;
    return { builds: [], problem: { file, message: `not read: ${why}`, line: 0, character: 0 } };
  }
}

export class Host {
  private readonly ignoreCache = new Map<string, DockerignoreView | null | undefined>();
  private readonly configCache = new Map<string, ConfigFile | undefined>();
  /** folder -> what its build files describe */
  private readonly buildFileCache = new Map<string, BuildFileRead[]>();
  private readonly gitRootCache = new Map<string, string | undefined>();
  /** folders searches may stop at (workspace folders, folders given to the CLI), when no git repository holds a file */
  private roots: readonly string[] = [];

  /** @param warn told once (per cached lookup) about a file that was found but refused, e.g. a FIFO named .dockerignore */
  constructor(private readonly warn: (message: string) => void = () => undefined) {}

  /**
   * The team configuration for a Dockerfile: the nearest `.seaworthy.yaml` from its folder upwards, else the nearest
   * `.hadolint.yaml`, else the user's own hadolint configuration (~/.config/hadolint.yaml …). `explicit` (the CLI's
   * --config) wins. Cached per folder until forgetConfigs().
   */
  configFor(dockerfilePath: string, explicit?: string): ConfigFile | undefined {
    if (explicit) return this.readConfig(explicit, /hadolint/i.test(basename(explicit)) ? 'hadolint' : 'seaworthy', true);
    const start = dirname(dockerfilePath);
    if (this.configCache.has(start)) return this.configCache.get(start);
    let found: ConfigFile | undefined;
    for (const names of [SEAWORTHY_CONFIG, HADOLINT_CONFIG]) {
      for (let dir = start; !found; dir = dirname(dir)) {
        const name = names.find((n) => existsSync(join(dir, n)));
        if (name) found = this.readConfig(join(dir, name), names === SEAWORTHY_CONFIG ? 'seaworthy' : 'hadolint', false);
        if (dirname(dir) === dir) break;
      }
      if (found) break;
    }
    if (!found) {
      const user = userHadolintConfigs().find((path) => existsSync(path));
      if (user) found = this.readConfig(user, 'hadolint', false);
    }
    this.configCache.set(start, found);
    return found;
  }

  forgetConfigs(): void {
    this.configCache.clear();
  }

  /** The folders a search for build files and `.dockerignore` files may stop at, unless a git repository is larger. */
  setRoots(roots: readonly string[]): void {
    this.roots = roots.map((r) => resolve(r));
  }

  /**
   * Where searches above a Dockerfile stop: its git repository's root, else the innermost root given (a workspace
   * folder, a folder given to the CLI) that holds it, else its own folder.
   */
  rootFor(dockerfilePath: string): string {
    const start = dirname(resolve(dockerfilePath));
    const git = this.gitRoot(start);
    if (git) return git;
    const holding = this.roots.filter((r) => isWithin(start, r)).sort((a, b) => b.length - a.length);
    return holding[0] ?? start;
  }

  private gitRoot(dir: string): string | undefined {
    if (this.gitRootCache.has(dir)) return this.gitRootCache.get(dir);
    const found = existsSync(join(dir, '.git')) ? dir : dirname(dir) === dir ? undefined : this.gitRoot(dirname(dir));
    this.gitRootCache.set(dir, found);
    return found;
  }

  /**
   * The builds that name this Dockerfile: compose services, Bake targets and workflow steps found in its folder and
   * each folder above it up to its root, and the config's `builds:`. A build file that cannot be read or understood is
   * said once (through `warn`) and gives no builds; the Dockerfile is linted all the same.
   */
  async buildsFor(dockerfilePath: string, config?: ConfigFile): Promise<BuildsFound> {
    const file = resolve(dockerfilePath);
    const root = this.rootFor(file);
    const builds: Build[] = [];
    for (let dir = dirname(file); ; dir = dirname(dir)) {
      for (const read of await this.buildFilesIn(dir, root)) builds.push(...read.builds.filter((b) => sameFile(b.dockerfile, file)));
      if (dir === root || dirname(dir) === dir || !isWithin(dir, root)) break;
    }
    builds.push(...(config?.builds ?? []).filter((b) => sameFile(b.dockerfile, file)));
    const seen = new Set<string>();
    return { builds: builds.filter((b) => !seen.has(buildKey(b)) && !!seen.add(buildKey(b))), root };
  }

  /**
   * What the engine lints a Dockerfile for: each build that names it, with the .dockerignore of that build's context
   * (null unless `readIgnore`: no rule that runs reads it); without one, the build assumed (the Dockerfile's folder as
   * the context).
   */
  async buildInputsFor(dockerfilePath: string, config?: ConfigFile, readIgnore = true): Promise<BuildInput[]> {
    const file = resolve(dockerfilePath);
    const { builds } = await this.buildsFor(file, config);
    const ignoreOf = (context?: string) => (readIgnore ? this.dockerignoreFor(dockerfilePath, context) : null);
    if (builds.length === 0) {
      const dockerignore = ignoreOf();
      const ancestor = dockerignore === undefined ? this.ancestorDockerignore(file) : undefined;
      return [{ dockerignore, platforms: [], context: '.', assumed: ancestor ? { ancestorDockerignore: fromFolderOf(file, ancestor) } : {} }];
    }
    return builds.map((b) => ({
      label: b.label,
      dockerignore: ignoreOf(b.context),
      platforms: b.platforms,
      context: fromFolderOf(file, b.context),
      target: b.target,
      args: b.args,
      argsUnknown: b.argsUnknown,
      ...(b.contexts && Object.keys(b.contexts).length ? { contexts: b.contexts } : {}),
    }));
  }

  /** Drops what build files said (one was created, changed or deleted). */
  forgetBuilds(): void {
    this.buildFileCache.clear();
    this.gitRootCache.clear();
  }

  private async buildFilesIn(dir: string, root: string): Promise<BuildFileRead[]> {
    const cached = this.buildFileCache.get(dir);
    if (cached) return cached;
    const reads: BuildFileRead[] = [];
    const read = (path: string): string | BuildFileRead | undefined => {
      if (!existsSync(path)) return undefined;
      // a build file that leads out of the project is not read: its text could end up in a message
      if (isSymlink(path) && !staysInside(path, root))
        return { builds: [], problem: { file: path, message: `not read: it is a symlink to a file outside ${root}`, line: 0, character: 0 } };
      try {
        return readRegularText(path, MAX_CONFIG_BYTES);
      } catch (e) {
        const reason = e instanceof FileRefused ? e.reason : `cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
        return { builds: [], problem: { file: path, message: `not read: ${reason}`, line: 0, character: 0 } };
      }
    };
    const compose = COMPOSE_FILES.find((n) => existsSync(join(dir, n)));
    if (compose) {
      const texts: { text: string; file: string }[] = [];
      for (const name of [compose, composeOverrideOf(compose)]) {
        const got = read(join(dir, name));
        if (typeof got === 'string') texts.push({ text: got, file: join(dir, name) });
        else if (got) reads.push(got);
      }
      if (!reads.some((r) => r.problem)) reads.push(understood(join(dir, compose), () => composeBuilds(texts)));
    }
    // one project: a file that cannot be read or parsed leaves it incomplete, so none of its targets is taken
    const bakes: BakeParse[] = [];
    let broken = false;
    for (const name of BAKE_FILES) {
      const path = join(dir, name);
      const got = read(path);
      if (got === undefined) continue;
      if (typeof got !== 'string') {
        reads.push(got);
        broken = true;
        continue;
      }
      if (!name.endsWith('.json') && !hclParserReady()) await loadHclParser();
      const parsed = understood(path, () => (name.endsWith('.json') ? parseBakeJson(got, path) : parseBakeHcl(got, path)));
      if ('problem' in parsed) {
        reads.push({ builds: [], problem: parsed.problem });
        broken = true;
      } else bakes.push(parsed);
    }
    if (bakes.length && !broken) reads.push(understood(join(dir, BAKE_FILES.find((n) => existsSync(join(dir, n))) ?? BAKE_FILES[0]), () => bakeBuilds(bakes)));
    for (const name of workflowFiles(join(dir, WORKFLOWS))) {
      const path = join(dir, WORKFLOWS, name);
      const got = read(path);
      if (typeof got === 'string') reads.push(understood(path, () => workflowBuilds(got, path)));
      else if (got) reads.push(got);
    }
    for (const r of reads) if (r.problem) this.warn(`${describeBuildProblem(r.problem)}; the builds it describes were not read`);
    this.buildFileCache.set(dir, reads);
    return reads;
  }

  private readConfig(path: string, kind: 'seaworthy' | 'hadolint', mustExist: boolean): ConfigFile | undefined {
    let text: string;
    try {
      text = readRegularText(path, MAX_CONFIG_BYTES);
    } catch (e) {
      // there but refused (a FIFO, a device, too large): an error of the config file like any other, so the CLI stops
      // rather than lint without the team's policy, and the editor says so and lints with the defaults
      if (e instanceof FileRefused)
        return { ...parseConfigFile('', path, kind, ruleByKey), problems: [{ level: 'error', message: `not read: ${e.reason}`, line: 0, character: 0 }] };
      if (!mustExist) return undefined;
      throw new ConfigError(`${path}: cannot read the config file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    return parseConfigFile(text, path, kind, ruleByKey);
  }

  /**
   * The ignore file BuildKit uses for this Dockerfile built with `context` (default: the Dockerfile's folder):
   * `<Dockerfile>.dockerignore` beside the Dockerfile wins over the context's `.dockerignore`.
   */
  dockerignoreFor(dockerfilePath: string, context: string = dirname(dockerfilePath)): DockerignoreView | null | undefined {
    const dir = dirname(dockerfilePath);
    const candidates = [
      { dir, name: `${basename(dockerfilePath)}.dockerignore` },
      { dir: context, name: '.dockerignore' },
    ];
    const key = `${context}\0${dockerfilePath}`;
    if (this.ignoreCache.has(key)) return this.ignoreCache.get(key);
    let found: DockerignoreView | null | undefined;
    for (const { dir: where, name } of candidates) {
      const path = join(where, name);
      if (!existsSync(path)) {
        // a dangling symlink: BuildKit cannot read it, and creating "it" would create its target somewhere else
        if (isSymlink(path)) {
          this.warn(`${path}: not read: it is a symlink to nothing; rules that read the .dockerignore were skipped`);
          found = null;
          break;
        }
        continue;
      }
      try {
        const raw = readRegularFile(path, MAX_IGNORE_BYTES);
        const text = raw.toString('utf8');
        const notEditable = !staysInside(path, where)
          ? `${name} is a symlink to a file outside the build context`
          : !Buffer.from(text, 'utf8').equals(raw)
            ? `${name} is not valid UTF-8`
            : undefined;
        const relativePath = fromFolderOf(dockerfilePath, path);
        found = { fileName: name, text, ...(relativePath !== name ? { path: relativePath } : {}), ...(notEditable ? { notEditable } : {}) };
        break;
      } catch (e) {
        // there, but a FIFO, a device or too large: BuildKit would fail on it too; the rules that read it stay quiet
        if (e instanceof FileRefused) {
          this.warn(`${e.message}; rules that read the .dockerignore were skipped`);
          found = null;
          break;
        }
        // unreadable: try the next one
      }
    }
    this.ignoreCache.set(key, found);
    return found;
  }

  /**
   * The nearest folder above a Dockerfile's own, up to its root, that has a `.dockerignore`: the context is perhaps
   * that folder when no build file says which it is.
   */
  ancestorDockerignore(dockerfilePath: string): string | undefined {
    const file = resolve(dockerfilePath);
    const root = this.rootFor(file);
    for (let dir = dirname(file); dir !== root && isWithin(dir, root) && dirname(dir) !== dir; ) {
      dir = dirname(dir);
      if (existsSync(join(dir, '.dockerignore'))) return dir;
    }
    return undefined;
  }

  /** Drops what is cached for a folder (a .dockerignore there was created, changed or deleted). */
  forgetFolder(dir: string): void {
    for (const key of this.ignoreCache.keys()) {
      const [context, dockerfile] = key.split('\0');
      if (context === dir || dirname(dockerfile) === dir) this.ignoreCache.delete(key);
    }
  }
}
