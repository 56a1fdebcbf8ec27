// The only module that reads files: the .dockerignore that applies to a Dockerfile, the parser's WASM files.
// The CLI and the server share it, so they cannot disagree about which .dockerignore applies.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DockerignoreView } from './engine/rule';
import { initShellParser } from './engine/shell';

/** Loads tree-sitter and its bash grammar from beside the running bundle. */
export async function loadShellParser(): Promise<void> {
  const dir = [__dirname, join(__dirname, '..', 'dist')].find((d) => existsSync(join(d, 'tree-sitter-bash.wasm')));
  if (!dir) throw new Error(`tree-sitter-bash.wasm not found beside ${__dirname}; run the build first`);
  await initShellParser({ runtime: readFileSync(join(dir, 'tree-sitter.wasm')), bash: readFileSync(join(dir, 'tree-sitter-bash.wasm')) });
}

export class Host {
  private readonly ignoreCache = new Map<string, DockerignoreView | undefined>();

  /**
   * The ignore file BuildKit uses for this Dockerfile, assuming the build context is the Dockerfile's folder:
   * `<Dockerfile>.dockerignore` beside it wins over `.dockerignore`.
   */
  dockerignoreFor(dockerfilePath: string): DockerignoreView | undefined {
    const dir = dirname(dockerfilePath);
    const candidates = [`${basename(dockerfilePath)}.dockerignore`, '.dockerignore'];
    const key = `${dir}\0${candidates[0]}`;
    if (this.ignoreCache.has(key)) return this.ignoreCache.get(key);
    let found: DockerignoreView | undefined;
    for (const name of candidates) {
      const path = join(dir, name);
      try {
        if (statSync(path).isFile()) {
          found = { fileName: name, text: readFileSync(path, 'utf8') };
          break;
        }
      } catch {
        // absent or unreadable: try the next one
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
