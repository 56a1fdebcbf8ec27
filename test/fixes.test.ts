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
