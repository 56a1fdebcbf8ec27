import { baseFamily } from '../engine/facts/baseImage';
import { keyword, insertLinesBefore } from '../engine/fix/edits';
import { rootBase, shellAt, textOf, type DockerfileModel, type Instruction, type RunCommand } from '../engine/model';
import { defineRule, type Fix } from '../engine/rule';

// the shells hadolint accepts `-o pipefail` from; plain sh (dash, busybox sh) is not trusted to honour it
const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash']);

function shellSetsPipefail(words: readonly string[]): boolean {
  const name = words[0]?.replace(/\\/g, '/').split('/').pop() ?? '';
  return PIPEFAIL_SHELLS.has(name) && words.some((w) => /^-[a-np-z]*o[a-z]*$/.test(w)) && words.includes('pipefail');
}

/** `set -o pipefail` (or `set -eo pipefail`, `set -euxo pipefail`) before the first pipe of the RUN. */
function scriptSetsPipefail(ins: Instruction, firstPipe: number): boolean {
  return ins.run!.commands.some((c, i) => i < firstPipe && c.name === 'set' && c.words.some((w) => /^-[a-np-z]*o[a-z]*$/.test(w.value ?? '')) && c.words.some((w) => w.value === 'pipefail'));
}

const offends = (model: DockerfileModel, ins: Instruction): boolean => {
  const run = ins.run;
  if (!run || run.jsonForm || run.foreignShell) return false;
  const firstPipe = run.commands.findIndex((c) => c.inPipeline);
  if (firstPipe < 0 || scriptSetsPipefail(ins, firstPipe)) return false;
  const shell = shellAt(model, ins);
  return !shell || !shellSetsPipefail(shell.words);
};

/** Inserts a pipefail SHELL before the first offending RUN since the last SHELL, so one line covers them all. */
function addShell(model: DockerfileModel, ins: Instruction): Fix | undefined {
  const stage = ins.stage;
  if (!stage || ins.onbuild || ins.run?.hasCommentInContinuation) return undefined;
  const base = rootBase(stage);
  const family = baseFamily(stage);
  const alpine = family === 'alpine' || (base.kind === 'image' && /alpine/.test(base.ref.tag ?? ''));
  let shell: string;
  if (alpine) shell = '["/bin/ash", "-o", "pipefail", "-c"]';
  else if (['debian', 'rhel', 'suse', 'node', 'dotnet'].includes(family)) shell = '["/bin/bash", "-o", "pipefail", "-c"]';
  else return undefined; // scratch, distroless, unknown images: no shell we can name
  const before = stage.instructions.filter((i) => !i.onbuild && i.range.start.line <= ins.range.start.line);
  const lastShell = before.map((i) => i.keyword).lastIndexOf('SHELL');
  const target = before.slice(lastShell + 1).find((i) => offends(model, i)) ?? ins;
  return { title: `Set SHELL ${shell}`, safe: false, edits: [insertLinesBefore(model, target, [`${keyword(model, 'SHELL')} ${shell}`])] };
}

/** The commands of the RUN's first pipeline: piped commands joined by nothing but `|` (and redirections). */
function firstPipeline(model: DockerfileModel, ins: Instruction): RunCommand[] {
  const cmds = ins.run!.commands;
  const first = cmds.findIndex((c) => c.inPipeline);
  const out = [cmds[first]];
  for (let i = first + 1; i < cmds.length && cmds[i].inPipeline; i++) {
    const gap = textOf(model, { start: out.at(-1)!.range.end, end: cmds[i].range.start }).replace(/(?<!\d)\d*>&[\d-]+/g, '');
    if (!/^[^;&|]*\|&?[^;&|]*$/.test(gap)) break;
    out.push(cmds[i]);
  }
  return out;
}

export default defineRule({
  id: 'pipefail-missing',
  aliases: [{ tool: 'hadolint', code: 'DL4006', relation: 'same' }],
  category: 'correctness',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: 'Set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (or `set -o pipefail` in the RUN) before a RUN with a pipe. Fires on a RUN containing `|` when neither is in effect; PowerShell and cmd stages are left alone.',
    why: 'A pipeline succeeds when its last command does: in `curl -fsSL $URL | tar -xz` a failed download still passes the build, and the image ships without the files. pipefail makes the step fail where it broke.',
    example: 'FROM debian:12-slim\nRUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin',
    instead: 'FROM debian:12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin',
    fixSafety: 'Adds a SHELL line with bash (ash on Alpine) and `-o pipefail` before the first such RUN of the stage; declines where the image may have no bash (scratch, distroless, unknown bases). Unsafe: every later RUN of the stage then runs under that shell and fails on a broken pipe it used to ignore.',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'RUN' || !offends(model, ins)) continue;
      const pipe = firstPipeline(model, ins);
      report({
        range: { start: pipe[0].range.start, end: pipe.at(-1)!.range.end },
        message: 'This pipe hides failures of all but its last command: without `-o pipefail` the RUN succeeds even if an earlier stage of the pipe failed',
        fix: () => addShell(model, ins),
      });
    }
  },
});
