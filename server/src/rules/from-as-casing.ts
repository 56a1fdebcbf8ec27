import type { DockerfileModel, Stage } from '../engine/model';
import { defineRule } from '../engine/rule';
import { casingOf, inCasing } from '../engine/facts/casing';
import type { Range } from '../engine/text';

/** The `AS` word between the image and the stage name of a FROM. */
function asKeyword(model: DockerfileModel, stage: Stage): { text: string; range: Range } | undefined {
  if (!stage.nameRange) return undefined;
  const from = model.lines.offsetAt(stage.base.range.end);
  const to = model.lines.offsetAt(stage.nameRange.start);
  const m = /\bas\b/i.exec(model.text.slice(from, to));
  if (!m) return undefined;
  const at = from + m.index;
  return { text: m[0], range: { start: model.lines.positionAt(at), end: model.lines.positionAt(at + 2) } };
}

export default defineRule({
  id: 'from-as-casing',
  aliases: [{ tool: 'buildkit', code: 'FromAsCasing', relation: 'same' }],
  category: 'maintainability',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: 'Write `AS` in the same case as `FROM` (`FROM x AS y`, `from x as y`). Fires when FROM is all upper or all lower case and its AS is not.',
    why: "Mixed keyword casing is what BuildKit's own check flags in every `docker build`; keeping FROM and AS alike keeps that output clean, so real warnings are not lost among style ones.",
    example: 'FROM golang:1.23 as build\nRUN go build ./...',
    instead: 'FROM golang:1.23 AS build\nRUN go build ./...',
    fixSafety: 'Safe: keyword case has no meaning to the builder.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const from = stage.from.keywordText;
      const casing = casingOf(from);
      // a mixed-case FROM is instruction-casing's finding; BuildKit does not add this one
      if (casing === 'mixed') continue;
      const as = asKeyword(model, stage);
      if (!as || casingOf(as.text) === casing) continue;
      report({
        range: as.range,
        message: `\`${as.text}\` does not match the casing of \`${from}\``,
        fix: () => ({ title: `Write ${inCasing('as', casing)}`, safe: true, edits: [{ range: as.range, newText: inCasing('as', casing) }] }),
      });
    }
  },
});
