// Questions about where an instruction stands, written once: the stage a reference names, the stages an image is
// built from, and what is in effect at an instruction (variables, USER, SHELL, WORKDIR).
import { unquote } from './read';
import type { BaseImage, DockerfileModel, Instruction, Stage } from './types';
import { argInBuild, expandVariables } from './variables';

/** The stage a `--from=` value or FROM names, by name (case-insensitive) or index, defined before `before`. */
export function findStage<S extends Stage>(stages: readonly S[], ref: string, before: number): S | undefined {
  const lower = ref.toLowerCase();
  if (/^\d+$/.test(ref)) return stages[Number(ref)];
  return stages.slice(0, before).find((s) => s.name?.toLowerCase() === lower);
}

// rootBase is asked for every instruction: a chain's root is found once and kept for every stage on the way
const rootBases = new WeakMap<Stage, BaseImage>();

/** The stage the final image is built from in the end (follows FROM <stage>) and the first image base. */
export function rootBase(stage: Stage): BaseImage {
  let s = stage;
  const walked: Stage[] = [];
  const seen = new Set<Stage>();
  let root = rootBases.get(s);
  while (root === undefined) {
    if (s.base.kind !== 'stage' || seen.has(s)) root = s.base;
    else {
      seen.add(s);
      walked.push(s);
      s = s.base.stage;
      root = rootBases.get(s);
    }
  }
  for (const w of walked) rootBases.set(w, root);
  return root;
}

/**
 * Stages followed down a chain of FROM <stage> at most. Rules walk the chain of every stage, so a file of n stages each
 * built on the one before costs n² without a limit (4,000 such stages took minutes); real files have a handful.
 */
export const MAX_STAGE_CHAIN = 32;

/**
 * Stages whose content reaches the final image: the final stage and the stages it is built FROM (the nearest
 * MAX_STAGE_CHAIN of them).
 */
export function stageChain(stage: Stage): Stage[] {
  const chain = [stage];
  const seen = new Set(chain); // not chain.includes(), which made each call quadratic
  let s = stage;
  while (s.base.kind === 'stage' && !seen.has(s.base.stage) && chain.length < MAX_STAGE_CHAIN) {
    s = s.base.stage;
    chain.push(s);
    seen.add(s);
  }
  return chain;
}

/**
 * Where a scope question is asked: at an instruction (what it sees when it runs), at a stage (what the image it
 * builds carries: its config, at the end of the stage), or at 'end', the final image (the final stage, or the whole
 * file when it has no FROM).
 */
export type At = Instruction | Stage | 'end';

/** Whether `at` asks about an image (its config) rather than an instruction that runs. */
const isImage = (at: At): at is Stage | 'end' => at === 'end' || 'base' in at;

/**
 * The instructions that ran before `at`, oldest first: those of the stages it is built FROM, then those before it in
 * its own stage (the whole stage when `at` is a stage). ONBUILD triggers run in another build and are left out,
 * unless `at` is one. A file without FROM is one stage.
 */
export function instructionsBefore(model: DockerfileModel, at: At): Instruction[] {
  const stage = at === 'end' ? model.finalStage : isImage(at) ? at : at.stage;
  const onbuild = !isImage(at) && at.onbuild;
  const scopes = stage
    ? stageChain(stage)
        .reverse()
        .map((s) => s.instructions)
    : [model.instructions];
  const out: Instruction[] = [];
  for (const scope of scopes) {
    for (const i of scope) {
      if (i === at) return out;
      if (!i.onbuild || onbuild) out.push(i);
    }
  }
  return out;
}

/** A variable as an instruction sees it: who set it, and its value (undefined for an ARG without a default). */
export interface VariableAt {
  readonly name: string;
  readonly kind: 'ENV' | 'ARG';
  readonly value: string | undefined;
  /** the ENV or ARG that set it */
  readonly ins: Instruction;
}

/**
 * The ENV or ARG that gives `name` its value at `at`. ENV and ARG carry over into the stages built FROM their stage
 * (BuildKit: moby/buildkit#5381), and ENV wins over an ARG of the same name, whatever their order; a global ARG
 * (before the first FROM) holds only in stages that declare it again (taking its default when they give none); the
 * build's --build-arg of that name wins over the defaults (its value may not be known here: undefined). At a
 * stage or the end, ARGs are gone: the image keeps only its ENV. Values are as written (`$OTHER` is not expanded).
 */
