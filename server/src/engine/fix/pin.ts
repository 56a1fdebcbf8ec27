// What "Pin base image digest" rewrites, decided without the network: which FROM lines (or ARG defaults) hold a
// pinnable reference, which are skipped and why, and the edit that writes `image:tag@sha256:…` into exactly the
// reference's characters, so flags, `AS name`, comments, the escape character and line continuations stay as written.
import type { Range, TextEdit } from '../text';
import { textOf, type DockerfileModel, type Instruction, type Stage } from '../model';
import { parseImageRef, type ImageRef } from '../imageRef';

export interface PinTarget {
  /** the FROM this target pins (several FROMs may share one ARG target) */
  readonly stages: readonly Stage[];
  readonly ref: ImageRef;
  /** the characters holding the reference: in the FROM line, or in the ARG default it comes from */
  readonly range: Range;
  /** the ARG whose default is rewritten, when the FROM reads `${NAME}` */
  readonly arg?: string;
}

export interface PinSkip {
  readonly stage: Stage;
  readonly range: Range;
  readonly reason: string;
}

export interface PinPlan {
  readonly targets: readonly PinTarget[];
  readonly skipped: readonly PinSkip[];
}

/** The stages to pin: every one, or the one whose FROM is on `line` (0-based). */
export function planPins(model: DockerfileModel, line?: number): PinPlan {
  const stages = line === undefined ? model.stages : model.stages.filter((s) => s.from.range.start.line <= line && line <= s.from.range.end.line);
  const targets = new Map<string, PinTarget>();
  const skipped: PinSkip[] = [];
  for (const stage of stages) {
    const base = stage.base;
    const skip = (reason: string) => skipped.push({ stage, range: base.range, reason });
    if (base.kind === 'stage') {
      skip(`\`${base.text}\` is a stage of this Dockerfile`);
      continue;
    }
    if (base.kind === 'scratch') {
      skip('`scratch` is not an image');
      continue;
    }
    const written = textOf(model, base.range);
    const argRef = /^\$(?:\{(\w+)\}|(\w+))$/.exec(written);
    if (argRef) {
      const name = argRef[1] ?? argRef[2];
      const arg = globalArgValue(model, name);
      if (!arg) {
        skip(`\`${written}\` comes from ARG ${name}, which has no default to pin`);
        continue;
      }
      const ref = parseImageRef(arg.value);
      if (!ref || arg.value.includes('$')) {
        skip(`the default of ARG ${name} (\`${arg.value}\`) is not a plain image reference`);
        continue;
      }
      if (!ref.tag) {
        skip(`\`${arg.value}\` has no tag to resolve`);
        continue;
      }
      const key = `${arg.range.start.line}:${arg.range.start.character}`;
      const known = targets.get(key);
      targets.set(key, { stages: [...(known?.stages ?? []), stage], ref, range: arg.range, arg: name });
      continue;
    }
    if (base.kind === 'unresolved') {
      skip(`\`${base.text}\` cannot be resolved without build arguments`);
      continue;
    }
    if (written.includes('$')) {
      skip(`\`${written}\` is built from ARG values; pin the ARG's default or write the reference out`);
      continue;
    }
    if (written !== base.text) {
      skip(`\`${base.text}\` is split across lines; join it to pin it`);
      continue;
    }
    if (!base.ref.tag) {
      skip(`\`${base.text}\` has no tag to resolve; it is pinned by digest alone`);
      continue;
    }
    targets.set(`${base.range.start.line}:${base.range.start.character}`, { stages: [stage], ref: base.ref, range: base.range });
  }
  return { targets: [...targets.values()], skipped };
}

/** `python:3.12-slim` + digest -> `python:3.12-slim@sha256:…`; an old digest is replaced, never doubled. */
function pinnedReference(ref: ImageRef, digest: string): string {
  const at = ref.raw.indexOf('@');
  return `${at === -1 ? ref.raw : ref.raw.slice(0, at)}@${digest}`;
}

export function pinEdit(target: PinTarget, digest: string): TextEdit {
  return { range: target.range, newText: pinnedReference(target.ref, digest) };
}

/** The last global ARG (before the first FROM) declaring `name` with a default, and the characters of that default. */
function globalArgValue(model: DockerfileModel, name: string): { value: string; range: Range } | undefined {
  let found: { value: string; range: Range } | undefined;
  for (const ins of model.instructions as readonly Instruction[]) {
    if (ins.stage) break;
    if (ins.keyword !== 'ARG') continue;
    for (const kv of ins.keyValues) {
      if (kv.name !== name) continue;
      const value = kv.value;
      const range = kv.valueRange;
      if (value === null || !range) {
        found = undefined;
        continue;
      }
      // quotes stay where they are: only the characters between them are the reference
      const raw = textOf(model, range);
      const quoted = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0];
      const inner = quoted
        ? { start: { line: range.start.line, character: range.start.character + 1 }, end: { line: range.end.line, character: range.end.character - 1 } }
        : range;
      if (range.start.line !== range.end.line || textOf(model, inner) !== value) {
        found = { value: '$', range: inner };
        continue;
      }
      found = { value, range: inner };
    }
  }
  return found;
}
