// A Dockerfile (or its name) holding terminal control sequences must not drive the terminal or the CI log that shows
// Seaworthy's output: OSC 52 writes the clipboard, ESC [ 2J clears the screen. Every printer shows them as escapes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { formatters } from '../server/src/cli/formats';
import { CLI } from './harness/paths';
import { project } from './harness/project';

const OSC52 = '\x1b]52;c;ZWNobyBwd25lZA==\x07';
const CLEAR = '\x1b[2J';
const CSI8 = '\u009b2J'; // the 8-bit form of ESC [
const RLO = '\u202e'; // right-to-left override
// raw control characters in output (newlines and the tty format's own colours aside, which NO_COLOR turns off here)
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('terminal escapes in what is printed', () => {
  const text = [
    `FROM debian:12 AS build${CLEAR}`,
    `RUN apt-get install -y curl${OSC52} vim${CSI8}`,
    `FROM build${CLEAR}`,
    `COPY --from=nope${OSC52} /a /b`,
    `EXPOSE 80${OSC52}`,
    `LABEL Bad${RLO}Key=x`,
    '',
  ].join('\n');
  const dir = project({ '.dockerignore': '' });
  const file = join(dir, `evil${OSC52}.Dockerfile`);
  writeFileSync(file, text);

  // every format; JSON ones escape as JSON does
  const JSON_FORMATS = ['json', 'sarif', 'gitlab', 'codeclimate', 'sonarqube'];
  for (const format of Object.keys(formatters)) {
    it(`${format}: control characters from the file and its name are shown as escapes`, () => {
      const r = run(['lint', '--no-shellcheck', '--format', format, file]);
      assert.equal(r.status, 1, r.stderr);
      assert.ok(r.stdout.length > 200, 'findings were printed (the test is not vacuous)');
      // Code Climate's specification ends each issue with a NUL character: the one control character it prints
      const raw = RAW.exec((format === 'codeclimate' ? r.stdout.replace(/\0\n?/g, '\n') : r.stdout) + r.stderr);
      assert.equal(
        raw,
        null,
        `${format} printed a raw ${JSON.stringify(raw?.[0])} near ${JSON.stringify((r.stdout + r.stderr).slice(Math.max(0, (raw?.index ?? 0) - 40), (raw?.index ?? 0) + 10))}`,
      );
      if (!JSON_FORMATS.includes(format)) assert.ok(r.stdout.includes('\\x1b]52;c;'), 'the escape is shown, not dropped');
      else assert.ok(r.stdout.includes('\\u001b]52;c;') || r.stdout.includes('\\u009b'), 'JSON escapes it');
    });
  }

  it("pin and the CLI's own messages (skipped files, errors) escape them too", () => {
    const pinned = run(['pin', file]);
    assert.doesNotMatch(pinned.stderr, /internal error/, 'a file with RUN lines is read by pin too');
    assert.match(pinned.stdout + pinned.stderr, /evil\\x1b\]52;c;ZWNobyBwd25lZA==\\x07\.Dockerfile/);
    assert.equal(RAW.exec(pinned.stdout + pinned.stderr), null, JSON.stringify(pinned.stdout + pinned.stderr));
    const missing = run(['lint', join(dir, `gone${CLEAR}`)]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /gone\\x1b\[2J: no such file or directory/);
    assert.equal(RAW.exec(missing.stderr), null);
  });
});
