// Combining fixes: all safe fixes of a file in one non-overlapping edit list, and the loop that applies them to a fixed point.
import type { Finding } from './rule';
import { comparePositions, type TextEdit } from './text';

/** Edits of the given findings' fixes, skipping any fix whose edits overlap one already taken. */
export function mergeFixes(findings: readonly Finding[], include: (f: Finding) => boolean = (f) => f.fix?.safe === true): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const f of findings) {
    if (!f.fix || !include(f) || f.fix.createFile) continue;
    const overlaps = f.fix.edits.some((e) => taken.some((t) => overlap(e, t)));
    if (!overlaps) taken.push(...f.fix.edits);
  }
  return taken;
}

/** Two edits conflict when their ranges overlap (touching is fine) or both insert at the same point. */
function overlap(a: TextEdit, b: TextEdit): boolean {
  const aEmpty = comparePositions(a.range.start, a.range.end) === 0;
  const bEmpty = comparePositions(b.range.start, b.range.end) === 0;
  if (aEmpty && bEmpty) return comparePositions(a.range.start, b.range.start) === 0;
  return comparePositions(a.range.start, b.range.end) < 0 && comparePositions(b.range.start, a.range.end) < 0;
}
