// Facts the base-image and supply-chain rules share: variables in FROM, the sources of COPY/ADD, and which RUN
// commands feed each other through a pipe.
import { DEFAULT_AND_REQUIRED_OPS, expandVariables, variableRefs, applyOperator } from '../expand';
import { parseImageRef, type ImageRef } from '../imageRef';
import type { DockerfileModel, Instruction, RunCommand, Word } from './types';
import type { Range } from '../text';

/** Platform ARGs BuildKit defines in the global scope: FROM may use them without an ARG line. */
export const AUTOMATIC_PLATFORM_ARGS: ReadonlySet<string> = new Set([
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
]);

export interface VariableUse {
  readonly name: string;
  /** offsets of the whole `$NAME` / `${NAME…}` inside the text */
  readonly start: number;
  readonly end: number;
}

/** `$X`, `${X}`, `${X:-word}` … in a FROM image or flag value, in order. */
export function variableUses(text: string): VariableUse[] {
  return variableRefs(text, DEFAULT_AND_REQUIRED_OPS).map(({ name, start, end }) => ({ name, start, end }));
}

/**
 * The text with every variable replaced the way the builder does when no --build-arg is given, quotes removed:
 * `args` holds the defaults (undefined for an ARG without one); an undeclared name expands to the empty string, and
 * `${X:-word}` / `${X-word}` then give word. Longer than MAX_EXPANSION characters, the result is cut just past it.
 */
