import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'instruction-order',
  aliases: [{ tool: 'hadolint', code: 'DL3061', relation: 'same' }],
  category: 'correctness',
  severity: 'error',
  fixable: 'never',
  docs: {
    what: 'Start the Dockerfile with `FROM` (only `ARG`, comments and parser directives may come before it). Fires on any other instruction above the first FROM.',
    why: 'Instructions before the first FROM belong to no stage: BuildKit rejects the file ("no build stage in current context"), so it never builds.',
    example: 'LABEL org.opencontainers.image.source="https://github.com/acme/app"\nFROM alpine:3.20',
    instead: 'ARG ALPINE=3.20\nFROM alpine:${ALPINE}\nLABEL org.opencontainers.image.source="https://github.com/acme/app"',
  },
  check({ model, report }) {
    // a file without any FROM is a fragment (or a syntax error); the order of its instructions means nothing yet
    if (model.stages.length === 0) return;
    for (const ins of model.instructions) {
      if (ins.stage) break;
      if (ins.keyword === 'ARG' || ins.onbuild) continue;
      report({ range: ins.keywordRange, message: `\`${ins.keywordText}\` comes before the first FROM, where only ARG is allowed: the build fails` });
    }
  },
});
