import { commandName, reachesFinalImage } from '../engine/facts/commands';
import { packageInstalls, packageManager, packageName, removedAgain } from '../engine/facts/packageManagers';
import { laterInstructions } from '../engine/model';
import { defineRule } from '../engine/rule';

// the subcommands that take a package off again, per package manager
const REMOVE = new Set(['purge', 'remove', 'autoremove', 'erase', 'del']);

export default defineRule({
  id: 'sudo-installed',
  aliases: [],
  category: 'security',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Leave `sudo` out of the final image: run the steps that need root before `USER`, and give the app user only the files it needs. Fires on `apt-get install sudo`, `apk add sudo`, `dnf/yum/zypper install sudo` in the final image (its stage or one it is built FROM) when no RUN removes it again.',
    why: 'sudo is a setuid-root binary: with it in the image, the non-root user you switched to is one password (or one NOPASSWD line in /etc/sudoers) away from root, and every sudo vulnerability (Baron Samedit, CVE-2021-3156) is a local root exploit in your container. A container needs no sudo: the build already runs as root where it has to.',
    example:
      'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends sudo curl && rm -rf /var/lib/apt/lists/*\nRUN useradd --create-home app && echo "app ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/app\nUSER app',
    instead:
      'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nRUN useradd --create-home app\nUSER app',
  },
  check({ model, report }) {
    for (const install of packageInstalls(model)) {
      const ins = install.cmd.instruction;
      if (!reachesFinalImage(model, ins)) continue;
      const removed = removedAgain(install);
      const sudo = install.packages.find((p) => packageName(p) === 'sudo' && !removed(p));
      if (!sudo) continue;
      // taken off again by a later RUN of the image: not in the container's file system
      const removedLater = laterInstructions(ins, model).some((i) =>
        i.run?.commands.some(
          (c) => packageManager(commandName(c)) && c.words.some((w) => REMOVE.has(w.value ?? '')) && c.words.some((w) => w.value === 'sudo'),
        ),
      );
      if (removedLater) continue;
      report({
        range: sudo.range,
        message:
          '`sudo` stays in the final image: a setuid-root binary that gives its users a way back to root; run the steps that need root before `USER` instead',
      });
    }
  },
});
