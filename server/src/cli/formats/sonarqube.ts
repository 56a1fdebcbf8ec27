// SonarQube's generic issue import format (sonar.externalIssuesReportPaths), as of SonarQube 10.3: the rules that
// fired, with a Clean Code attribute and their impact on a software quality, and the issues with 1-based lines and
// 0-based columns. A rule's impact takes the highest level its findings have in this run (a user may have changed it).
import type { Category, Rule, Severity } from '../../engine/rule';
import type { Formatter } from './types';
import { atLeast } from '../../../../shared/src/settings';

const QUALITY: Record<Category, string> = {
  security: 'SECURITY',
  correctness: 'RELIABILITY',
  runtime: 'RELIABILITY',
  reproducibility: 'RELIABILITY',
  size: 'MAINTAINABILITY',
  maintainability: 'MAINTAINABILITY',
};
const ATTRIBUTE: Record<Category, string> = {
  security: 'TRUSTWORTHY',
  correctness: 'LOGICAL',
  runtime: 'COMPLETE',
  reproducibility: 'COMPLETE',
  size: 'EFFICIENT',
  maintainability: 'CONVENTIONAL',
};
const IMPACT: Record<Severity, string> = { error: 'HIGH', warning: 'MEDIUM', information: 'LOW', hint: 'INFO' };

export const formatSonarqube: Formatter = (results) => {
  const fired = new Map<string, { rule: Rule; severity: Severity }>();
  for (const f of results.flatMap((r) => r.findings)) {
    const seen = fired.get(f.rule.id);
    if (!seen || (f.severity !== seen.severity && atLeast(f.severity, seen.severity))) fired.set(f.rule.id, { rule: f.rule, severity: f.severity });
  }
  return JSON.stringify(
    {
      rules: [...fired.values()].map(({ rule, severity }) => ({
        id: rule.id,
        name: rule.id,
        description: rule.docs.what,
        engineId: 'seaworthy',
        cleanCodeAttribute: ATTRIBUTE[rule.category],
        impacts: [{ softwareQuality: QUALITY[rule.category], severity: IMPACT[severity] }],
      })),
      issues: results.flatMap((r) =>
        r.findings.map((f) => {
          const { start, end } = f.range;
          // columns only for a non-empty range (SonarQube refuses a range that ends where it starts)
          const columns = end.line > start.line || end.character > start.character ? { startColumn: start.character, endColumn: end.character } : {};
          return {
            ruleId: f.rule.id,
            primaryLocation: { message: f.message, filePath: r.file, textRange: { startLine: start.line + 1, endLine: end.line + 1, ...columns } },
          };
        }),
      ),
    },
    null,
    2,
  );
};
