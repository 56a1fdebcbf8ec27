// Rewrites server/src/rules/index.ts from the rule files: one import per file, sorted by id.
import { readdirSync, writeFileSync } from 'node:fs';

const dir = 'server/src/rules';
const ids = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -3))
  .sort();
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
  ' * What a key a user writes names (settings, config files, suppressions, pragmas): an id names its rule; an alias',
  " * (DL3008, MultipleInstructionsDisallowed) every rule that carries it, the one that is the 'same' check first.",
  ' */',
  'export const rulesByKey: ReadonlyMap<string, readonly Rule[]> = (() => {',
  '  const out = new Map<string, Rule[]>();',
  '  const add = (key: string, rule: Rule) => out.set(key, [...(out.get(key) ?? []), rule]);',
  "  for (const relation of ['same', 'inspired'] as const) for (const rule of rules) for (const a of rule.aliases) if (a.relation === relation) add(a.code, rule);",
  '  for (const rule of rules) out.set(rule.id, [rule]);',
  '  return out;',
  '})();',
  '',
  "/** The first rule a key names: an id's rule, an alias's 'same' check. */",
  'export const ruleByKey: ReadonlyMap<string, Rule> = new Map([...rulesByKey].map(([key, named]) => [key, named[0]] as const));',
  '',
].join('\n');
writeFileSync(`${dir}/index.ts`, text);
