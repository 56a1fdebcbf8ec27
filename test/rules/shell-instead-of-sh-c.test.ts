import rule from '../../server/src/rules/shell-instead-of-sh-c';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'RUN ln -sf /bin/true /sbin/initctl',
    'ONBUILD RUN ln -sf /bin/true /sbin/initctl',
    'RUN ln -s foo bar && unrelated && something_with /bin/sh',
    'RUN ln -s /bin/sh /usr/local/bin/sh',
    'FROM debian\nSHELL ["/bin/bash", "-c"]',
  ],
  invalid: [
    { code: 'RUN ln -sfv /bin/bash /bin/sh', findings: [{ line: 1, column: 5, endLine: 1, endColumn: 30 }] },
    { code: 'ONBUILD RUN ln -sfv /bin/bash /bin/sh', findings: [{ line: 1, column: 13, endLine: 1, endColumn: 38 }] },
    { code: 'FROM debian\nRUN apt-get update && sudo ln -s -f bash /bin/sh', findings: [{ line: 2, column: 23, endLine: 2, endColumn: 49 }] },
  ],
});
