// Which Dockerfiles a run covers, shared by the CLI and the editor's Lint Workspace: the paths given, and the
// Dockerfiles found under given folders.
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { MAX_IGNORE_BYTES, readRegularText, staysInside } from './host';

// Dockerfile, Containerfile, Dockerfile.prod, api.Dockerfile, web.dockerfile, x_Dockerfile …
const DOCKERFILE_NAME = /(^|[._-])(dockerfile|containerfile)([._-]|$)/i;
// …but not the files that merely talk about Dockerfiles
const NOT_DOCKERFILE = /\.(dockerignore|md|txt|go|py|js|mjs|cjs|ts|json|ya?ml|sh|ps1|toml|rs|java|rb|lock|bak|orig|swp)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'vendor', '.venv', '__pycache__']);

const isDockerfileName = (name: string): boolean => DOCKERFILE_NAME.test(name) && !NOT_DOCKERFILE.test(name);

/** A path that names nothing, or a folder without a Dockerfile: the CLI reports it as a usage error. */
export class PathError extends Error {}

/**
 * Expands folders into the Dockerfiles below them (sorted), honouring the .gitignore files met on the way; files are
 * kept as given. A symlinked Dockerfile is linted when it stays inside the folder searched; one that leaves it, or
 * points at nothing or at no regular file, is skipped and `skipped` is told why. Throws PathError for a missing path.
 */
export function discover(paths: readonly string[], skipped: (message: string) => void = () => undefined): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new PathError(`${p}: no such file or directory`);
    }
    if (st.isDirectory()) {
      const found = onceEach(walk(p, [], p, skipped));
      if (found.length === 0) throw new PathError(`${p}: no Dockerfile found in this directory`);
      out.push(...found);
    } else out.push(p);
  }
  return out;
}

interface GitIgnore {
  dir: string;
  rules: Ignore;
}

function walk(dir: string, ignores: readonly GitIgnore[], root: string, skipped: (message: string) => void): string[] {
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
      if (!SKIP_DIRS.has(e.name) && !ignored(path, true)) out.push(...walk(path, here, root, skipped));
    } else if (e.isFile() && isDockerfileName(e.name) && !ignored(path, false)) out.push(path);
    else if (e.isSymbolicLink() && isDockerfileName(e.name) && !ignored(path, false)) {
      // symlinked folders are not followed (loops); a symlinked Dockerfile is the project's when it stays inside
      const target = statOrUndefined(path);
      if (!target) skipped(`${path}: skipped: a symlink to nothing`);
      else if (target.isDirectory()) continue;
      else if (!target.isFile()) skipped(`${path}: skipped: a symlink to something that is not a regular file`);
      else if (!staysInside(path, root)) skipped(`${path}: skipped: a symlink to a file outside ${root}`);
      else out.push(path);
    }
  }
  return out;
}

/** A symlinked Dockerfile whose target is found too is linted once, under the target's own name. */
function onceEach(files: string[]): string[] {
  const real = (f: string) => {
    try {
      return realpathSync(f);
    } catch {
      return f;
    }
  };
  const regular = new Set(files.filter((f) => !lstatSync(f).isSymbolicLink()).map(real));
  const seen = new Set<string>();
  return files.filter((f) => {
    const r = real(f);
    if (seen.has(r) || (regular.has(r) && lstatSync(f).isSymbolicLink())) return false;
    seen.add(r);
    return true;
  });
}

const statOrUndefined = (path: string) => {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
};
