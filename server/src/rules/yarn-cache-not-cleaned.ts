import { commandName, reachesFinalImage } from '../engine/facts/commands';
import { cacheMountCovers, toolCall } from '../engine/facts/langPackages';
import type { RunCommand } from '../engine/model';
import { defineRule } from '../engine/rule';

/** `yarn install`, or `yarn` alone (which installs too); not `yarn --version`. */
function isYarnInstall(cmd: RunCommand): boolean {
  const call = toolCall(cmd, 'yarn');
  if (!call) return false;
  if (call.sub) return call.sub.value === 'install';
  return !call.options.some((o) => ['-v', '--version', '-h', '--help'].includes(o.name));
}

/** `yarn cache clean`, or removing the cache folder (`rm -rf /usr/local/share/.cache/yarn`, `rm -rf "$(yarn cache dir)"`). */
function cleansCache(cmd: RunCommand): boolean {
  const call = toolCall(cmd, 'yarn');
  if (call) return call.sub?.value === 'cache' && call.operands[0]?.value === 'clean';
  return commandName(cmd) === 'rm' && cmd.words.slice(1).some((w) => w.text.split('\n').some((line) => /yarn/i.test(line) && /cache/i.test(line)));
}

export default defineRule({
  id: 'yarn-cache-not-cleaned',
  aliases: [{ tool: 'hadolint', code: 'DL3060', relation: 'same' }],
  category: 'size',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: "Run `yarn cache clean` after `yarn install` in the same RUN, or mount a cache on yarn's cache folder. Fires in stages that reach the final image.",
    why: 'Yarn keeps a copy of every package it downloads in its global cache; left in the layer it often doubles the size of node_modules, and every node pulls it on every deploy. Cleaning in a later RUN does not help: the earlier layer keeps the files.',
    example: 'FROM node:22-slim\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile',
    instead: 'FROM node:22-slim\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile && yarn cache clean',
    fixSafety:
      'Safe: appends `&& yarn cache clean` right after the install; node_modules is the same, only the download cache is gone. Declined for exec-form RUN and for an install inside a pipeline or `$(…)`.',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      const commands = ins.run?.commands ?? [];
      const last = commands.findLastIndex(isYarnInstall);
      if (last < 0 || !reachesFinalImage(model, ins) || cacheMountCovers(ins, /yarn/i)) continue;
      // a clean before the install leaves the install's downloads behind
      if (commands.slice(last + 1).some(cleansCache)) continue;
      const install = commands[last];
      report({
        range: install.range,
        message: '`yarn install` leaves its download cache in this layer',
        fix: () =>
          ins.run!.jsonForm || install.inPipeline || install.inSubstitution
            ? undefined
            : {
                title: 'Add yarn cache clean after yarn install',
                safe: true,
                edits: [{ range: { start: install.range.end, end: install.range.end }, newText: ' && yarn cache clean' }],
              },
      });
    }
  },
});
