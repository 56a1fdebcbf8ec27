// Issue-7 proof on the project's fixtures: every fix alone keeps the file whole and clears its finding; fix-all is
// idempotent and applies no unsafe fix. `node scripts/prove-fixes.mjs DIR` runs the same proof on any folder.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fixAllText } from '../server/src/engine/fix/fixAll';
import { lint } from '../server/src/engine/lint';
import { applyEdits } from '../server/src/engine/text';
import { rules } from '../server/src/rules';
import type { Finding } from '../server/src/engine/rule';
import { useParser } from './harness/engine';
import { proveFixes } from './harness/fixProof';

const FIXTURES = join(process.cwd(), 'test', 'fixtures');
const lintText = (text: string) => lint({ text, fileName: 'Dockerfile', dockerignore: { fileName: '.dockerignore', text: '' } }, rules).findings;

describe('fixes lose nothing', () => {
  useParser();
  for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.Dockerfile'))) {
    it(name, () => {
      const proof = proveFixes(name, readFileSync(join(FIXTURES, name), 'utf8'));
      assert.deepEqual(proof.failures, []);
      assert.ok(proof.offered > 0, 'the fixture offers no fix: it proves nothing');
    });
  }
  it('fix-all is one minimal edit that reaches the fixed point, keeping CRLF line endings', () => {
    const text = 'FROM debian:12\r\nRUN apt-get update && apt-get install curl\r\nRUN pip install flask\r\n';
    const all = fixAllText(text, lintText);
    assert.equal(
      all.text,
      'FROM debian:12\r\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\r\nRUN pip install --no-cache-dir flask\r\n',
    );
    assert.equal(applyEdits(text, [all.edit!]), all.text);
    assert.equal(fixAllText(all.text, lintText).edit, undefined);
  });
  it('fix-all with unsafe fixes builds what fix-all builds: apt-get update alone is merged before the lists are removed', () => {
    const text = 'FROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\n';
    const merged = 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n';
    assert.equal(fixAllText(text, lintText).text, merged);
    assert.match(
      fixAllText(text, lintText, () => true).text,
      /^FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf \/var\/lib\/apt\/lists\/\*\n/,
    );
  });
  it('fix-all adds the non-root user last, to the file the other fixes left (the WORKDIR they added is given to it)', () => {
    const text = 'FROM debian:12-slim\nRUN mkdir -p /opt/tool\nRUN cd /opt/tool && touch marker\nCMD ["ls"]\n';
    const all = fixAllText(text, lintText, () => true).text;
    assert.match(all, /WORKDIR \/opt\/tool\n/);
    assert.match(all, /chown 10001:10001 \/opt\/tool\nUSER 10001:10001\nCMD \["ls"\]\n$/);
  });
  it('fix-all applies no unsafe fix: a file whose only fix is unsafe is left alone', () => {
    const text = 'FROM debian:12\nCOPY app /app\nCMD ["/app"]\n';
    assert.ok(lintText(text).some((f) => f.fix && !f.fix.safe));
    assert.equal(fixAllText(text, lintText).text, text);
  });
});

describe('fixes that cannot be placed are declined, and fix-all never applies a fix again and again', () => {
  useParser();
  const all = (f: Finding) => f.fix !== undefined;

  it('a file ending inside an unclosed heredoc or a continued line: Add non-root user is declined with its reason, and fix-all leaves the end of the file alone', () => {
    for (const text of ['FROM alpine:3.20\nRUN cat <<EOF\nhello\n', 'FROM alpine:3.20\nRUN echo hi \\\n', 'FROM alpine:3.20\nRUN echo hi \\\n\n\n']) {
      const root = lintText(text).find((f) => f.rule.id === 'final-stage-root-user')!;
      assert.equal(root.fix, undefined, text);
      assert.match(root.fixDeclined!.title, /^Add non-root user/);
      assert.match(root.fixDeclined!.reason, /ends inside an instruction that is not finished/);
      assert.equal(fixAllText(text, lintText, all).text, text);
    }
    // closed, the same file gets the fix, after the heredoc
    const closed = lintText('FROM alpine:3.20\nRUN cat <<EOF\nhello\nEOF\n').find((f) => f.rule.id === 'final-stage-root-user')!;
    assert.ok(closed.fix);
    // a comment ending with a backslash does not continue anything
    assert.ok(lintText('FROM alpine:3.20\nRUN echo hi\n# see C:\\\n').find((f) => f.rule.id === 'final-stage-root-user')!.fix);
  });

  it('a RUN whose script does not parse as shell: its fixes are declined (an edit could land inside the broken part), the other RUNs keep theirs', () => {
    const text = 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && echo ${oops\nRUN apt-get update && apt-get install -y git\n';
    const lists = lintText(text).filter((f) => f.rule.id === 'apt-lists-not-cleaned');
    assert.deepEqual(
      lists.map((f) => [f.range.start.line, f.fix !== undefined, f.fixDeclined?.reason.startsWith('this RUN does not parse') ?? false]),
      [
        [1, false, true],
        [2, true, false],
      ],
    );
    const fixed = fixAllText(text, lintText, all).text;
    assert.ok(fixed.startsWith('FROM debian:12\nRUN apt-get update && apt-get install -y curl && echo ${oops\n'), fixed);
  });

  it('fix-all undoes a round whose fix left its finding in place, and does not try that fix again', () => {
    // a rule whose fix appends a comment and never clears the finding: once applied, it would be applied every round
    const stubborn = {
      ...rules[0],
      id: 'stubborn',
      check: ({ model, report }: Parameters<(typeof rules)[0]['check']>[0]) => {
        const last = model.instructions.at(-1)!;
        report({
          range: last.range,
          message: 'never satisfied',
          fix: () => ({ title: 'Append a comment', safe: true, edits: [{ range: { start: last.range.end, end: last.range.end }, newText: '\n# again' }] }),
        });
      },
    };
    const lintStubborn = (text: string) => lint({ text, fileName: 'Dockerfile', dockerignore: { fileName: '.dockerignore', text: '' } }, [stubborn]).findings;
    const text = 'FROM alpine:3.20\nUSER app\n';
    assert.equal(fixAllText(text, lintStubborn).text, text);
  });
});
