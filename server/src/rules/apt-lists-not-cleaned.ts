import { commandName, invocation, reachesFinalImage } from '../engine/facts/commands';
import { runRemovesDir } from '../engine/facts/layers';
import { APT_TOOLS, APT_VALUED } from '../engine/facts/packageManagers';
import { laterInstructions, type DockerfileModel, type Instruction, type RunCommand } from '../engine/model';
import { defineRule } from '../engine/rule';

const mountTargets = (ins: Instruction) =>
  ins.flags
    .filter((f) => f.name === 'mount' && f.value && /(^|,)type=(cache|tmpfs)(,|$)/.test(f.value))
    .map((f) => /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(f.value!)?.[1]?.replace(/(?<!\/)\/+$/, ''));

/** The lists never land in the layer: removed in the same RUN, or kept in a cache/tmpfs mount. */
function listsCleaned(ins: Instruction): boolean {
  const targets = mountTargets(ins);
  if (targets.includes('/var/lib/apt/lists') || (targets.includes('/var/lib/apt') && targets.includes('/var/cache/apt'))) return true;
  return runRemovesDir(ins, '/var/lib/apt/lists');
}

const isAptUpdate = (c: RunCommand) => APT_TOOLS.includes(commandName(c) ?? '') && invocation(c, APT_VALUED).sub === 'update';
const isAptInstall = (c: RunCommand) =>
  APT_TOOLS.includes(commandName(c) ?? '') &&
  ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'source'].includes(invocation(c, APT_VALUED).sub ?? '');

/**
 * The first later RUN that installs with these lists: it updates none itself, and runs after `ins` in the same stage
 * or in a stage built FROM it (which starts from this layer). Removing the lists would make it fail.
 */
function laterInstallUsingLists(ins: Instruction, model: DockerfileModel): Instruction | undefined {
  return laterInstructions(ins, model).find((i) => {
    const cmds = i.run?.commands ?? [];
    return cmds.some(isAptInstall) && !cmds.some(isAptUpdate);
  });
}

export default defineRule({
  id: 'apt-lists-not-cleaned',
  aliases: [{ tool: 'hadolint', code: 'DL3009', relation: 'same' }],
  category: 'size',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: 'Remove `/var/lib/apt/lists/*` in the same RUN as `apt-get update`. Fires when a RUN that updates the package lists leaves them in the layer (and no cache or tmpfs mount holds them).',
    why: 'The lists are tens of megabytes that no running container needs; once a layer holds them, deleting them later saves nothing. They also go stale, so a later `apt-get install` in a derived image silently installs old versions.',
    example: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
    instead: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*',
    fixSafety:
      'Adds `&& rm -rf /var/lib/apt/lists/*` after the last apt command of the RUN. Safe: not offered when a later RUN installs packages without running `apt-get update` itself, in the same stage or in a stage built FROM it (that install needs the lists; the message names it).',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (!ins.run || !reachesFinalImage(model, ins)) continue;
      const update = ins.run.commands.find(isAptUpdate);
      if (!update || listsCleaned(ins)) continue;
      const user = laterInstallUsingLists(ins, model);
      const usedBy =
        user &&
        (user.stage === ins.stage
          ? `the RUN on line ${user.range.start.line + 1}`
          : `the RUN on line ${user.range.start.line + 1} (stage ${user.stage?.name ?? user.stage?.index} is built FROM this one)`);
      report({
        range: update.range,
        message: `The apt package lists stay in this layer: tens of MB the running image never uses${usedBy ? `; ${usedBy} installs with them, so they cannot go here (run \`${commandName(update)} update\` in that RUN, then remove them there)` : ''}`,
        fix: () => {
          // removing them would make that later install fail ("Unable to locate package")
          if (ins.run!.jsonForm || user) return undefined;
          const last = [...ins.run!.commands].reverse().find((c) => APT_TOOLS.includes(commandName(c) ?? ''))!;
          if (last.inSubstitution || last.inPipeline) return undefined;
          return {
            title: 'Remove the apt lists in the same RUN',
            safe: true,
            edits: [{ range: { start: last.range.end, end: last.range.end }, newText: ' && rm -rf /var/lib/apt/lists/*' }],
          };
        },
      });
    }
  },
});
