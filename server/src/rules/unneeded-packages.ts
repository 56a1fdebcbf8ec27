import { commandName, reachesFinalImage } from '../engine/facts/commands';
import { packageInstalls, packageName } from '../engine/facts/packageManagers';
import { defineRule } from '../engine/rule';

/**
 * Editors, remote-shell servers and debugging daemons: tools for a person at a terminal, not for a container. The
 * `ssh` package is left out: hadolint's DL3001 accepts `apt-get install ssh`, and images use the client for git.
 */
const UNNEEDED = new Set([
  'vim',
  'vim-tiny',
  'vim-nox',
  'vi',
  'nano',
  'emacs',
  'emacs-nox',
  'joe',
  'mc',
  'openssh-server',
  'dropbear',
  'telnet',
  'telnetd',
  'ftp',
  'rsh-client',
  'rsh-server',
  'xinetd',
]);

/** Commands that need a running system or an interactive terminal (hadolint DL3001's list, plus nano and ifconfig). */
const INTERACTIVE = new Set(['ssh', 'vim', 'shutdown', 'service', 'ps', 'free', 'top', 'kill', 'mount', 'ifconfig', 'nano']);

export default defineRule({
  id: 'unneeded-packages',
  aliases: [{ tool: 'hadolint', code: 'DL3001', relation: 'same' }],
  category: 'size',
  severity: 'warning',
  fixable: 'never',
  checklist: { item: 'minimal-base' },
  docs: {
    what: 'Leave editors, SSH servers and interactive tools out of the image and out of `RUN`. Fires on vim, nano, emacs, openssh-server, telnetd… installed in the final image, and on `RUN` commands such as `ssh`, `vim`, `service`, `ps`, `top`, `kill`, `mount`, `shutdown` that make no sense while building.',
    why: 'An editor or an SSH daemon in a container is unused weight and extra attack surface: debug with `docker exec` or an ephemeral debug container instead. Commands like `service` or `top` expect a running system; in a build step they do nothing useful or hang.',
    example: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl vim',
    instead: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
  },
  check({ model, report }) {
    for (const install of packageInstalls(model)) {
      if (!reachesFinalImage(model, install.cmd.instruction)) continue;
      for (const pkg of install.packages) {
        const name = packageName(pkg);
        if (!name || !UNNEEDED.has(name)) continue;
        report({
          range: pkg.range,
          message: `\`${name}\` is installed in the final image, where nobody uses an editor or remote shell and it only adds size and attack surface`,
        });
      }
    }
    for (const ins of model.instructions) {
      for (const cmd of ins.run?.commands ?? []) {
        const name = commandName(cmd);
        if (!name || !INTERACTIVE.has(name)) continue;
        report({ range: cmd.range, message: `\`${name}\` needs a running system or a terminal; in a build step it does nothing useful or hangs` });
      }
    }
  },
});
