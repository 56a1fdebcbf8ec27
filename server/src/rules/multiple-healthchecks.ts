import { onePerStageRule } from '../engine/onePerStage';

export default onePerStageRule({
  id: 'multiple-healthchecks',
  aliases: [
    { tool: 'hadolint', code: 'DL3012', relation: 'same' },
    { tool: 'buildkit', code: 'MultipleInstructionsDisallowed', relation: 'inspired' },
  ],
  category: 'correctness',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: "Keep one HEALTHCHECK per stage: delete the ones a later HEALTHCHECK replaces. Fires on each HEALTHCHECK followed by another HEALTHCHECK in the same stage (the HEALTHCHECK check of BuildKit's MultipleInstructionsDisallowed).",
    why: 'Only the last HEALTHCHECK is used. The earlier one looks like the probe that decides whether the container is healthy, so someone tuning its interval or command changes nothing and wonders why.',
    example:
      'FROM nginx:1.27\nHEALTHCHECK CMD curl -fsS http://localhost/ || exit 1\nHEALTHCHECK --interval=10s CMD curl -fsS http://localhost/healthz || exit 1',
    instead: 'FROM nginx:1.27\nHEALTHCHECK --interval=10s CMD curl -fsS http://localhost/healthz || exit 1',
  },
  keywords: ['HEALTHCHECK'],
});
