// Writes docs/rules/<id>.md, the README's rule table, and the rule ids of the `seaworthy.rules` setting's JSON schema
// (package.json) and of the config file's schema (schemas/seaworthy.schema.json), from the rule files.
// `node scripts/gen-docs.mjs --check` fails when any of them is stale (CI runs it).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const check = process.argv.includes('--check');
const out = join('out', 'gen-docs.cjs');
await build({
  stdin: {
    contents: "export { rules } from './server/src/rules'; export { rulePage, ruleSummary } from './server/src/engine/docs';",
    resolveDir: '.',
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: out,
  logLevel: 'warning',
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
});
const { rules, rulePage, ruleSummary } = await import(join(process.cwd(), out));

const stale = [];
const write = (file, text) => {
  const old = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (old === text) return;
  stale.push(file);
  if (!check) writeFileSync(file, text);
};

mkdirSync('docs/rules', { recursive: true });
const wanted = new Set(rules.map((r) => `${r.id}.md`));
for (const f of readdirSync('docs/rules'))
  if (!wanted.has(f)) {
    stale.push(`docs/rules/${f}`);
    if (!check) rmSync(join('docs/rules', f));
  }
for (const rule of rules) {
  const head = `<!-- generated from server/src/rules/${rule.id}.ts by scripts/gen-docs.mjs; edit the rule file, not this page -->\n\n`;
  write(`docs/rules/${rule.id}.md`, head + rulePage(rule));
}

const table = [
  '| rule | aliases | category | severity | fix | what to do |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rules.map(
    (r) =>
      `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.aliases.map((a) => a.code).join(', ') || '—'} | ${r.category} | ${r.defaultOff ? `off (${r.severity})` : r.severity} | ${r.fixable === 'never' ? '' : r.fixable === 'always' ? 'yes' : 'some'} | ${ruleSummary(r).replace(/\|/g, '\\|')} |`,
  ),
].join('\n');
const readme = readFileSync('README.md', 'utf8');
const begin = '<!-- rules:begin -->';
const end = '<!-- rules:end -->';
const i = readme.indexOf(begin);
const j = readme.indexOf(end);
if (i < 0 || j < 0) throw new Error('README.md lacks the rules:begin/rules:end markers');
write('README.md', readme.slice(0, i + begin.length) + `\n${rules.length} rules.\n\n${table}\n` + readme.slice(j));

// completion of rule ids and levels in settings.json and .seaworthy.yaml: one property per rule id (aliases and
// ShellCheck codes stay accepted through additionalProperties)
const LEVELS = ['off', 'error', 'warning', 'information', 'hint'];
const ruleProperties = Object.fromEntries(
  rules.map((r) => [
    r.id,
    {
      enum: LEVELS,
      markdownDescription: `${ruleSummary(r)} Default: \`${r.defaultOff ? 'off' : r.severity}\`${r.aliases.length ? `; aliases: ${r.aliases.map((a) => `\`${a.code}\``).join(', ')}` : ''}.`,
    },
  ]),
);
const pkgText = readFileSync('package.json', 'utf8');
const pkg = JSON.parse(pkgText);
pkg.contributes.configuration.properties['seaworthy.rules'].properties = ruleProperties;
write('package.json', JSON.stringify(pkg, null, 2) + '\n');
const schemaText = readFileSync('schemas/seaworthy.schema.json', 'utf8');
const schema = JSON.parse(schemaText);
schema.properties.rules.properties = ruleProperties;
write('schemas/seaworthy.schema.json', JSON.stringify(schema, null, 2) + '\n');

if (check && stale.length) {
  console.error(`stale generated docs (run npm run docs): ${stale.join(', ')}`);
  process.exit(1);
}
console.log(check ? 'generated docs are current' : `wrote ${stale.length} file(s)`);
