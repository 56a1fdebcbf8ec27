import rule from '../../server/src/rules/instruction-casing';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'from scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar',
    'FROM scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar',
    "FROM alpine\nRUN <<'EOT'\nenv\nEOT",
    'FROM alpine\nONBUILD run echo', // the trigger is not an instruction of this build
    'FROM alpine\n# Run this',
  ],
  invalid: [
    {
      code: 'From scratch as base\nFROM scratch AS base2',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      output: 'FROM scratch as base\nFROM scratch AS base2',
      safe: true,
    },
    {
      code: 'FROM scratch\ncopy Dockerfile /foo\nCOPY Dockerfile /bar',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 5 }],
      output: 'FROM scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar',
    },
    {
      code: 'from scratch\nCOPY Dockerfile /foo\ncopy Dockerfile /bar\ncopy Dockerfile /baz',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 5 }],
      output: 'from scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\ncopy Dockerfile /baz',
    },
    {
      code: 'frOM scratch as base\nfrom scratch as base2',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      output: 'from scratch as base\nfrom scratch as base2',
    },
    {
      code: '  Workdir /app\r\nFROM x',
      findings: [{ line: 1, column: 3, endLine: 1, endColumn: 10 }],
      output: '  WORKDIR /app\r\nFROM x',
    },
  ],
});
