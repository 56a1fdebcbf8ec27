import rule from '../../server/src/rules/copy-relative-without-workdir';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'COPY bla.sh /usr/local/bin/blubb.sh',
    'COPY bla.sh "/usr/local/bin/blubb.sh"',
    'COPY bla.sh c:\\system32\\blubb.sh',
    'COPY bla.sh d:/mypath/blubb.sh',
    'COPY src.sh ${SRC_BASE_ENV}',
    'COPY src.sh "$SRC_BASE_ENV"',
    'FROM scratch\nWORKDIR /usr\nCOPY bla.sh blubb.sh',
    'FROM debian:12 AS base\nWORKDIR /usr\nFROM debian:12 AS other\nRUN foo\nFROM base\nCOPY foo bar', // inherited from the stage it is built FROM
    'FROM debian:12\nONBUILD WORKDIR /usr/local/lib\nONBUILD COPY foo bar', // the child image decides
    'FROM debian:12\nONBUILD COPY foo bar',
    'FROM debian:12\nCOPY ["a.txt", "/srv/a.txt"]',
    'FROM debian:12\nCOPY <<EOF /etc/motd\nhello\nEOF',
    'FROM debian:12\nADD foo bar', // ADD is not COPY (hadolint checks COPY only)
  ],
  invalid: [
    {
      code: 'COPY bla.sh blubb.sh',
      findings: [{ line: 1, column: 13, endLine: 1, endColumn: 21 }],
    },
    {
      code: 'COPY bla.sh "blubb.sh"',
      findings: [{ line: 1, column: 13, endLine: 1, endColumn: 23 }],
    },
    {
      // the WORKDIR is in another stage, not one this stage is built FROM
      code: 'FROM debian:12 AS one\nWORKDIR /usr\nFROM debian:12\nCOPY --chown=app foo bar',
      findings: [{ line: 4, column: 22, endLine: 4, endColumn: 25 }],
    },
    {
      // a WORKDIR after the COPY comes too late
      code: 'FROM debian:12\nCOPY foo "my dir/"\nWORKDIR /app',
      findings: [{ line: 2, column: 10, endLine: 2, endColumn: 19 }],
    },
    {
      code: 'FROM debian:12\nCOPY ["a.txt", "b.txt"]',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 24 }],
    },
    {
      code: 'FROM debian:12\nCOPY <<EOF motd\nhello\nEOF',
      findings: [{ line: 2, column: 12, endLine: 2, endColumn: 16 }],
    },
  ],
});
