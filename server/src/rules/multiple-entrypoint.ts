import { onePerStageRule } from '../engine/onePerStage';

export default onePerStageRule({
  id: 'multiple-entrypoint',
  aliases: [
    { tool: 'hadolint', code: 'DL4004', relation: 'same' },
    { tool: 'buildkit', code: 'MultipleInstructionsDisallowed', relation: 'inspired' },
  ],
  category: 'correctness',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: "Keep one ENTRYPOINT per stage: delete the ones a later ENTRYPOINT replaces. Fires on each ENTRYPOINT followed by another ENTRYPOINT in the same stage (the ENTRYPOINT check of BuildKit's MultipleInstructionsDisallowed).",
    why: 'Only the last ENTRYPOINT takes effect. The earlier one is dead code that a reader takes for the program the container starts, which misleads whoever debugs why it runs something else.',
    example: 'FROM python:3.12-slim\nENTRYPOINT ["python"]\nCOPY app.py /app/\nENTRYPOINT ["python", "/app/app.py"]',
    instead: 'FROM python:3.12-slim\nCOPY app.py /app/\nENTRYPOINT ["python", "/app/app.py"]',
  },
  keywords: ['ENTRYPOINT'],
});
