// `seaworthy pin PATH…`: rewrite every FROM to `image:tag@sha256:…` (the digest the registry gives for the tag now);
// `--check` only reports what would change. Also the registry options `lint --network` shares.
import { DEFAULT_MAX_LENGTH } from '../engine/limits';
import { buildModel } from '../engine/model';
import { applyEdits } from '../engine/text';
import { FileRefused, loadShellParser, maxTextBytes, readRegularFile, replaceFile, WriteRefused } from '../host';
import { DockerConfigCredentials } from '../registry/credentials';
import { defaultCacheDir, FactsCache, factsCacheDir } from '../registry/factsCache';
import { mirrorsFromEntries, type MirrorLocation } from '../registry/mirrors';
import { RegistryService } from '../registry/service';
import { discover } from '../discover';
import { UsageError } from './usage';
import { printError, printLine } from './printable';

export interface RegistryCliOptions {
  timeoutMs: number;
  connectTimeoutMs: number;
  insecureRegistries: string[];
  /** --registry-mirror entries: MIRROR (Docker Hub's) or REGISTRY=MIRROR */
  mirrors: string[];
}

export const defaultRegistryCliOptions = (): RegistryCliOptions => ({ timeoutMs: 15_000, connectTimeoutMs: 5_000, insecureRegistries: [], mirrors: [] });

/** The environment variable that lists mirrors, as --registry-mirror takes them (comma or space separated). */
export const MIRRORS_ENV = 'SEAWORTHY_REGISTRY_MIRRORS';

/** Consumes a registry option at args[i]; returns how many arguments it used (0 = not a registry option). */
export function parseRegistryOption(args: readonly string[], i: number, o: RegistryCliOptions): number {
  const a = args[i];
  const eq = a.indexOf('=');
  const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
  const inline = eq > 0 && a.startsWith('--');
  const value = (): string => {
    const v = inline ? a.slice(eq + 1) : args[i + 1];
    if (v === undefined) throw new UsageError(`${name} needs a value`);
    return v;
  };
  const used = inline ? 1 : 2;
  const ms = (v: string) => {
    if (!/^\d+$/.test(v) || Number(v) === 0) throw new UsageError(`${name} needs a number of milliseconds, not "${v}"`);
    return Number(v);
  };
  switch (name) {
    case '--timeout':
      o.timeoutMs = ms(value());
      return used;
    case '--connect-timeout':
      o.connectTimeoutMs = ms(value());
      return used;
    case '--insecure-registry':
      o.insecureRegistries.push(value());
      return used;
    case '--registry-mirror': {
      const entry = value();
      const { problems } = mirrorsFromEntries([entry]);
      if (problems.length) throw new UsageError(`--registry-mirror: ${problems[0]}`);
      o.mirrors.push(entry);
      return used;
    }
    default:
      return 0;
  }
}

/** The mirrors of --registry-mirror, then those of $SEAWORTHY_REGISTRY_MIRRORS; a usage error names an entry that is not one. */
export function cliMirrors(o: RegistryCliOptions, env: NodeJS.ProcessEnv = process.env): Map<string, MirrorLocation[]> {
  const { mirrors } = mirrorsFromEntries(o.mirrors);
  const fromEnv = (env[MIRRORS_ENV] ?? '').split(/[\s,]+/).filter(Boolean);
  const { problems } = mirrorsFromEntries(fromEnv, mirrors);
  if (problems.length) throw new UsageError(`${MIRRORS_ENV}: ${problems[0]}`);
  return mirrors;
}

export function registryServiceFor(o: RegistryCliOptions, env: NodeJS.ProcessEnv = process.env): RegistryService {
  return new RegistryService({
    mirrors: cliMirrors(o, env),
    cache: new FactsCache(factsCacheDir(defaultCacheDir(env))),
    http: {
      timeoutMs: o.timeoutMs,
      connectTimeoutMs: o.connectTimeoutMs,
      maxBodyBytes: 4 * 1024 * 1024,
      proxy: env.HTTPS_PROXY ?? env.https_proxy ?? undefined,
      noProxy: env.NO_PROXY ?? env.no_proxy ?? undefined,
    },
    insecureRegistries: o.insecureRegistries,
    credentials: new DockerConfigCredentials({ allowHelpers: true, env }),
  });
}

export async function pinCommand(args: readonly string[]): Promise<number> {
  const o = defaultRegistryCliOptions();
  let check = false;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const used = parseRegistryOption(args, i, o);
    if (used) {
      i += used - 1;
      continue;
    }
    const a = args[i];
    if (a === '--check') check = true;
    else if (a === '--debug') continue;
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else paths.push(a);
  }
  if (paths.length === 0) throw new UsageError('pin needs at least one PATH');
  // the model parses RUN bodies (heredocs, ONBUILD triggers included), so the shell parser must be loaded first
  await loadShellParser();
  const service = registryServiceFor(o);
  let changed = 0;
  let failed = 0;
  for (const file of discover(paths, (message) => printError(`seaworthy: ${message}`))) {
    let raw: Buffer;
    try {
      raw = readRegularFile(file, maxTextBytes(DEFAULT_MAX_LENGTH));
    } catch (e) {
      printError(
        `seaworthy: ${file}: ${e instanceof FileRefused ? `not read: ${e.reason}` : `cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`}`,
      );
      failed++;
      continue;
    }
    const text = raw.toString('utf8');
    const result = await service.pin(buildModel(text));
    for (const u of result.unchanged) printLine(`${file}:${u.line + 1}: ${u.reference} is up to date`);
    for (const s of result.skipped) printLine(`${file}:${s.line + 1}: skipped: ${s.reason}`);
    for (const f of result.failed) printError(`seaworthy: ${file}:${f.line + 1}: ${f.reference}: ${f.error}`);
    changed += result.pinned.length;
    failed += result.failed.length;
    let verb = check ? 'would pin' : 'pinned';
    if (!check && result.edits.length) {
      const notWritten = writePins(file, raw, text, result.edits);
      if (notWritten) {
        printError(`seaworthy: ${file}: pins not written: ${notWritten}; the file is unchanged`);
        verb = 'did not pin';
        failed++;
      }
    }
    for (const p of result.pinned) printLine(`${file}:${p.line + 1}: ${verb} ${p.before} -> ${p.after}`);
  }
  if (failed) return 2;
  return check && changed ? 1 : 0;
}

/** Writes the pins, only while the file still holds what was read (the registry may have taken seconds, and an edit made meanwhile wins); why not, when not. */
function writePins(file: string, raw: Buffer, text: string, edits: Parameters<typeof applyEdits>[1]): string | undefined {
  if (!Buffer.from(text, 'utf8').equals(raw)) return 'it is not valid UTF-8';
  try {
    replaceFile(file, applyEdits(text, edits), raw);
    return undefined;
  } catch (e) {
    if (e instanceof WriteRefused) return e.reason;
    throw e;
  }
}
