import { commandName, hasOption } from '../engine/facts/commands';
import { insertAfterWord } from '../engine/fix/edits';
import { aptInstalls } from '../engine/facts/packageManagers';
import type { Word } from '../engine/model';
import { defineRule } from '../engine/rule';

/** -y, --yes, --assume-yes, or quiet level 2 (-qq, -q -q, -q=2, --quiet --quiet), which implies -y. */
function answersYes(words: readonly Word[]): boolean {
  if (hasOption(words, 'y', ['yes', 'assume-yes'])) return true;
  let quiet = 0;
  for (const w of words) {
    const v = w.value ?? '';
    if (/^-q=\d+$/.test(v) || /^--quiet=\d+$/.test(v)) quiet += Number(v.split('=')[1]);
    else if (v === '--quiet') quiet++;
    else if (/^-[a-zA-Z]+$/.test(v)) quiet += [...v].filter((c) => c === 'q').length;
  }
  return quiet >= 2;
}

export default defineRule({
  id: 'apt-missing-yes',
  aliases: [{ tool: 'hadolint', code: 'DL3014', relation: 'same' }],
  category: 'correctness',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: 'Add `-y` to `apt-get install`. Fires on an install that would stop at the "Do you want to continue?" prompt.',
    why: 'A build has no one to answer the prompt: apt-get reads end-of-file, answers no and the build fails, or succeeds only while the package list is small enough not to ask.',
    example: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends curl',
    instead: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
    fixSafety: 'Safe: `-y` only answers the prompt; the same packages are installed.',
  },
  scope: 'instruction',
  checkInstruction(ins, { report }) {
    for (const inv of aptInstalls(ins)) {
      // a simulation (-s) never prompts
      if (answersYes(inv.words) || hasOption(inv.words, 's', ['simulate', 'dry-run', 'just-print', 'no-act', 'recon'])) continue;
      const install = inv.words[inv.subIndex];
      // the command as written: `apt install`, `apt-get install`
      const written = `${commandName(inv.cmd)} ${install.value ?? install.text}`;
      report({
        range: inv.cmd.range,
        message: `\`${written}\` without \`-y\` waits for an answer no build can give`,
        fix: () => (inv.cmd.instruction.run?.jsonForm ? undefined : { title: `Add -y to ${written}`, safe: true, edits: [insertAfterWord(install, ' -y')] }),
      });
    }
  },
});
