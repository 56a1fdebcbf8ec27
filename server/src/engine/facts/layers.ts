// Facts about layers, installed packages and the build context shared by the layer/size rules: which packages a
// RUN installs and removes again, where COPY/ADD put files, and what a .dockerignore excludes.
import { dockerignoreMatcher } from '../glob';
import { commandName, invocation, runCommands } from './commands';
import { stageChain, type DockerfileModel, type Instruction, type RunCommand, type Stage, type Word } from '../model';

export type PackageManager = 'apt' | 'apk' | 'yum';

export interface PackageInstall {
  readonly cmd: RunCommand;
  readonly manager: PackageManager;
  /** the package operands, as written (version suffixes kept) */
  readonly packages: readonly Word[];
  /** apk add --virtual NAME / -t NAME: the name `apk del` removes them by */
  readonly virtualName: string | undefined;
}

const APT = ['apt-get', 'apt', 'aptitude'];
const YUM = ['yum', 'dnf', 'microdnf', 'tdnf', 'zypper'];
/** options of the package managers that take a separate value (so the value is not read as a package) */
const VALUED = ['-o', '-t', '-c', '--option', '--target-release', '--config-file', '--virtual', '--repository', '-X', '--root', '-p', '--setopt', '--enablerepo', '--disablerepo', '--installroot', '--releasever'];

const managerOf = (name: string | undefined): PackageManager | undefined =>
  APT.includes(name ?? '') ? 'apt' : name === 'apk' ? 'apk' : YUM.includes(name ?? '') ? 'yum' : undefined;

/** Operands after the subcommand, options and their values skipped. */
function packageWords(words: readonly Word[], from: number): Word[] {
  const out: Word[] = [];
  for (let i = from; i < words.length; i++) {
    const v = words[i].value ?? words[i].text;
    if (v.startsWith('-')) {
      if (VALUED.includes(v)) i++;
      continue;
    }
    out.push(words[i]);
  }
  return out;
}

/** `apt-get install`, `apk add`, `yum/dnf install` invocations of a scope, with their packages. */
export function packageInstalls(scope: DockerfileModel | Stage): PackageInstall[] {
  const out: PackageInstall[] = [];
  for (const cmd of runCommands(scope)) {
    const manager = managerOf(commandName(cmd));
    if (!manager) continue;
    const inv = invocation(cmd, VALUED);
    if (inv.sub !== (manager === 'apk' ? 'add' : 'install')) continue;
    const vIndex = inv.words.findIndex((w) => w.value === '--virtual' || w.value === '-t');
    const inline = inv.words.find((w) => w.value?.startsWith('--virtual='))?.value?.slice('--virtual='.length);
    const virtualName = manager === 'apk' ? (inline ?? (vIndex > 0 ? inv.words[vIndex + 1]?.value : undefined)) : undefined;
    out.push({ cmd, manager, packages: packageWords(inv.words, inv.subIndex + 1), virtualName });
  }
  return out;
}

/** The name a package word installs: `gcc=4:12.2` -> `gcc`, `musl-dev>1.2` -> `musl-dev`. */
export const packageName = (w: Word): string | undefined => w.value?.split(/[=<>~]/)[0];

/**
 * Names removed again in the same RUN as `install` (apt-get purge/remove, apk del, yum/dnf remove/erase), or
 * `undefined` when a removal names a variable (`apt-get purge $buildDeps`) or follows `apt-mark auto`: then any
 * package may be removed.
 */
export function removedInSameRun(install: PackageInstall): Set<string> | undefined {
  const removed = new Set<string>();
  const run = install.cmd.instruction.run?.commands ?? [];
  let markedAuto = false;
  for (const cmd of run) {
    const manager = managerOf(commandName(cmd));
    if (commandName(cmd) === 'apt-mark' && invocation(cmd).sub === 'auto') markedAuto = true;
    if (!manager) continue;
    const inv = invocation(cmd, VALUED);
    // the docker-library idiom: `apt-mark auto '.*'; apt-mark manual $saved; apt-get purge --auto-remove` removes
    // everything this RUN installed that nothing kept
    if (manager === 'apt' && markedAuto && (inv.sub === 'autoremove' || inv.words.some((w) => w.value === '--auto-remove'))) return undefined;
    const subs = manager === 'apk' ? ['del'] : manager === 'apt' ? ['purge', 'remove', 'autoremove'] : ['remove', 'erase', 'autoremove'];
    if (!subs.includes(inv.sub ?? '')) continue;
    for (const w of packageWords(inv.words, inv.subIndex + 1)) {
      if (w.value === undefined) return undefined;
      removed.add(w.value);
    }
  }
  return removed;
}

/** Which of an install's packages its own RUN removes again (by name, or through their apk virtual group). */
export function removedAgain(install: PackageInstall): (pkg: Word) => boolean {
  const removed = removedInSameRun(install);
  if (removed === undefined) return () => true;
  if (install.virtualName !== undefined && removed.has(install.virtualName)) return () => true;
  return (pkg) => removed.has(packageName(pkg) ?? '');
}

/** Instructions that add a layer to the image. */
export const LAYER_KEYWORDS: ReadonlySet<string> = new Set(['RUN', 'COPY', 'ADD']);

/** The instructions of a stage and the stages it is built FROM, oldest first, ONBUILD triggers left out. */
export function chainInstructions(stage: Stage): Instruction[] {
  return [...stageChain(stage)].reverse().flatMap((s) => s.instructions.filter((i) => !i.onbuild));
}

