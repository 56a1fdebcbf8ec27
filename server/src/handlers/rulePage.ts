// The pages the editor renders for a rule (a diagnostic's code, a hover's link) and for the list of rules (the
// `seaworthy.rules` setting's description): Markdown, from the same source as docs/rules/*.md.
import { rulePage, ruleSummary } from '../engine/docs';
import { ruleByKey, rules } from '../rules';

/** The page for a rule id or alias, `index` for the list of rules, or null for anything else. */
export function rulePageMarkdown(id: string): string | null {
  if (id === 'index') return rulesIndex();
  const rule = ruleByKey.get(id) ?? ruleByKey.get(id.toLowerCase());
  return rule ? rulePage(rule) : null;
}

function rulesIndex(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  // an example from the catalogue itself: a rule that is on by default, and a hadolint code
  const example = rules.find((r) => !r.defaultOff && r.fixable !== 'never' && r.category === 'size') ?? rules[0];
  const code = rules.flatMap((r) => r.aliases).find((a) => a.tool === 'hadolint')?.code ?? rules[1].id;
  return [
    '# Seaworthy rules',
    '',
    `${rules.length} rules. Give one a level, or turn it off, in the \`seaworthy.rules\` setting by its id or an alias: \`"seaworthy.rules": { "${example.id}": "off", "${code}": "error" }\` (levels: \`off\`, \`error\`, \`warning\`, \`information\`, \`hint\`), or in \`.seaworthy.yaml\` under \`rules:\`. A rule marked _off_ runs only when given a level.`,
    '',
    '| rule | default level | category | aliases | what to do |',
    '| --- | --- | --- | --- | --- |',
    ...rules.map(
      (r) =>
        `| [${r.id}](${r.id}.md) | ${r.defaultOff ? `off (${r.severity})` : r.severity} | ${r.category} | ${r.aliases.map((a) => a.code).join(', ') || '—'} | ${cell(ruleSummary(r))} |`,
    ),
    '',
  ].join('\n');
}
