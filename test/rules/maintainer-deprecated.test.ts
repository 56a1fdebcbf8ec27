import rule from '../../server/src/rules/maintainer-deprecated';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian',
    'FROM scratch\nLABEL org.opencontainers.image.authors="me@example.org"',
    'FROM scratch\nLABEL maintainer="me@example.org"',
    'FROM scratch\n# MAINTAINER me',
  ],
  invalid: [
    {
      code: 'FROM busybox\nMAINTAINER hudu@mail.com',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 25 }],
      output: 'FROM busybox\nLABEL org.opencontainers.image.authors="hudu@mail.com"',
      safe: true,
    },
    {
      code: 'from debian\nmaintainer "Jane Doe" <jane@example.com>\n',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 41 }],
      output: 'from debian\nlabel org.opencontainers.image.authors="\\"Jane Doe\\" <jane@example.com>"\n',
    },
    {
      code: 'FROM debian\nMAINTAINER "BoJack Horseman"',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 29 }],
      output: 'FROM debian\nLABEL org.opencontainers.image.authors="BoJack Horseman"',
    },
    {
      code: 'MAINTAINER Lukas\nFROM DEBIAN',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 17 }],
      output: 'LABEL org.opencontainers.image.authors="Lukas"\nFROM DEBIAN',
    },
    {
      code: 'FROM debian\nMAINTAINER Jane \\\n  Doe',
      findings: [{ line: 2, column: 1, endLine: 3, endColumn: 6 }],
    },
  ],
});
