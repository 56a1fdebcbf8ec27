import rule from '../../server/src/rules/instruction-casing';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'from scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar',
    'FROM scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar',
    "FROM alpine\nRUN <<'EOT'\nenv\nEOT",
    'FROM alpine\nONBUILD run echo', // the trigger is not an instruction of this build
    'FROM alpine\n# Run this',
    // lines that are no instruction (an ENTRYPOINT whose array went to the next line, heredoc leftovers, a word after
    // a lone carriage return) are syntax errors, not keywords to re-case: their text stays as the user wrote it
    'FROM alpine\nENTRYPOINT \n["/usr/bin/app"]',
    'FROM alpine\nRUN echo hi\nEOF\nCMD ["app"]',
    'from alpine\nrun echo hi\nEOF\nNOTE this is not an instruction',
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
    {
      // the majority is counted over instructions only: two stray upper-case words do not make `from`/`run` the minority
      code: 'from alpine\nrun echo hi\nEOF\nEOT\nCOPY a b',
      findings: [{ line: 5, column: 1, endLine: 5, endColumn: 5 }],
      output: 'from alpine\nrun echo hi\nEOF\nEOT\ncopy a b',
    },
  ],
});
