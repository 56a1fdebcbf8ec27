// Suppression comments: ours, hadolint's (through aliases) and BuildKit's check directive.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintAll, useParser } from './harness/engine';

const codes = (text: string) => lintAll(text).map((f) => `${f.rule.id}@${f.range.start.line + 1}`);

describe('suppression comments', () => {
  useParser();
  const base = 'FROM debian:12\nRUN apt-get install curl=7.88.1-10\nUSER app\n';
  it('reports without comments', () =>
    assert.deepEqual(
      codes(base).filter((c) => c.startsWith('apt')),
      ['apt-missing-yes@2', 'apt-no-install-recommends@2'],
    ));
  it('# seaworthy-ignore above an instruction, several ids', () => {
    assert.deepEqual(
      codes('FROM debian:12\n# seaworthy-ignore apt-missing-yes, apt-no-install-recommends\nRUN apt-get install curl=7.88.1-10\nUSER app\n').filter((c) =>
        c.startsWith('apt'),
      ),
      [],
    );
  });
  it('# hadolint ignore= with codes, and a trailing comment', () => {
    assert.deepEqual(
      codes('FROM debian:12\n# hadolint ignore=DL3014 # prompts are fine here\nRUN apt-get install curl=7.88.1-10\nUSER app\n').filter((c) =>
        c.startsWith('apt'),
      ),
      ['apt-no-install-recommends@3'],
    );
  });
  it('a pragma applies to the next instruction only', () => {
    const found = codes(
      'FROM debian:12\n# seaworthy-ignore apt-missing-yes\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10\nRUN apt-get install --no-install-recommends wget=1.21.3-1\nUSER app\n',
    );
    assert.deepEqual(
      found.filter((c) => c.startsWith('apt-missing')),
      ['apt-missing-yes@4'],
    );
  });
  it('file-level: # seaworthy-ignore-file and # hadolint global ignore=', () => {
    assert.ok(!codes(`# seaworthy-ignore-file apt-missing-yes\n${base}`).some((c) => c.startsWith('apt-missing')));
    assert.ok(!codes(`# hadolint global ignore=DL3015\n${base}`).some((c) => c.startsWith('apt-no-install')));
  });
  it('BuildKit # check=skip= as a directive (whole file) and above an instruction (that one)', () => {
    assert.ok(!codes('# check=skip=JSONArgsRecommended\nFROM node:22\nUSER node\nCMD node a.js\n').some((c) => c.startsWith('shell-form')));
    assert.deepEqual(
      codes('FROM node:22\nUSER node\n# check=skip=all\nCMD node a.js\nENTRYPOINT node b.js\n').filter((c) => c.startsWith('shell-form')),
      ['shell-form-cmd@5'],
    );
  });
  it('an unknown id in a pragma suppresses nothing else', () => {
    assert.deepEqual(
      codes('FROM debian:12\n# seaworthy-ignore no-such-rule\nRUN apt-get install curl=7.88.1-10\nUSER app\n').filter((c) => c.startsWith('apt')),
      ['apt-missing-yes@3', 'apt-no-install-recommends@3'],
    );
  });
  it('# hadolint stage ignore= covers the stage whose FROM follows it, that FROM included, and no other stage', () => {
    const stages = (pragmaAt: number) => {
      const lines = [
        'FROM debian AS build',
        'RUN apt-get install --no-install-recommends curl=7.88.1-10',
        'FROM debian',
        'RUN apt-get install --no-install-recommends curl=7.88.1-10',
        'USER app',
      ];
      lines.splice(pragmaAt, 0, '# hadolint stage ignore=DL3014,DL3006');
      return codes(lines.join('\n') + '\n').filter((c) => /^(apt-missing-yes|base-image-untagged)/.test(c));
    };
    // above the first FROM: the first stage (its untagged FROM too) is quiet, the second is not
    assert.deepEqual(stages(0), ['base-image-untagged@4', 'apt-missing-yes@5']);
    // above the second FROM: the other way round
    assert.deepEqual(stages(2), ['base-image-untagged@1', 'apt-missing-yes@2']);
    // with hadolint's pragmas turned off it is an ordinary comment
    const off = lintAll('# hadolint stage ignore=DL3014\nFROM debian:12\nRUN apt-get install --no-install-recommends curl=7.88.1-10\nUSER app\n', {
      config: { disableIgnorePragma: true },
    });
    assert.ok(off.some((f) => f.rule.id === 'apt-missing-yes'));
  });
});
