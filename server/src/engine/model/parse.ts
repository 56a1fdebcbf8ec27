// Splits a Dockerfile into dockerfile-ast instructions; after an edit, only the instructions around it are parsed again.
//
// dockerfile-ast parses a whole document at once, and that parse is most of a lint's cost (its instruction objects
// split their arguments as they are made). An edit in the editor changes a line or two, so the instructions it does not
// touch are taken from the previous parse: those before it keep their text and their lines; those after it too when
// the edit kept the number of lines (typing within a line). The parse of a window around the edit is trusted only
// when it ends on an instruction the previous parse had at the same place with the same text; otherwise the whole
// text is parsed, as without a previous parse.
import { DockerfileParser, type Instruction as AstInstruction } from 'dockerfile-ast';
import type { LineIndex } from '../text';
import type { Directive } from './types';

export interface Parsed {
  readonly text: string;
  readonly lines: LineIndex;
  readonly escape: string;
  /** the value of a leading `# syntax=` directive as dockerfile-ast reads it (its first directive only) */
  readonly firstSyntax: string | undefined;
  readonly directives: readonly Directive[];
  /** top-level instructions, in order */
  readonly instructions: readonly AstInstruction[];
}

/** Parses `text`, reusing what `previous` (the parse of an earlier version of the same document) still holds. */
export function parseInstructions(text: string, lines: LineIndex, previous?: Parsed): Parsed {
  if (previous) {
    if (previous.text === text) return { ...previous, lines };
    const reused = reparse(text, lines, previous);
    if (reused) return reused;
  }
  const ast = DockerfileParser.parse(text);
  const first = ast.getDirective();
  return {
    text,
    lines,
    escape: ast.getEscapeCharacter(),
    firstSyntax: first?.getName() === 'syntax' ? first.getValue() : undefined,
    directives: ast.getDirectives().map((d) => ({ name: d.getName(), value: d.getValue(), range: d.getRange(), valueRange: d.getValueRange() })),
    instructions: ast.getInstructions(),
  };
}

function reparse(text: string, lines: LineIndex, previous: Parsed): Parsed | undefined {
  const old = previous.instructions;
  if (old.length === 0) return undefined;
  const before = previous.text;
  let prefix = 0;
  const shorter = Math.min(before.length, text.length);
  while (prefix < shorter && before.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before.charCodeAt(before.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  // the lines the edit touched in the old text (one more on each side: a line break may be half of a `\r\n`)
  const firstEdited = Math.max(0, previous.lines.positionAt(prefix).line - 1);
  const lastEdited = previous.lines.positionAt(before.length - suffix).line + 1;
  const preambleEnd = old[0].getRange().start.line;
  // directives and the comments before the first instruction decide how everything is read
  if (firstEdited <= preambleEnd) return undefined;
  const delta = lines.lineCount - previous.lines.lineCount;
  // from the instruction before the one holding the edit: whether an instruction goes on (a trailing escape, a
  // heredoc) is decided by the lines after it, and the edited line may be the one that ended it
  let holding = 0;
  while (holding + 1 < old.length && old[holding + 1].getRange().start.line <= firstEdited) holding++;
  const keep = Math.max(0, holding - 1);
  const windowStart = old[keep].getRange().start.line;
  // up to the first instruction wholly after the edit, which must come out the same (then so does everything after
  // it); with lines added or removed the rest of the file is parsed again, its positions having moved
  let anchor = delta === 0 ? holding + 1 : old.length;
  while (anchor < old.length && old[anchor].getRange().start.line <= lastEdited) anchor++;
  const anchorEnd = anchor < old.length ? old[anchor].getRange().end.line + 1 : lines.lineCount;
  const windowEnd = anchorEnd < lines.lineCount ? lines.lineStart(anchorEnd) : text.length;
  // the preamble as written (the escape directive), blank lines down to the window, then the window itself
  const padded = text.slice(0, lines.lineStart(preambleEnd)) + '\n'.repeat(windowStart - preambleEnd) + text.slice(lines.lineStart(windowStart), windowEnd);
  const ast = DockerfileParser.parse(padded);
  if (ast.getEscapeCharacter() !== previous.escape) return undefined;
  const parsed = ast.getInstructions();
  if (parsed.length === 0 || parsed[0].getRange().start.line < windowStart) return undefined;
  if (anchor < old.length) {
    const a = old[anchor].getRange();
    const b = parsed[parsed.length - 1].getRange();
    if (a.start.line !== b.start.line || a.start.character !== b.start.character || a.end.line !== b.end.line || a.end.character !== b.end.character)
      return undefined;
  }
  return { ...previous, text, lines, instructions: [...old.slice(0, keep), ...parsed, ...old.slice(anchor + 1)] };
}
