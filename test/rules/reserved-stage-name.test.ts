import rule from '../../server/src/rules/reserved-stage-name';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: ['FROM scratch\nFROM scratch AS a', 'FROM alpine AS scratchpad', 'FROM alpine AS build-context'],
  invalid: [
    {
      code: '\nFROM scratch AS scratch\nFROM scratch AS context',
      findings: [
        { line: 2, column: 17, endLine: 2, endColumn: 24 },
        { line: 3, column: 17, endLine: 3, endColumn: 24 },
      ],
    },
    {
      code: 'FROM alpine AS Context',
      findings: [{ line: 1, column: 16, endLine: 1, endColumn: 23 }],
      severity: 'warning',
      message: '`Context` is a name BuildKit reserves (the build context): BuildKit warns on every build and readers cannot tell the stage from the built-in',
    },
    // it builds: BuildKit only warns, so the finding is a warning that never claims the build fails
    {
      code: 'FROM scratch AS scratch',
      findings: [{ line: 1, column: 17, endLine: 1, endColumn: 24 }],
      severity: 'warning',
      message: /^`scratch` is a name BuildKit reserves \(the empty image\)/,
    },
  ],
});
