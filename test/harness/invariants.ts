// What every rule promises, checked for every invalid case of every rule test (a new rule cannot opt out).
import assert from 'node:assert/strict';
import { buildModel } from '../../server/src/engine/model';
import { mergeFixes } from '../../server/src/engine/fix/fixAll';
import { lint } from '../../server/src/engine/lint';
import type { Finding, Rule } from '../../server/src/engine/rule';
import { applyEdits, LineIndex, type TextEdit } from '../../server/src/engine/text';
import { rules } from '../../server/src/rules';
import { lintWithOnly, type LintOptions } from './engine';

/** Every byte outside the edited spans is kept: the text before the first and after the last edit, and between them. */
export function assertUnchangedOutside(source: string, fixed: string, edits: readonly TextEdit[]): void {
  const index = new LineIndex(source);
  const spans = edits.map((e) => [index.offsetAt(e.range.start), index.offsetAt(e.range.end), e.newText.length] as const).sort((a, b) => a[0] - b[0]);
  let src = 0;
  let out = 0;
  for (const [start, end, inserted] of spans) {
    assert.equal(fixed.slice(out, out + (start - src)), source.slice(src, start), 'a fix changed text outside its edits');
    out += start - src + inserted;
    src = end;
  }
  assert.equal(fixed.slice(out), source.slice(src), 'a fix changed text after its edits');
}

/** Applies all safe fixes (of all rules) until nothing changes; returns the rounds needed. */
export function applySafeFixesUntilStable(source: string, maxRounds: number): { text: string; converged: boolean } {
  let text = source;
  for (let round = 0; round < maxRounds; round++) {
    const edits = mergeFixes(lint({ text, fileName: 'Dockerfile', dockerignore: { fileName: '.dockerignore', text: '' } }, rules).findings);
    if (edits.length === 0) return { text, converged: true };
    text = applyEdits(text, edits);
  }
  return { text, converged: false };
}

export function assertRulePromises(rule: Rule, source: string, findings: readonly Finding[], o: LintOptions = {}): void {
  for (const f of findings) {
    if (f.fix && rule.fixable === 'never') assert.fail(`${rule.id} made a fix but declares fixable: 'never'`);
    if (!f.fix && rule.fixable === 'always') assert.fail(`${rule.id} declares fixable: 'always' but gave no fix`);
    if (!f.fix || f.fix.createFile) continue;
    const fixed = applyEdits(source, f.fix.edits);
    assertUnchangedOutside(source, fixed, f.fix.edits);
    assert.equal(buildModel(fixed).stages.length, buildModel(source).stages.length, `${rule.id}: fix changed the stage structure`);
    assert.ok(lintWithOnly(rule, fixed, o).length < findings.length, `${rule.id}: fix "${f.fix.title}" did not clear its finding:\n${fixed}`);
  }
  assert.ok(applySafeFixesUntilStable(source, 10).converged, 'safe fixes did not converge within 10 rounds');
}
