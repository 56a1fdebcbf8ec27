import { commandName, effectiveWords, hasOption } from '../engine/facts/commands';
import { defineRule } from '../engine/rule';

/** The value of -u/--uid in any spelling (`-u 1000`, `-mu 1000`, `-u1000`, `--uid=1000`, `--uid 1000`). */
function uidOf(values: readonly string[]): string | undefined {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (/^-[a-zA-Z]*u$/.test(v) || v === '--uid') return values[i + 1];
    const m = /^(?:-u|--uid=)(\d+)$/.exec(v);
    if (m) return m[1];
  }
  return undefined;
}

export default defineRule({
  id: 'useradd-high-uid-without-l',
  aliases: [{ tool: 'hadolint', code: 'DL3046', relation: 'same' }],
  category: 'size',
  severity: 'warning',
  fixable: 'always',
  docs: {
    what: 'Add `-l` (`--no-log-init`) to `useradd` when it sets a large UID. Fires on `useradd -u <uid>` with a UID over 99999 and no `-l`.',
    why: 'useradd reserves space for the user in /var/log/lastlog and faillog, sparse files sized by the UID: a UID like 1000000000 makes them gigabytes, which Docker layers store in full, and the build can run out of disk.',
    example: 'FROM debian:12-slim\nRUN useradd -u 1000000 app\nUSER app',
    instead: 'FROM debian:12-slim\nRUN useradd -l -u 1000000 app\nUSER app',
    fixSafety: 'Safe: `-l` only skips the lastlog and faillog entries; the user is created with the same UID, groups and home.',
  },
  scope: 'instruction',
  checkInstruction(ins, { report }) {
    for (const cmd of ins.run?.commands ?? []) {
      if (commandName(cmd) !== 'useradd') continue;
      const words = effectiveWords(cmd);
      const uid = uidOf(words.map((w) => w.value ?? w.text));
      // hadolint counts digits: more than five is over the limit
      if (uid === undefined || !/^\d{6,}$/.test(uid) || hasOption(words, 'l', ['no-log-init'])) continue;
      const name = words[0];
      report({
        range: cmd.range,
        message: `\`useradd -u ${uid}\` without \`-l\` writes lastlog and faillog entries sized by the UID, which can add gigabytes to the layer`,
        fix: () => ({
          title: 'Add -l to useradd',
          safe: true,
          edits: [{ range: { start: name.range.end, end: name.range.end }, newText: ins.run!.jsonForm ? ', "-l"' : ' -l' }],
        }),
      });
    }
  },
});
