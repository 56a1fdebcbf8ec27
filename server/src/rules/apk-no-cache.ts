import { commandName, effectiveWords, hasOption, reachesFinalImage } from '../engine/facts/commands';
import { runRemovesDir } from '../engine/facts/layers';
import { insertAfterWord } from '../engine/fix/edits';
import type { Instruction } from '../engine/model';
import { defineRule } from '../engine/rule';

/** A cache or tmpfs mount on /var/cache/apk keeps the index out of the layer. */
const cacheMounted = (ins: Instruction) =>
  ins.flags.some(
    (f) =>
      f.name === 'mount' && /(^|,)type=(cache|tmpfs)(,|$)/.test(f.value ?? '') && /(^|,)(target|dst|destination)=\/var\/cache\/apk\/?(,|$)/.test(f.value ?? ''),
  );

export default defineRule({
  id: 'apk-no-cache',
  aliases: [{ tool: 'hadolint', code: 'DL3019', relation: 'same' }],
  category: 'size',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: 'Add `--no-cache` to `apk add`. Fires on `apk add` in a stage that reaches the final image, unless a cache mount covers /var/cache/apk, the same RUN removes it after the `apk add` (`rm -rf /var/cache/apk/*`), or the `apk add` runs with `--no-network` (it fetches no index).',
    why: '`apk add` without `--no-cache` keeps the package index in /var/cache/apk: megabytes in every image, and a stale index for anything installed later. `--no-cache` fetches the index, installs and leaves nothing behind, so no `apk update` or `rm -rf /var/cache/apk/*` is needed.',
    example: 'FROM alpine:3.20\nRUN apk update && apk add curl',
    instead: 'FROM alpine:3.20\nRUN apk add --no-cache curl',
    fixSafety: 'Safe: the same packages are installed; only the index is not kept.',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (!ins.run || cacheMounted(ins) || !reachesFinalImage(model, ins)) continue;
      for (const cmd of ins.run.commands) {
        if (commandName(cmd) !== 'apk') continue;
        const words = effectiveWords(cmd);
        const add = words.find((w, i) => i > 0 && !(w.value ?? '-').startsWith('-'));
        // `--no-network` fetches no index at all (docker-library images record their run-time deps this way)
        if (add?.value !== 'add' || hasOption(words, '', ['no-cache', 'no-network'])) continue;
        // removed again before the layer is written
        if (runRemovesDir(ins, '/var/cache/apk', cmd)) continue;
        report({
          range: cmd.range,
          message: '`apk add` keeps the package index in /var/cache/apk, in this layer',
          fix: () => (ins.run!.jsonForm ? undefined : { title: 'Add --no-cache to apk add', safe: true, edits: [insertAfterWord(add, ' --no-cache')] }),
        });
      }
    }
  },
});
