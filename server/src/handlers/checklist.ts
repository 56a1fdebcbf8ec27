// The production checklist as the Explorer view shows it (seaworthy/checklist): the engine's answers in words.
import type { Checklist, ChecklistItem } from '../../../shared/src/commands';
import { atLeast } from '../../../shared/src/settings';
import { baseFacts, checklist, type ChecklistInput } from '../engine/checklist';
import type { Finding } from '../engine/rule';

const worst = (fs: readonly Finding[]) =>
  [...fs].sort((a, b) => (a.severity === b.severity ? 0 : atLeast(a.severity, b.severity) ? -1 : 1) || a.range.start.line - b.range.start.line)[0];
/** "line 4 · secret-in-env-or-arg": the line first, so a narrow view still shows where */
const place = (f: Finding, count: number) => `line ${f.range.start.line + 1}${count > 1 ? ` +${count - 1}` : ''} · ${f.rule.id}`;
const story = (fs: readonly Finding[]) => fs.map((x) => `${x.rule.id} (line ${x.range.start.line + 1}): ${x.message}`).join('\n\n');

/** The checklist of a document; `file` is the name the view's title shows ("Dockerfile", "api/Dockerfile"). */
export function checklistView(input: ChecklistInput, file: string): Checklist {
  const items = checklist(input).map(({ label, status, rules, findings, reason, fromBase }): ChecklistItem => {
    switch (status) {
      case 'off': {
        const lead = rules[0];
        const severity = lead?.severity ?? 'warning';
        const id = lead?.id ?? '';
        return {
          label,
          status,
          detail: `off · turn on ${id}`,
          tooltip: `No enabled rule checks this. Turn on ${id}: "seaworthy.rules": { "${id}": "${severity}" } in the settings, or rules: { ${id}: ${severity} } in .seaworthy.yaml.`,
          enable: { rule: id, severity },
        };
      }
      case 'not-applicable':
        return { label, status, detail: reason!, tooltip: `Does not apply: ${reason}.` };
      case 'failed': {
        const f = worst(findings);
        return { label, status, level: f.severity, detail: place(f, findings.length), tooltip: story(findings), range: f.range };
      }
      case 'suppressed': {
        const f = worst(findings);
        return {
          label,
          status,
          level: f.severity,
          detail: `ignored · ${place(f, findings.length)}`,
          tooltip: `Not passed: a suppression comment or the config hides ${findings.length === 1 ? 'this finding' : 'these findings'}.\n\n${story(findings)}`,
          range: f.range,
        };
      }
      case 'passed':
        if (fromBase)
          return {
            label,
            status,
            detail: `${fromBase} · from the base image`,
            tooltip: `Checked by ${rules.map((r) => r.id).join(', ')}: ${fromBase} comes from the base image \`${input.image?.base?.name}\`, as its registry describes it.`,
          };
        return { label, status, detail: '', tooltip: `Checked by ${rules.map((r) => r.id).join(', ')}.` };
    }
  });
  // the base image's own rows, marked as its (no check: nothing to pass or fail)
  const base = input.image?.base;
  const where = base && `from the base image \`${base.name}\`${base.facts?.platform ? ` (${base.facts.platform})` : ''}, as its registry describes it`;
  for (const fact of baseFacts(input.image))
    items.push({ label: fact.label, status: 'base', detail: `${fact.value} · from the base image`, tooltip: `${fact.value}: ${where}.` });
  const counted = items.filter((i) => i.status === 'passed' || i.status === 'failed' || i.status === 'suppressed');
  return { file, passed: counted.filter((i) => i.status === 'passed').length, total: counted.length, items };
}