/** POSIX-normalises a path: collapses `//`, `.` and `..`; keeps a leading `/`; no trailing slash. */
export function normalizePath(p: string): string {
  const abs = p.startsWith('/');
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return (abs ? '/' : '') + parts.join('/') || (abs ? '/' : '.');
}

/** Resolves a path against a working directory; undefined when either depends on a variable. */
export function resolvePath(path: string | undefined, workdir: string | undefined): string | undefined {
  if (path === undefined || path.includes('$')) return undefined;
  if (path.startsWith('/')) return normalizePath(path);
  if (workdir === undefined) return undefined;
  return normalizePath(`${workdir}/${path}`);
}

/**
 * The WORKDIR in effect at each instruction of a list: '/' before any WORKDIR (a base image's own WORKDIR is
 * unknown, so paths relative to it are resolved against a placeholder that only compares equal to itself).
 */
export function workdirs(instructions: readonly Instruction[]): Map<Instruction, string | undefined> {
  const out = new Map<Instruction, string | undefined>();
  let current: string | undefined = '/<base workdir>';
  for (const ins of instructions) {
    out.set(ins, current);
    if (ins.keyword === 'FROM') current = '/<base workdir>';
    if (ins.keyword === 'WORKDIR') current = resolvePath(ins.args[0]?.value, current);
  }
  return out;
}

export interface CopiedPath {
  readonly ins: Instruction;
  /** absolute path the source lands at (for a directory copied with its contents spread: the destination) */
  readonly path: string;
}

/** Where the sources of a COPY/ADD land (an ADD URL lands as a file; sources with wildcards or variables are left out). */
export function copiedPaths(ins: Instruction, workdir: string | undefined): CopiedPath[] {
  if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.isJsonForm || ins.heredocs.length > 0 || ins.args.length < 2) return [];
  const dest = ins.args.at(-1)!.value ?? '';
  const base = resolvePath(dest, workdir);
  if (base === undefined) return [];
  const sources = ins.args.slice(0, -1);
  // `.`, `..` and `dir/.` name the directory itself, as a trailing slash does
  const intoDir = dest.endsWith('/') || /(^|\/)\.\.?$/.test(dest) || sources.length > 1;
  const out: CopiedPath[] = [];
  for (const s of sources) {
    const v = s.value ?? '';
    if (/[*?[$]/.test(v) || v.startsWith('git@')) continue;
    const url = /^[a-z]+:\/\//i.test(v);
    if (url && (ins.keyword !== 'ADD' || /\.git(#[^]*)?$/.test(v))) continue;
    const name = url ? v.split(/[?#]/)[0].split('/').pop() ?? '' : normalizePath(v).split('/').pop()!;
    if (url && name === '') continue;
    // a local archive given to ADD is unpacked into the destination
    const unpacked = !url && ins.keyword === 'ADD' && /\.(tar|tgz|tar\.(gz|bz2|xz|zst))$/.test(name);
    const spread = name === '.' || name === '' || v.endsWith('/') || unpacked;
    out.push({ ins, path: intoDir && !spread ? normalizePath(`${base}/${name}`) : base });
  }
  return out;
}

/** Whether `inner` is `outer` or lies below it. */
export const isWithin = (inner: string, outer: string): boolean => inner === outer || inner.startsWith(outer === '/' ? '/' : `${outer}/`);

export interface Dockerignore {
  /** whether Docker leaves a context path (slash-separated, relative to the context root) out of the context */
  ignores(path: string): boolean;
  /** the `!` patterns, cleaned, without their `!` */
  readonly negations: readonly string[];
}

/** Parses a .dockerignore the way Docker reads it: comments and blank lines dropped, patterns cleaned. */
export function parseDockerignore(text: string): Dockerignore {
  // Docker cleans each pattern (`./a/` -> `a`) and drops a leading slash, after taking off the `!`
  const clean = (p: string) => normalizePath(p).replace(/^\/(?=.)/, '');
  const patterns = text
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => (l.startsWith('!') ? `!${clean(l.slice(1))}` : clean(l)));
  const rules = patterns.flatMap((p) => {
    const negative = p.startsWith('!');
    const pattern = negative ? normalizePath(p.slice(1)) : p;
    if (pattern === '' || pattern === '.') return [];
    const dirs = pattern.split('/');
    return [{ negative, dirs: dirs.length, fixedDirs: dirs.filter((d) => d !== '**').length, globstar: dirs.includes('**'), matches: dockerignoreMatcher(pattern) }];
  });
  const negations = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  return {
    ignores: (path) => {
      const clean = normalizePath(path).replace(/^\//, '');
      if (clean === '.' || clean === '') return false;
      // the last pattern that matches the path or one of its parent folders decides (moby's MatchesOrParentMatches)
      const parents = clean.split('/').slice(0, -1);
      let ignored = false;
      for (const rule of rules) {
        let match = rule.matches(clean);
        if (!match && parents.length > 0) {
          if (rule.globstar) {
            // `**` stands for any number of folders: every parent at least as deep as the pattern's other parts
            for (let i = rule.fixedDirs; i <= parents.length && !match; i++) match = rule.matches(parents.slice(0, i).join('/'));
          } else if (rule.dirs <= parents.length) match = rule.matches(parents.slice(0, rule.dirs).join('/'));
        }
        if (match) ignored = !rule.negative;
      }
      return ignored;
    },
    negations,
  };
}
