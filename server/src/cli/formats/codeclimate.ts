// Code Climate issues as its engine specification streams them (github.com/codeclimate/platform, SPEC.md): one JSON
// document per finding, each terminated by a NUL character, with categories, 1-based positions and a fingerprint.
import type { Category, Severity } from '../../engine/rule';
import { oneBasedRange } from '../../engine/text';
import { reportFingerprint } from '../fingerprint';
import { oneLine } from '../printable';
import type { Formatter } from './types';

const SEVERITY: Record<Severity, string> = { error: 'critical', warning: 'major', information: 'minor', hint: 'info' };
const CATEGORY: Record<Category, string> = {
  security: 'Security',
  correctness: 'Bug Risk',
  runtime: 'Bug Risk',
  reproducibility: 'Bug Risk',
  size: 'Performance',
  maintainability: 'Style',
};

export const formatCodeclimate: Formatter = (results) =>
  results
    .flatMap((r) =>
      r.findings.map((f, i) => {
        const { line, column, endLine, endColumn } = oneBasedRange(f.range);
        return (
          JSON.stringify({
            type: 'issue',
            check_name: f.rule.id,
            // the spec wants one line of text
            description: oneLine(f.message),
            content: { body: `${f.rule.docs.what}\n\n${f.rule.docs.why}` },
            categories: [CATEGORY[f.rule.category]],
            location: { path: r.file.replace(/^\.\//, ''), positions: { begin: { line, column }, end: { line: endLine, column: endColumn } } },
            severity: SEVERITY[f.severity],
            fingerprint: reportFingerprint(r.file, r.fingerprints[i]),
          }) + '\0'
        );
      }),
    )
    .join('\n');
