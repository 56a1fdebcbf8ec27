// Shell options in effect for a RUN (errexit today): set by SHELL, a heredoc's shebang or `set` in the script.
import { shellAt, textOf, type DockerfileModel, type Instruction, type RunCommand } from '../model';

/**
 * Whether words that start a shell or run `set` turn an option on: `-e`, `-eux`, `-euo pipefail`, `-o errexit`
 * (`letter` e, `name` errexit). `+e` turns it off again; the last word that names it wins.
 */
export function optionOn(words: readonly string[], letter: string, name: string): boolean {
  let on = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if ((w === '-o' || w === '+o') && words[i + 1] === name) on = w === '-o';
    else if (/^[-+][A-Za-z]+$/.test(w) && w.slice(1).includes(letter)) on = w[0] === '-';
    // `-eo pipefail`: the letters before `o` stand alone
    else if (/^-[A-Za-z]*o$/.test(w) && words[i + 1] === name) on = true;
  }
  return on;
}

/** The first line of a RUN heredoc's script, when it is a shebang (`#!/bin/bash -e`). */
export function heredocShebang(model: DockerfileModel, ins: Instruction): string[] | undefined {
  const range = ins.heredocs[0]?.contentRange;
  if (!ins.run?.fromHeredoc || !range) return undefined;
  const first = textOf(model, range).split('\n', 1)[0].trim();
  if (!first.startsWith('#!')) return undefined;
  const words = first.slice(2).trim().split(/\s+/);
  // `#!/usr/bin/env bash -e` runs `bash -e` (env -S aside)
  return words[0]?.endsWith('/env') ? words.slice(1).filter((w) => w !== '-S') : words;
}

/** `set -e`, `set -eux`, `set -o errexit` among a RUN's commands. */
const setsErrexit = (commands: readonly RunCommand[]): boolean =>
  commands.some(
    (c) =>
      c.name === 'set' &&
      optionOn(
        c.words.slice(1).map((w) => w.value ?? w.text),
        'e',
        'errexit',
      ),
  );

/**
 * Whether a failing command stops a RUN's script: errexit from the SHELL in effect (`SHELL ["/bin/bash", "-e", "-c"]`),
 * a heredoc's shebang (`#!/bin/sh -e`) or a `set -e` / `set -o errexit` in the script.
 */
export function errexitInEffect(model: DockerfileModel, ins: Instruction): boolean {
  const commands = ins.run?.commands ?? [];
  if (setsErrexit(commands)) return true;
  const shebang = heredocShebang(model, ins);
  // a script with a shebang runs as a file: the SHELL does not run it
  if (shebang) return optionOn(shebang.slice(1), 'e', 'errexit');
  const shell = shellAt(model, ins);
  return shell ? optionOn(shell.words.slice(1), 'e', 'errexit') : false;
}
