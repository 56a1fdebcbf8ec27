// The only module that reads files: the .dockerignore that applies to a Dockerfile, the parser's WASM files.
// The CLI and the server share it, so they cannot disagree about which .dockerignore applies.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseConfigFile, type ConfigFile } from './config/configFile';
import type { DockerignoreView } from './engine/rule';
import { ruleByKey } from './rules';
import { initShellParser } from './engine/shell';

export class ConfigError extends Error {}

/** Loads tree-sitter and its bash grammar from beside the running bundle. */
export async function loadShellParser(): Promise<void> {
  const dir = [__dirname, join(__dirname, '..', 'dist')].find((d) => existsSync(join(d, 'tree-sitter-bash.wasm')));
  if (!dir) throw new Error(`tree-sitter-bash.wasm not found beside ${__dirname}; run the build first`);
  await initShellParser({ runtime: readFileSync(join(dir, 'tree-sitter.wasm')), bash: readFileSync(join(dir, 'tree-sitter-bash.wasm')) });
}

const SEAWORTHY_CONFIG = ['.seaworthy.yaml', '.seaworthy.yml'];
const HADOLINT_CONFIG = ['.hadolint.yaml', '.hadolint.yml'];

export class Host {
  private readonly ignoreCache = new Map<string, DockerignoreView | undefined>();
  private readonly configCache = new Map<string, ConfigFile | undefined>();

  /**
   * The team configuration for a Dockerfile: the nearest `.seaworthy.yaml` from its folder upwards, else the nearest
   * `.hadolint.yaml`. `explicit` (the CLI's --config) wins. Cached per folder until forgetConfigs().
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
    this.configCache.set(start, found);
    return found;
  }

  forgetConfigs(): void {
    this.configCache.clear();
  }

  private readConfig(path: string, kind: 'seaworthy' | 'hadolint', mustExist: boolean): ConfigFile | undefined {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      if (!mustExist) return undefined;
      throw new ConfigError(`${path}: cannot read the config file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    return parseConfigFile(text, path, kind, ruleByKey);
  }

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
