import { effectiveWords, reachesFinalImage } from '../engine/facts/commands';
import { insertAfterWord } from '../engine/fix/edits';
import { pipInstall, pipLongOption } from '../engine/facts/langPackages';
import { envAt, type DockerfileModel, type Instruction, type RunCommand, type Word } from '../engine/model';
import { defineRule } from '../engine/rule';

const TRUE = /^(1|on|yes|true)$/i;

/** The `install` word of `pip install` or `python -m pip install`, if this command is one. */
function pipInstallWord(cmd: RunCommand): Word | undefined {
  const pip = pipInstall(cmd);
  return pip && pip.words[pip.install];
}

/** PIP_NO_CACHE_DIR set to a true value by an ENV or ARG before this RUN. */
function envDisablesCache(ins: Instruction, model: DockerfileModel): boolean {
  const value = envAt(model, ins, 'PIP_NO_CACHE_DIR');
  return value !== undefined && TRUE.test(value);
}

function cacheMounted(ins: Instruction): boolean {
  return ins.flags.some(
    (f) =>
      f.name === 'mount' &&
      /(^|,)type=(cache|tmpfs)(,|$)/.test(f.value ?? '') &&
      /(^|,)(target|dst|destination)=[^,]*\.cache(\/pip)?\/?(,|$)/.test(f.value ?? ''),
  );
}

/** PIP_NO_CACHE_DIR=1 on the command, or exported earlier in the same RUN. */
function inlineDisables(cmd: RunCommand, run: readonly RunCommand[]): boolean {
  const assigned = (w: Word) => /^PIP_NO_CACHE_DIR=/.test(w.value ?? '') && TRUE.test((w.value ?? '').split('=')[1]);
  if (cmd.assignments.some(assigned)) return true;
  return run.some((c) => c.range.start.line <= cmd.range.start.line && c !== cmd && c.name === 'export' && c.words.some(assigned));
}

export default defineRule({
  id: 'pip-no-cache-dir',
  aliases: [{ tool: 'hadolint', code: 'DL3042', relation: 'same' }],
  category: 'size',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: "Add `--no-cache-dir` to `pip install`. Fires unless it is given (or a prefix pip accepts for it, such as `--no-cache`), `PIP_NO_CACHE_DIR` is set or a cache mount covers pip's cache.",
    why: 'pip keeps every downloaded wheel in `~/.cache/pip`; in an image that cache is dead weight (often hundreds of MB with scientific packages) that every node pulls on every deploy.',
    example: 'FROM python:3.12-slim\nRUN pip install -r requirements.txt',
    instead: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt',
    fixSafety: 'Safe: the same packages are installed; only the download cache is not written.',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      const installs = (ins.run?.commands ?? []).flatMap((cmd) => {
        const install = pipInstallWord(cmd);
        return install ? [{ cmd, install }] : [];
      });
      // the ENV scan walks the stage, so it runs only for RUNs that do install with pip
      if (installs.length === 0 || !reachesFinalImage(model, ins) || cacheMounted(ins) || envDisablesCache(ins, model)) continue;
      for (const { cmd, install } of installs) {
        // `--no-cache` and `--no-ca` are `--no-cache-dir` too: pip takes any unique prefix of a long option
        const noCache = effectiveWords(cmd).some((w) => pipLongOption((w.value ?? '').split('=', 1)[0]) === '--no-cache-dir');
        if (noCache || inlineDisables(cmd, ins.run!.commands)) continue;
        report({
          range: cmd.range,
          message: '`pip install` keeps its download cache in the image',
          fix: () =>
            ins.run!.jsonForm ? undefined : { title: 'Add --no-cache-dir to pip install', safe: true, edits: [insertAfterWord(install, ' --no-cache-dir')] },
        });
      }
    }
  },
});
