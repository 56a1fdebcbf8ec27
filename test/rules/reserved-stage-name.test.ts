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
    { code: 'FROM alpine AS Context', findings: [{ line: 1, column: 16, endLine: 1, endColumn: 23 }] },
  ],
});
