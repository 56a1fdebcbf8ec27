// Readings of an instruction's own text that the builder makes and the parser gets wrong or makes slowly: the leading
// `--flags`, where the arguments start, the strings of an exec-form array, and a RUN's shell source with a map back
// to the document (continuations joined the way the builder joins them).
import type { LineIndex, Range } from '../text';
import type { Flag } from './types';

/**
 * The `--flag[=value]` words that open an instruction, read from the text the way the builder reads them (whitespace,
 * escaped newlines and the comment or empty lines inside a continuation separate them), and where the rest starts.
 * `start` is the offset just after the keyword, `end` the instruction's end.
 */
export function scanLeadingFlags(
  text: string,
  lines: LineIndex,
  start: number,
  end: number,
  escape: string,
): { flags: Flag[]; bodyStart: number; end: number } {
  let i = start;
  const flags: Flag[] = [];
  const atLineEnd = (j: number) => {
    while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
    return j >= end || text[j] === '\n' || text[j] === '\r';
  };
  const skipBlank = () => {
    for (;;) {
      while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
      // an escaped blank in the middle of a line separates words too (dockerfile-ast and hadolint read it so)
      if (i + 1 < end && text[i] === escape && (text[i + 1] === ' ' || text[i + 1] === '\t') && !atLineEnd(i + 1)) {
        i += 2;
        continue;
      }
      if (i < end && text[i] === escape && atLineEnd(i + 1) && i + 1 < end) {
        // an escaped newline: continue on the next line, skipping comment and empty lines as the builder does
        let line = lines.positionAt(i).line + 1;
        i = lines.lineStart(line);
        while (line < lines.lineCount && i < end && /^\s*(#.*)?$/.test(lines.lineText(line)) && lines.lineStart(line + 1) <= end && line + 1 < lines.lineCount)
          i = lines.lineStart(++line);
        continue;
      }
      return;
    }
  };
  for (;;) {
    skipBlank();
    if (!text.startsWith('--', i)) break;
    let j = i;
    while (j < end && !/\s/.test(text[j]) && !(text[j] === escape && atLineEnd(j + 1))) j++;
    const token = text.slice(i + 2, j);
    const eq = token.indexOf('=');
    flags.push({
      name: eq < 0 ? token : token.slice(0, eq),
      value: eq < 0 ? null : token.slice(eq + 1),
      range: { start: lines.positionAt(i), end: lines.positionAt(j) },
      valueRange: eq < 0 ? null : { start: lines.positionAt(i + 2 + eq + 1), end: lines.positionAt(j) },
    });
    i = j;
  }
  return { flags, bodyStart: Math.min(i, end), end };
}

/**
 * From the first character after the keyword (blanks, escaped newlines and comment lines inside the continuation
 * skipped) to the end: read from the text, because dockerfile-ast's argument ranges split every instruction into
 * argument objects first, which costs more than many rules together. `start` is the offset just after the keyword.
 */
export function argumentsRangeOf(text: string, lines: LineIndex, start: number, end: number, escape: string): Range | undefined {
  let at = start;
  for (;;) {
    while (at < end && (text[at] === ' ' || text[at] === '\t')) at++;
    if (
      text[at] === escape &&
      (text[at + 1] === '\n' || (text[at + 1] === '\r' && text[at + 2] === '\n') || (text[at + 1] === '\r' && text[at + 2] !== '\n'))
    ) {
      at += text[at + 1] === '\r' && text[at + 2] === '\n' ? 3 : 2;
      // whole comment lines inside a continuation are not arguments
      for (;;) {
        let p = at;
        while (p < end && (text[p] === ' ' || text[p] === '\t')) p++;
        if (text[p] !== '#') break;
        while (p < end && text[p] !== '\n' && text[p] !== '\r') p++;
        at = p + (text[p] === '\r' && text[p + 1] === '\n' ? 2 : 1);
      }
      continue;
    }
    break;
  }
  return at < end ? { start: lines.positionAt(at), end: lines.positionAt(end) } : undefined;
}

/**
 * The strings of an exec-form array between the offsets of its brackets, read from the text itself: dockerfile-ast's
 * getJSONValue() drops blanks inside strings ("hi there" -> "hithere") and mis-ranges escaped quotes. An escaped
 * newline inside a string is a continuation and no part of the value.
 */
export function jsonArrayWords(text: string, open: number, close: number, escape: string): { text: string; value: string; start: number; end: number }[] {
  const continuation = new RegExp(`${escapeRegExp(escape)}\\r?\\n`, 'g');
  const out: { text: string; value: string; start: number; end: number }[] = [];
  for (let i = open + 1; i < close; i++) {
    if (text[i] !== '"') continue;
    let j = i + 1;
    while (j < close && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    const raw = text.slice(i, j + 1);
    let value: string;
    try {
      value = JSON.parse(raw.replace(continuation, '')) as string;
    } catch {
      value = raw.slice(1, -1);
    }
    out.push({ text: raw, value, start: i, end: j + 1 });
    i = j;
  }
  return out;
}

/** Whether the text from an array's `[` to the instruction's end is a JSON array of strings once continuations are joined. */
export function isValidJsonArray(text: string, escape: string, eol: string): boolean {
  try {
    const value: unknown = JSON.parse(text.split(escape + eol).join(''));
    return Array.isArray(value) && value.every((v) => typeof v === 'string');
  } catch {
    return false;
  }
}

export interface ShellSource {
  text: string;
  toDoc(offset: number, isEnd?: boolean): number;
  droppedComment: boolean;
}

export function verbatimSource(text: string, start: number, end: number): ShellSource {
  // CR would become part of words in bash; a space keeps offsets identical
  return { text: text.slice(start, end).replace(/\r/g, ' '), toDoc: (o) => start + o, droppedComment: false };
}

/**
 * The instruction's text with Docker's line continuations applied the way the builder does: comment lines and
 * empty lines inside a continuation are dropped, the escape character before a newline becomes a backslash.
 */
export function continuedSource(text: string, lines: LineIndex, start: number, end: number, escape: string): ShellSource {
  const srcStarts: number[] = [];
  const docStarts: number[] = [];
  let out = '';
  let droppedComment = false;
  const emit = (docFrom: number, docTo: number) => {
    srcStarts.push(out.length);
    docStarts.push(docFrom);
    out += text.slice(docFrom, docTo).replace(/\r/g, ' ');
  };
  const trailingEscape = new RegExp(`${escapeRegExp(escape)}[ \\t]*$`);
  let lineNo = lines.positionAt(start).line;
  let at = start;
  let continued = false;
  while (at < end) {
    const lineEnd = Math.min(lines.lineEnd(lineNo), end);
    const content = text.slice(at, lineEnd);
    if (continued && (/^\s*#/.test(content) || /^\s*$/.test(content)) && lineEnd < end) {
      if (/^\s*#/.test(content)) droppedComment = true;
    } else {
      const m = trailingEscape.exec(content);
      continued = m !== null && lineEnd < end;
      if (continued) {
        emit(at, at + m!.index);
        srcStarts.push(out.length);
        docStarts.push(at + m!.index);
        out += '\\\n';
      } else {
        emit(at, lineEnd);
      }
    }
    lineNo++;
    at = lines.lineStart(lineNo);
    if (lineNo >= lines.lineCount) break;
  }
  const toDoc = (o: number, isEnd = false): number => {
    let lo = 0;
    let hi = srcStarts.length - 1;
    const key = isEnd && o > 0 ? o - 1 : o;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (srcStarts[mid] <= key) lo = mid;
      else hi = mid - 1;
    }
    return docStarts[lo] + (o - srcStarts[lo]);
  };
  return { text: out, toDoc, droppedComment };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
