import { defineRule } from '../engine/rule';
import { flagStageReferences } from '../engine/facts/stageReferences';

export default defineRule({
  id: 'copy-from-own-stage',
  aliases: [{ tool: 'hadolint', code: 'DL3023', relation: 'same' }],
  category: 'correctness',
  severity: 'error',
  fixable: 'never',
  docs: {
    what: 'Copy from another stage or from the build context, not from the stage being built. Fires on `COPY --from=<name or index>` that names the stage it is in.',
    why: 'A stage cannot read its own result while it is being built: BuildKit stops with a circular-dependency error, so the Dockerfile never builds.',
    example: 'FROM node:22 AS build\nRUN npm ci && npm run build\nCOPY --from=build /app/dist /srv',
    instead: 'FROM node:22 AS build\nRUN npm ci && npm run build\n\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      const stage = ins.stage;
      if (ins.onbuild || !stage || ins.keyword !== 'COPY') continue;
      for (const ref of flagStageReferences(model, ins)) {
        const own = /^\d+$/.test(ref.value) ? Number(ref.value) === stage.index : ref.value.toLowerCase() === stage.name?.toLowerCase();
        if (own) report({ range: ref.range, message: `\`--from=${ref.value}\` is the stage this COPY is in, which cannot copy from itself: the build fails` });
      }
    }
  },
});
