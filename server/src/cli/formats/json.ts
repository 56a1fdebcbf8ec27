// The JSON contract other tools read: [{file, findings: [{rule, aliases, severity, message, line, column, endLine, endColumn, fix}]}].
import { oneBasedRange } from '../../engine/text';
import type { Formatter } from './types';

export const formatJson: Formatter = (results) =>
  JSON.stringify(
    results.map((r) => ({
      file: r.file,
      findings: r.findings.map((f) => ({
        rule: f.rule.id,
        aliases: f.rule.aliases.map((a) => a.code),
        severity: f.severity,
        message: f.message,
        ...oneBasedRange(f.range),
        fix: f.fix ? { title: f.fix.title, safe: f.fix.safe } : null,
      })),
    })),
    null,
    2,
  );
