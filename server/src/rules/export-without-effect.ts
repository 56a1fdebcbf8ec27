import { commandName } from '../engine/facts/commands';
import { textOf, variableUses, type RunCommand } from '../engine/model';
import { defineRule } from '../engine/rule';

// commands that start no program reading the environment: after an export, only a `$NAME` in them uses it
const NO_ENV_READERS = new Set(['export', 'echo', 'printf', 'true', ':', 'set', 'unset', 'readonly', 'declare', 'typeset', 'local']);

/** The names an `export` command sets: `export A=1 B`, `export -n` and `export -p` aside. */
function exportedNames(cmd: RunCommand): { name: string; range: RunCommand['range'] }[] {
  const words = cmd.words.slice(1);
  if (words.some((w) => (w.value ?? w.text).startsWith('-') && w.value !== '--')) return [];
  return words.flatMap((w) => {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(=|$)/.exec(w.text);
    return m ? [{ name: m[1], range: w.range }] : [];
  });
}

export default defineRule({
  id: 'export-without-effect',
  aliases: [],
  category: 'correctness',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: "Set variables that later instructions need with `ENV` (kept in the image) or `ARG` (for the build only), not with `export` in a RUN. Fires on a RUN's `export NAME=…` when no command after it in the same RUN runs a program (which would inherit it) or reads `$NAME`.",
    why: 'Each RUN is a new shell: what it exports dies with it. `RUN export PATH=/opt/tool/bin:$PATH` or `RUN export NODE_ENV=production` changes nothing for the next RUN, the CMD or the running container, and the image silently works without the setting you meant to make.',
    example: 'FROM node:22-slim\nRUN export NODE_ENV=production\nRUN npm ci',
    instead: 'FROM node:22-slim\nENV NODE_ENV=production\nRUN npm ci',
  },
  scope: 'instruction',
  checkInstruction(ins, { model, report }) {
    const run = ins.run;
    if (ins.keyword !== 'RUN' || !run || run.jsonForm || run.foreignShell || run.hasSyntaxError) return;
    const commands = run.commands.filter((c) => !c.inSubstitution);
    commands.forEach((cmd, i) => {
      if (commandName(cmd) !== 'export' || cmd.words[0]?.value !== 'export') return;
      const later = commands.slice(i + 1);
      // a program started later inherits the whole environment
      if (later.some((c) => !NO_ENV_READERS.has(commandName(c) ?? ''))) return;
      const laterText = later.map((c) => textOf(model, c.range)).join('\n');
      const read = new Set(variableUses(laterText).map((u) => u.name));
      for (const { name, range } of exportedNames(cmd)) {
        if (read.has(name)) continue;
        report({
          range,
          message: `\`export ${name}\` ends with this RUN: nothing after it in the RUN uses it, and later instructions and the container do not see it; use \`ENV ${name}=…\` (kept in the image) or \`ARG ${name}=…\` (for the build only)`,
        });
      }
    });
  },
});
