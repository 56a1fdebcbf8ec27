import { defineRule } from '../engine/rule';
import { referencesTo } from '../engine/facts/stageReferences';

export default defineRule({
  id: 'stage-name-casing',
  aliases: [{ tool: 'buildkit', code: 'StageNameCasing', relation: 'same' }],
  category: 'maintainability',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: 'Write stage names in lower case (`AS build`). Fires on a stage name with an upper-case letter.',
    why: 'BuildKit lower-cases stage names, so `AS Build` and `--from=build` are the same stage; mixed case only invites the reader to think they differ, and `--target` values copied from the file look inconsistent in CI scripts.',
    example: 'FROM golang:1.23 AS Build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static\nCOPY --from=Build /app /app',
    instead: 'FROM golang:1.23 AS build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app',
    fixSafety:
      'Safe: BuildKit compares stage names case-insensitively, so lower-casing the name and every `FROM`, `--from=` and `--mount from=` that names it builds the same image. Declines when a `FROM` reaches the stage through a variable.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      if (!stage.name || !stage.nameRange || stage.name === stage.name.toLowerCase()) continue;
      const lower = stage.name.toLowerCase();
      report({
        range: stage.nameRange,
        message: `Stage name \`${stage.name}\` is not lower-case; BuildKit reads it as \`${lower}\``,
        fix: () => {
          const refs = referencesTo(model, stage);
          if (refs.some((r) => r.value.includes('$'))) return undefined;
          return {
            title: `Rename stage to ${lower}`,
            safe: true,
            edits: [stage.nameRange!, ...refs.map((r) => r.range)].map((range) => ({ range, newText: lower })),
          };
        },
      });
    }
  },
});
