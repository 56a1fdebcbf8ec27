// The injection grammars highlight what a user expects (their patterns are Oniguruma, written to read the same in JS).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const grammar = (name: string) => JSON.parse(readFileSync(`syntaxes/${name}`, 'utf8'));

describe('grammars', () => {
  const comments = grammar('seaworthy-comments.injection.json');
  const [ours, hadolint, directive] = comments.patterns.map((p: { match: string }) => new RegExp(p.match));
  it('highlights suppression comments with their rule ids, and parser directives', () => {
    assert.deepEqual(ours.exec('# seaworthy-ignore apt-missing-yes, DL3015')?.slice(2), ['seaworthy-ignore', 'apt-missing-yes, DL3015']);
    assert.deepEqual(ours.exec('  # seaworthy-ignore-file base-image-latest')?.slice(2), ['seaworthy-ignore-file', 'base-image-latest']);
    assert.equal(hadolint.exec('# hadolint global ignore=DL3008')?.[5], 'DL3008');
    assert.deepEqual(directive.exec('# escape=`')?.slice(2), ['escape', '=', '`']);
    assert.equal(ours.exec('# just a comment'), null);
  });
  it('marks a RUN heredoc body as embedded shell until its terminator', () => {
    const heredoc = grammar('seaworthy-heredoc.injection.json').patterns[0];
    const begin = new RegExp(heredoc.begin);
    const m = begin.exec('RUN --mount=type=cache,target=/var/cache/apt <<-"EOT" bash');
    assert.equal(m?.[4], 'EOT');
    const end = new RegExp(heredoc.end.replace('\\4', m![4]));
    assert.ok(end.test('EOT'));
    assert.ok(!end.test('EOTX'));
    assert.equal(heredoc.contentName, 'meta.embedded.block.shellscript');
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    assert.deepEqual(
      pkg.contributes.grammars.map((g: { path: string }) => g.path),
      ['./syntaxes/seaworthy-comments.injection.json', './syntaxes/seaworthy-heredoc.injection.json'],
    );
  });
});
