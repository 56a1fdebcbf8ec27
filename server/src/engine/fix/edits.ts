// Edit builders that keep the file's own style (keyword casing, indentation, line endings, escape character), and
// the small edits many fixes share: insert after a word, delete a word or a whole instruction.
import { inCasing, majorityCasing } from '../facts/casing';
import type { DockerfileModel, Instruction, Word } from '../model';
import type { TextEdit } from '../text';

/** Writes a keyword the way the file writes its keywords (lower-case files stay lower-case). */
export const keyword = (model: DockerfileModel, word: string): string => inCasing(word, majorityCasing(model));

const indentOf = (model: DockerfileModel, line: number) => /^[ \t]*/.exec(model.lines.lineText(line))![0];

/** Inserts whole lines before an instruction, indented like it. */
export function insertLinesBefore(model: DockerfileModel, ins: Instruction, lines: readonly string[]): TextEdit {
  const line = ins.range.start.line;
  const indent = indentOf(model, line);
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: lines.map((l) => indent + l + model.eol).join('') };
}

/** Inserts whole lines after an instruction (after its last line), indented like it. */
export function insertLinesAfter(model: DockerfileModel, ins: Instruction, lines: readonly string[]): TextEdit {
  const end = ins.range.end;
  const lineEnd = model.lines.positionAt(model.lines.lineEnd(end.line));
  const indent = indentOf(model, ins.range.start.line);
  return { range: { start: lineEnd, end: lineEnd }, newText: lines.map((l) => model.eol + indent + l).join('') };
}

/** Joins shell fragments into one RUN body continued over lines with the file's escape character. */
export function continued(model: DockerfileModel, parts: readonly string[]): string {
  return parts.join(` ${model.directives.escape}${model.eol}    && `);
}

/** Inserts text right after a word: the shape of most flag-adding fixes. */
export const insertAfterWord = (word: Word, text: string) => ({ range: { start: word.range.end, end: word.range.end }, newText: text });

/**
 * Deletes a word of a RUN with one blank beside it (the one after it, or else the one before), so that
 * `curl -k https://x` becomes `curl https://x`.
 */
export function removeWord(model: DockerfileModel, word: Word): TextEdit {
  const text = model.text;
  let start = model.lines.offsetAt(word.range.start);
  let end = model.lines.offsetAt(word.range.end);
  if (text[end] === ' ' || text[end] === '\t') end++;
  else if (text[start - 1] === ' ' || text[start - 1] === '\t') start--;
  return { range: { start: model.lines.positionAt(start), end: model.lines.positionAt(end) }, newText: '' };
}

/** Deletes a whole instruction with its line break. */
export function removeInstruction(model: DockerfileModel, ins: Instruction): TextEdit {
  const startLine = ins.range.start.line;
  const endLine = ins.range.end.line;
  if (endLine + 1 < model.lines.lineCount)
    return { range: { start: { line: startLine, character: 0 }, end: { line: endLine + 1, character: 0 } }, newText: '' };
  const start = startLine > 0 ? model.lines.positionAt(model.lines.lineEnd(startLine - 1)) : { line: 0, character: 0 };
  return { range: { start, end: model.lines.positionAt(model.lines.lineEnd(endLine)) }, newText: '' };
}
