// GitLab Code Quality report (a JSON array of issues with a stable fingerprint).
import type { Severity } from '../../engine/rule';
import { oneBasedRange } from '../../engine/text';
import { reportFingerprint } from '../fingerprint';
import type { Formatter } from './types';

const SEVERITY: Record<Severity, string> = { error: 'critical', warning: 'major', information: 'minor', hint: 'info' };

export const formatGitlab: Formatter = (results) =>
  JSON.stringify(
    results.flatMap((r) =>
      r.findings.map((f, i) => {
        const { line, endLine } = oneBasedRange(f.range);
        return {
          description: f.message,
          check_name: f.rule.id,
          fingerprint: reportFingerprint(r.file, r.fingerprints[i]),
          severity: SEVERITY[f.severity],
          location: { path: r.file.replace(/^\.\//, ''), lines: { begin: line, end: endLine } },
        };
      }),
    ),
    null,
    2,
  );
