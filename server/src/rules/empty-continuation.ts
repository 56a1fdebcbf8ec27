import type { DockerfileModel, Instruction } from '../engine/model';
import { defineRule } from '../engine/rule';
import type { Range } from '../engine/text';

/** Runs of blank lines inside an instruction's line continuations: [first, last] line numbers, and the escape before them. */
function blankRuns(model: DockerfileModel, ins: Instruction): { first: number; last: number; escape: Range }[] {
  const { lines } = model;
  const esc = model.directives.escape;
  const continues = new RegExp(`${esc === '\\' ? '\\\\' : esc}[ \\t]*$`);
  const runs: { first: number; last: number; escape: Range }[] = [];
  let escape: Range | undefined;
  for (let line = ins.range.start.line; line <= ins.range.end.line; line++) {
    const text = lines.lineText(line);
    if (/^\s*$/.test(text)) {
      if (!escape) continue;
      const run = runs.at(-1);
      if (run && run.last === line - 1 && run.escape === escape) run.last = line;
      else runs.push({ first: line, last: line, escape });
      continue;
    }
    if (/^\s*#/.test(text) && escape) continue; // comment lines inside a continuation are dropped, not blank
    const m = continues.exec(text);
    escape = m ? { start: { line, character: m.index }, end: { line, character: m.index + 1 } } : undefined;
  }
  return runs;
}

export default defineRule({
  id: 'empty-continuation',
  aliases: [{ tool: 'buildkit', code: 'NoEmptyContinuation', relation: 'same' }],
  category: 'correctness',
  severity: 'warning',
  fixable: 'always',
  docs: {
    what: 'Remove blank lines from inside a `\\` line continuation. Fires on an instruction whose continued lines include an empty one.',
    why: 'The builder skips the blank line and carries on joining, so an instruction that looks finished swallows the next line: a trailing `\\` before a blank line turns the following `RUN` into arguments of the previous one. BuildKit warns and plans to make it an error.',
    example: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl \\\n\n    git',
    instead: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl \\\n    git',
    fixSafety: 'Safe: the builder ignores these lines already; removing them builds the same image.',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      // heredoc bodies keep their blank lines verbatim
      if (ins.onbuild || ins.heredocs.length > 0 || ins.range.start.line === ins.range.end.line) continue;
      const runs = blankRuns(model, ins);
      if (runs.length === 0) continue;
      const first = runs[0];
      const end = model.lines.positionAt(model.lines.lineEnd(first.last));
      report({
        range: { start: first.escape.start, end },
        message: `An empty line inside this continued \`${ins.keywordText}\` is skipped: the instruction carries on into line ${first.last + 2}`,
        fix: () => ({
          title: 'Remove the empty continuation lines',
          safe: true,
          edits: runs.map((r) => ({
            range: { start: model.lines.positionAt(model.lines.lineEnd(r.first - 1)), end: model.lines.positionAt(model.lines.lineEnd(r.last)) },
            newText: '',
          })),
        }),
      });
    }
  },
});
