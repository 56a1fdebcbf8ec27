import { commandName } from '../engine/commands';
import type { RunCommand } from '../engine/model';
import { aptFetches, aptInvocation, APT_TOOLS } from '../engine/osPackages';
import { defineRule } from '../engine/rule';

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

export default defineRule({
  id: 'apt-update-alone',
  aliases: [],
  category: 'reproducibility',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Run `apt-get update` in the same RUN as the `apt-get install` that needs it. Fires on a RUN that updates the package lists but installs nothing.',
    why: 'Docker caches the update in its own layer and reuses it on every later build, however old it gets: when the install RUN changes, it installs from lists that may be months out of date, or fails because the mirror has since dropped those versions.',
    example: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl',
    instead: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
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
      });
    }
  },
});
