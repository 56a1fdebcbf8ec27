// Which files the CLI lints: the paths given, and the Dockerfiles found under given folders.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { MAX_IGNORE_BYTES, readRegularText } from '../host';

// Dockerfile, Containerfile, Dockerfile.prod, api.Dockerfile, web.dockerfile, x_Dockerfile …
const DOCKERFILE_NAME = /(^|[._-])(dockerfile|containerfile)([._-]|$)/i;
// …but not the files that merely talk about Dockerfiles
const NOT_DOCKERFILE = /\.(dockerignore|md|txt|go|py|js|mjs|cjs|ts|json|ya?ml|sh|ps1|toml|rs|java|rb|lock|bak|orig|swp)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'vendor', '.venv', '__pycache__']);

export const isDockerfileName = (name: string): boolean => DOCKERFILE_NAME.test(name) && !NOT_DOCKERFILE.test(name);

export class UsageError extends Error {}

/**
 * Expands folders into the Dockerfiles below them (sorted), honouring the .gitignore files met on the way; files are
 * kept as given. Throws UsageError for a missing path.
 */
export function discover(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`${p}: no such file or directory`);
    }
    if (st.isDirectory()) {
      const found = walk(p, []);
      if (found.length === 0) throw new UsageError(`${p}: no Dockerfile found in this directory`);
      out.push(...found);
    } else out.push(p);
  }
  return out;
}

interface GitIgnore {
  dir: string;
  rules: Ignore;
}

function walk(dir: string, ignores: readonly GitIgnore[]): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  let here = ignores;
  if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
    try {
      here = [...ignores, { dir, rules: ignore().add(readRegularText(join(dir, '.gitignore'), MAX_IGNORE_BYTES)) }];
    } catch {
      // unreadable .gitignore: walk as if it were not there
    }
  }
  const ignored = (path: string, isDir: boolean) => here.some((g) => g.rules.ignores(relative(g.dir, path) + (isDir ? '/' : '')));
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !ignored(path, true)) out.push(...walk(path, here));
    } else if (e.isFile() && isDockerfileName(e.name) && !ignored(path, false)) out.push(path);
  }
  return out;
}
