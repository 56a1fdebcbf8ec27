import { commandName } from '../engine/commands';
import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'cd-instead-of-workdir',
  aliases: [{ tool: 'hadolint', code: 'DL3003', relation: 'same' }],
  category: 'maintainability',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Use WORKDIR to change directory instead of `cd` in RUN. Fires on the first `cd` of each RUN, except inside `$(…)` where it only computes a path.',
    why: '`cd` lasts until the end of its RUN, so every later RUN, COPY and the CMD start back in the old directory; a reader has to track which RUN is where, and a step moved to another RUN quietly runs in the wrong place. WORKDIR states the directory once for every later instruction and creates it if needed.',
    example: 'FROM golang:1.23\nCOPY . /src\nRUN cd /src && go build -o /out/app .',
    instead: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      // one finding per RUN (as hadolint), on its first `cd`: the later ones are the same habit
      const cds = (ins.run?.commands ?? []).filter((c) => !c.inSubstitution && commandName(c) === 'cd');
      for (const cmd of cds.slice(0, 1)) {
        const dir = cmd.words[1]?.text;
        report({
          range: cmd.range,
          message: dir
            ? `\`cd ${dir}\` lasts only until the end of this RUN; WORKDIR sets the directory for every later instruction`
            : '`cd` lasts only until the end of this RUN; WORKDIR sets the directory for every later instruction',
        });
      }
    }
  },
});
