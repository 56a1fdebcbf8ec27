import rule from '../../server/src/rules/expose-invalid';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM nginx:1.27\nEXPOSE 80 443/tcp 53/udp 9000/sctp',
    'FROM nginx:1.27\nEXPOSE 0 65535',
    'FROM nginx:1.27\nEXPOSE 40000-60000/tcp',
    'FROM nginx:1.27\nEXPOSE ${PORT}',
    'FROM nginx:1.27\nEXPOSE 40000-${HIGH}',
    'FROM nginx:1.27\nARG PORT=8080\nEXPOSE $PORT/tcp',
  ],
  invalid: [
    {
      code: 'FROM nginx:1.27\nEXPOSE 80000',
      findings: [{ line: 2, column: 8, endLine: 2, endColumn: 13 }],
    },
    {
      code: 'FROM nginx:1.27\nEXPOSE 40000-80000/tcp',
      findings: [{ line: 2, column: 8, endLine: 2, endColumn: 23 }],
    },
    {
      code: 'FROM nginx:1.27\nEXPOSE 9000-8000',
      findings: [{ line: 2, column: 8, endLine: 2, endColumn: 17 }],
    },
    {
      code: 'FROM scratch\nEXPOSE 127.0.0.1:80:80 [::1]:8080:8080 5000:5000 8000',
      findings: [
        { line: 2, column: 8, endLine: 2, endColumn: 23 },
        { line: 2, column: 24, endLine: 2, endColumn: 39 },
        { line: 2, column: 40, endLine: 2, endColumn: 49 },
      ],
    },
    {
      code: 'FROM scratch\nEXPOSE 80/TcP',
      findings: [{ line: 2, column: 8, endLine: 2, endColumn: 14 }],
      output: 'FROM scratch\nEXPOSE 80/tcp',
      safe: true,
    },
    {
      code: 'FROM scratch\nexpose 8000-8010/UDP 80',
      findings: [{ line: 2, column: 8, endLine: 2, endColumn: 21 }],
      output: 'FROM scratch\nexpose 8000-8010/udp 80',
    },
    {
      code: 'FROM scratch\nONBUILD EXPOSE http 80/xyz',
      findings: [
        { line: 2, column: 16, endLine: 2, endColumn: 20 },
        { line: 2, column: 21, endLine: 2, endColumn: 27 },
      ],
    },
  ],
});
