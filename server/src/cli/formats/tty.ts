// For people: grouped by file, coloured unless NO_COLOR or not a terminal, a summary line.
import type { Severity } from '../../engine/rule';
import { oneBasedRange } from '../../engine/text';
import { printable } from '../printable';
import type { Formatter } from './types';

const COLORS: Record<Severity, string> = { error: '31', warning: '33', information: '36', hint: '90' };

export const formatTty: Formatter = (results, { color }) => {
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  let fixable = 0;
  for (const r of results) {
    if (r.findings.length === 0) continue;
    lines.push(paint('1;4', printable(r.file)));
    for (const f of r.findings) {
      counts[f.severity]++;
      if (f.fix) fixable++;
      const { line, column } = oneBasedRange(f.range);
      lines.push(
        `  ${`${line}:${column}`.padEnd(8)}${paint(COLORS[f.severity], f.severity.padEnd(12))}${printable(f.message)}  ${paint('90', printable(f.rule.id))}`,
      );
    }
    lines.push('');
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const files = results.length;
  if (total === 0) lines.push(paint('32', `✓ ${files} file${files === 1 ? '' : 's'} checked, no problems`));
  else {
    const parts = (Object.keys(counts) as Severity[]).filter((s) => counts[s]).map((s) => `${counts[s]} ${s}`);
    lines.push(
      paint('1', `✖ ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${files} file${files === 1 ? '' : 's'}`) +
        (fixable ? `; ${fixable} with a quick fix` : ''),
    );
  }
  return lines.join('\n');
};
