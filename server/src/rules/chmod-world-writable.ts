import { commandName, effectiveWords } from '../engine/facts/commands';
import { optionValue } from '../engine/facts/secrets';
import type { RunCommand, Word } from '../engine/model';
import { defineRule } from '../engine/rule';

/** The mode `mkdir` and `install` give what they create: `-m 777`, `-m0777`, `--mode=777`, `--mode 777`. */
function createMode(cmd: RunCommand): { word: Word; mode: string } | undefined {
  const words = effectiveWords(cmd);
  for (let i = 1; i < words.length; i++) {
    const found = optionValue(words, i, 'm', ['mode']);
    if (!found) continue;
    const mode = found.inline ?? found.value?.value;
    return mode === undefined ? undefined : { word: found.inline !== undefined ? found.option : found.value!, mode };
  }
  return undefined;
}

/**
 * Whether a chmod mode gives others write permission, and not as a sticky directory (1777, +t): `777`, `0666`, `o+w`,
 * `a+rwx`, `a=rw`. A symbolic clause without who (`+w`) goes through the umask (022 in builds) and is left alone.
 */
function worldWritable(mode: string): boolean {
  if (/^[0-7]{1,4}$/.test(mode)) {
    const digits = mode.padStart(4, '0');
    const sticky = (Number(digits[0]) & 1) === 1;
    return (Number(digits[3]) & 2) === 2 && !sticky;
  }
  if (!/^[ugoa]*[-+=][-+=rwxXstugo,ugoa]*$/.test(mode)) return false;
  let writable = false;
  let sticky = false;
  for (const clause of mode.split(',')) {
    const who = /^[ugoa]*/.exec(clause)![0];
    for (const [, op, perms] of clause.slice(who.length).matchAll(/([-+=])([rwxXstugo]*)/g)) {
      const others = /[oa]/.test(who);
      if (op !== '-' && others && perms.includes('w')) writable = true;
      if (op === '-' && others && perms.includes('w')) writable = false;
      if (op !== '-' && perms.includes('t')) sticky = true;
    }
  }
  return writable && !sticky;
}

export default defineRule({
  id: 'chmod-world-writable',
  aliases: [],
  category: 'security',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: "Give files to the user that needs them (`chown`, `COPY --chown`) instead of making them writable by everyone. Fires on `chmod 777`, `chmod -R 0666`, `o+w`, `a+w`, `ugo+rwx`, `mkdir -m 777`, `install -m 0666` / `--mode=777` and `COPY --chmod=777`; sticky directories (`1777`, `+t`) are left alone: a shared scratch directory like /tmp is made that way on purpose, and there no user can remove or replace another user's files.",
    why: 'A world-writable file or directory lets any process in the container, whatever user it runs as, replace your code, configuration or binaries: one compromised low-privilege process becomes persistence in the app itself. Scanners and admission policies flag such images.',
    example: 'FROM node:22-slim\nCOPY . /app\nRUN chmod -R 777 /app\nUSER node',
    instead: 'FROM node:22-slim\nCOPY --chown=node:node . /app\nUSER node',
  },
  scope: 'instruction',
  checkInstruction(ins, { report }) {
    if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      const flag = ins.flags.find((f) => f.name === 'chmod');
      if (flag?.value && worldWritable(flag.value)) {
        report({ range: flag.range, message: `\`--chmod=${flag.value}\` makes the copied files writable by every user in the container` });
      }
      return;
    }
    for (const cmd of ins.run?.commands ?? []) {
      const name = commandName(cmd);
      if (name === 'mkdir' || name === 'install') {
        const created = createMode(cmd);
        if (created && worldWritable(created.mode))
          report({ range: created.word.range, message: `\`${name} -m ${created.mode}\` creates files writable by every user in the container` });
        continue;
      }
      if (name !== 'chmod') continue;
      // the mode is the first word that is not an option (-R, -v, --recursive; -w would be a mode)
      const mode = effectiveWords(cmd)
        .slice(1)
        .find((w) => !/^(-[RvcfH]+|--[a-z-]+(=.*)?)$/.test(w.value ?? w.text));
      if (!mode?.value || !worldWritable(mode.value)) continue;
      report({ range: mode.range, message: `\`chmod ${mode.value}\` makes files writable by every user in the container` });
    }
  },
});
