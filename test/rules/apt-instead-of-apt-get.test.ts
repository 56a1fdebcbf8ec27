import rule from '../../server/src/rules/apt-instead-of-apt-get';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
    'FROM debian:12\nRUN apt-cache policy curl',
    'FROM debian:12\nRUN apt-key add /tmp/key.gpg',
    'FROM debian:12\nRUN echo apt install curl',
    'FROM debian:12\nRUN apt-get install -y apt',
    'FROM debian:12\nRUN aptitude install -y curl',
  ],
  invalid: [
    {
      // --update is apt's own (apt 2.7+): apt-get would refuse it, so no rename
      code: 'FROM debian:13-slim\nRUN apt install -y --update curl',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 8 }],
    },
    {
      code: 'FROM debian:12\nRUN apt install -y curl',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 8 }],
      output: 'FROM debian:12\nRUN apt-get install -y curl',
      safe: true,
    },
    {
      code: 'FROM debian:12\nRUN apt update && sudo /usr/bin/apt install -y curl',
      findings: [
        { line: 2, column: 5, endLine: 2, endColumn: 8 },
        { line: 2, column: 24, endLine: 2, endColumn: 36 },
      ],
      output: 'FROM debian:12\nRUN apt-get update && sudo /usr/bin/apt install -y curl',
    },
    {
      // apt upgrade also installs new dependencies that apt-get upgrade holds back
      code: 'FROM ubuntu:24.04\nRUN apt upgrade -y',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 8 }],
      output: 'FROM ubuntu:24.04\nRUN apt-get upgrade -y',
      safe: false,
    },
    {
      // apt-get has no "list"
      code: 'FROM debian:12\nRUN apt list --installed',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 8 }],
    },
    {
      code: 'FROM debian:12\nRUN ["apt", "install", "-y", "curl"]',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 11 }],
    },
    {
      code: 'FROM debian:12\nONBUILD RUN apt-get update && apt install -y curl',
      findings: [{ line: 2, column: 31, endLine: 2, endColumn: 34 }],
      output: 'FROM debian:12\nONBUILD RUN apt-get update && apt-get install -y curl',
    },
  ],
});
