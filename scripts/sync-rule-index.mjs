// Rewrites server/src/rules/index.ts from the rule files: one import per file, sorted by id.
import { readdirSync, writeFileSync } from 'node:fs';

const dir = 'server/src/rules';
const ids = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3)).sort();
const camel = (id) => id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase()).replace(/^(\d)/, '_$1');
const text = [
  '// The only list of rules: one import per rule file, sorted by id (node scripts/sync-rule-index.mjs writes it).',
  ...ids.map((id) => `import ${camel(id)} from './${id}';`),
  "import type { Rule } from '../engine/rule';",
  '',
  'export const rules: readonly Rule[] = [',
  ...ids.map((id) => `  ${camel(id)},`),
  '];',
  '',
  '/**',
  ' * rule ids and aliases (DL3008, JSONArgsRecommended) -> rule: settings, suppressions and pragmas use it. An alias',
  " * several rules overlap with maps to the one that is the 'same' check (settings apply to all of them).",
  ' */',
  'export const ruleByKey: ReadonlyMap<string, Rule> = new Map([',
  "  ...rules.flatMap((rule) => rule.aliases.filter((a) => a.relation !== 'same').map((a) => [a.code, rule] as const)),",
  "  ...rules.flatMap((rule) => rule.aliases.filter((a) => a.relation === 'same').map((a) => [a.code, rule] as const)),",
  '  ...rules.map((rule) => [rule.id, rule] as const),',
  ']);',
  '',
].join('\n');
writeFileSync(`${dir}/index.ts`, text);
