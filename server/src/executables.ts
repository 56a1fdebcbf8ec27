// Finding a program to run. Only absolute PATH entries are searched: a relative entry (`.`, `bin`, or the empty entry
// of a PATH that ends in `:`) means "the current folder", and an editor or a CI job started in a freshly cloned
// repository would then run a program the repository ships.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** An executable regular file. */
export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The absolute path of `name` on PATH (absolute entries only; `name.exe` on Windows), or undefined. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const names = process.platform === 'win32' ? [`${name}.exe`] : [name];
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    for (const n of names) if (isExecutableFile(join(dir, n))) return join(dir, n);
  }
  return undefined;
}
