import type { Instruction } from '../engine/model';
import { defineRule } from '../engine/rule';

const ONCE = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

export default defineRule({
  id: 'multiple-instructions-disallowed',
  aliases: [{ tool: 'buildkit', code: 'MultipleInstructionsDisallowed', relation: 'same' }],
  category: 'correctness',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Keep one CMD, one ENTRYPOINT and one HEALTHCHECK per stage. Fires on each of them that a later one of the same kind in the same stage overrides (BuildKit\'s check, in every stage).',
    why: 'Only the last one takes effect; the earlier ones are dead code that a reader takes for the real start command or health check, which misleads anyone debugging the container.',
    example: 'FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off;"]\nCMD ["nginx-debug", "-g", "daemon off;"]',
    instead: 'FROM nginx:1.27\nCMD ["nginx-debug", "-g", "daemon off;"]',
  },
  check({ model, report }) {
    const scopes: (readonly Instruction[])[] = model.stages.length ? model.stages.map((s) => s.instructions) : [model.instructions];
    for (const scope of scopes) {
      const last = new Map<string, Instruction>();
      for (const ins of scope) {
        if (ins.onbuild || !ONCE.has(ins.keyword)) continue;
        const previous = last.get(ins.keyword);
        // BuildKit reports the earlier one: it is the one that is ignored
        if (previous) report({ range: previous.keywordRange, message: `This ${ins.keyword} is ignored: the ${ins.keywordText} on line ${ins.range.start.line + 1} replaces it in the same stage` });
        last.set(ins.keyword, ins);
      }
    }
  },
});
