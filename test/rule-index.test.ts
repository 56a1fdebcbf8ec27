// The rule list (rules/index.ts) and the manifest stay in step with the rule files and the server.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ClientCommands, Commands } from '../shared/src/commands';
import { SEVERITY_NAMES } from '../shared/src/settings';
import { rules } from '../server/src/rules';

/** Commands a user sees in the palette. */
const paletteCommands: readonly string[] = [
  Commands.addNonRootUser,
  Commands.fixAll,
  Commands.lintWorkspace,
  Commands.pinDigest,
  Commands.pinAllDigests,
  ClientCommands.showRules,
  ClientCommands.showLog,
];

const RULES_DIR = join(process.cwd(), 'server', 'src', 'rules');

test('every rule file is registered under its own name; ids and aliases are unique', () => {
  const files = readdirSync(RULES_DIR)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    .map((f) => f.slice(0, -3));
  assert.deepEqual(rules.map((r) => r.id).sort(), files.sort(), 'rule files and index.ts disagree');
  assert.deepEqual(
    rules.map((r) => r.id),
    [...rules.map((r) => r.id)].sort(),
    'keep index.ts sorted by id',
  );
  const ids = rules.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'an id is claimed twice');
  // an alias names one rule that is the 'same' check; others may overlap with it ('inspired')
  const same = rules.flatMap((r) => r.aliases.filter((a) => a.relation === 'same').map((a) => a.code));
  assert.equal(new Set(same).size, same.length, 'two rules both claim to be the same check as one alias');
  assert.ok(
    same.every((code) => !ids.includes(code)),
    'an alias equals a rule id',
  );
  for (const r of rules) assert.match(r.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
});

test('every palette command is contributed in package.json, and nothing else is', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  assert.deepEqual(pkg.contributes.commands.map((c: { command: string }) => c.command).sort(), [...paletteCommands].sort());
  assert.ok(pkg.contributes.commands.every((c: { category?: string }) => c.category === 'Seaworthy'));
});

test('the manifest installs in VS Code 1.90 and claims every Dockerfile name', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  assert.equal(pkg.engines.vscode, '^1.90.0');
  const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'dockerfile');
  assert.ok(lang.filenames.includes('Containerfile'));
  for (const p of ['Dockerfile.*', '*.Dockerfile']) assert.ok(lang.filenamePatterns.includes(p), p);
  assert.ok(lang.extensions.includes('.dockerfile'));
  assert.deepEqual(pkg.activationEvents, ['onLanguage:dockerfile']);
});

test('settings.json completes every rule id and level in seaworthy.rules, and points to the rules list', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const setting = pkg.contributes.configuration.properties['seaworthy.rules'];
  assert.deepEqual(Object.keys(setting.properties).sort(), rules.map((r) => r.id).sort(), 'run npm run docs: the schema lists other ids than the rules');
  for (const [id, p] of Object.entries(setting.properties as Record<string, { enum: string[]; markdownDescription: string }>)) {
    assert.deepEqual(p.enum, [...SEVERITY_NAMES], id);
    assert.ok(p.markdownDescription.length > 20, id);
  }
  assert.deepEqual(setting.additionalProperties.enum, [...SEVERITY_NAMES], 'aliases and ShellCheck codes stay accepted');
  assert.match(setting.markdownDescription, /\(command:seaworthy\.showRules\)/, 'the description opens the rules list inside the extension');
  const schema = JSON.parse(readFileSync('schemas/seaworthy.schema.json', 'utf8'));
  assert.deepEqual(schema.properties.rules.properties, setting.properties, '.seaworthy.yaml completes the same ids');
  assert.equal(pkg.contributes.configuration.properties['seaworthy.trace.server']?.default, 'off');
});
