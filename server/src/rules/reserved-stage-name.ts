import { defineRule } from '../engine/rule';

// names BuildKit gives a meaning of its own: `FROM scratch` and the build context in `--from=context`
const RESERVED = new Set(['scratch', 'context']);

export default defineRule({
  id: 'reserved-stage-name',
  aliases: [{ tool: 'buildkit', code: 'ReservedStageName', relation: 'same' }],
  category: 'correctness',
  severity: 'error',
  fixable: 'never',
  docs: {
    what: 'Name stages something other than `scratch` or `context`. Fires on `FROM … AS scratch` and `FROM … AS context` in any casing.',
    why: 'Both words already mean something to BuildKit (the empty image, the build context), so BuildKit refuses the stage name: the Dockerfile does not build.',
    example: 'FROM alpine:3.20 AS context\nRUN echo hi > /hi\n\nFROM scratch\nCOPY --from=context /hi /hi',
    instead: 'FROM alpine:3.20 AS prepare\nRUN echo hi > /hi\n\nFROM scratch\nCOPY --from=prepare /hi /hi',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      if (!stage.name || !stage.nameRange || !RESERVED.has(stage.name.toLowerCase())) continue;
      report({ range: stage.nameRange, message: `\`${stage.name}\` is a name BuildKit reserves, so it refuses it as a stage name` });
    }
  },
});