export function variableAt(model: DockerfileModel, at: At, name: string): VariableAt | undefined {
  let env: VariableAt | undefined;
  let arg: VariableAt | undefined;
  for (const i of instructionsBefore(model, at)) {
    if (i.keyword !== 'ENV' && i.keyword !== 'ARG') continue;
    for (const kv of i.keyValues) {
      if (kv.name !== name) continue;
      if (i.keyword === 'ENV') env = { name, kind: 'ENV', value: kv.value ?? '', ins: i };
      else arg = { name, kind: 'ARG', value: argInBuild(model.build, name, kv.value ?? (i.stage ? model.globalArgs.get(name) : undefined)), ins: i };
    }
  }
  return env ?? (isImage(at) ? undefined : arg);
}

/**
 * Every variable the file's ENV and ARG give `at`, by name, as variableAt gives each: ENV over ARG of the same name,
 * only ENV for an image.
 */
export function variablesAt(model: DockerfileModel, at: At): Map<string, VariableAt> {
  const env = new Map<string, VariableAt>();
  const arg = new Map<string, VariableAt>();
  for (const i of instructionsBefore(model, at)) {
    if (i.keyword !== 'ENV' && i.keyword !== 'ARG') continue;
    for (const kv of i.keyValues) {
      const name = kv.name;
      if (i.keyword === 'ENV') env.set(name, { name, kind: 'ENV', value: kv.value ?? '', ins: i });
      else arg.set(name, { name, kind: 'ARG', value: argInBuild(model.build, name, kv.value ?? (i.stage ? model.globalArgs.get(name) : undefined)), ins: i });
    }
  }
  const out = isImage(at) ? new Map<string, VariableAt>() : arg;
  for (const [name, v] of env) out.set(name, v);
  return out;
}

/** The value `name` has at `at` (from ENV, or from ARG for an instruction), or undefined when nothing sets it. */
export const envAt = (model: DockerfileModel, at: At, name: string): string | undefined => variableAt(model, at, name)?.value;

/** The value of the ARG `name` at an instruction, unless an ENV of the same name overrides it. */
export function argAt(model: DockerfileModel, at: Instruction, name: string): string | undefined {
  const v = variableAt(model, at, name);
  return v?.kind === 'ARG' ? v.value : undefined;
}

/** The USER in effect at `at`, as written (`app`, `1000:1000`, `$USER`), or undefined when the file sets none. */
export function userAt(model: DockerfileModel, at: At): { user: string; ins: Instruction } | undefined {
  const ins = instructionsBefore(model, at)
    .filter((i) => i.keyword === 'USER')
    .at(-1);
  return ins ? { user: ins.args.map((a) => a.value ?? a.text).join(' '), ins } : undefined;
}

/** The SHELL in effect at `at`, with its words; undefined for the default `["/bin/sh", "-c"]`. */
export function shellAt(model: DockerfileModel, at: At): { ins: Instruction; words: string[] } | undefined {
  const ins = instructionsBefore(model, at)
    .filter((i) => i.keyword === 'SHELL')
    .at(-1);
  return ins ? { ins, words: ins.json?.words.map((w) => w.value ?? '') ?? [] } : undefined;
}

/**
 * Stages built FROM `stage`, directly or through others (at most MAX_STAGE_CHAIN deep, as stageChain looks the other
 * way), in file order: they start from its last layer.
 */
export function stagesBuiltFrom(stage: Stage, stages: readonly Stage[]): Stage[] {
  const found = new Set<Stage>();
  let level = [stage];
  for (let depth = 1; depth < MAX_STAGE_CHAIN && level.length; depth++) {
    const next: Stage[] = [];
    for (const s of level) {
      for (const i of s.usedBy) {
        const built = stages[i];
        if (built && built.base.kind === 'stage' && built.base.stage === s && !found.has(built)) {
          found.add(built);
          next.push(built);
        }
      }
    }
    level = next;
  }
  return [...found].sort((a, b) => a.index - b.index);
}

