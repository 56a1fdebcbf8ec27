// JUnit XML, as Jenkins, GitLab and Azure DevOps read test reports: one test suite per file, one failed test case
// per finding (its type the level), and one passing test case for a file without findings.
import { oneBasedRange } from '../../engine/text';
import type { Formatter } from './types';
import { escapeXml as xml } from './xml';

export const formatJunit: Formatter = (results) => {
  const total = results.reduce((n, r) => n + Math.max(1, r.findings.length), 0);
  const failures = results.reduce((n, r) => n + r.findings.length, 0);
  const suites = results.map((r) => {
    const file = xml(r.file);
    const cases =
      r.findings.length === 0
        ? [`    <testcase classname="${file}" name="seaworthy" file="${file}" time="0"/>`]
        : r.findings.map((f) => {
            const { line, column } = oneBasedRange(f.range);
            const aliases = f.rule.aliases.map((a) => a.code).join(', ');
            const body = `${r.file}:${line}:${column}: ${f.severity}: ${f.message}\nRule: ${f.rule.id}${aliases ? ` (${aliases})` : ''}. ${f.rule.docs.what}`;
            return [
              `    <testcase classname="${file}" name="${xml(`${f.rule.id} at ${line}:${column}`)}" file="${file}" line="${line}" time="0">`,
              `      <failure type="${f.severity}" message="${xml(f.message)}">${body.split('\n').map(xml).join('\n')}</failure>`,
              '    </testcase>',
            ].join('\n');
          });
    return [
      `  <testsuite name="${file}" tests="${Math.max(1, r.findings.length)}" failures="${r.findings.length}" errors="0" skipped="0" time="0">`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="seaworthy" tests="${total}" failures="${failures}" errors="0" time="0">`,
    ...suites,
    '</testsuites>',
  ].join('\n');
};
