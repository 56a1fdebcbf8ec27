// Facts about layers shared by the layer/size rules: where COPY/ADD put files, paths resolved against the working
// directory, and what a .dockerignore excludes.
import { dockerignoreMatcher } from '../glob';
import { findStage, normalizePath, stagesBuiltFrom, workdirAt, type DockerfileModel, type Instruction, type RunCommand, type Stage } from '../model';
import { commandName, reachesFinalImage } from './commands';

/** Instructions that add a layer to the image. */
export const LAYER_KEYWORDS: ReadonlySet<string> = new Set(['RUN', 'COPY', 'ADD']);

/**
 * An `rm` of the RUN removes the directory `dir` or everything in it (`rm -rf /var/cache/apk`, `… /var/cache/apk/`,
 * `… /var/cache/apk/*`), after the command `after` when given (else anywhere in the RUN).
 */
export function runRemovesDir(ins: Instruction, dir: string, after?: RunCommand): boolean {
  const commands = ins.run?.commands ?? [];
  const from = after ? commands.indexOf(after) + 1 : 0;
  return commands.slice(from).some(
    (c) =>
      commandName(c) === 'rm' &&
      c.words.slice(1).some((w) => {
        const path = w.value ?? w.text;
        return path === dir || path === `${dir}/` || path === `${dir}/*`;
      }),
  );
}

/** Resolves a path against a working directory (from workdirAt); undefined when either depends on a variable. */
export function resolvePath(path: string | undefined, workdir: string | undefined): string | undefined {
  if (path === undefined || path.includes('$')) return undefined;
  if (path.startsWith('/')) return normalizePath(path);
  if (workdir === undefined) return undefined;
  return normalizePath(`${workdir}/${path}`);
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
    const name = url ? (v.split(/[?#]/)[0].split('/').pop() ?? '') : normalizePath(v).split('/').pop()!;
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

/**
 * Whether what a COPY/ADD puts in its stage can end up in the final image: its stage is in the final image's chain,
 * or a COPY --from of that stage (or of one built FROM it) may take it along. A source of unknown landing place, or a
 * COPY --from whose source is a pattern or a variable, counts as taken along.
 */
export function copyReachesFinalImage(model: DockerfileModel, ins: Instruction): boolean {
  if (reachesFinalImage(model, ins) || !ins.stage) return true;
  const landed = copiedPaths(ins, workdirAt(model, ins)).map((p) => p.path);
  const known = landed.length === ins.args.length - 1;
  const copies = copiesFromOf(model);
  for (const stage of [ins.stage, ...stagesBuiltFrom(ins.stage, model.stages)]) {
    for (const later of copies.get(stage) ?? []) {
      for (const src of later.args.slice(0, -1)) {
        // COPY --from sources are paths in that stage's file system, from its root
        const path = resolvePath(src.value, '/');
        if (!known || path === undefined || /[*?[]/.test(path) || landed.some((l) => isWithin(l, path))) return true;
      }
    }
  }
  return false;
}

// the COPY/ADD --from instructions of a file by the stage they copy from, worked out once per model
const copiesFromCache = new WeakMap<DockerfileModel, Map<Stage, Instruction[]>>();
function copiesFromOf(model: DockerfileModel): Map<Stage, Instruction[]> {
  let out = copiesFromCache.get(model);
  if (out) return out;
  out = new Map();
  for (const later of model.instructions) {
    if ((later.keyword !== 'COPY' && later.keyword !== 'ADD') || !later.stage) continue;
    const from = later.flags.find((f) => f.name === 'from')?.value;
    const stage = from ? findStage(model.stages, from.replace(/^["']|["']$/g, ''), later.stage.index) : undefined;
    if (!stage || stage.index >= later.stage.index) continue;
    const list = out.get(stage);
    if (list) list.push(later);
    else out.set(stage, [later]);
  }
  copiesFromCache.set(model, out);
  return out;
}

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
  // the last pattern that matches decides, so of a pattern written twice only its last line can: the earlier ones are
  // dropped (a .dockerignore of one line repeated thousands of times costs what one line does)
  const seen = new Set<string>();
  const rules = patterns
    .reduceRight<string[]>((kept, p) => {
      if (!seen.has(p)) kept.push(p);
      seen.add(p);
      return kept;
    }, [])
    .flatMap((p) => {
      const negative = p.startsWith('!');
      const pattern = negative ? normalizePath(p.slice(1)) : p;
      if (pattern === '' || pattern === '.') return [];
      const dirs = pattern.split('/');
      return [
        { negative, dirs: dirs.length, fixedDirs: dirs.filter((d) => d !== '**').length, globstar: dirs.includes('**'), matches: dockerignoreMatcher(pattern) },
      ];
    });
  const negations = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  const answers = new Map<string, boolean>();
  const decide = (clean: string): boolean => {
    // the last pattern that matches the path or one of its parent folders decides (moby's MatchesOrParentMatches):
    // `rules` is last line first, so the first match is the answer
    const parents = clean.split('/').slice(0, -1);
    for (const rule of rules) {
      let match = rule.matches(clean);
      if (!match && parents.length > 0) {
        if (rule.globstar) {
          // `**` stands for any number of folders: every parent at least as deep as the pattern's other parts
          for (let i = rule.fixedDirs; i <= parents.length && !match; i++) match = rule.matches(parents.slice(0, i).join('/'));
        } else if (rule.dirs <= parents.length) match = rule.matches(parents.slice(0, rule.dirs).join('/'));
      }
      if (match) return !rule.negative;
    }
    return false;
  };
  return {
    ignores: (path) => {
      const clean = normalizePath(path).replace(/^\//, '');
      if (clean === '.' || clean === '') return false;
      let answer = answers.get(clean);
      if (answer === undefined) answers.set(clean, (answer = decide(clean)));
      return answer;
    },
    negations,
  };
}
