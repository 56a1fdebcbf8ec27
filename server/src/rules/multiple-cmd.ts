import { onePerStageRule } from '../engine/onePerStage';

export default onePerStageRule({
  id: 'multiple-cmd',
  aliases: [
    { tool: 'hadolint', code: 'DL4003', relation: 'same' },
    { tool: 'buildkit', code: 'MultipleInstructionsDisallowed', relation: 'inspired' },
  ],
  category: 'correctness',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: "Keep one CMD per stage: delete the ones a later CMD replaces. Fires on each CMD followed by another CMD in the same stage (the CMD check of BuildKit's MultipleInstructionsDisallowed).",
    why: 'Only the last CMD takes effect. The earlier one is dead code that a reader takes for the real start command, which misleads whoever debugs why the container does something else.',
    example: 'FROM node:22-slim\nCMD ["node", "server.js"]\nCOPY . /app\nCMD ["node", "/app/server.js"]',
    instead: 'FROM node:22-slim\nCOPY . /app\nCMD ["node", "/app/server.js"]',
  },
  keywords: ['CMD'],
});
