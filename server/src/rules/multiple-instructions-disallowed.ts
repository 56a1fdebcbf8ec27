import { replacedInStage } from '../engine/facts/runtime';
import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'multiple-instructions-disallowed',
  aliases: [{ tool: 'buildkit', code: 'MultipleInstructionsDisallowed', relation: 'same' }],
  category: 'correctness',
  severity: 'warning',
  fixable: 'never',
  // multiple-cmd, multiple-entrypoint and multiple-healthchecks report the same findings and are on by default:
  // with this one on too, a user would see two squiggles for one problem
  defaultOff: true,
  docs: {
    what: 'Keep one CMD, one ENTRYPOINT and one HEALTHCHECK per stage. Fires on each of them that a later one of the same kind in the same stage overrides. This is BuildKit\'s umbrella check, off by default and kept for teams that configure rules by that name; the specific rules `multiple-cmd`, `multiple-entrypoint` and `multiple-healthchecks` report the same findings and are on by default.',
    why: 'Only the last one takes effect; the earlier ones are dead code that a reader takes for the real start command or health check, which misleads anyone debugging the container.',
    example: 'FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off;"]\nCMD ["nginx-debug", "-g", "daemon off;"]',
    instead: 'FROM nginx:1.27\nCMD ["nginx-debug", "-g", "daemon off;"]',
  },
  check({ model, report }) {
    const replaced = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'].flatMap((k) => replacedInStage(model, k));
    for (const { ignored, by } of replaced.sort((a, b) => a.ignored.range.start.line - b.ignored.range.start.line)) {
      // BuildKit reports the earlier one: it is the one that is ignored
      report({ range: ignored.keywordRange, message: `This ${by.keyword} is ignored: the ${by.keywordText} on line ${by.range.start.line + 1} replaces it in the same stage` });
    }
  },
});
