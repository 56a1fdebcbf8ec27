import { commandName, effectiveWords, runCommands } from '../engine/facts/commands';
import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'shell-instead-of-sh-c',
  aliases: [{ tool: 'hadolint', code: 'DL4005', relation: 'same' }],
  category: 'correctness',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Use `SHELL ["/bin/bash", "-c"]` to change the shell RUN uses, instead of relinking `/bin/sh`. Fires on `ln` with `/bin/sh` as its target.',
    why: "Replacing /bin/sh changes the shell for every program in the image, including package scripts and the base image's own tools, which expect the original. SHELL changes only what your RUN instructions use, and says so in the Dockerfile.",
    example: 'FROM debian:12-slim\nRUN ln -sf /bin/bash /bin/sh',
    instead: 'FROM debian:12-slim\nSHELL ["/bin/bash", "-c"]',
  },
  scope: 'instruction',
  checkInstruction(ins, { report }) {
    for (const cmd of runCommands(ins)) {
      if (commandName(cmd) !== 'ln') continue;
      const words = effectiveWords(cmd)
        .slice(1)
        .filter((w) => !(w.value ?? '').startsWith('-'));
      if (words.at(-1)?.value !== '/bin/sh') continue;
      report({ range: cmd.range, message: '`ln … /bin/sh` replaces the shell of every program in the image, not only of your RUN instructions' });
    }
  },
});
