import { defineRule } from '../engine/rule';
import { comparePositions, type Range } from '../engine/text';

const within = (inner: Range, outer: Range) => comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;

export default defineRule({
  id: 'env-self-reference',
  aliases: [{ tool: 'hadolint', code: 'DL3044', relation: 'same' }],
  category: 'correctness',
  severity: 'error',
  fixable: 'never',
  docs: {
    what: 'Split an ENV whose value uses a variable set earlier in the same ENV into two ENV instructions. Fires on `ENV A=1 B=$A`.',
    why: 'All values of one ENV are expanded before any of its variables is set, so `$A` is the value A had before the instruction (usually empty), not the one just written. The image then carries a silently wrong PATH or config path.',
    example: 'FROM python:3.12-slim\nENV APP_HOME=/app APP_DATA=$APP_HOME/data',
    instead: 'FROM python:3.12-slim\nENV APP_HOME=/app\nENV APP_DATA=$APP_HOME/data',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'ENV') continue;
      const pairs = ins.keyValues;
      if (pairs.length < 2) continue;
      const vars = ins.variables;
      const earlier = new Set<string>();
      for (const kv of pairs) {
        for (const v of vars) {
          if (!kv.valueRange || !within(v.range, kv.valueRange) || !earlier.has(v.name)) continue;
          report({ range: v.range, message: `\`$${v.name}\` expands to its value from before this ENV, not the one set earlier in the same instruction` });
        }
        earlier.add(kv.name);
      }
    }
  },
});
