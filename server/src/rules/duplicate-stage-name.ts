import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'duplicate-stage-name',
  aliases: [
    { tool: 'hadolint', code: 'DL3024', relation: 'same' },
    { tool: 'buildkit', code: 'DuplicateStageName', relation: 'same' },
  ],
  category: 'correctness',
  severity: 'error',
  fixable: 'never',
  docs: {
    what: 'Give every stage its own name. Fires on `FROM … AS name` when an earlier stage already has that name (names are compared case-insensitively, as BuildKit does).',
    why: 'BuildKit refuses a Dockerfile with two stages of the same name, and older builders silently picked one of them for `COPY --from` and `--target`, so the image contained files from a stage nobody meant.',
    example: 'FROM node:22 AS build\nRUN npm ci\n\nFROM golang:1.23 AS build\nRUN go build ./...',
    instead: 'FROM node:22 AS web-build\nRUN npm ci\n\nFROM golang:1.23 AS api-build\nRUN go build ./...',
  },
  check({ model, report }) {
    const seen = new Map<string, number>();
    for (const stage of model.stages) {
      if (!stage.name || !stage.nameRange) continue;
      const key = stage.name.toLowerCase();
      const first = seen.get(key);
      if (first === undefined) seen.set(key, stage.from.range.start.line);
      else report({ range: stage.nameRange, message: `Stage name \`${stage.name}\` is already used on line ${first + 1}: BuildKit rejects the Dockerfile` });
    }
  },
});
