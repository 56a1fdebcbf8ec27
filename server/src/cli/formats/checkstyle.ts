// Checkstyle XML, which Jenkins, GitLab and many CI dashboards read.
import type { Severity } from '../../engine/rule';
import { oneBasedRange } from '../../engine/text';
import type { Formatter } from './types';
import { escapeXml as xml } from './xml';

const SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'info' };

export const formatCheckstyle: Formatter = (results) =>
  [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<checkstyle version="4.3">',
    ...results.flatMap((r) => [
      `  <file name="${xml(r.file)}">`,
      ...r.findings.map((f) => {
        const { line, column } = oneBasedRange(f.range);
        return `    <error line="${line}" column="${column}" severity="${SEVERITY[f.severity]}" message="${xml(f.message)}" source="seaworthy.${xml(f.rule.id)}"/>`;
      }),
      '  </file>',
    ]),
    '</checkstyle>',
  ].join('\n');
