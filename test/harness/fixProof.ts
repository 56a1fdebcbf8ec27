// The proof that fixes lose nothing: every offered fix applied alone, fix-all twice, unsafe fixes only on request.
import { buildModel } from '../../server/src/engine/model';
import { fixAllText } from '../../server/src/engine/fix/fixAll';
import { lint } from '../../server/src/engine/lint';
import type { Finding } from '../../server/src/engine/rule';
import { applyEdits, LineIndex, type TextEdit } from '../../server/src/engine/text';
import { rules } from '../../server/src/rules';

export interface FixFailure {
  file: string;
  rule: string;
  title: string;
  reason: string;
}

export interface FixProof {
  offered: number;
  verified: number;
  failures: FixFailure[];
  fixAllChanged: number;
}

const lintText = (text: string): readonly Finding[] =>
  lint({ text, fileName: 'Dockerfile', dockerignore: { fileName: '.dockerignore', text: '' } }, rules).findings;

/** The text outside the edited spans, in order: it must be identical before and after. */
function untouched(source: string, edits: readonly TextEdit[]): string[] {
  const index = new LineIndex(source);
  const spans = edits.map((e) => [index.offsetAt(e.range.start), index.offsetAt(e.range.end)] as const).sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = 0;
  for (const [s, e] of spans) {
    parts.push(source.slice(at, s));
    at = e;
  }
  parts.push(source.slice(at));
  return parts;
}

function keptInOrder(fixed: string, parts: readonly string[]): boolean {
  let at = 0;
  for (const p of parts) {
    const i = fixed.indexOf(p, at);
    if (i < 0 || (at === 0 && parts[0] === p && i !== 0)) return false;
    at = i + p.length;
  }
  return fixed.endsWith(parts.at(-1) ?? '');
}

const census = (fs: readonly Finding[]) => {
  const m = new Map<string, number>();
  for (const f of fs) m.set(f.rule.id, (m.get(f.rule.id) ?? 0) + 1);
  return m;
};

export function proveFixes(file: string, text: string): FixProof {
  const proof: FixProof = { offered: 0, verified: 0, failures: [], fixAllChanged: 0 };
  const before = lintText(text);
  const beforeCount = census(before);
  const stages = buildModel(text).stages.length;
  for (const f of before) {
    if (!f.fix || f.fix.createFile) continue;
    proof.offered++;
    const fail = (reason: string) => proof.failures.push({ file, rule: f.rule.id, title: f.fix!.title, reason });
    let fixed: string;
    try {
      fixed = applyEdits(text, f.fix.edits);
    } catch (e) {
      fail(`edits do not apply: ${String(e)}`);
      continue;
    }
    if (!keptInOrder(fixed, untouched(text, f.fix.edits))) {
      fail('text outside the edits changed');
      continue;
    }
    let after: readonly Finding[];
    try {
      if (buildModel(fixed).stages.length !== stages) {
        fail('the stage structure changed');
        continue;
      }
      after = lintText(fixed);
    } catch (e) {
      fail(`the fixed file does not lint: ${String(e)}`);
      continue;
    }
    const afterCount = census(after);
    if ((afterCount.get(f.rule.id) ?? 0) >= (beforeCount.get(f.rule.id) ?? 0)) {
      fail('its finding is still there');
      continue;
    }
    const appeared = [...afterCount].filter(([id, n]) => id !== f.rule.id && !f.fix!.reveals?.includes(id) && n > (beforeCount.get(id) ?? 0)).map(([id]) => id);
    if (appeared.length) {
      fail(`new findings appeared: ${appeared.join(', ')}`);
      continue;
    }
    proof.verified++;
  }
  const once = fixAllText(text, lintText);
  if (once.text !== text) proof.fixAllChanged++;
  const twice = fixAllText(once.text, lintText);
  if (twice.text !== once.text)
    proof.failures.push({ file, rule: '(fix-all)', title: 'Fix all safe problems', reason: 'a second fix-all still changed the file' });
  const unsafeApplied = lintText(text)
    .filter((f) => f.fix && !f.fix.safe && !f.fix.createFile)
    .filter((f) => {
      // an unsafe fix's text appearing in the fix-all result would mean it ran without being asked
      const own = applyEdits(text, f.fix!.edits);
      return own !== text && once.text === own;
    });
  for (const f of unsafeApplied) proof.failures.push({ file, rule: f.rule.id, title: f.fix!.title, reason: 'fix-all applied an unsafe fix' });
  return proof;
}
