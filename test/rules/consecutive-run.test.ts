import rule from '../../server/src/rules/consecutive-run';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN /foo.sh',
    'FROM debian:12\nRUN /foo.sh\nWORKDIR /\nRUN /bar.sh',
    'FROM debian:12\nRUN foo && bar\nRUN baz', // chained on purpose: split deliberately
    'FROM debian:12\nRUN foo\nRUN bar; baz',
    'FROM debian:12\nRUN --mount=type=secret,id=a foo\nRUN bar', // different flags cannot merge
    'FROM debian:12\nRUN --mount=type=secret,id=a foo\nRUN --mount=type=secret,id=b bar',
    'FROM debian:12\nRUN foo\nONBUILD RUN bar',
    'FROM debian:12 AS a\nRUN foo\nFROM debian:12\nRUN bar',
    'FROM debian:12\nRUN <<EOF\nfoo\nEOF\nRUN bar',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN /foo.sh\nRUN /bar.sh',
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 12 }],
    },
    {
      // comments are not instructions: the RUNs are still consecutive
      code: 'FROM debian:12\nRUN /foo.sh\n# a comment\nRUN /bar.sh',
      findings: [{ line: 4, column: 1, endLine: 4, endColumn: 12 }],
    },
    {
      code: 'FROM debian:12\nRUN foo && bar\nRUN foo\nRUN bar',
      findings: [{ line: 4, column: 1, endLine: 4, endColumn: 8 }],
    },
    {
      code: 'FROM debian:12\nRUN --mount=type=secret,id=a foo\nRUN --mount=type=secret,id=a bar',
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 33 }],
    },
    {
      code: 'FROM debian:12\nRUN ["foo"]\nRUN ["bar"]',
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 12 }],
    },
  ],
});
