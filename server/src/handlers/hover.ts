// Hover: on a finding, one line per finding of that line (the worst first, each linking its rule's page) and the full
// card of the one under the cursor; on a rule named in a suppression comment, that rule's card.
import type { Hover, Position } from 'vscode-languageserver/node';
import { baseLanguage } from '../engine/facts/baseImage';
import { ruleMarkdown, ruleSummary } from '../engine/docs';
import { instructionAt } from '../engine/lint';
import type { Finding, Severity } from '../engine/rule';
import { linePragmaKeys } from '../engine/suppress';
import { comparePositions } from '../engine/text';
import { rulesByKey } from '../rules';
import type { Analysis } from '../analysis';
import { ruleLink } from './diagnostics';

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, information: 2, hint: 3 };
const LABEL: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };

const contains = (f: Finding, p: Position) => comparePositions(f.range.start, p) <= 0 && comparePositions(p, f.range.end) <= 0;
/** the more of the line a finding covers, the less it says about the spot under the cursor */
const width = (f: Finding) => (f.range.end.line - f.range.start.line) * 10_000 + f.range.end.character - f.range.start.character;
const bySeverity = (a: Finding, b: Finding) => RANK[a.severity] - RANK[b.severity] || comparePositions(a.range.start, b.range.start);

/**
 * The hover's Markdown at `position`, or null when nothing is there. `image` is what the registry said about an image
 * reference under the cursor: it goes between the short list and the long card, never below the card.
 */
export function hover(a: Analysis | undefined, position: Position, image?: string): Hover | null {
  if (!a) return image ? markdown(image) : null;
  const under = a.findings.filter((f) => contains(f, position));
  if (under.length === 0) return pragmaHover(a, position) ?? (image ? markdown(image) : null);
  // the finding the card is about: the narrowest under the cursor (it names the words there), the worst of equals
  const main = [...under].sort((x, y) => width(x) - width(y) || bySeverity(x, y))[0];
  const onLine = a.findings.filter((f) => f.range.start.line <= position.line && position.line <= f.range.end.line).sort(bySeverity);
  const stage = instructionAt(a.model, main.range.start.line)?.stage ?? a.model.finalStage;
  const card = ruleMarkdown(main.rule, { language: stage && baseLanguage(stage) });
  const parts: string[] = [];
  if (onLine.length > 1) parts.push(findingList(onLine, main));
  if (image) parts.push(image);
  parts.push(card);
  return markdown(parts.join('\n\n---\n\n'));
}

/** One line per rule found on the line, the worst first: its level, its id (a link to its page), what to do. */
function findingList(findings: readonly Finding[], main: Finding): string {
  const lines: string[] = [];
  const seen = new Map<string, number>();
  for (const f of findings) {
    const at = seen.get(f.rule.id);
    if (at !== undefined) {
      lines[at] = lines[at].replace(/ · (\d+)×$|$/, (_, n: string | undefined) => ` · ${(n ? Number(n) : 1) + 1}×`);
      continue;
    }
    seen.set(f.rule.id, lines.length);
    const name = f.rule === main.rule ? `**${f.rule.id}**` : f.rule.id;
    lines.push(`- ${LABEL[f.severity]} · [${name}](${ruleLink(f.rule)}) — ${ruleSummary(f.rule)}`);
  }
  return lines.join('\n');
}

/** The card of a rule named in a `# seaworthy-ignore` / `# hadolint ignore=` comment, on that name. */
function pragmaHover(a: Analysis, position: Position): Hover | null {
  const line = a.model.lines.lineText(position.line);
  if (!linePragmaKeys(line)) return null;
  const wordAt = /[\w.-]+/g;
  for (let m = wordAt.exec(line); m; m = wordAt.exec(line)) {
    if (position.character < m.index || position.character > m.index + m[0].length) continue;
    // an alias may name several rules (MultipleInstructionsDisallowed): the card of each
    const named = rulesByKey.get(m[0]);
    if (named)
      return {
        ...markdown(named.map((r) => ruleMarkdown(r)).join('\n\n---\n\n')),
        range: { start: { line: position.line, character: m.index }, end: { line: position.line, character: m.index + m[0].length } },
      };
  }
  return null;
}

const markdown = (value: string): Hover => ({ contents: { kind: 'markdown', value } });
