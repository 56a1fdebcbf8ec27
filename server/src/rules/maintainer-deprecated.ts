import { keyword } from '../engine/fix/edits';
import { textOf, type Instruction, type DockerfileModel } from '../engine/model';
import { defineRule, type Fix } from '../engine/rule';

/** `LABEL org.opencontainers.image.authors="…"` with the MAINTAINER text; declines on multi-line arguments. */
function toLabel(model: DockerfileModel, ins: Instruction): Fix | undefined {
  const args = ins.argumentsRange;
  if (!args || args.start.line !== args.end.line) return undefined;
  let author = textOf(model, args).trim();
  // MAINTAINER takes the rest of the line verbatim; a quoted name keeps its quotes in the image, but no one means them
  const quoted = /^"(.*)"$/.exec(author) ?? /^'(.*)'$/.exec(author);
  if (quoted) author = quoted[1];
  if (author.includes('$')) return undefined;
  const value = JSON.stringify(author);
  return {
    title: 'Replace MAINTAINER with the org.opencontainers.image.authors label',
    safe: true,
    edits: [{ range: { start: ins.keywordRange.start, end: args.end }, newText: `${keyword(model, 'LABEL')} org.opencontainers.image.authors=${value}` }],
  };
}

export default defineRule({
  id: 'maintainer-deprecated',
  aliases: [
    { tool: 'hadolint', code: 'DL4000', relation: 'same' },
    { tool: 'buildkit', code: 'MaintainerDeprecated', relation: 'same' },
  ],
  category: 'maintainability',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: 'Replace `MAINTAINER` with `LABEL org.opencontainers.image.authors="…"`. Fires on every MAINTAINER instruction.',
    why: 'MAINTAINER has been deprecated since Docker 1.13 and only fills the legacy `Author` field, which registries, scanners and `docker inspect --format "{{ .Config.Labels }}"` do not read. The OCI label is where tooling looks for who owns an image.',
    example: 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>',
    instead: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"',
    fixSafety:
      'Safe: the same text moves to the OCI authors label; what runs in the image is unchanged. Declines when the MAINTAINER text spans lines or uses a variable.',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'MAINTAINER') continue;
      report({
        range: ins.range,
        message: '`MAINTAINER` is deprecated: its text lands in a legacy field that tools no longer read',
        tags: ['deprecated'],
        fix: () => (ins.onbuild ? undefined : toLabel(model, ins)),
      });
    }
  },
});
