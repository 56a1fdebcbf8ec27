// Combining fixes: all safe fixes of a file in one non-overlapping edit list, and the loop that applies them to a fixed point.
import type { Finding } from '../rule';
import { applyEdits, comparePositions, LineIndex, type TextEdit } from '../text';

/** Edits of the given findings' fixes, skipping any fix whose edits overlap one already taken. */
export function mergeFixes(findings: readonly Finding[], include: (f: Finding) => boolean = (f) => f.fix?.safe === true): TextEdit[] {
  return takeFixes(findings, include).edits;
}

function takeFixes(findings: readonly Finding[], include: (f: Finding) => boolean): { edits: TextEdit[]; taken: Finding[] } {
  const edits: TextEdit[] = [];
  const taken: Finding[] = [];
  for (const f of findings) {
    if (!f.fix || !include(f) || f.fix.createFile || f.fix.quickFixOnly) continue;
    const overlaps = f.fix.edits.some((e) => edits.some((t) => overlap(e, t)));
    if (overlaps) continue;
    edits.push(...f.fix.edits);
    taken.push(f);
  }
  return { edits, taken };
}

/** A fix that rewrites text within single lines: it adds, moves or removes no line, so it leaves the other instructions as they were. */
const inLine = (f: Finding) => f.fix!.edits.every((e) => e.range.start.line === e.range.end.line && !/[\r\n]/.test(e.newText));

/**
 * The fixes of one round. Fixes are built against the text they see, and one may decide from other instructions (the
 * apt lists stay when a later RUN installs with them; the user block gives the WORKDIR to the new user), so fixes that
 * add, move or remove lines go one per round, each against the text the previous ones left; in-line rewrites go
 * together first; fixes that read the whole stage go last.
 */
function roundOf(findings: readonly Finding[], include: (f: Finding) => boolean): Finding[] {
  const wanted = findings.filter((f) => f.fix && include(f) && !f.fix.createFile && !f.fix.quickFixOnly);
  const inLineFixes = wanted.filter((f) => !f.fix!.appliesLast && inLine(f));
  if (inLineFixes.length) return inLineFixes;
  const next = wanted.find((f) => !f.fix!.appliesLast) ?? wanted[0];
  return next ? [next] : [];
}

/** Two edits conflict when their ranges overlap (touching is fine) or both insert at the same point. */
function overlap(a: TextEdit, b: TextEdit): boolean {
  const aEmpty = comparePositions(a.range.start, a.range.end) === 0;
  const bEmpty = comparePositions(b.range.start, b.range.end) === 0;
  if (aEmpty && bEmpty) return comparePositions(a.range.start, b.range.start) === 0;
  return comparePositions(a.range.start, b.range.end) < 0 && comparePositions(b.range.start, a.range.end) < 0;
}

/**
 * Applies the chosen fixes round by round (see roundOf), re-linting after each, until nothing is left to apply (fixes
 * that touch the same spot land in later rounds), then returns the whole change as one minimal edit. A second fix-all
 * then changes nothing. Fixes marked quickFixOnly and file creations are never applied here.
 */
export function fixAllText(
  text: string,
  lintText: (text: string) => readonly Finding[],
  include: (f: Finding) => boolean = (f) => f.fix?.safe === true,
  maxRounds = 50,
): { text: string; rounds: number; edit: TextEdit | undefined } {
  let current = text;
  let findings = lintText(current);
  // fixes that did not make their finding go away: not applied again (see below)
  const futile = new Set<string>();
  let rounds = 0;
  for (; rounds < maxRounds; rounds++) {
    const { edits, taken } = takeFixes(
      roundOf(findings, (f) => include(f) && !futile.has(fixKey(f))),
      () => true,
    );
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    const after = lintText(next);
    // a round must leave fewer findings of each kind it fixed: one that stays as many (an edit that landed where it
    // changes nothing) is undone and not tried again until another fix has changed the text, instead of being applied
    // once per round
    const stayed = taken.map(fixKey).filter((k) => countOf(after, k) >= countOf(findings, k));
    if (stayed.length) {
      for (const k of stayed) futile.add(k);
      continue;
    }
    current = next;
    findings = after;
    // the text changed: a fix that was futile may work now (an insertion point moved), and is tried again
    futile.clear();
  }
  return { text: current, rounds, edit: minimalEdit(text, current) };
}

const fixKey = (f: Finding): string => `${f.rule.id}\0${f.fix?.title ?? ''}`;
const countOf = (findings: readonly Finding[], key: string): number => findings.filter((f) => f.fix && fixKey(f) === key).length;

/** One edit turning `before` into `after`: the span between their common prefix and common suffix. */
function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  // never split a CRLF pair or a surrogate pair
  while (start > 0 && (before[start - 1] === '\r' || (before.charCodeAt(start - 1) & 0xfc00) === 0xd800)) start--;
  const index = new LineIndex(before);
  return { range: { start: index.positionAt(start), end: index.positionAt(endB) }, newText: after.slice(start, endA) };
}
