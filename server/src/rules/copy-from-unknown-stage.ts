import { defineRule } from '../engine/rule';
import { flagStageReferences } from '../engine/facts/stageReferences';

// `--from=` also takes an image; a reference with a tag, digest or registry path is one on purpose
const LOOKS_LIKE_IMAGE = /[:/@]/;

export default defineRule({
  id: 'copy-from-unknown-stage',
  aliases: [{ tool: 'hadolint', code: 'DL3022', relation: 'same' }],
  category: 'correctness',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Point `COPY --from=` at a stage defined above it (by name or index) or at a full image reference such as `nginx:1.27`. Fires on a name no earlier stage has, an index past the current stage, and a stage defined only further down.',
    why: "A `--from` that matches no stage is read as an image name: a typo such as `--from=biuld` makes Docker pull `docker.io/library/biuld`, failing the build at best and copying files from a stranger's image at worst.",
    example: 'FROM golang:1.23 AS build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static\nCOPY --from=builder /app /app',
    instead: 'FROM golang:1.23 AS build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      // an ONBUILD trigger runs in another Dockerfile, whose stages we cannot see
      if (ins.onbuild || ins.keyword !== 'COPY') continue;
      const here = ins.stage?.index ?? 0;
      for (const ref of flagStageReferences(model, ins)) {
        const v = ref.value;
        if (v.includes('$') || LOOKS_LIKE_IMAGE.test(v)) continue;
        if (/^\d+$/.test(v)) {
          if (Number(v) > here || (!ins.stage && Number(v) >= here))
            report({
              range: ref.range,
              message: `\`--from=${v}\` names stage ${v}, but only ${here} stage${here === 1 ? '' : 's'} come${here === 1 ? 's' : ''} before this one, so the build fails`,
            });
          continue;
        }
        const lower = v.toLowerCase();
        const stages = model.stages;
        if (stages.slice(0, here + (ins.stage ? 1 : 0)).some((s) => s.name?.toLowerCase() === lower)) continue;
        const later = stages.slice(here + 1).find((s) => s.name?.toLowerCase() === lower);
        report({
          range: ref.range,
          message: later
            ? `\`--from=${v}\` names a stage defined further down (line ${later.from.range.start.line + 1}); a stage can only copy from stages above it`
            : `No stage is named \`${v}\`: unless the build passes \`--build-context ${v}=…\`, Docker pulls an image called \`${v}\` from Docker Hub`,
        });
      }
    }
  },
});
