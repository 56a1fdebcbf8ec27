// Checkstyle XML, which Jenkins, GitLab and many CI dashboards read.
import type { Severity } from '../../engine/rule';
import { oneBasedRange } from '../../engine/text';
import type { Formatter } from './types';

const SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'info' };
const xml = (s: string) => s.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

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
