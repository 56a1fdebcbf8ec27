import { onePerStageRule } from '../engine/onePerStage';

export default onePerStageRule({
  id: 'multiple-instructions-disallowed',
  aliases: [{ tool: 'buildkit', code: 'MultipleInstructionsDisallowed', relation: 'same' }],
  category: 'correctness',
  severity: 'warning',
  fixable: 'never',
  // multiple-cmd, multiple-entrypoint and multiple-healthchecks report the same findings and are on by default:
  // with this one on too, a user would see two squiggles for one problem
  defaultOff: true,
  docs: {
    what: "Keep one CMD, one ENTRYPOINT and one HEALTHCHECK per stage. Fires on each of them that a later one of the same kind in the same stage overrides. This is BuildKit's umbrella check, off by default and kept for teams that configure rules by that name; the specific rules `multiple-cmd`, `multiple-entrypoint` and `multiple-healthchecks` report the same findings and are on by default.",
    why: 'Only the last one takes effect; the earlier ones are dead code that a reader takes for the real start command or health check, which misleads anyone debugging the container.',
    example: 'FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off;"]\nCMD ["nginx-debug", "-g", "daemon off;"]',
    instead: 'FROM nginx:1.27\nCMD ["nginx-debug", "-g", "daemon off;"]',
  },
  keywords: ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'],
  umbrella: true,
});
