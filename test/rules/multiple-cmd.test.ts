import rule from '../../server/src/rules/multiple-cmd';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12 AS build\nCMD ["bash"]\nFROM debian:12\nCMD ["app"]', // one per stage
    'FROM debian:12\nCMD ["a"]\nONBUILD CMD ["b"]', // the trigger runs in another build
    'FROM debian:12\nENTRYPOINT ["a"]\nCMD ["b"]',
    'FROM debian:12\nHEALTHCHECK CMD curl -f http://localhost/\nCMD ["app"]', // HEALTHCHECK's CMD is not a CMD
    'CMD /bin/true',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nCMD bash\nRUN foo\nCMD another',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 4 }],
    },
    {
      // a file without FROM is one stage; every CMD but the last is reported, whatever its casing
      code: 'CMD a\ncmd b\nCMD c',
      findings: [
        { line: 1, column: 1, endLine: 1, endColumn: 4 },
        { line: 2, column: 1, endLine: 2, endColumn: 4 },
      ],
    },
    {
      code: 'FROM debian:12 AS one\nCMD ["x"]\nCMD ["y"]\nFROM debian:12\nCMD ["z"]',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 4 }],
    },
  ],
});
