// Edit helpers that keep the file's own style: keyword casing, indentation, line endings, escape character.
import type { DockerfileModel, Instruction } from '../model';
import type { TextEdit } from '../text';

/** Writes a keyword the way the file writes its keywords (lower-case files stay lower-case). */
export function keyword(model: DockerfileModel, word: string): string {
  let lower = 0;
  let upper = 0;
  for (const ins of model.instructions) {
    if (ins.keywordText === ins.keywordText.toLowerCase()) lower++;
    else if (ins.keywordText === ins.keywordText.toUpperCase()) upper++;
  }
  return lower > upper ? word.toLowerCase() : word.toUpperCase();
}

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
