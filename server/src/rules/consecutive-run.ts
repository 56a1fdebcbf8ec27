import type { Instruction } from '../engine/model';
import { defineRule } from '../engine/rule';

const flagsOf = (ins: Instruction) => ins.flags.map((f) => `${f.name}=${f.value ?? ''}`).join(' ');

export default defineRule({
  id: 'consecutive-run',
  aliases: [{ tool: 'hadolint', code: 'DL3059', relation: 'same' }],
  category: 'size',
  severity: 'information',
  fixable: 'never',
  checklist: { item: 'few-layers' },
  docs: {
    what: 'Merge consecutive single-command `RUN` instructions into one. Fires on a `RUN` of one command right after another with the same flags; `RUN`s that already chain commands with `&&` or `;` are left alone, as they were split on purpose.',
    why: 'Each `RUN` is a layer: files written by one and deleted by the next still ship, and every layer adds a round of cache lookups, pushes and pulls. Several tiny `RUN`s in a row are usually an accident of editing.',
    example: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl',
    instead: 'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl',
  },
  check({ model, report }) {
    let previous: Instruction | undefined;
    for (const ins of model.instructions) {
      if (ins.onbuild) continue;
      // only RUNs of exactly one command join up; any other instruction (comments are not instructions) breaks the run
      const single =
        ins.keyword === 'RUN' &&
        ins.run !== undefined &&
        !ins.run.fromHeredoc &&
        !ins.run.foreignShell &&
        ins.run.commands.filter((c) => !c.inSubstitution).length === 1;
      if (single && previous && flagsOf(previous) === flagsOf(ins)) {
        report({
          range: ins.range,
          message: `This \`RUN\` adds a layer of its own right after the \`RUN\` on line ${previous.range.start.line + 1}; merged, the two would make one layer`,
        });
      }
      // ONBUILD's own instruction is followed by its trigger; neither joins a run
      previous = single ? ins : undefined;
    }
  },
});
