import rule from '../../server/src/rules/multiple-instructions-disallowed';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM scratch AS a\nENTRYPOINT ["/myapp"]\nCMD ["/myapp"]\nHEALTHCHECK CMD ["/myapp"]\n\nFROM a AS b\nENTRYPOINT ["/myotherapp"]\nCMD ["/myotherapp"]\nHEALTHCHECK CMD ["/myotherapp"]',
    'FROM scratch\nCMD ["a"]\nONBUILD CMD ["b"]',
    'FROM scratch\nHEALTHCHECK NONE\nCMD ["a"]',
  ],
  invalid: [
    {
      code: '\nFROM scratch\nENTRYPOINT ["/myapp"]\nENTRYPOINT ["/myotherapp"]\nCMD ["/myapp"]\nCMD ["/myotherapp"]\nHEALTHCHECK CMD ["/myapp"]\nHEALTHCHECK CMD ["/myotherapp"]',
      findings: [
        { line: 3, column: 1, endLine: 3, endColumn: 11 },
        { line: 5, column: 1, endLine: 5, endColumn: 4 },
        { line: 7, column: 1, endLine: 7, endColumn: 12 },
      ],
    },
    {
      code: 'CMD a\ncmd b\nCMD c',
      findings: [
        { line: 1, column: 1, endLine: 1, endColumn: 4 },
        { line: 2, column: 1, endLine: 2, endColumn: 4 },
      ],
    },
  ],
});
