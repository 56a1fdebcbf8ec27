// The only module that reads files: the .dockerignore that applies to a Dockerfile, config files, build files, the
// parser's WASM files. The CLI and the server share it, so they cannot disagree about which .dockerignore applies.
// Files come from repositories that may be hostile: only regular files are read, and only up to a size cap, so a
// `.hadolint.yaml -> /dev/zero` or a FIFO named `.seaworthy.yaml` is refused with a reason instead of eating memory
// or hanging.
import { randomBytes } from 'node:crypto';
import {
  accessSync, closeSync, constants, existsSync, fchmodSync, fchownSync, fstatSync, fsyncSync, lstatSync, openSync, readFileSync, readSync, realpathSync,
  renameSync, rmSync, statSync, writeSync, type Stats,
} from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { parseConfigFile, type ConfigFile } from './config/configFile';
import type { DockerignoreView } from './engine/rule';
import { ruleByKey } from './rules';
import { initShellParser } from './engine/model';

export class ConfigError extends Error {}

/** A file that was not read, and why (`reason` completes "not read: …"); `size` is set when it was too large. */
export class FileRefused extends Error {
  constructor(readonly path: string, readonly reason: string, readonly size?: number) {
    super(`${path}: not read: ${reason}`);
  }
}

/** Caps on what is read: config files and ignore files are small; a Dockerfile's cap follows the lint's size limit. */
export const MAX_CONFIG_BYTES = 1 << 20;
export const MAX_IGNORE_BYTES = 4 << 20;
/** A UTF-16 code unit takes at most 3 bytes of UTF-8: a file of more bytes has more characters than the limit. */
export const maxTextBytes = (maxLength: number): number => maxLength * 3 + 3;

const kindOf = (st: Stats): string =>
  st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a FIFO' : st.isCharacterDevice() ? 'a character device' : st.isBlockDevice() ? 'a block device' : st.isSocket() ? 'a socket' : 'not a file';

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

/** Loads tree-sitter and its bash grammar from beside the running bundle. */
export async function loadShellParser(): Promise<void> {
  const dir = [__dirname, join(__dirname, '..', 'dist')].find((d) => existsSync(join(d, 'tree-sitter-bash.wasm')));
  if (!dir) throw new Error(`tree-sitter-bash.wasm not found beside ${__dirname}; run the build first`);
  await initShellParser({ runtime: readFileSync(join(dir, 'tree-sitter.wasm')), bash: readFileSync(join(dir, 'tree-sitter-bash.wasm')) });
}

/** A file that was not written, and why (`reason` completes "not written: …"). */
export class WriteRefused extends Error {
  constructor(readonly path: string, readonly reason: string) {
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
  const readOnly = () => { try { accessSync(real, constants.W_OK); return (st.mode & 0o222) === 0; } catch { return true; } };
  if (readOnly()) throw new WriteRefused(path, 'it is read-only');
  const unchanged = () => { try { return readRegularFile(real, expected.length).equals(expected); } catch { return false; } };
  if (!unchanged()) throw new WriteRefused(path, 'it changed on disk since it was read; run again');
  const temp = join(dirname(real), `.${basename(real)}.seaworthy-${process.pid}-${randomBytes(4).toString('hex')}`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    fchmodSync(fd, st.mode & 0o7777);
    try { fchownSync(fd, st.uid, st.gid); } catch { /* only root may give a file away; ours stays ours */ }
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
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
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
    closeSync(fd);
  } catch (e) {
    if (fd !== undefined) { closeSync(fd); rmSync(path, { force: true }); }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new WriteRefused(path, lstatSync(path).isSymbolicLink() ? 'a symlink is there' : 'a file is there already');
    throw new WriteRefused(path, `${(code && WRITE_ERRORS.get(code)) ?? 'it could not be written'} (${code ?? String(e)})`);
  }
}

const isSymlink = (path: string): boolean => { try { return lstatSync(path).isSymbolicLink(); } catch { return false; } };

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
export function userHadolintConfigs(env: NodeJS.ProcessEnv = process.env): string[] {
  const home = env.HOME || env.USERPROFILE || homedir();
  const configHome = process.platform === 'win32' ? env.LOCALAPPDATA : env.XDG_CONFIG_HOME;
  const stems = [...(configHome ? [join(configHome, 'hadolint')] : []), join(home, '.config', 'hadolint'), join(home, '.hadolint', 'hadolint'), join(home, 'hadolint', 'config'), join(home, '.hadolint')];
  return stems.flatMap((stem) => [`${stem}.yaml`, `${stem}.yml`]);
}

export class Host {
  private readonly ignoreCache = new Map<string, DockerignoreView | null | undefined>();
  private readonly configCache = new Map<string, ConfigFile | undefined>();

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

  private readConfig(path: string, kind: 'seaworthy' | 'hadolint', mustExist: boolean): ConfigFile | undefined {
    let text: string;
    try {
      text = readRegularText(path, MAX_CONFIG_BYTES);
    } catch (e) {
      // there but refused (a FIFO, a device, too large): an error of the config file like any other, so the CLI stops
      // rather than lint without the team's policy, and the editor says so and lints with the defaults
      if (e instanceof FileRefused) return { ...parseConfigFile('', path, kind, ruleByKey), problems: [{ level: 'error', message: `not read: ${e.reason}`, line: 0, character: 0 }] };
      if (!mustExist) return undefined;
      throw new ConfigError(`${path}: cannot read the config file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    return parseConfigFile(text, path, kind, ruleByKey);
  }

  /**
   * The ignore file BuildKit uses for this Dockerfile, assuming the build context is the Dockerfile's folder:
   * `<Dockerfile>.dockerignore` beside it wins over `.dockerignore`.
   */
  dockerignoreFor(dockerfilePath: string): DockerignoreView | null | undefined {
    const dir = dirname(dockerfilePath);
    const candidates = [`${basename(dockerfilePath)}.dockerignore`, '.dockerignore'];
    const key = `${dir}\0${candidates[0]}`;
    if (this.ignoreCache.has(key)) return this.ignoreCache.get(key);
    let found: DockerignoreView | null | undefined;
    for (const name of candidates) {
      const path = join(dir, name);
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
        const notEditable = !staysInside(path, dir) ? `${name} is a symlink to a file outside the build context`
          : !Buffer.from(text, 'utf8').equals(raw) ? `${name} is not valid UTF-8` : undefined;
        found = { fileName: name, text, ...(notEditable ? { notEditable } : {}) };
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

  /** Drops what is cached for a folder (a .dockerignore there was created, changed or deleted). */
  forgetFolder(dir: string): void {
    for (const key of this.ignoreCache.keys()) if (key.startsWith(`${dir}\0`)) this.ignoreCache.delete(key);
  }
}
