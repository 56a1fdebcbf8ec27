// What registries said about images, kept on disk by digest, per user and outside any workspace (VS Code's global
// storage for the extension, the OS cache folder for the CLI): a reopened editor or a CI run asks each image once.
// A digest names its content forever, so an entry never goes stale; which digest a tag names is asked again each run.
// Safe to damage: a file that is not what we wrote is ignored and written again; a symlink is never followed; the
// folder keeps at most `maxEntries` files, the least recently used removed first.
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createNewFile, readRegularFile, replaceFile, staysInside, WriteRefused } from '../host';
import type { ImageInfo } from './client';
import { readStoredConfig } from './imageConfig';

const VERSION = 1;
const MAX_FILE_BYTES = 1 << 20;
const ENTRY = /^[a-f0-9]{64}\.json$/;

/** What is stored: everything a lint or a hover reads, except the name (which tag led there) and the page link. */
type Stored = Omit<ImageInfo, 'name' | 'link'>;

export class FactsCache {
  private writes = 0;

  /** `dir` is created on first write (mode 700); `maxEntries` bounds the files kept. */
  constructor(
    readonly dir: string,
    private readonly maxEntries = 500,
  ) {}

  /** The stored answer for `digest` on `platform`, or undefined (none, unreadable, damaged, or a symlink). */
  get(digest: string, platform: string): Stored | undefined {
    const file = this.fileOf(digest, platform);
    const bytes = this.readOwn(file);
    if (!bytes) return undefined;
    const stored = parse(bytes, `${digest} ${platform}`);
    // recently used: kept longest when the folder is pruned
    if (stored)
      try {
        const now = new Date();
        utimesSync(file, now, now);
      } catch {
        /* read-only cache: still a hit */
      }
    return stored;
  }

  /** Stores an answer; never throws (a cache that cannot be written only costs a request next time). */
  put(digest: string, platform: string, info: ImageInfo): void {
    try {
      const { name: _name, link: _link, ...stored } = info;
      const text = JSON.stringify({ v: VERSION, key: `${digest} ${platform}`, info: stored });
      if (Buffer.byteLength(text) > MAX_FILE_BYTES) return;
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const file = this.fileOf(digest, platform);
      let st;
      try {
        st = lstatSync(file);
      } catch {
        st = undefined;
      }
      if (st?.isSymbolicLink())
        rmSync(file); // removes the link, never what it points to
      else if (st) {
        // a damaged or older entry: replaced only while it still holds what was read (another process may write it)
        const before = this.readOwn(file);
        if (before && parse(before, `${digest} ${platform}`)) return;
        if (before) {
          replaceFile(file, text, before);
          return;
        }
        if (st.isFile()) rmSync(file);
        else return; // a directory or a FIFO under our name: not ours to touch
      }
      createNewFile(file, text);
      if (++this.writes % 20 === 1) this.prune();
    } catch (e) {
      if (!(e instanceof WriteRefused) && !isFsError(e)) throw e;
    }
  }

  private fileOf(digest: string, platform: string): string {
    return join(this.dir, `${createHash('sha256').update(`${VERSION} ${digest} ${platform}`).digest('hex')}.json`);
  }

  /** The bytes of a regular file of ours inside the folder, or undefined (absent, a symlink, too large, unreadable). */
  private readOwn(file: string): Buffer | undefined {
    try {
      if (lstatSync(file).isSymbolicLink() || !staysInside(file, this.dir)) return undefined;
      return readRegularFile(file, MAX_FILE_BYTES);
    } catch {
      return undefined;
    }
  }

  /** Keeps the most recently used `maxEntries` files (and removes nothing that is not an entry). */
  private prune(): void {
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((n) => ENTRY.test(n));
    } catch {
      return;
    }
    if (names.length <= this.maxEntries) return;
    const aged = names
      .map((n) => {
        try {
          const st = lstatSync(join(this.dir, n));
          return { n, t: st.isFile() || st.isSymbolicLink() ? st.mtimeMs : Infinity };
        } catch {
          return { n, t: Infinity };
        }
      })
      .filter((e) => e.t !== Infinity)
      .sort((a, b) => a.t - b.t);
    for (const e of aged.slice(0, aged.length - this.maxEntries)) rmSync(join(this.dir, e.n), { force: true });
  }
}

function parse(bytes: Buffer, key: string): Stored | undefined {
  let v: unknown;
  try {
    v = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as { v?: unknown; key?: unknown; info?: Record<string, unknown> };
  const i = o.info;
  if (o.v !== VERSION || o.key !== key || typeof i !== 'object' || i === null) return undefined;
  const strings = (x: unknown) => Array.isArray(x) && x.every((s) => typeof s === 'string');
  if (typeof i.digest !== 'string' || !strings(i.platforms) || typeof i.multiPlatform !== 'boolean') return undefined;
  const optional = (x: unknown, type: string) => x === undefined || typeof x === type;
  if (!optional(i.platform, 'string') || !optional(i.compressedSize, 'number') || !optional(i.created, 'string') || !optional(i.mediaType, 'string'))
    return undefined;
  const config = i.config === undefined ? undefined : readStoredConfig(i.config);
  if (i.config !== undefined && !config) return undefined;
  return {
    digest: i.digest,
    mediaType: i.mediaType as string | undefined,
    platforms: i.platforms as string[],
    multiPlatform: i.multiPlatform,
    platform: i.platform as string | undefined,
    compressedSize: i.compressedSize as number | undefined,
    created: i.created as string | undefined,
    config,
  };
}

const isFsError = (e: unknown): boolean => typeof (e as NodeJS.ErrnoException)?.code === 'string';

/**
 * The user's cache folder for Seaworthy: $SEAWORTHY_CACHE_DIR, else $XDG_CACHE_HOME/seaworthy, else the OS's cache
 * folder (~/.cache, ~/Library/Caches, %LOCALAPPDATA%).
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SEAWORTHY_CACHE_DIR) return env.SEAWORTHY_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'seaworthy');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'seaworthy');
  if (platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'seaworthy', 'Cache');
  return join(homedir(), '.cache', 'seaworthy');
}

/** The folder image facts are kept in under a cache folder. */
export const factsCacheDir = (cacheDir: string): string => join(cacheDir, 'image-facts');
