// Hover: the rule card of every finding under the cursor, or of a rule named in a suppression comment.
import type { Hover, Position } from 'vscode-languageserver/node';
import { ruleMarkdown } from '../engine/docs';
import { linePragmaKeys } from '../engine/suppress';
import { comparePositions } from '../engine/text';
import { ruleByKey } from '../rules';
import type { Analysis } from '../analysis';

export function hover(a: Analysis | undefined, position: Position): Hover | null {
  if (!a) return null;
  const under = a.findings.filter((f) => comparePositions(f.range.start, position) <= 0 && comparePositions(position, f.range.end) <= 0);
  if (under.length > 0) {
    const seen = new Set<string>();
    // editors show the diagnostic's message above hovers already: the card adds the rule's documentation only
    const cards = under.filter((f) => !seen.has(f.rule.id) && seen.add(f.rule.id)).map((f) => ruleMarkdown(f.rule));
    return { contents: { kind: 'markdown', value: cards.join('\n\n---\n\n') } };
  }
  const line = a.model.lines.lineText(position.line);
  const keys = linePragmaKeys(line);
  if (!keys) return null;
  const wordAt = /[\w.-]+/g;
  for (let m = wordAt.exec(line); m; m = wordAt.exec(line)) {
    if (position.character < m.index || position.character > m.index + m[0].length) continue;
    const rule = ruleByKey.get(m[0]);
    if (rule) return { contents: { kind: 'markdown', value: ruleMarkdown(rule) }, range: { start: { line: position.line, character: m.index }, end: { line: position.line, character: m.index + m[0].length } } };
  }
  return null;
}
