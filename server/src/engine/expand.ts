// Variable references in Dockerfile text ($NAME, ${NAME}, ${NAME:-word} …) and their expansion: the one place the
// engine reads and expands them. Both are linear: references are scanned in one pass (a regular expression looking for
// the `}` of every `${` was quadratic on `${${${…`), and an expansion stops at MAX_EXPANSION characters, so a chain
// `ARG A1=${A0}${A0}` … `ARG A27=${A26}${A26}` (a value of 2^28 characters, 93 s and 2.1 GB) costs what its text does.

/**
 * Characters an expansion may reach. No valid image reference, path or option comes near it (an image name is at
 * most 255 characters); a longer expansion is cut just past it, so callers see a value longer than the limit and
 * judge it as the oversized value it is.
 */
export const MAX_EXPANSION = 4096;

export interface VariableRef {
  readonly name: string;
  /** the operator of `${NAME<op>word}` (`-`, `:-`, `+`, `:+`, `?`, `:?`); undefined for `$NAME`, `${NAME}` and the 'any' reading */
  readonly op: string | undefined;
  /** the text after the operator (after the name, in the 'any' reading) up to the first `}`; undefined when none */
  readonly word: string | undefined;
  /** offsets of the whole reference in the text */
  readonly start: number;
  readonly end: number;
}

/** Operators of the builder's `${NAME<op>word}` forms. */
export const DEFAULT_OPS: readonly string[] = ['-', ':-', '+', ':+'];
export const DEFAULT_AND_REQUIRED_OPS: readonly string[] = [...DEFAULT_OPS, '?', ':?'];
/** BuildKit's pattern operators: `${NAME#prefix}`, `##`, `%suffix`, `%%`, `${NAME/pattern/replacement}`, `//`. */
export const PATTERN_OPS: readonly string[] = ['#', '##', '%', '%%', '/', '//'];
/** Every operator BuildKit reads in `${NAME<op>word}`. */
export const BUILDKIT_OPS: readonly string[] = [...DEFAULT_AND_REQUIRED_OPS, ...PATTERN_OPS];

const isNameStart = (c: string | undefined) => c !== undefined && (c === '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
const isNameChar = (c: string | undefined) => isNameStart(c) || (c !== undefined && c >= '0' && c <= '9');

/**
 * `$NAME`, `${NAME}` and `${NAME<op>word}` references, in order. `ops` lists the operators read; a `${NAME…}` with
 * another one (or without its `}`) is not a reference. 'any' reads whatever follows the name up to the `}` as its word.
 */
export function variableRefs(text: string, ops: readonly string[] | 'any'): VariableRef[] {
  const out: VariableRef[] = [];
  // the first `}` at or after the place last asked about: every `${` after it shares the answer (-2: there is none)
  let close = -1;
  for (let i = text.indexOf('$'); i >= 0; i = text.indexOf('$', i)) {
    const braced = text[i + 1] === '{';
    let j = braced ? i + 2 : i + 1;
    if (!isNameStart(text[j])) {
      i++;
      continue;
    }
    const nameStart = j;
    while (isNameChar(text[j])) j++;
    const name = text.slice(nameStart, j);
    if (!braced) {
      out.push({ name, op: undefined, word: undefined, start: i, end: j });
      i = j;
      continue;
    }
    if (close !== -2 && close < j) {
      close = text.indexOf('}', j);
      if (close < 0) close = -2;
    }
    if (close === -2) {
      i++;
      continue;
    }
    let op: string | undefined;
    if (close === j) op = undefined;
    else if (ops === 'any') op = undefined;
    else {
      // `:-` and friends; `##`, `%%` and `//` (but `${X--1}` is `-` with the word `-1`)
      op = text[j] === ':' || (text[j + 1] === text[j] && '#%/'.includes(text[j])) ? text.slice(j, j + 2) : text[j];
      if (!ops.includes(op) && op.length === 2 && op[0] !== ':') op = text[j];
      if (!ops.includes(op)) {
        i++;
        continue;
      }
    }
    const word = close === j ? undefined : text.slice(j + (op?.length ?? 0), close);
    out.push({ name, op, word, start: i, end: close + 1 });
    i = close + 1;
  }
  return out;
}

/**
 * The text with each reference replaced by what `valueOf` gives; undefined when it gives undefined for one (a value
 * nobody knows). The result stops just past MAX_EXPANSION characters.
 */
export function expandVariables(text: string, ops: readonly string[] | 'any', valueOf: (ref: VariableRef) => string | undefined): string | undefined {
  let out = '';
  let at = 0;
  for (const ref of variableRefs(text, ops)) {
    const value = valueOf(ref);
    if (value === undefined) return undefined;
    out += text.slice(at, ref.start) + value;
    at = ref.end;
    if (out.length > MAX_EXPANSION) return out.slice(0, MAX_EXPANSION + 1);
  }
  out += text.slice(at);
  return out.length > MAX_EXPANSION ? out.slice(0, MAX_EXPANSION + 1) : out;
}

/**
 * The builder's reading of `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`, `${NAME}` and `$NAME`
 * with `value` as NAME's value (undefined: not set). `${NAME:?msg}` and `${NAME?msg}` give the value.
 */
export function applyOperator(ref: VariableRef, value: string | undefined): string | undefined {
  const set = value !== undefined && (ref.op?.startsWith(':') ? value !== '' : true);
  if (ref.op?.endsWith('-')) return set ? value : (ref.word ?? '');
  if (ref.op?.endsWith('+')) return set ? (ref.word ?? '') : '';
  return value;
}

/** A value for a message: at most `max` characters, cut in the middle (`abc…xyz`). */
export function excerpt(text: string, max = 120): string {
  if (text.length <= max) return text;
  const half = Math.floor((max - 1) / 2);
  return `${text.slice(0, half)}…${text.slice(text.length - half)}`;
}