export function expandWithDefaults(text: string, args: ReadonlyMap<string, string | undefined>): string {
  const expanded = expandVariables(text, DEFAULT_AND_REQUIRED_OPS, (ref) => applyOperator(ref, args.get(ref.name)) ?? '')!;
  return expanded.replace(/["']/g, '');
}

// what BuildKit gives the automatic platform ARGs when building for linux/amd64 on linux/amd64
const AUTOMATIC_DEFAULTS: Readonly<Record<string, string>> = {
  TARGETPLATFORM: 'linux/amd64', TARGETOS: 'linux', TARGETARCH: 'amd64', TARGETVARIANT: '',
  BUILDPLATFORM: 'linux/amd64', BUILDOS: 'linux', BUILDARCH: 'amd64', BUILDVARIANT: '',
};

/** Global ARG defaults as FROM sees them: each default expanded with the ARGs above it, automatic platform ARGs set. */
export function globalArgDefaults(model: DockerfileModel): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>(Object.entries(AUTOMATIC_DEFAULTS));
  for (const [name, value] of model.globalArgs) {
    if (value !== undefined) out.set(name, expandWithDefaults(value, out));
    else if (!AUTOMATIC_PLATFORM_ARGS.has(name)) out.set(name, undefined);
  }
  return out;
}

/** What stands for a value nobody knows yet in partialImageRef: valid in a registry, a path and a tag alike. */
export const UNKNOWN_PART = 'seaworthy-unknown';

/**
 * What can be told of a FROM image whose variables are not all known (`evil.example.com/x:${TAG}`, `${TAG:?}`):
 * the reference with each unknown variable standing as UNKNOWN_PART, and which of its parts are literal. The registry
 * is known when the text up to the first `/` holds no unknown variable (or, without a `/`, when the only unknown
 * ones follow the tag's `:`); the name when registry and path are. Undefined when nothing parses.
 */
export function partialImageRef(text: string, args: ReadonlyMap<string, string | undefined>): { ref: ImageRef; registryKnown: boolean; nameKnown: boolean } | undefined {
  let out = '';
  let at = 0;
  let firstUnknown = -1;
  for (const use of variableUses(text)) {
    const value = args.get(use.name);
    const m = /^\$\{[A-Za-z0-9_]+(:?[-+?])([^}]*)\}$/.exec(text.slice(use.start, use.end));
    const set = value !== undefined && (m?.[1].startsWith(':') ? value !== '' : true);
    let replacement: string | undefined;
    if (m?.[1].endsWith('-')) replacement = set ? value : m[2];
    else if (m?.[1].endsWith('+')) replacement = set ? m[2] : '';
    else replacement = set ? value : undefined; // `${X}`, `$X`, `${X:?}`: the value given at build time
    if (replacement === undefined && firstUnknown < 0) firstUnknown = out.length + (use.start - at);
    out += text.slice(at, use.start) + (replacement ?? UNKNOWN_PART);
    at = use.end;
  }
  out += text.slice(at);
  const ref = parseImageRef(out.replace(/["']/g, ''));
  if (!ref) return undefined;
  if (firstUnknown < 0) return { ref, registryKnown: true, nameKnown: true };
  const slash = out.indexOf('/');
  const registryKnown = slash >= 0 ? slash < firstUnknown : out.slice(0, firstUnknown).includes(':');
  const nameKnown = registryKnown && !ref.path.includes(UNKNOWN_PART) && !(ref.registry ?? '').includes(UNKNOWN_PART);
  return { ref, registryKnown, nameKnown };
}

/** The document range of offsets [start, end) inside a word whose range holds exactly `text`; else the whole range. */
export function rangeInside(model: DockerfileModel, whole: Range, text: string, start: number, end: number): Range {
  const at = model.lines.offsetAt(whole.start);
  if (model.text.slice(at, model.lines.offsetAt(whole.end)) !== text) return whole;
  return { start: model.lines.positionAt(at + start), end: model.lines.positionAt(at + end) };
}

/** A word without the quotes around it (`"app.tar"` -> `app.tar`). */
export const unquote = (s: string): string => s.replace(/^(["'])(.*)\1$/, '$2');

/** An instruction's `--name=value` flag: its value without surrounding quotes, and its whole text as written. */
export function flagValue(ins: Instruction, name: string): { value: string; text: string; range: Range } | undefined {
  const flag = ins.flags.find((f) => f.name === name);
  if (!flag || flag.value === null) return undefined;
  return { value: unquote(flag.value), text: `--${flag.name}=${flag.value}`, range: flag.range };
}

/** The source words of a COPY/ADD (not the destination, not flags), exec-form (JSON) sources included; none for heredocs. */
export function copySources(ins: Instruction): { word: Word; path: string }[] {
  if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.heredocs.length > 0) return [];
  if (!ins.isJsonForm) return ins.args.slice(0, -1).map((word) => ({ word, path: unquote(word.value ?? word.text) }));
  return (ins.json?.words ?? []).slice(0, -1).map((word) => ({ word, path: word.value ?? '' }));
}

/** The commands of the pipeline `cmd` belongs to, left to right (just `cmd` outside a pipeline). */
export function pipelineOf(cmd: RunCommand, model: DockerfileModel): RunCommand[] {
  if (!cmd.inPipeline) return [cmd];
  const links = pipeLinks(cmd.instruction.run?.commands ?? [], model);
  const chain = [cmd];
  const members = new Set(chain);
  for (let c = links.next.get(cmd); c && !members.has(c); c = links.next.get(c)) {
    chain.push(c);
    members.add(c);
  }
  // walk left too, so every member of a pipeline sees the same list
  for (let before = links.previous.get(cmd); before && !members.has(before); before = links.previous.get(chain[0])) {
    chain.unshift(before);
    members.add(before);
  }
  return chain;
}

interface PipeLinks {
  /** the command a pipe feeds from each command */
  readonly next: ReadonlyMap<RunCommand, RunCommand>;
  /** the first command (in order) whose next is each command */
  readonly previous: ReadonlyMap<RunCommand, RunCommand>;
}

// Worked out once per RUN: asked command by command, a search over the RUN's commands was cubic in their number
// (1,000 `curl … | sh` joined with && took 56 s).
const pipeLinksOf = new WeakMap<readonly RunCommand[], PipeLinks>();

function pipeLinks(all: readonly RunCommand[], model: DockerfileModel): PipeLinks {
  let links = pipeLinksOf.get(all);
  if (links) return links;
  const starts = all.map((o) => model.lines.offsetAt(o.range.start));
  // by start, the earliest command first among equal starts (as a left-to-right scan keeps the first it finds)
  const order = all.map((_, i) => i).sort((a, b) => starts[a] - starts[b] || a - b);
  const next = new Map<RunCommand, RunCommand>();
  const previous = new Map<RunCommand, RunCommand>();
  for (const c of all) {
    // the next command that starts after `c` ends, when only a pipe (and continuation whitespace) separates them
    const end = model.lines.offsetAt(c.range.end);
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[order[mid]] >= end) hi = mid;
      else lo = mid + 1;
    }
    const best = lo < order.length ? all[order[lo]] : undefined;
    if (!best || !best.inPipeline) continue;
    if (/^[\s\\`]*\|&?[\s\\`]*$/.test(model.text.slice(end, starts[order[lo]]))) next.set(c, best);
  }
  for (const c of all) {
    const n = next.get(c);
    if (n && !previous.has(n)) previous.set(n, c);
  }
  links = { next, previous };
  pipeLinksOf.set(all, links);
  return links;
}
