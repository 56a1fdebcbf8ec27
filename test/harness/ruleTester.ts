// Per rule: valid snippets stay silent; invalid ones give exactly the expected 1-based ranges and fixed output.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding, Rule } from '../../server/src/engine/rule';
import { applyEdits, oneBasedRange } from '../../server/src/engine/text';
import { lintWithOnly, useParser, type LintOptions } from './engine';
import { assertRulePromises } from './invariants';

export interface InvalidCase extends LintOptions {
  code: string;
  findings: { line: number; column: number; endLine: number; endColumn: number }[];
  /** the text after applying the first finding's fix; omitted when the rule gives no fix here */
  output?: string;
  /** the created file's text, for fixes that create one */
  createdFile?: string;
  safe?: boolean;
  /** the first finding's level, when a finding may differ from its rule's */
  severity?: string;
  /** the first finding's message: the text itself, or a pattern it must match */
  message?: string | RegExp;
}

export type ValidCase = string | ({ code: string } & LintOptions);

/** Applies each finding's fix in turn to the original text (one at a time; the test cases have one finding each). */
function applyFirstFix(code: string, found: readonly Finding[]): string {
  const fix = found.find((f) => f.fix)?.fix;
  return fix ? applyEdits(code, fix.edits) : code;
}

export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.id, () => {
    useParser();
    for (const v of cases.valid) {
      const c = typeof v === 'string' ? { code: v } : v;
      it(`valid ${JSON.stringify(c.code)}`, () =>
        assert.deepEqual(
          lintWithOnly(rule, c.code, c).map((f) => f.message),
          [],
        ));
    }
    for (const c of cases.invalid) {
      it(`invalid ${JSON.stringify(c.code)}`, () => {
        const found = lintWithOnly(rule, c.code, c);
        assert.deepEqual(
          found.map((f) => oneBasedRange(f.range)),
          c.findings,
        );
        if (c.output !== undefined) assert.equal(applyFirstFix(c.code, found), c.output);
        else
          assert.equal(
            found.find((f) => f.fix && !f.fix.createFile),
            undefined,
            'the rule gave a fix; say what it outputs',
          );
        if (c.createdFile !== undefined) assert.equal(found[0].fix?.createFile?.text, c.createdFile);
        if (c.safe !== undefined) assert.equal(found[0].fix?.safe, c.safe);
        if (c.severity !== undefined) assert.equal(found[0].severity, c.severity);
        if (typeof c.message === 'string') assert.equal(found[0].message, c.message);
        else if (c.message) assert.match(found[0].message, c.message);
        assertRulePromises(rule, c.code, found, c);
      });
    }
  });
}
