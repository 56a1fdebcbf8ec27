import rule from '../../server/src/rules/multiple-healthchecks';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM scratch',
    'FROM scratch\nHEALTHCHECK CMD ["/bin/check"]',
    'FROM scratch AS a\nHEALTHCHECK CMD ["/bin/a"]\nFROM scratch\nHEALTHCHECK CMD ["/bin/b"]',
    'FROM scratch\nHEALTHCHECK CMD ["/bin/a"]\nONBUILD HEALTHCHECK NONE',
  ],
  invalid: [
    {
      code: 'FROM scratch\nHEALTHCHECK CMD /bin/bla1\nHEALTHCHECK CMD /bin/bla2',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 12 }],
    },
    {
      // NONE replaces the check before it too
      code: 'FROM nginx:1.27\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/\nCOPY site /usr/share/nginx/html\nHEALTHCHECK NONE',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 12 }],
    },
  ],
});
