import { commandName } from '../engine/facts/commands';
import { errexitInEffect, heredocShebang } from '../engine/facts/shellOptions';
import { isPosixShell, textOf, type DockerfileModel, type Instruction, type RunCommand } from '../engine/model';
import { defineRule } from '../engine/rule';

// commands whose failure is no loss to the build (or that hardly fail): a script of these and one real command is fine
const HARMLESS = new Set(['set', 'echo', 'printf', 'export', 'true', ':', 'shopt', 'umask', 'unset', 'alias', 'trap', 'sleep']);

/**
 * The first command whose failure the script goes on past: one ended by a newline or `;` alone (not `&&`, `||`, a
 * pipe, nor `then`/`do` after a condition) with another command after it.
 */
function firstIgnoredFailure(model: DockerfileModel, ins: Instruction): RunCommand | undefined {
  const commands = ins.run!.commands.filter((c) => !c.inSubstitution);
  for (let i = 0; i + 1 < commands.length; i++) {
    const cmd = commands[i];
    if (HARMLESS.has(commandName(cmd) ?? '')) continue;
    // the gap up to the next command, comments removed: only `;` and line breaks part two statements
    const gap = textOf(model, { start: cmd.range.end, end: commands[i + 1].range.start }).replace(/#[^\n]*/g, '');
    if (/^[\s;]*$/.test(gap) && /[\n;]/.test(gap)) return cmd;
  }
  return undefined;
}

export default defineRule({
  id: 'heredoc-without-errexit',
  aliases: [],
  category: 'correctness',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Start a `RUN <<EOF` script with `set -e` (or `set -eux`, `set -o errexit`). Fires on a heredoc RUN of several commands, one per line or after `;`, when nothing turns errexit on: no `set -e` in the script, no `-e` in its `#!/bin/sh -e` shebang or in the SHELL in effect (`SHELL ["/bin/bash", "-eo", "pipefail", "-c"]`). Commands joined by `&&` and scripts of one command are fine; scripts for another interpreter (`#!/usr/bin/env python3`) are left alone.',
    why: 'A heredoc is run as one shell script, and a script goes on after a failed command: the RUN fails only if its last command does. `apt-get update` can fail, the next line installs stale or no packages, a download can fail and the next line extracts nothing, and the build still succeeds. Chained with `&&` in a one-line RUN, the same commands would have stopped the build. There is no quick fix: adding `set -e` changes which builds fail (a command that failed harmlessly, such as a `grep` that finds nothing, then stops the build), so only you can tell whether each command may fail.',
    example: 'FROM debian:12-slim\nRUN <<EOF\napt-get update\napt-get install -y --no-install-recommends curl\nrm -rf /var/lib/apt/lists/*\nEOF',
    instead: 'FROM debian:12-slim\nRUN <<EOF\nset -eux\napt-get update\napt-get install -y --no-install-recommends curl\nrm -rf /var/lib/apt/lists/*\nEOF',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      const run = ins.run;
      if (ins.keyword !== 'RUN' || !run?.fromHeredoc || run.jsonForm || run.foreignShell || run.hasSyntaxError) continue;
      const shebang = heredocShebang(model, ins);
      // a script for python, node …: not a shell script (`#!/usr/bin/env python3`)
      if (shebang && !isPosixShell(shebang[0] ?? '')) continue;
      if (errexitInEffect(model, ins)) continue;
      const cmd = firstIgnoredFailure(model, ins);
      if (!cmd) continue;
      const name = commandName(cmd) ?? 'the command';
      report({
        range: cmd.range,
        message: `Without \`set -e\` a failure of \`${name}\` here does not fail the build: a heredoc RUN fails only when its last command does; start the script with \`set -e\` (or \`set -eux\`)`,
      });
    }
  },
});
