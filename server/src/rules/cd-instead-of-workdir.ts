import { commandName } from '../engine/facts/commands';
import { insertLinesBefore, keyword } from '../engine/fix/edits';
import type { DockerfileModel, Instruction, RunCommand } from '../engine/model';
import { defineRule, type Fix } from '../engine/rule';

/**
 * `RUN cd /abs && rest` -> `WORKDIR /abs` + `RUN rest`, when the cd opens the RUN, is its only cd, takes a plain
 * absolute path and is followed by `&&` on the same line. Declined otherwise.
 */
function toWorkdir(model: DockerfileModel, ins: Instruction, cd: RunCommand): Fix | undefined {
  const commands = ins.run!.commands;
  const dir = cd.words[1]?.value;
  if (ins.onbuild || ins.run!.jsonForm || ins.run!.fromHeredoc || commands[0] !== cd || cd.words.length !== 2 || commands.length < 2) return undefined;
  if (!dir || !/^\/[\w./-]*$/.test(dir) || commands.slice(1).some((c) => commandName(c) === 'cd')) return undefined;
  const after = model.text.slice(model.lines.offsetAt(cd.range.end), model.lines.offsetAt(commands[1].range.start));
  if (!/^[ \t]*&&[ \t]*$/.test(after)) return undefined;
  return {
    title: `Use WORKDIR ${dir}`,
    safe: false,
    // the RUN is one command shorter: next to another short RUN it may now be worth merging
    reveals: ['consecutive-run'],
    edits: [
      insertLinesBefore(model, ins, [`${keyword(model, 'WORKDIR')} ${dir}`]),
      { range: { start: cd.range.start, end: commands[1].range.start }, newText: '' },
    ],
  };
}

export default defineRule({
  id: 'cd-instead-of-workdir',
  aliases: [{ tool: 'hadolint', code: 'DL3003', relation: 'same' }],
  category: 'maintainability',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: 'Use WORKDIR to change directory instead of `cd` in RUN. Fires on the first `cd` of each RUN whose directory lasts to the end of the RUN: not inside `$(…)` (where it only computes a path) or a `( … )` subshell, not one that a later `cd -` undoes. `pushd`/`popd` are left alone.',
    why: '`cd` lasts until the end of its RUN, so every later RUN, COPY and the CMD start back in the old directory; a reader has to track which RUN is where, and a step moved to another RUN quietly runs in the wrong place. WORKDIR states the directory once for every later instruction and creates it if needed.',
    example: 'FROM golang:1.23\nCOPY . /src\nRUN cd /src && go build -o /out/app .',
    instead: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .',
    fixSafety:
      'Turns `RUN cd /dir && rest` into `WORKDIR /dir` and `RUN rest`, when the cd opens the RUN with a plain absolute path. Not safe: the WORKDIR also applies to every later instruction (COPY destinations, CMD), which is usually what was meant but changes where they run.',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      // one finding per RUN (as hadolint), on its first `cd` that changes the directory for the rest of the RUN: the
      // later ones are the same habit. A `cd` inside `( … )` or `$(…)` ends with it; `cd -` (or `cd "$OLDPWD"`) returns.
      const cds = (ins.run?.commands ?? []).filter((c) => !c.inSubstitution && !c.status.inSubshell && commandName(c) === 'cd');
      const returns = (c: RunCommand) => ['-', '$OLDPWD', '${OLDPWD}'].includes(c.words[1]?.text.replace(/^"(.*)"$/, '$1') ?? '');
      const lasting = cds.filter((c, i) => !returns(c) && !(cds[i + 1] && returns(cds[i + 1])));
      for (const cmd of lasting.slice(0, 1)) {
        const dir = cmd.words[1]?.text;
        report({
          range: cmd.range,
          message: dir
            ? `\`cd ${dir}\` lasts only until the end of this RUN; WORKDIR sets the directory for every later instruction`
            : '`cd` lasts only until the end of this RUN; WORKDIR sets the directory for every later instruction',
          fix: () => toWorkdir(model, ins, cmd),
        });
      }
    }
  },
});
