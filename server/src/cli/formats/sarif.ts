// SARIF 2.1.0 as GitHub code scanning ingests it: rules with help from the rule docs, results with locations,
// fixes and partialFingerprints (so an alert keeps its identity when lines move).
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleMarkdown, ruleSummary } from '../../engine/docs';
import type { Rule, Severity } from '../../engine/rule';
import { LineIndex, oneBasedRange } from '../../engine/text';
import { rules } from '../../rules';
import type { Formatter } from './types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
// GitHub sorts alerts by this (0.0-10.0) for rules tagged "security"
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', information: '3.0', hint: '1.0' };

/** Repository-relative for files under the working directory (what GitHub expects), a file: URI otherwise. */
function uriOf(file: string): string {
  const abs = resolve(file);
  const rel = relative(process.cwd(), abs);
  if (!rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).map(encodeURIComponent).join('/');
  return pathToFileURL(abs).toString();
}

function ruleDescriptor(rule: Rule) {
  const markdown = ruleMarkdown(rule);
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: ruleSummary(rule) },
    fullDescription: { text: rule.docs.what },
    help: { text: `${rule.docs.what}\n\n${rule.docs.why}\n\nExample:\n${rule.docs.example}\n\nInstead:\n${rule.docs.instead}`, markdown },
    defaultConfiguration: { level: LEVEL[rule.severity], enabled: !rule.defaultOff },
    properties: {
      tags: [...new Set([rule.category, ...rule.aliases.map((a) => a.code)])],
      precision: 'high',
      ...(rule.category === 'security' ? { 'security-severity': SECURITY_SEVERITY[rule.severity] } : {}),
    },
  };
}

export const formatSarif: Formatter = (results, { toolVersion }) => {
  const used = new Map<string, Rule>(rules.map((r) => [r.id, r]));
  for (const r of results) for (const f of r.findings) if (!used.has(f.rule.id)) used.set(f.rule.id, f.rule);
  const ordered = [...used.values()];
  const indexOf = new Map(ordered.map((r, i) => [r.id, i]));
  const sarifResults = results.flatMap((r) =>
    r.findings.map((f, i) => {
      const { line, column, endLine, endColumn } = oneBasedRange(f.range);
      const uri = uriOf(r.file);
      const result: Record<string, unknown> = {
        ruleId: f.rule.id,
        ruleIndex: indexOf.get(f.rule.id),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: line, startColumn: column, endLine, endColumn } } }],
        partialFingerprints: { 'seaworthy/v1': r.fingerprints[i] },
      };
      if (f.fix && f.fix.edits.length > 0 && !f.fix.createFile) {
        const index = new LineIndex(r.text);
        result.fixes = [
          {
            description: { text: `${f.fix.title}${f.fix.safe ? '' : ' (changes behaviour)'}` },
            artifactChanges: [
              {
                artifactLocation: { uri },
                replacements: f.fix.edits.map((e) => {
                  const start = oneBasedRange(e.range);
                  return {
                    deletedRegion:
                      index.offsetAt(e.range.start) === index.offsetAt(e.range.end)
                        ? { startLine: start.line, startColumn: start.column, endLine: start.line, endColumn: start.column }
                        : { startLine: start.line, startColumn: start.column, endLine: start.endLine, endColumn: start.endColumn },
                    insertedContent: { text: e.newText },
                  };
                }),
              },
            ],
          },
        ];
      }
      return result;
    }),
  );
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'seaworthy',
              semanticVersion: toolVersion,
              version: toolVersion,
              informationUri: 'https://www.npmjs.com/package/seaworthy',
              rules: ordered.map(ruleDescriptor),
            },
          },
          results: sarifResults,
          columnKind: 'utf16CodeUnits',
        },
      ],
    },
    null,
    2,
  );
};
