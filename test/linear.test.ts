// What keeps the linter linear in its input (issue 23): no regular expression in server/src can backtrack
// super-linearly, and globs are matched by an automaton that agrees with the libraries it replaced.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import dockerignore from '@balena/dockerignore';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { analyse } from 'scslre';
import { dockerignoreMatcher, globMatcher } from '../server/src/engine/glob';
import { parseDockerignore } from '../server/src/engine/facts/layers';

// loaded at run time, not bundled into the test
const ts = createRequire(__filename)('typescript') as typeof import('typescript');

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

/** Every regular expression literal of a TypeScript file, with its line. */
function regexLiterals(file: string): { literal: string; line: number }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: { literal: string; line: number }[] = [];
  const visit = (node: import('typescript').Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral)
      out.push({ literal: node.getText(), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('regular expressions', () => {
  it('no literal in server/src backtracks super-linearly (scslre: within a quantifier, between quantifiers, or tried from every position)', () => {
    const found: string[] = [];
    let count = 0;
    for (const file of sources('server/src')) {
      for (const { literal, line } of regexLiterals(file)) {
        count++;
        const slash = literal.lastIndexOf('/');
        const result = analyse({ source: literal.slice(1, slash), flags: literal.slice(slash + 1) }, { reportTypes: { Move: true, Self: true, Trade: true } });
        for (const r of result.reports) found.push(`${relative('.', file)}:${line} ${literal} (${r.type}${r.exponential ? ', exponential' : ''})`);
      }
    }
    assert.ok(count > 300, `only ${count} literals found: is the scan broken?`);
    assert.deepEqual(found, []);
  });
});

// a glob alphabet on which picomatch's reading is the one we promise (no extglobs, no trailing slash in paths)
const GLOB_PARTS = ['a', 'b', '/', '.', '-', '*', '**', '?', '[ab]', '[a-c]', '[^a]', '{a,b}', '{a,/b}', '{,a}', 'x', ':'];
const PATH_PARTS = ['a', 'b', 'c', '/', '.', '-', 'x', 'ab', ':'];
// picomatch quirks left out: `**{…}` is a globstar although `**` is not a whole segment; `*/**` does not take the
// folder alone (`a/**` does); `*.*` wants a character after the dot
const glob = fc
  .array(fc.constantFrom(...GLOB_PARTS), { minLength: 1, maxLength: 6 })
  .map((p) => p.join(''))
  .filter((g) => !/\*\*\*|\*\*\{|\}\*\*|\*\/\*\*/.test(g));
// (paths as they are given: normalized, no `.` or `..` segment, no trailing slash)
const path = fc
  .array(fc.constantFrom(...PATH_PARTS), { maxLength: 8 })
  .map((p) => p.join(''))
  .filter((p) => !p.endsWith('/') && !p.endsWith('.') && !p.includes('//') && !p.split('/').some((s) => s === '.' || s === '..'));

describe('globs', () => {
  it('globMatcher agrees with picomatch (dot: true), with and without nocase', () => {
    fc.assert(
      fc.property(glob, path, fc.boolean(), (g, p, nocase) => {
        const text = nocase ? p.toUpperCase() : p;
        assert.equal(globMatcher(g, { nocase })(text), picomatch.isMatch(text, g, { dot: true, nocase }), `${g} against ${text}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('a .dockerignore is read as @balena/dockerignore reads it, parent folders included', () => {
    // characters it would pass into a regular expression ( + | … ) are literal for Docker and left out here
    // (a `..` segment is cleaned away before matching, as it was before: not what is compared here)
    const pattern = fc
      .array(fc.constantFrom('a', 'b', '/', '.', '*', '**', '?', '[ab]', '[^a]', '!', 'x'), { minLength: 1, maxLength: 6 })
      .map((p) => p.join(''))
      .filter((p) => !p.split('/').includes('..'));
    fc.assert(
      fc.property(
        fc.array(pattern, { minLength: 1, maxLength: 6 }),
        path.filter((p) => p !== '' && !p.startsWith('/')),
        (patterns, p) => {
          const text = patterns.join('\n');
          assert.equal(parseDockerignore(text).ignores(p), dockerignore({ ignorecase: false }).add(text).ignores(p), `${JSON.stringify(text)} against ${p}`);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('a glob of many stars against a long name is answered at once (regular expressions took minutes)', () => {
    const started = performance.now();
    assert.equal(globMatcher('*a*a*a*a*a*a*a*b')('a'.repeat(20_000)), false);
    assert.equal(dockerignoreMatcher('*a*a*a*a*a*a*a*b')('a'.repeat(20_000)), false);
    assert.equal(globMatcher('{a,{b,{c,{d,*}}}}*'.repeat(20))('a'.repeat(2000)), true);
    assert.ok(performance.now() - started < 2000, `${(performance.now() - started).toFixed(0)} ms`);
  });

  it('Docker reads ( + | and $ in a .dockerignore as themselves', () => {
    const ignore = parseDockerignore('(a+)+b\nlog|tmp\n$HOME\n');
    assert.equal(ignore.ignores('(a+)+b'), true);
    assert.equal(ignore.ignores('aab'), false);
    assert.equal(ignore.ignores('log|tmp/x'), true);
    assert.equal(ignore.ignores('$HOME'), true);
  });
});
