import { commandName, effectiveWords, reachesFinalImage } from '../engine/facts/commands';
import { textOf, type DockerfileModel, type Instruction, type RunCommand } from '../engine/model';
import { defineRule } from '../engine/rule';
import { optionValue, secretMounts, valueOrigin } from '../engine/facts/secrets';
import type { Range } from '../engine/text';

/** The command feeding `cmd` through a pipe (`echo … | chpasswd`), if the text between them is a lone `|`. */
function feeder(model: DockerfileModel, cmd: RunCommand, commands: readonly RunCommand[]): RunCommand | undefined {
  if (!cmd.inPipeline) return undefined;
  const before = commands.filter((c) => c !== cmd && !c.inSubstitution && model.lines.offsetAt(c.range.end) <= model.lines.offsetAt(cmd.range.start)).at(-1);
  if (!before) return undefined;
  const between = textOf(model, { start: before.range.end, end: cmd.range.start });
  return /^\s*\|\s*$/.test(between.replace(/\\\r?\n/g, ' ')) ? before : undefined;
}

/**
 * Whether the password a command reads on stdin comes from a BuildKit secret: a `< /run/secrets/…` redirect, a
 * `cat` of the secret file, or an echo whose words only expand secret values.
 */
function stdinFromSecret(model: DockerfileModel, ins: Instruction, cmd: RunCommand, from: RunCommand | undefined): boolean {
  // the redirect is not part of the command's range: read on to the end of the statement
  const rest = model.text.slice(model.lines.offsetAt(cmd.range.start), model.lines.offsetAt(ins.range.end)).split(/&&|\|\||[;|\n]/)[0];
  const redirect = /(?<!<)<\s*["']?([^\s"'<(]+)/.exec(rest);
  if (redirect && valueOrigin(`$(cat ${redirect[1]})`, ins, model) === 'secret') return true;
  if (!from) return false;
  const words = effectiveWords(from);
  const name = commandName(from);
  if (name === 'cat') return words.slice(1).some((w) => valueOrigin(`$(cat ${w.value ?? w.text})`, ins, model) === 'secret');
  // echo "root:$(cat /run/secrets/root_pw)": everything expanded is a secret, and something is expanded
  return words.slice(1).some((w) => valueOrigin(w.text, ins, model) === 'secret') && !words.slice(1).some((w) => valueOrigin(w.text, ins, model) === 'history');
}

interface PasswordSet {
  readonly range: Range;
  readonly label: string;
}

function passwordSets(model: DockerfileModel, ins: Instruction): PasswordSet[] {
  const out: PasswordSet[] = [];
  const commands = ins.run?.commands ?? [];
  for (const cmd of commands) {
    const name = commandName(cmd) ?? '';
    const words = effectiveWords(cmd);
    if (name === 'chpasswd' || name === 'passwd') {
      const from = feeder(model, cmd, commands);
      // `passwd` alone asks on a terminal (and `passwd -l`/`-d` set none); only fed through a pipe or --stdin does it set one
      if (name === 'passwd' && !from && !words.some((w) => w.value === '--stdin')) continue;
      if (secretMounts(ins).length > 0 && stdinFromSecret(model, ins, cmd, from)) continue;
      // `echo "git:*" | chpasswd -e` locks the account: a hash no password matches
      if (
        from &&
        words.some((w) => w.value === '-e') &&
        effectiveWords(from)
          .slice(1)
          .every((w) => /^-|^[^:\s]+:[!*]+$/.test(w.value ?? ''))
      )
        continue;
      out.push({ range: { start: (from ?? cmd).range.start, end: cmd.range.end }, label: from ? `${commandName(from)} … | ${name}` : name });
    }
    if (name === 'useradd' || name === 'usermod') {
      for (let i = 1; i < words.length; i++) {
        const opt = optionValue(words, i, 'p', ['password']);
        if (!opt) continue;
        const value = opt.inline ?? opt.value?.text;
        if (value === undefined || valueOrigin(value, ins, model) === 'secret') continue;
        // an empty or locked hash ('!', '*') sets no password
        if (/^(["']?)[!*]?\1$/.test(value)) continue;
        out.push({
          range: { start: opt.option.range.start, end: (opt.value ?? opt.option).range.end },
          label: `${name} ${opt.option.value?.replace(/=.*/, '')}`,
        });
      }
    }
  }
  return out;
}

export default defineRule({
  id: 'password-set-in-build',
  aliases: [],
  category: 'security',
  severity: 'error',
  fixable: 'never',
  pointsAtSecrets: true,
  docs: {
    what: 'Do not set account passwords in the Dockerfile; use key-based or no login, or set the password at run time. Fires on `chpasswd`, `passwd --stdin`, `echo … | passwd` and `useradd -p`/`usermod -p`, unless the password is read from a BuildKit secret mount.',
    why: 'The password (or its hash) is part of the RUN line that `docker history` shows to everyone who can pull the image, its hash sits in `/etc/shadow` ready to be cracked offline, and every container from the image shares the same password. Containers rarely need a password at all: `docker exec` needs none. When a password is unavoidable, a secret mount at least keeps it out of the history.',
    example: 'FROM ubuntu:24.04\nRUN useradd -m app && echo "app:s3cr3t-Passw0rd" | chpasswd',
    instead: 'FROM ubuntu:24.04\nRUN useradd -m app\nUSER app',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (!ins.run || ins.run.commands.length === 0 || !reachesFinalImage(model, ins)) continue;
      for (const p of passwordSets(model, ins)) {
        report({ range: p.range, message: `\`${p.label}\` sets a password at build time: it stays readable in the image history and layers` });
      }
    }
  },
});
