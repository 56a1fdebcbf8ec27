// GitHub Actions workflow commands: each finding becomes an annotation on the pull request.
import type { Severity } from '../../engine/rule';
import { oneBasedRange } from '../../engine/text';
import type { Formatter } from './types';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };
// https://docs.github.com/actions/reference/workflow-commands: properties and messages are %-encoded
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
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