/** The instructions that run after `ins` on top of its result: the rest of its stage, then the stages built FROM it. */
export function laterInstructions(ins: Instruction, model: DockerfileModel): Instruction[] {
  const stage = ins.stage;
  if (!stage) return [];
  const rest = stage.instructions.filter((i) => !i.onbuild && i.range.start.line > ins.range.end.line);
  return [...rest, ...stagesBuiltFrom(stage, model.stages).flatMap((s) => s.instructions.filter((i) => !i.onbuild))];
}

/**
 * The base image's working directory, which the file does not show: paths relative to it are resolved against this
 * placeholder, which compares equal only to itself.
 */
export const BASE_WORKDIR = '/<base workdir>';

/** Whether a path from workdirAt lies under the base image's unknown working directory. */
export const isUnderBaseWorkdir = (path: string): boolean => path === BASE_WORKDIR || path.startsWith(`${BASE_WORKDIR}/`);

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

/** `dir/..` out of the base image's directory leads somewhere the file does not show. */
const joinWorkdir = (dir: string, path: string): string | undefined => {
  const joined = normalizePath(`${dir}/${path}`);
  return isUnderBaseWorkdir(dir) && !isUnderBaseWorkdir(joined) ? undefined : joined;
};

// a value built from values built from values …: past this the expansion is not worth knowing
const MAX_DEPTH = 8;
const MAX_LENGTH = 4096;

/** The value of a variable at `at` with the variables in it expanded too (as the builder did when it set it). */
function expandedValueAt(model: DockerfileModel, at: At, name: string, depth: number): string | undefined {
  const v = variableAt(model, at, name);
  if (v?.value === undefined || !v.value.includes('$')) return v?.value;
  if (depth >= MAX_DEPTH) return undefined;
  const value = expandVariables(v.value, (n) => expandedValueAt(model, v.ins, n, depth + 1), 'fail');
  return value !== undefined && value.length <= MAX_LENGTH ? value : undefined;
}

/**
 * A text as the builder expands it at `at` (USER, WORKDIR, ADD sources …): its variables replaced by their ENV/ARG
 * values there (those values expanded in turn, `${X:-word}` read the builder's way). Undefined when a variable it
 * needs has no value (an ARG without a default: whatever --build-arg gives), or the result is too long to matter.
 */
export function expandAt(model: DockerfileModel, at: At, text: string): string | undefined {
  if (!text.includes('$')) return text;
  const value = expandVariables(text, (n) => expandedValueAt(model, at, n, 0), 'fail');
  return value !== undefined && value.length <= MAX_LENGTH ? value : undefined;
}

const workdirCache = new WeakMap<DockerfileModel, Map<At, string | undefined>>();

/**
 * The working directory at `at`, normalised: each WORKDIR's path with its variables expanded (ENV and ARG values, as
 * the builder does), a relative one joined to the directory before it, a stage's carried into the stages built FROM
 * it. Before any WORKDIR it is BASE_WORKDIR; undefined when a WORKDIR depends on a variable without a value.
 */
export function workdirAt(model: DockerfileModel, at: At): string | undefined {
  let cache = workdirCache.get(model);
  if (!cache) workdirCache.set(model, (cache = new Map()));
  if (cache.has(at)) return cache.get(at);
  let dir: string | undefined = BASE_WORKDIR;
  for (const i of instructionsBefore(model, at)) {
    if (i.keyword === 'FROM' && i.stage?.base.kind !== 'stage') dir = BASE_WORKDIR;
    else if (i.keyword === 'WORKDIR') dir = workdirSetBy(model, i, dir);
  }
  cache.set(at, dir);
  return dir;
}

/** The directory a WORKDIR instruction sets (after `before`, the one in effect when it runs). */
export function workdirSetBy(model: DockerfileModel, ins: Instruction, before: string | undefined = workdirAt(model, ins)): string | undefined {
  const raw = unquote(ins.args.map((w) => w.value ?? w.text).join(' '));
  const path = raw.includes('$') ? expandVariables(raw, (n) => expandedValueAt(model, ins, n, 0), 'fail') : raw;
  if (path === undefined) return undefined;
  if (path.startsWith('/')) return normalizePath(path);
  return before === undefined ? undefined : joinWorkdir(before, path);
}
