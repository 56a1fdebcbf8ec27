import rule from '../../server/src/rules/workdir-relative';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nWORKDIR /usr/local',
    'FROM debian:12\nWORKDIR "/usr/local"',
    'FROM debian:12\nWORKDIR ${work}',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:/app',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR "C:\\\\Program Files\\\\OpenSSL\\\\bin"', // a quoted path with blanks, backslashes escaped
    'FROM debian:12\nWORKDIR /app\nWORKDIR subdir', // relative to a known absolute directory
    'FROM debian:12 AS a\nWORKDIR /app\nFROM a\nWORKDIR subdir/', // inherited from the base stage
  ],
  invalid: [
    { code: 'FROM debian:12\nWORKDIR relative/dir', findings: [{ line: 2, column: 9, endLine: 2, endColumn: 21 }] },
    { code: "WORKDIR 'app'", findings: [{ line: 1, column: 9, endLine: 1, endColumn: 14 }] },
    { code: 'FROM debian:12 AS a\nWORKDIR /app\nFROM debian:12\nWORKDIR app', findings: [{ line: 4, column: 9, endLine: 4, endColumn: 12 }] },
  ],
});
