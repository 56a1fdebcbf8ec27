import rule from '../../server/src/rules/unneeded-packages';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y curl',
    'FROM debian:12\nRUN apt-get install -y ssh', // hadolint DL3001 accepts it; the client is used for git
    'FROM debian:12\nRUN apt-get install -y procps vim-common',
    'FROM debian:12 AS tools\nRUN apt-get install -y vim\nFROM debian:12\nCOPY --from=tools /etc/vim /etc/vim', // only copied from
    'FROM debian:12\nRUN echo top',
    'FROM debian:12\nRUN apt-get remove -y vim',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get install -y curl vim',
      findings: [{ line: 2, column: 29, endLine: 2, endColumn: 32 }],
    },
    {
      code: 'FROM alpine:3.20\nRUN apk add --no-cache nano',
      findings: [{ line: 2, column: 24, endLine: 2, endColumn: 28 }],
    },
    {
      code: 'FROM debian:12\nRUN apt-get install -y openssh-server=1:9.2',
      findings: [{ line: 2, column: 24, endLine: 2, endColumn: 44 }],
    },
    {
      code: 'RUN top',
      findings: [{ line: 1, column: 5, endLine: 1, endColumn: 8 }],
    },
    {
      code: 'FROM debian:12\nONBUILD RUN service nginx start',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 32 }],
    },
  ],
});
