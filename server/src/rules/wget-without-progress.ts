import { baseFamily } from '../engine/facts/baseImage';
import { insertAfterWord } from '../engine/fix/edits';
import { commandName, effectiveWords } from '../engine/facts/commands';
import { rootBase, type Instruction, type Word } from '../engine/model';
import { defineRule, type Fix } from '../engine/rule';

/** wget's short options that take a value: the rest of a bundle (`-qO-`) is that value, not more options. */
const SHORT_VALUED = 'oaOPtTeUwiBDIXlARQY';

/** -q, --quiet, -nv, --no-verbose, --progress=…, or output sent to a log file (-o, -a): no progress bar on stderr. */
function quietened(words: readonly Word[]): boolean {
  return words.some((w) => {
    const v = w.value ?? '';
    if (v.startsWith('--')) return /^--(quiet|no-verbose|progress=.*|output-file(=.*)?|append-output(=.*)?)$/.test(v);
    if (v === '-nv') return true;
    if (!/^-[A-Za-z]/.test(v)) return false;
    for (const c of v.slice(1)) {
      if (c === 'q' || c === 'o' || c === 'a') return true;
      if (SHORT_VALUED.includes(c)) return false;
    }
    return false;
  });
}

/** Alpine and busybox images ship busybox wget: no `--progress`, no dots; its progress bar is redrawn in place. */
const busyboxWget = (ins: Instruction): boolean =>
  (ins.stage ? baseFamily(ins.stage) : 'unknown') === 'alpine' || (ins.stage !== undefined && /alpine|busybox/.test(rootBase(ins.stage).text));

/**
 * The flag to add. Busybox wget rejects `--progress` and would fail the build: there `-q` (known to both wgets) is
 * added. `--progress=dot:giga` is safe only where wget is known to be GNU wget.
 */
function quietFix(ins: Instruction, wget: Word): Fix | undefined {
  if (ins.run!.jsonForm) return undefined;
  const family = ins.stage ? baseFamily(ins.stage) : 'unknown';
  if (busyboxWget(ins)) {
    return { title: 'Add -q to wget', safe: true, edits: [insertAfterWord(wget, ' -q')] };
  }
  const gnu = family === 'debian' || family === 'rhel' || family === 'suse' || family === 'node' || family === 'dotnet';
  return { title: 'Add --progress=dot:giga to wget', safe: gnu && !ins.onbuild, edits: [insertAfterWord(wget, ' --progress=dot:giga')] };
}

export default defineRule({
  id: 'wget-without-progress',
  aliases: [{ tool: 'hadolint', code: 'DL3047', relation: 'same' }],
  category: 'maintainability',
  severity: 'information',
  fixable: 'sometimes',
  docs: {
    what: 'Add `--progress=dot:giga` (or `-q`/`-nv`) to `wget`. Fires on a `wget` that draws its default progress bar.',
    why: 'A build has no terminal: GNU wget falls back to printing a dot line every few kilobytes, and a large download floods the build log with thousands of lines, hiding the output that matters and slowing CI log viewers. Busybox wget (Alpine) prints no dots, but its progress bar lands in the log too.',
    example: 'FROM debian:12\nRUN wget https://example.com/tool.tar.gz',
    instead: 'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/tool.tar.gz',
    fixSafety:
      'Adds `--progress=dot:giga`, which only changes how progress is printed: safe where the base image has GNU wget (Debian, Ubuntu, RHEL families). On Alpine and busybox images, whose wget rejects `--progress`, it adds `-q` instead. Unsafe when the base image is unknown (or in ONBUILD), as busybox wget would fail the build.',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      for (const cmd of ins.run?.commands ?? []) {
        if (commandName(cmd) !== 'wget') continue;
        const words = effectiveWords(cmd);
        if (quietened(words)) continue;
        report({
          range: cmd.range,
          message: busyboxWget(ins)
            ? '`wget` without `-q` writes its progress bar into the build log (busybox wget on this base: it has no `--progress` option; `-q` silences it)'
            : '`wget` without `--progress` or `-q` floods the build log with progress dots',
          fix: () => quietFix(ins, words[0]),
        });
      }
    }
  },
});
