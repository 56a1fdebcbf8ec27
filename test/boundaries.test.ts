// The engine is pure and the bundles stay apart: what makes the CLI, the server and the tests agree.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST } from './harness/paths';
import { buildPlatforms } from '../server/src/engine/facts/buildPlatforms';
import { test } from 'node:test';
import { buildModel } from '../server/src/engine/model';
import type { Need, RuleContext } from '../server/src/engine/rule';
import { rules } from '../server/src/rules';
import { useParser } from './harness/engine';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

/** The modules a file imports or re-exports (`import … from 'x'`, `import type … from 'x'`, `export … from 'x'`, `import 'x'`). */
const importsOf = (text: string): string[] => [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?(?:\bfrom\s*)?['"]([^'"]+)['"]/g)].map((m) => m[1]);

test('the import reader sees every form of import', () => {
  const text =
    "import a from 'a';\nimport type { B } from 'b';\nimport {\n  c,\n} from \"c\";\nexport { d } from './d';\nexport type * from './e';\nimport 'f';\n";
  assert.deepEqual(importsOf(text), ['a', 'b', 'c', './d', './e', 'f']);
});

test('engine and rules do no I/O and know nothing of LSP', () => {
  for (const file of [...sources('server/src/engine'), ...sources('server/src/rules')]) {
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      assert.doesNotMatch(spec, /^(node:)?(fs|fs\/promises|net|http|https|child_process)$/, file);
      assert.doesNotMatch(spec, /^vscode-languageserver(-types|-protocol|\/node)?$/, file);
    }
  }
});

test('only the model touches the parsers, and nothing reaches past the model with a cast', () => {
  const model = join('server', 'src', 'engine', 'model');
  // Bake's HCL files are no Dockerfile: their reader loads its own grammar into the same tree-sitter runtime
  const hclReader = join('server', 'src', 'builds', 'hcl.ts');
  for (const file of sources('server/src')) {
    const text = readFileSync(file, 'utf8');
    if (file.startsWith(model)) continue;
    for (const spec of importsOf(text)) {
      if (file === hclReader && spec === 'web-tree-sitter') continue;
      assert.doesNotMatch(spec, /^(dockerfile-ast|web-tree-sitter|tree-sitter-bash)$/, `${file} imports ${spec}: ask the model instead`);
    }
    assert.doesNotMatch(text, /\bas unknown as\b/, `${file} casts past a type: add what it needs to the model`);
  }
});

/** The text without its comments (line and block), so what they mention is not taken for code. */
const withoutComments = (text: string): string => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

test('server and CLI code names no rule by its id: rules say what they need and which checklist item they answer', () => {
  // the needs share their names with the rule and the tool they are about ('shellcheck'): those are needs here
  const NEEDS: readonly Need[] = ['registry', 'shellcheck', 'dockerignore'];
  const ids = new Set(rules.map((r) => r.id).filter((id) => !(NEEDS as readonly string[]).includes(id)));
  for (const file of sources('server/src').filter((f) => !f.startsWith(join('server', 'src', 'rules')))) {
    for (const m of withoutComments(readFileSync(file, 'utf8')).matchAll(/(['"`])([a-z][a-z0-9-]*)\1/g)) {
      assert.ok(!ids.has(m[2]), `${file} names the rule ${m[2]}: give the rule a property (needs, checklist, …) instead`);
    }
  }
});

test('the modules depend one way: handlers do not reach into the CLI, config sits below the analysis, the engine builds no protocol type', () => {
  for (const file of sources('server/src')) {
    const specs = importsOf(readFileSync(file, 'utf8'));
    if (!file.startsWith(join('server', 'src', 'cli')))
      for (const spec of specs) assert.doesNotMatch(spec, /(^|\/)cli(\/|$)/, `${file} imports ${spec}: share it from outside cli/`);
    if (file.startsWith(join('server', 'src', 'config'))) for (const spec of specs) assert.doesNotMatch(spec, /(^|\/)analysis$/, `${file} imports ${spec}`);
    if (file.startsWith(join('server', 'src', 'engine')) || file.startsWith(join('server', 'src', 'rules'))) {
      for (const spec of specs) assert.doesNotMatch(spec, /shared\/src\/commands$/, `${file} imports ${spec}: the protocol's types are the handlers' business`);
    }
  }
});

useParser();
test('a rule reads the facts from outside the text it declares (needs), and no other', () => {
  const stub = { currentDigest: () => undefined, image: () => undefined, commentsOn: () => undefined };
  for (const rule of rules) {
    const read = new Set<Need>();
    for (const text of [rule.docs.example, rule.docs.instead]) {
      const ctx: RuleContext = {
        model: buildModel(text),
        build: { platforms: [], context: '.' },
        fileName: 'Dockerfile',
        config: rule.docs.exampleConfig ?? {},
        today: '2026-01-01',
        report: () => undefined,
        platforms: buildPlatforms('linux/amd64', undefined, rule.docs.exampleConfig?.targetPlatforms),
        get registry() {
          read.add('registry');
          return stub;
        },
        get shellcheck() {
          read.add('shellcheck');
          return stub;
        },
        get dockerignore() {
          read.add('dockerignore');
          return { fileName: '.dockerignore', text: '' };
        },
      };
      rule.check(ctx);
    }
    assert.deepEqual(
      [...read].sort(),
      [...(rule.needs ?? [])].sort(),
      `${rule.id} reads ${[...read].join(', ') || 'nothing from outside'} but declares needs: [${(rule.needs ?? []).join(', ')}]`,
    );
  }
});

test('the server bundle does not pull vscode; the client bundle does not pull the engine', () => {
  const meta = JSON.parse(readFileSync(join(DIST, 'meta.json'), 'utf8'));
  const inputs = (m: { inputs: Record<string, unknown> }) => Object.keys(m.inputs);
  assert.ok(!inputs(meta.server).some((i) => i === 'vscode' || i.includes('node_modules/vscode-languageclient')), 'server bundle pulls the client side');
  assert.ok(!inputs(meta.client).some((i) => i.includes('server/src/') || i.includes('dockerfile-ast')), 'client bundle pulls the engine');
});

test('the .vsix (.vscodeignore) and the npm package (package.json "files") ship the same files', () => {
  const files: string[] = JSON.parse(readFileSync('package.json', 'utf8')).files;
  const allowed = readFileSync('.vscodeignore', 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('!'))
    .map((l) => l.slice(1));
  // npm always packs package.json and README.md; vsce needs them named
  assert.deepEqual([...allowed].filter((p) => p !== 'package.json' && p !== 'README.md').sort(), [...files].sort());
  assert.ok(readFileSync('.vscodeignore', 'utf8').split('\n').includes('**'), '.vscodeignore starts from nothing and lets files in');
});
