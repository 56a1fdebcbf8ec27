import rule from '../../server/src/rules/useradd-high-uid-without-l';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN useradd luser',
    'FROM debian:12\nRUN useradd -u 12345 luser', // five digits is hadolint's limit
    'FROM debian:12\nRUN useradd -l -u 123456 luser',
    'FROM debian:12\nRUN useradd --no-log-init --uid 123456 luser',
    'FROM debian:12\nRUN useradd -lmu 123456 luser',
    'FROM debian:12\nRUN useradd -u "$APP_UID" luser',
    'FROM alpine:3.20\nRUN adduser -D -u 123456 luser',
    'FROM debian:12\nRUN echo useradd -u 123456 luser',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN useradd -u 123456 luser',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 28 }],
      output: 'FROM debian:12\nRUN useradd -l -u 123456 luser',
      safe: true,
    },
    {
      code: 'FROM debian:12\nRUN sudo useradd --uid=1000000 app',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 35 }],
      output: 'FROM debian:12\nRUN sudo useradd -l --uid=1000000 app',
    },
    {
      code: 'FROM debian:12\nRUN groupadd -g 200000 app && useradd -m -u 200000 -g app app',
      findings: [{ line: 2, column: 31, endLine: 2, endColumn: 62 }],
      output: 'FROM debian:12\nRUN groupadd -g 200000 app && useradd -l -m -u 200000 -g app app',
    },
    {
      code: 'FROM debian:12\nRUN ["useradd", "-u", "123456", "app"]',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 38 }],
      output: 'FROM debian:12\nRUN ["useradd", "-l", "-u", "123456", "app"]',
    },
    {
      code: 'FROM debian:12\nONBUILD RUN useradd -u 123456 luser',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 36 }],
      output: 'FROM debian:12\nONBUILD RUN useradd -l -u 123456 luser',
    },
  ],
});
