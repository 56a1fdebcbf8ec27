// The one renderer of rule documentation: hover cards, docs/rules/<id>.md, SARIF help.
import type { Alias, Rule } from './rule';

const TOOL: Readonly<Record<Alias['tool'], string>> = { hadolint: 'hadolint', buildkit: 'BuildKit', shellcheck: 'ShellCheck' };

const block = (text: string) => '```dockerfile\n' + text.trimEnd() + '\n```';

export function ruleMarkdown(rule: Rule): string {
  const d = rule.docs;
  const aliases = rule.aliases.map((a) => `${TOOL[a.tool]} \`${a.code}\`${a.relation === 'inspired' ? ' (similar)' : ''}`);
  return [
    `**${rule.id}** · ${rule.severity} · ${rule.category}` + (aliases.length ? ` · ${aliases.join(', ')}` : ''),
    `**What it checks.** ${d.what}`,
    `**Why it matters in production.** ${d.why}`,
    // per-code rules of an external tool (shellcheck/SC2086) have no example of their own: their wiki page does
    d.example && `**Example**\n\n${block(d.example)}`,
    ...Object.entries(d.exampleFiles ?? {}).map(([name, text]) => `with \`${name}\`:\n\n` + '```\n' + text.trimEnd() + '\n```'),
    d.instead && `**Write instead**\n\n${block(d.instead)}`,
    ...Object.entries(d.insteadFiles ?? {}).map(([name, text]) => `with \`${name}\`:\n\n` + '```\n' + text.trimEnd() + '\n```'),
    d.fixSafety && `**Quick fix.** ${d.fixSafety}`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** The first sentence of `what`: the one-line summary in tables and `seaworthy rules`. */
export function ruleSummary(rule: Rule): string {
  const m = /^(.+?[.!?])(\s|$)/s.exec(rule.docs.what);
  return (m ? m[1] : rule.docs.what).replace(/\s+/g, ' ').trim();
}
