import { commandName, effectiveWords, reachesFinalImage } from '../engine/facts/commands';
import type { RunCommand, Word } from '../engine/model';
import { defineRule } from '../engine/rule';
import type { Range } from '../engine/text';

const SETUID = 4;
const SETGID = 2;
const GROUP_WRITE = 0o20;

/**
 * The setuid/setgid bits a chmod mode turns on (0 when none), and whether it also gives the group write access:
 * octal `4755`, `02775`, symbolic `u+s`, `g+s`, `+s`, `a=rwxs`. Unknown syntax yields 0.
 */
function specialBits(mode: string): { bits: number; groupWrite: boolean } {
  // GNU chmod also takes an octal number after an operator (`=2775`, `+4000`)
  const numeric = /^([-+=]?)([0-7]+)$/.exec(mode);
  if (numeric) {
    const digits = numeric[2];
    if (numeric[1] === '-' || (digits.length > 4 && !/^0+$/.test(digits.slice(0, -4)))) return { bits: 0, groupWrite: false };
    const octal = parseInt(digits.slice(-4), 8);
    return { bits: (octal >> 9) & (SETUID | SETGID), groupWrite: (octal & GROUP_WRITE) !== 0 };
  }
  let bits = 0;
  let groupWrite = false;
  for (const clause of mode.split(',')) {
    const m = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
    if (!m) return { bits: 0, groupWrite: false };
    const who = m[1] === '' || m[1].includes('a') ? 'ug' : m[1];
    const mask = (who.includes('u') ? SETUID : 0) | (who.includes('g') ? SETGID : 0);
    for (const [, op, perms] of m[2].matchAll(/([-+=])([rwxXstugo]*)/g)) {
      if (op === '=' || (op === '-' && perms.includes('s'))) bits &= ~mask;
      if (op !== '-' && perms.includes('s')) bits |= mask;
      if (op !== '-' && perms.includes('w') && who.includes('g')) groupWrite = true;
    }
  }
  return { bits, groupWrite };
}

// a setuid shell or interpreter hands a root prompt (or `-c`, `-e`) to anyone who can run it
const INTERPRETER =
  /^(sh|ash|bash|dash|zsh|ksh|mksh|csh|tcsh|fish|busybox|toybox|env|python[0-9.]*|perl[0-9.]*|ruby[0-9.]*|node(js)?|php[0-9.]*|lua[0-9.]*|tclsh[0-9.]*|wish[0-9.]*|awk|gawk|java)$/;
const isInterpreter = (path: string) => INTERPRETER.test(path.slice(path.lastIndexOf('/') + 1));

/** The mode word and the target words of `chmod [options] MODE FILE…` or `install -m MODE …`. */
function modeAndTargets(cmd: RunCommand): { mode: Word; targets: Word[] } | undefined {
  const words = effectiveWords(cmd).slice(1);
  const name = commandName(cmd);
  if (name === 'chmod') {
    // -w/-s would be modes, not options; only chmod's own option letters are skipped
    const i = words.findIndex((w) => !/^(-[RvcfH]+|--[a-z-]+(=.*)?)$/.test(w.value ?? w.text));
    return i < 0 ? undefined : { mode: words[i], targets: words.slice(i + 1) };
  }
  if (name === 'install') {
    const i = words.findIndex((w) => w.value === '-m' || w.value === '--mode' || (w.value ?? '').startsWith('--mode='));
    if (i < 0) return undefined;
    const inline = words[i].value!.startsWith('--mode=');
    const mode = inline ? { ...words[i], value: words[i].value!.slice('--mode='.length) } : words[i + 1];
    return mode ? { mode, targets: words.slice(-1) } : undefined;
  }
  return undefined;
}

/** Directories this RUN creates with `mkdir`: a setgid directory only makes new files inherit its group. */
const createdDirectories = (commands: readonly RunCommand[]) =>
  new Set(
    commands
      .filter((c) => commandName(c) === 'mkdir')
      .flatMap((c) =>
        effectiveWords(c)
          .slice(1)
          .map((w) => w.text),
      ),
  );

const bitNames = (bits: number) => (bits === (SETUID | SETGID) ? 'setuid and setgid bits' : bits === SETUID ? 'setuid bit' : 'setgid bit');

export default defineRule({
  id: 'setuid-bit-set',
  aliases: [],
  category: 'security',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Do not give files in the image the setuid or setgid bit; run the program as the user it needs instead. Fires on `chmod u+s`, `g+s`, `+s`, `4755`, `2755`, `6755`, `install -m 4755` and `COPY --chmod=4755` in a stage that reaches the final image; a setuid shell or interpreter (sh, bash, python, perl, node…) is the worst case and is reported as an error. A setgid directory made group-writable (`2775`) or just created by `mkdir`, the shared-folder idiom, is left alone.',
    why: "A setuid-root file runs as root whoever starts it, so one bug in it (or simply a shell or interpreter that takes `-c`) turns the unprivileged user you switched to with USER back into root: the container's privilege drop is undone. Scanners flag such files, and `--security-opt no-new-privileges` silently breaks them.",
    example: 'FROM debian:12-slim\nCOPY tool /usr/local/bin/tool\nRUN chmod u+s /usr/local/bin/tool\nUSER 10001',
    instead: 'FROM debian:12-slim\nCOPY tool /usr/local/bin/tool\nRUN chmod 0755 /usr/local/bin/tool\nUSER 10001',
  },
  check({ model, report }) {
    const fire = (range: Range, what: string, bits: number, targets: readonly string[]) => {
      const shell = targets.find(isInterpreter);
      report({
        range,
        message: shell
          ? `\`${what}\` sets the ${bitNames(bits)} on the interpreter \`${shell}\`: any user who can run it gets a root shell`
          : `\`${what}\` sets the ${bitNames(bits)}: the file runs with its owner's privileges whoever starts it, undoing USER`,
        severity: shell ? 'error' : undefined,
      });
    };
    for (const ins of model.instructions) {
      if (!reachesFinalImage(model, ins)) continue;
      if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        const flag = ins.flags.find((f) => f.name === 'chmod');
        const { bits } = specialBits(flag?.value ?? '');
        if (flag && bits)
          fire(
            flag.range,
            `--chmod=${flag.value}`,
            bits,
            ins.args.slice(-1).map((w) => w.value ?? ''),
          );
        continue;
      }
      const commands = ins.run?.commands ?? [];
      for (const cmd of commands) {
        const found = modeAndTargets(cmd);
        if (!found?.mode.value) continue;
        const { bits, groupWrite } = specialBits(found.mode.value);
        if (!bits) continue;
        const created = createdDirectories(commands);
        const sharedDirectory =
          bits === SETGID && (groupWrite || (found.targets.length > 0 && found.targets.every((t) => created.has(t.text) || t.text.endsWith('/'))));
        if (sharedDirectory) continue;
        fire(
          found.mode.range,
          `${commandName(cmd) === 'install' ? 'install -m' : 'chmod'} ${found.mode.value}`,
          bits,
          found.targets.map((t) => t.value ?? t.text),
        );
      }
    }
  },
});
