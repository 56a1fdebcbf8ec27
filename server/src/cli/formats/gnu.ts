// The GNU Coding Standards' error format (www.gnu.org/prep/standards/html_node/Errors.html), which Emacs' compilation
// mode, Vim's quickfix and many CI log parsers read, in the compilers' form (a linter reads source files as they do):
// `file:line.column-column: level: message [rule]` or `file:line1.column1-line2.column2: …`. Lines and columns are
// 1-based, columns count characters with tab stops every 8, the end column is the last character's; the levels are
// the ones GCC prints (error, warning, note); messages end without a period, as it asks (their first letter stays: it
// is often a name, such as Python or CMD).
import type { Severity } from '../../engine/rule';
import { LineIndex, type Position } from '../../engine/text';
import { oneLine, printable } from '../printable';
import type { Formatter } from './types';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** The 1-based display column of the character at `p` (UTF-16 index into its line): tabs to the next multiple of 8. */
function displayColumn(lines: LineIndex, p: Position): number {
  let column = 0;
  for (const ch of lines.lineText(p.line).slice(0, p.character)) column = ch === '\t' ? column + 8 - (column % 8) : column + 1;
  return column + 1;
}

/** One line (line breaks as spaces, other controls escaped), no final period. */
const asGnuMessage = (m: string) => printable(oneLine(m).replace(/\.$/, ''));

export const formatGnu: Formatter = (results) =>
  results
    .flatMap((r) => {
      const lines = new LineIndex(r.text);
      return r.findings.map((f) => {
        const { start } = f.range;
        // our end is exclusive, GNU's names the last character: one before it, or the end of the line before
        let end = f.range.end;
        if (end.character === 0 && end.line > start.line) end = { line: end.line - 1, character: lines.lineText(end.line - 1).length };
        const first = displayColumn(lines, start);
        const last =
          end.character > (end.line === start.line ? start.character : 0)
            ? displayColumn(lines, { line: end.line, character: end.character - 1 })
            : end.line === start.line
              ? first
              : 1;
        const where =
          end.line !== start.line
            ? `${start.line + 1}.${first}-${end.line + 1}.${last}`
            : last > first
              ? `${start.line + 1}.${first}-${last}`
              : `${start.line + 1}.${first}`;
        return `${printable(r.file)}:${where}: ${LEVEL[f.severity]}: ${asGnuMessage(f.message)} [${f.rule.id}]`;
      });
    })
    .join('\n');
