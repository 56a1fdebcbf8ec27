// GitHub Actions workflow commands: each finding becomes an annotation on the pull request.
import type { Severity } from '../../engine/rule';
import { oneBasedRange } from '../../engine/text';
import { printable } from '../printable';
import type { Formatter } from './types';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };
// https://docs.github.com/actions/reference/workflow-commands: properties and messages are %-encoded; the log
// renders ANSI escapes, so control characters are shown as escapes first (a line break included)
const data = (s: string) => printable(s.replace(/%/g, '%25'));
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export const formatGithub: Formatter = (results) =>
  results
    .flatMap((r) =>
      r.findings.map((f) => {
        const { line, column, endLine, endColumn } = oneBasedRange(f.range);
        const pos = line === endLine ? `line=${line},col=${column},endColumn=${endColumn}` : `line=${line},endLine=${endLine}`;
        return `::${COMMAND[f.severity]} file=${prop(r.file)},${pos},title=${prop(f.rule.id)}::${data(f.message)}`;
      }),
    )
    .join('\n');
