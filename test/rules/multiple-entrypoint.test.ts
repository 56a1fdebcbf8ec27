import rule from '../../server/src/rules/multiple-entrypoint';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12 AS one\nENTRYPOINT ["bash"]\nFROM debian:12\nENTRYPOINT ["app"]',
    'FROM debian:12\nENTRYPOINT ["a"]\nONBUILD ENTRYPOINT ["b"]',
    'FROM debian:12\nENTRYPOINT ["a"]\nCMD ["b"]\nCMD ["c"]', // CMDs are multiple-cmd's business
    'ENTRYPOINT /bin/true',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nENTRYPOINT bash\nRUN foo\nENTRYPOINT another',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 11 }],
    },
    {
      code: 'FROM debian:12 AS one\n  entrypoint ["x"]\nENTRYPOINT ["y"]\nFROM debian:12\nENTRYPOINT ["z"]',
      findings: [{ line: 2, column: 3, endLine: 2, endColumn: 13 }],
    },
  ],
});
