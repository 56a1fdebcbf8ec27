import { commandName } from '../engine/facts/commands';
import { aptInvocation } from '../engine/facts/packageManagers';
import { defineRule } from '../engine/rule';

const UPGRADES = new Set(['upgrade', 'dist-upgrade', 'full-upgrade', 'safe-upgrade']);

export default defineRule({
  id: 'apt-upgrade',
  // hadolint dropped DL3005 in 2021 (Docker's guide stopped advising against upgrades), hence 'inspired' and off by default
  aliases: [{ tool: 'hadolint', code: 'DL3005', relation: 'inspired' }],
  category: 'reproducibility',
  severity: 'warning',
  fixable: 'never',
  defaultOff: true,
  docs: {
    what: 'Take package fixes by rebuilding on a newer base image rather than with `apt-get upgrade`. Fires on `upgrade`, `dist-upgrade` and `full-upgrade` of apt-get, apt or aptitude. Off by default (hadolint dropped DL3005): turn it on where images must rebuild the same.',
    why: 'An upgrade inside the build makes the image depend on the day it was built: two builds of the same commit ship different packages, and `dist-upgrade` may remove packages or pull in a new release the base image was never tested with. It also duplicates in a new layer every file it replaces. Patched bases (e.g. `debian:12` is rebuilt for every point release) give the same fixes reproducibly.',
    example: 'FROM debian:12\nRUN apt-get update && apt-get -y dist-upgrade',
    instead: 'FROM debian:12.8\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
  },
  scope: 'instruction',
  checkInstruction(ins, { report }) {
    for (const cmd of ins.run?.commands ?? []) {
      const inv = aptInvocation(cmd);
      if (!inv?.sub || !UPGRADES.has(inv.sub)) continue;
      report({
        range: cmd.range,
        message: `\`${commandName(cmd)} ${inv.sub}\` makes the image depend on the day it is built: the same commit ships different packages`,
      });
    }
  },
});
