import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'sudo-usage',
  aliases: [{ tool: 'hadolint', code: 'DL3004', relation: 'same' }],
  category: 'security',
  severity: 'error',
  fixable: 'never',
  docs: {
    what: 'Drop `sudo` from RUN: switch users with `USER` instead. Fires on a RUN command that calls sudo.',
    why: 'RUN already runs as the current USER (root unless you changed it), so sudo adds nothing but a setuid binary in the image and a TTY/password behaviour that differs between base images; leaving sudo installed also gives any process in the container a way back to root.',
    example: 'FROM debian:12\nUSER app\nRUN sudo apt-get update',
    instead: 'FROM debian:12\nRUN apt-get update\nUSER app',
  },
  scope: 'instruction',
  checkInstruction(ins, { report }) {
    for (const cmd of ins.run?.commands ?? []) {
      // `apt-get install sudo` installs it; only calling it is the problem
      if (cmd.name !== 'sudo' && !cmd.name?.endsWith('/sudo')) continue;
      report({
        range: cmd.words[0].range,
        message: '`sudo` in RUN: the instruction already runs as the current USER, and sudo keeps a way back to root in the image',
      });
    }
  },
});
