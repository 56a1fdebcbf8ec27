import rule from '../../server/src/rules/stage-name-casing';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: ['FROM scratch AS base', 'from scratch AS base\nfrom scratch as base2', 'FROM Alpine', 'FROM scratch AS build-1.0_x'],
  invalid: [
    {
      code: 'FROM scratch AS BadStageName\nFROM scratch as base2',
      findings: [{ line: 1, column: 17, endLine: 1, endColumn: 29 }],
      output: 'FROM scratch AS badstagename\nFROM scratch as base2',
      safe: true,
    },
    {
      code: 'FROM golang AS Build\nRUN go build\nFROM Build AS Test\nFROM alpine\nCOPY --from=BUILD /a /a\nRUN --mount=type=cache,from=Build,target=/x true',
      findings: [
        { line: 1, column: 16, endLine: 1, endColumn: 21 },
        { line: 3, column: 15, endLine: 3, endColumn: 19 },
      ],
      output: 'FROM golang AS build\nRUN go build\nFROM build AS Test\nFROM alpine\nCOPY --from=build /a /a\nRUN --mount=type=cache,from=build,target=/x true',
    },
    {
      // a FROM that names the stage through a variable cannot be rewritten here
      code: 'ARG B=Build\nFROM golang AS Build\nFROM ${B}',
      findings: [{ line: 2, column: 16, endLine: 2, endColumn: 21 }],
    },
  ],
});
