import { defineRule } from '../engine/rule';

// names BuildKit gives a meaning of its own: `FROM scratch` and the build context in `--from=context`
const RESERVED = new Set(['scratch', 'context']);

export default defineRule({
  id: 'reserved-stage-name',
  aliases: [
    { tool: 'hadolint', code: 'DL3063', relation: 'same' },
    { tool: 'buildkit', code: 'ReservedStageName', relation: 'same' },
  ],
  category: 'correctness',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Name stages something other than `scratch` or `context`. Fires on `FROM … AS scratch` and `FROM … AS context` in any casing.',
    why: 'Both words already mean something to BuildKit: `scratch` is the empty image and `context` names the build context (`COPY --from=context`, `--build-context`). The build still runs, but BuildKit warns on every build (and fails it under `# check=error=true`), and a reader cannot tell whether a later `FROM scratch` or `--from=context` means the stage or the built-in.',
    example: 'FROM alpine:3.20 AS context\nRUN echo hi > /hi\n\nFROM scratch\nCOPY --from=context /hi /hi',
    instead: 'FROM alpine:3.20 AS prepare\nRUN echo hi > /hi\n\nFROM scratch\nCOPY --from=prepare /hi /hi',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      if (!stage.name || !stage.nameRange || !RESERVED.has(stage.name.toLowerCase())) continue;
      report({
        range: stage.nameRange,
        message: `\`${stage.name}\` is a name BuildKit reserves (${stage.name.toLowerCase() === 'scratch' ? 'the empty image' : 'the build context'}): BuildKit warns on every build and readers cannot tell the stage from the built-in`,
      });
    }
  },
});
