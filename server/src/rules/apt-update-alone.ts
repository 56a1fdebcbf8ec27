import { commandName } from '../engine/facts/commands';
import type { DockerfileModel, Instruction, RunCommand } from '../engine/model';
import { aptFetches, aptInvocation, APT_TOOLS } from '../engine/facts/packageManagers';
import { defineRule, type Fix } from '../engine/rule';

/** Commands that may install packages in ways we cannot see: scripts, `sh -c`, `xargs apt-get install`. */
function mayInstallOutOfSight(cmd: RunCommand): boolean {
  const name = commandName(cmd);
  if (name === undefined || name.endsWith('.sh') || ['sh', 'bash', 'xargs', 'eatmydata', 'chroot', 'su'].includes(name)) return true;
  return !APT_TOOLS.includes(name) && cmd.words.some((w) => APT_TOOLS.includes(w.value ?? ''));
}

function fetchesPackages(cmd: RunCommand): boolean {
  const inv = aptInvocation(cmd);
  return inv !== undefined && aptFetches(inv);
}

/** Lists removed in the same RUN leave no index behind to go stale. */
const removesLists = (cmd: RunCommand) => commandName(cmd) === 'rm' && cmd.words.some((w) => /^\/var\/lib\/apt\/lists(\/\*?)?$/.test(w.value ?? w.text));

/**
 * Moves a RUN that only updates into the RUN right after it, when that one installs with apt: `RUN apt-get update`
 * + `RUN apt-get install …` become `RUN apt-get update && apt-get install …`. Declined for anything less plain.
 */
function mergeIntoNextInstall(model: DockerfileModel, ins: Instruction, update: RunCommand): Fix | undefined {
  const stage = ins.stage;
  if (!stage || ins.onbuild || ins.flags.length || ins.run!.jsonForm || ins.run!.fromHeredoc || ins.run!.commands.length !== 1) return undefined;
  const next = stage.instructions[stage.instructions.indexOf(ins) + 1];
  const first = next?.run?.commands[0];
  if (
    !next ||
    next.keyword !== 'RUN' ||
    next.onbuild ||
    next.run!.jsonForm ||
    next.run!.fromHeredoc ||
    !first ||
    first.inSubstitution ||
    !fetchesPackages(first)
  )
    return undefined;
  const updateText = model.text.slice(model.lines.offsetAt(update.range.start), model.lines.offsetAt(update.range.end));
  if (updateText.includes('\n')) return undefined;
  const from = { line: ins.range.start.line, character: 0 };
  const to = { line: ins.range.end.line + 1, character: 0 };
  return {
    title: `Move \`${updateText}\` into the install's RUN`,
    safe: true,
    edits: [
      { range: { start: from, end: to }, newText: '' },
      { range: { start: first.range.start, end: first.range.start }, newText: `${updateText} && ` },
    ],
  };
}

export default defineRule({
  id: 'apt-update-alone',
  aliases: [],
  category: 'reproducibility',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: 'Run `apt-get update` in the same RUN as the `apt-get install` that needs it. Fires on a RUN that updates the package lists but installs nothing.',
    why: 'Docker caches the update in its own layer and reuses it on every later build, however old it gets: when the install RUN changes, it installs from lists that may be months out of date, or fails because the mirror has since dropped those versions.',
    example: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl',
    instead: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
    fixSafety:
      'Safe: when the RUN holds only the update and the next instruction is a RUN that starts with an apt install, the update moves in front of that install (`apt-get update && apt-get install …`) and its own RUN goes; the image gets the same packages, from lists as fresh as the build. Declined otherwise (other commands, flags, heredocs, JSON form, something in between).',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      const commands = ins.run?.commands ?? [];
      const update = commands.find((c) => aptInvocation(c)?.sub === 'update');
      if (!update) continue;
      if (commands.some((c) => fetchesPackages(c) || mayInstallOutOfSight(c) || removesLists(c))) continue;
      report({
        range: update.range,
        message: `\`${commandName(update)} update\` runs in a RUN that installs nothing: its cached layer keeps serving an index that later installs trust however old it is`,
        fix: () => mergeIntoNextInstall(model, ins, update),
      });
    }
  },
});
