// Facts the base-image and supply-chain rules share: variables in FROM, the sources of COPY/ADD, and which RUN
// commands feed each other through a pipe.
import type { JSONInstruction } from 'dockerfile-ast';
import { parseImageRef, type ImageRef } from './imageRef';
import type { DockerfileModel, Instruction, RunCommand, Word } from './model';
import type { Range } from './text';

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

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** `$X`, `${X}`, `${X:-word}` … in a FROM image or flag value, in order. */
export function variableUses(text: string): VariableUse[] {
  return [...text.matchAll(VARIABLE)].map((m) => ({ name: m[1] ?? m[4], start: m.index, end: m.index + m[0].length }));
}

/**
 * The text with every variable replaced the way the builder does when no --build-arg is given, quotes removed:
 * `args` holds the defaults (undefined for an ARG without one); an undeclared name expands to the empty string, and
 * `${X:-word}` / `${X-word}` then give word.
 */
export function expandWithDefaults(text: string, args: ReadonlyMap<string, string | undefined>): string {
  const expanded = text.replace(VARIABLE, (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    const value = args.get(braced ?? bare!);
    const set = value !== undefined && (op?.startsWith(':') ? value !== '' : true);
    if (op?.endsWith('-')) return set ? value! : word!;
    if (op?.endsWith('+')) return set ? word! : '';
    return value ?? '';
  });
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
export function copySources(ins: Instruction, model: DockerfileModel): { word: Word; path: string }[] {
  if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.heredocs.length > 0) return [];
  if (!ins.isJsonForm) return ins.args.slice(0, -1).map((word) => ({ word, path: unquote(word.value ?? word.text) }));
  // dockerfile-ast's JSON values drop blanks inside strings: read each string from the text itself
  const strings = (ins.ast as unknown as JSONInstruction).getJSONStrings().map((s) => {
    const range = s.getRange();
    const text = model.text.slice(model.lines.offsetAt(range.start), model.lines.offsetAt(range.end));
    let path: string;
    try {
      path = JSON.parse(text) as string;
    } catch {
      path = text.slice(1, -1);
    }
    return { word: { text, value: path, range }, path };
  });
  return strings.slice(0, -1);
}

/** The commands of the pipeline `cmd` belongs to, left to right (just `cmd` outside a pipeline). */
export function pipelineOf(cmd: RunCommand, model: DockerfileModel): RunCommand[] {
  if (!cmd.inPipeline) return [cmd];
  const all = cmd.instruction.run?.commands ?? [];
  // the next command that starts after `c` ends, when only a pipe (and continuation whitespace) separates them
  const next = (c: RunCommand): RunCommand | undefined => {
    const end = model.lines.offsetAt(c.range.end);
    let best: RunCommand | undefined;
    for (const o of all) {
      const start = model.lines.offsetAt(o.range.start);
      if (start >= end && (!best || start < model.lines.offsetAt(best.range.start))) best = o;
    }
    if (!best || !best.inPipeline) return undefined;
    const between = model.text.slice(end, model.lines.offsetAt(best.range.start));
    return /^[\s\\`]*\|&?[\s\\`]*$/.test(between) ? best : undefined;
  };
  const chain = [cmd];
  for (let c = next(cmd); c && !chain.includes(c); c = next(c)) chain.push(c);
  // walk left too, so every member of a pipeline sees the same list
  for (let before = all.find((o) => next(o) === cmd); before && !chain.includes(before); before = all.find((o) => next(o) === chain[0])) {
    chain.unshift(before);
  }
  return chain;
}
