// The one renderer of rule documentation: hover cards, docs/rules/<id>.md, the rendered rule pages, SARIF help.
import type { BaseLanguage } from './facts/baseImage';
import type { Alias, Rule } from './rule';

const TOOL: Readonly<Record<Alias['tool'], string>> = { hadolint: 'hadolint', buildkit: 'BuildKit', shellcheck: 'ShellCheck' };
const LANGUAGE: Readonly<Record<BaseLanguage, string>> = {
  python: 'Python',
  node: 'Node.js',
  go: 'Go',
  java: 'Java',
  ruby: 'Ruby',
  php: 'PHP',
  dotnet: '.NET',
  rust: 'Rust',
};

const block = (text: string) => '```dockerfile\n' + text.trimEnd() + '\n```';

/** `what`'s first sentence (what to do) and the rest (when the rule fires, what it leaves alone). */
function splitWhat(rule: Rule): [string, string] {
  const m = /^(.+?[.!?])(\s+|$)/s.exec(rule.docs.what);
  return m ? [m[1], rule.docs.what.slice(m[0].length).trim()] : [rule.docs.what, ''];
}

export interface CardOptions {
  /** the language of the file's base image: its example is shown when the rule has one */
  readonly language?: BaseLanguage;
}

/** The rule's card: each part under a heading that says what it is. */
export function ruleMarkdown(rule: Rule, options: CardOptions = {}): string {
  const d = rule.docs;
  const aliases = rule.aliases.map((a) => `${TOOL[a.tool]} \`${a.code}\`${a.relation === 'inspired' ? ' (similar)' : ''}`);
  const [todo, checks] = splitWhat(rule);
  const own = options.language && d.byLanguage?.[options.language];
  const example = own ? own.example : d.example;
  const instead = own ? own.instead : d.instead;
  const inLanguage = own ? ` (${LANGUAGE[options.language!]})` : '';
  return [
    `**${rule.id}** · ${rule.severity} · ${rule.category}` + (aliases.length ? ` · ${aliases.join(', ')}` : ''),
    `**What to do.** ${todo}`,
    checks && `**What it checks.** ${checks}`,
    `**Why it matters in production.** ${d.why}`,
    // per-code rules of an external tool (shellcheck/SC2086) have no example of their own: their wiki page does
    example && `**Flagged${inLanguage}**\n\n${block(example)}`,
    ...(own ? [] : Object.entries(d.exampleFiles ?? {}).map(([name, text]) => `with \`${name}\`:\n\n` + '```\n' + text.trimEnd() + '\n```')),
    instead && `**Write instead**\n\n${block(instead)}`,
    ...(own ? [] : Object.entries(d.insteadFiles ?? {}).map(([name, text]) => `with \`${name}\`:\n\n` + '```\n' + text.trimEnd() + '\n```')),
    d.fixSafety && `**Quick fix.** ${d.fixSafety}`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** A rule's page (docs/rules/<id>.md, and the page the editor renders): the card under the rule's id as its title. */
export function rulePage(rule: Rule): string {
  const card = ruleMarkdown(rule);
  return `# ${rule.id}\n\n${card.slice(`**${rule.id}** · `.length)}\n`;
}

/** The first sentence of `what`: the one-line summary in tables and `seaworthy rules`. */
export function ruleSummary(rule: Rule): string {
  return splitWhat(rule)[0].replace(/\s+/g, ' ').trim();
}
