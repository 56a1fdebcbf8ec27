import { baseFamily } from '../engine/facts/baseImage';
import { commandName, pipelinesOf } from '../engine/facts/commands';
import { keyword, insertLinesBefore } from '../engine/fix/edits';
import { rootBase, shellAt, type DockerfileModel, type Instruction, type RunCommand } from '../engine/model';
import { defineRule, type Fix } from '../engine/rule';

// the shells hadolint accepts `-o pipefail` from; plain sh (dash, busybox sh) is not trusted to honour it
const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash']);

function shellSetsPipefail(words: readonly string[]): boolean {
  const name = words[0]?.replace(/\\/g, '/').split('/').pop() ?? '';
  return PIPEFAIL_SHELLS.has(name) && words.some((w) => /^-[a-np-z]*o[a-z]*$/.test(w)) && words.includes('pipefail');
}

/** `set -o pipefail` (or `set -eo pipefail`, `set -euxo pipefail`) before the command `before` of the RUN. */
function scriptSetsPipefail(ins: Instruction, before: RunCommand): boolean {
  const commands = ins.run!.commands;
  const at = commands.indexOf(before);
  return commands.some(
    (c, i) => i < at && c.name === 'set' && c.words.some((w) => /^-[a-np-z]*o[a-z]*$/.test(w.value ?? '')) && c.words.some((w) => w.value === 'pipefail'),
  );
}

/** The command prints its output from its input, so an empty input gives an empty output (or a failure). */
const SELECTING = new Set(['head', 'tail', 'grep', 'egrep', 'fgrep', 'cut', 'sed', 'awk', 'sort', 'uniq', 'tr', 'jq']);
const GREPS = new Set(['grep', 'egrep', 'fgrep']);

/** grep that succeeds only when a line matches (not `-v`, `-c`, `-L`: those succeed on an empty input). */
const matches = (c: RunCommand) =>
  GREPS.has(commandName(c) ?? '') &&
  !c.words.slice(1).some((w) => /^-[a-zA-Z]*[vcL]/.test(w.value ?? '') || ['--invert-match', '--count', '--files-without-match'].includes(w.value ?? ''));

/** A left side that cannot fail meaningfully: echo/printf of its words, `cat` of a heredoc, `yes`, `true`. */
const cannotFail = (c: RunCommand) => {
  const name = commandName(c);
  return name === 'echo' || name === 'printf' || name === 'yes' || name === 'true' || name === ':' || (name === 'cat' && c.words.length === 1);
};

/**
 * Whether pipefail could change what this pipeline does to the build. It cannot when the pipeline's status goes
 * nowhere ($(…) inside a word or a `for … in` list), when its output is tested right after (`v=$(a | head -1);
 * [ -n "$v" ]`), when a grep at its end decides and the failure is handled next to it (`a | grep -q x || exit 1`,
 * `if a | grep -q x`), or when its left side cannot fail (`echo "$SUM *file" | sha256sum -c -`).
 */
export function pipeStatusMatters(pipe: readonly RunCommand[]): boolean {
  const last = pipe.at(-1)!;
  const s = last.status;
  if (s.substitution === 'dropped') return false;
  if (s.substitution === 'assigned' && s.testedNext && SELECTING.has(commandName(last) ?? '') && !(GREPS.has(commandName(last) ?? '') && !matches(last)))
    return false;
  if ((s.orElse || s.condition) && matches(last)) return false;
  return !pipe.slice(0, -1).every(cannotFail);
}

/** The first pipeline of the RUN whose hidden failures would matter, when no pipefail is in effect for it. */
function offendingPipe(model: DockerfileModel, ins: Instruction): RunCommand[] | undefined {
  const run = ins.run;
  if (!run || run.jsonForm || run.foreignShell) return undefined;
  const pipe = pipelinesOf(ins).find(pipeStatusMatters);
  if (!pipe || scriptSetsPipefail(ins, pipe[0])) return undefined;
  const shell = shellAt(model, ins);
  return !shell || !shellSetsPipefail(shell.words) ? pipe : undefined;
}

const offends = (model: DockerfileModel, ins: Instruction): boolean => offendingPipe(model, ins) !== undefined;

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

export default defineRule({
  id: 'pipefail-missing',
  aliases: [{ tool: 'hadolint', code: 'DL4006', relation: 'same' }],
  category: 'correctness',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: 'Set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (or `set -o pipefail` in the RUN) before a RUN with a pipe. Fires on a RUN containing a pipe whose hidden failure could pass the build, when neither is in effect; PowerShell and cmd stages are left alone. A pipe is left alone when a failing left side cannot change the outcome or is handled where it is written: its status goes nowhere (`for f in $(ls | sort)`, `apt-mark manual $(… | …)`), its output is tested right after (`v=$(a | head -1); [ -n "$v" ]`), a grep at its end decides and the failure is handled next to it (`a | grep -q x || exit 1`, `if a | grep -q x; then`), or its left side cannot fail (`echo "$SHA256 *f" | sha256sum -c -`, `printf`, `cat <<EOF`).',
    why: 'A pipeline succeeds when its last command does: in `curl -fsSL $URL | tar -xz` a failed download still passes the build, and the image ships without the files. pipefail makes the step fail where it broke.',
    example: 'FROM debian:12-slim\nRUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin',
    instead: 'FROM debian:12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin',
    fixSafety:
      'Adds a SHELL line with bash (ash on Alpine) and `-o pipefail` before the first such RUN of the stage; declines where the image may have no bash (scratch, distroless, unknown bases). Unsafe: every later RUN of the stage then runs under that shell and fails on a broken pipe it used to ignore.',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      const pipe = ins.keyword === 'RUN' ? offendingPipe(model, ins) : undefined;
      if (!pipe) continue;
      report({
        range: { start: pipe[0].range.start, end: pipe.at(-1)!.range.end },
        message: 'This pipe hides failures of all but its last command: without `-o pipefail` the RUN succeeds even if an earlier stage of the pipe failed',
        fix: () => addShell(model, ins),
      });
    }
  },
});
